// sync/sync.hpp: the update client's API, used by `kiosk-sync` and by the kiosk's admin
// screen (run now, show status, roll back). No UI here: the caller draws the results.
//
// One run (RunOnce): conditional GET of the signed manifest from the portal, then the
// mirrors; signature check against the pinned keys; The Update Framework's checks
// (unknown key, rollback, freeze, endless data, mix and match); download of the delta
// from the installed version or the full pack, resumed across runs; rebuild and
// verification; atomic switch of DATA_DIR/current. The previous pack stays for Rollback.
// Every run is recorded in DATA_DIR/state.sqlite. Runs are serialised by a lock file:
// a second concurrent run fails at once instead of waiting. Each run first checks the
// installed pack against the sha256 it was installed with and repairs a damaged one
// (falls back to the previous pack, then updates as usual); every run ends by
// run_timeout_seconds. Text that came from outside (a server's headers, a pack's
// strings) reaches RunReport, the log callback and the JSON only through
// pack::PrintableText / pack::DumpJson (content-pack/text_safety.hpp).
#pragma once

#include <atomic>
#include <cstdint>
#include <ctime>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sync/admin_lock.hpp"
#include "sync/settings.hpp"

namespace kiosk::sync {

enum class RunResult {
  Updated,         // a newer pack is installed and current      (kiosk-sync exit 0)
  AlreadyCurrent,  // nothing to do                               (exit 10)
  Failed,          // anything else; the installed pack untouched (exit 1)
};

struct RunReport {
  RunResult result = RunResult::Failed;
  int64_t from_version = 0;   // installed before the run (0: none)
  int64_t to_version = 0;     // installed after the run
  int64_t bytes = 0;          // bytes received over the network (or read from file://)
  bool used_delta = false;
  std::string source;         // the portal or mirror that served the manifest
  std::string error;          // empty unless Failed: the exact cause, for technicians
  std::string note;           // e.g. why nothing was done
};

struct RunOptions {
  // Progress of the current download: (bytes done, bytes expected). Any thread.
  std::function<void(int64_t, int64_t)> progress;
  // One line per step, for the journal / admin screen.
  std::function<void(const std::string&)> log;
  // The run entered a stage: "check" (the installed pack), "manifest" (fetch and verify
  // the signed manifest), "download", "rebuild", "install". Shown on the admin screen.
  std::function<void(const char*)> stage;
  // Set to true from another thread to abort; the partial download is kept.
  const std::atomic<bool>* cancel = nullptr;
  std::time_t now = 0;        // 0: the clock (tests pin it to check expiry)
};

RunReport RunOnce(const SyncSettings& settings, const RunOptions& options = {});

struct InstalledPack {
  std::string pack_id;
  int64_t version = 0;
  std::string path;           // absolute path of DATA_DIR/packs/<pack_id>-<version>.sqlite
};

struct RunRecord {
  std::string time;           // ISO 8601 UTC
  std::string result;         // "updated", "current", "failed", "rollback"
  int64_t from_version = 0;   // installed before the run
  int64_t version = 0;        // installed after the run
  int64_t bytes = 0;          // bytes received
  std::string error;          // empty unless failed
  std::string note;           // what happened, for people
};

struct SyncStatus {
  std::optional<InstalledPack> current;   // what DATA_DIR/current points to
  std::optional<InstalledPack> previous;  // what Rollback would switch to
  int64_t trusted_version = 0;            // highest signed version accepted (never goes down)
  std::string trusted_expires;            // expiry of that manifest
  bool frozen = false;                    // the portal serves only expired manifests
  std::string frozen_reason;
  int64_t held_version = 0;               // rolled back from: not reinstalled until newer
  std::vector<RunRecord> last_runs;       // newest first
};

pack::Expected<SyncStatus> ReadStatus(const SyncSettings& settings, int max_runs = 10);
std::string StatusToJson(const SyncStatus& status);

// Switches DATA_DIR/current to the previous installed pack (checked to open and verify
// first) and holds the version rolled back from, so the nightly run does not reinstall
// it; a newer version published later installs normally. Fails when there is none.
pack::Expected<InstalledPack> Rollback(const SyncSettings& settings);

// DATA_DIR/current: the path the kiosk opens with pack::PackReader.
std::string CurrentPackPath(const std::string& data_dir);

// The kiosk's admin PIN lockout: sync/admin_lock.hpp (included above).

}  // namespace kiosk::sync
