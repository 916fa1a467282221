// sync/src/state_store.hpp: DATA_DIR/state.sqlite, the client's memory across runs and
// reboots: the trusted state (highest signed version accepted, the key that signed it,
// its manifest and expiry, freeze and hold flags), the sha256 of each installed pack,
// HTTP validators per manifest url, and the run history. SQLite in WAL mode, so a kill
// -9 at any instant leaves the last committed state. A file that is not a healthy
// database is set aside (state.sqlite.bad-TIME) and a new one made: the run then
// rebuilds what it needs from the installed packs it can verify.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content-pack/pack_reader.hpp"
#include "sync/sync.hpp"

struct sqlite3;

namespace kiosk::sync {

// The schema (documented in docs/sync.md; kept here so there is one copy).
inline constexpr const char* kStateSchema = R"sql(
CREATE TABLE IF NOT EXISTS trusted(
  pack_id         TEXT PRIMARY KEY,
  version         INTEGER NOT NULL DEFAULT 0,  -- highest signed version accepted; never decreases
  expires         TEXT NOT NULL DEFAULT '',    -- expiry of that manifest (ISO 8601 UTC)
  manifest        TEXT NOT NULL DEFAULT '',    -- its JSON, so a 304 can finish an interrupted update
  manifest_sha256 TEXT NOT NULL DEFAULT '',
  frozen          INTEGER NOT NULL DEFAULT 0,  -- 1: every source served an expired manifest
  frozen_reason   TEXT NOT NULL DEFAULT '',
  held_version    INTEGER NOT NULL DEFAULT 0,  -- rolled back from; versions <= it are not reinstalled
  updated         TEXT NOT NULL DEFAULT '',
  key_id          TEXT NOT NULL DEFAULT ''     -- the pinned key that signed that manifest
);
CREATE TABLE IF NOT EXISTS installed(
  pack_id         TEXT NOT NULL,
  version         INTEGER NOT NULL,
  sha256          TEXT NOT NULL,               -- of the pack file as installed (the manifest's raw sha256)
  key_id          TEXT NOT NULL DEFAULT '',    -- the key whose manifest named it; '' = verified locally
  PRIMARY KEY(pack_id, version)
);
CREATE TABLE IF NOT EXISTS http_cache(
  url             TEXT PRIMARY KEY,            -- a manifest url (portal or mirror)
  etag            TEXT NOT NULL DEFAULT '',
  last_modified   TEXT NOT NULL DEFAULT '',
  manifest_sha256 TEXT NOT NULL                -- the verified manifest those validators name
);
CREATE TABLE IF NOT EXISTS runs(
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  time            TEXT NOT NULL,               -- ISO 8601 UTC, end of the run
  result          TEXT NOT NULL,               -- updated | current | failed | rollback
  from_version    INTEGER NOT NULL DEFAULT 0,
  to_version      INTEGER NOT NULL DEFAULT 0,
  bytes           INTEGER NOT NULL DEFAULT 0,  -- bytes received
  source          TEXT NOT NULL DEFAULT '',
  error           TEXT NOT NULL DEFAULT '',    -- empty unless failed: the exact cause
  note            TEXT NOT NULL DEFAULT ''     -- what happened, e.g. "installed version 7 from a delta"
);
CREATE TABLE IF NOT EXISTS admin_lock(
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  failures        INTEGER NOT NULL DEFAULT 0,  -- wrong admin PINs in a row
  locked_until    INTEGER NOT NULL DEFAULT 0   -- unix seconds; the PIN pad is locked until then
);
)sql";

struct TrustedState {
  int64_t version = 0;
  std::string expires;
  std::string manifest;
  std::string manifest_sha256;
  bool frozen = false;
  std::string frozen_reason;
  int64_t held_version = 0;
  std::string key_id;          // KeyIdHex() of the key that signed MANIFEST
};

struct HttpValidators {
  std::string etag;
  std::string last_modified;
  std::string manifest_sha256;
};

struct InstalledRecord {
  std::string sha256;
  std::string key_id;
};

class StateStore {
 public:
  // Opens (creating) DATA_DIR/state.sqlite. A file that is not a database or fails its
  // quick_check is renamed to state.sqlite.bad-TIME first; *SET_ASIDE then names it.
  static pack::Expected<std::unique_ptr<StateStore>> Open(const std::string& path, const std::string& pack_id,
                                                          std::string* set_aside = nullptr);
  ~StateStore();

  // False (LastError() says why) when the row cannot be read.
  bool Trusted(TrustedState* out);
  bool SaveTrusted(const TrustedState& state);
  std::optional<InstalledRecord> Installed(int64_t version);
  bool SaveInstalled(int64_t version, const InstalledRecord& record);
  void ForgetInstalled(int64_t version);
  HttpValidators Validators(const std::string& url);
  bool SaveValidators(const std::string& url, const HttpValidators& v);
  bool RecordRun(const std::string& result, int64_t from_version, int64_t to_version, int64_t bytes,
                 const std::string& source, const std::string& error, const std::string& note = {});
  std::vector<RunRecord> LastRuns(int limit);
  bool LoadAdminLock(AdminLockState* out);
  bool SaveAdminLock(const AdminLockState& state);
  const std::string& LastError() const { return error_; }

 private:
  StateStore() = default;
  bool Exec(const char* sql);
  sqlite3* db_ = nullptr;
  std::string pack_id_;
  std::string error_;
};

}  // namespace kiosk::sync
