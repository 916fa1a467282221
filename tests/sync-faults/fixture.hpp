// The world of the sync fault tests: two versions of a small-but-not-tiny pack published
// with the real `content-pack` tool and signed with real `minisign` keys, hostile
// variants of that portal (bad signature, unknown key, expired, rollback, other pack id,
// mixed-up files), and a kiosk "device" (settings file + data dir) that runs the real
// `kiosk-sync` against the fault server and inspects what it left on disk.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "harness.hpp"

namespace faults {

inline constexpr const char* kPackId = "vn-thu-nghiem-dong-bo";

struct PackVersion {
  int64_t version = 0;
  fs::path raw_path;        // the .sqlite built by content-pack build
  int64_t raw_size = 0;
  std::string raw_sha256;
};

// Built once per build tree and day (content-pack, keys and packs are slow to make),
// under a lock so parallel ctest processes share it. Trees, by name (under Tree(name)):
//   v1            v1 published
//   v2            v1 then v2 published: manifest v2, full pack, content delta
//                 1-2.content (the one a kiosk takes) and pack delta 1-2
//   v3            ... then v3: the next version, after a signed-but-wrong v2
//   v2-full       v2 manifest without deltas (forces the whole pack), re-signed
//   v2-pack-delta v2 manifest without the content delta (forces the pack delta)
//   content-recipe v2 manifest naming another index recipe: the content delta is
//                 unusable here, the pack delta is taken
//   content-base  v2 manifest whose content delta starts from other content
//   content-sha   v2 manifest with a wrong sha256 of the patched content stream
//   tampered      v2 manifest edited after signing (signature no longer matches)
//   bad-sig       v2 manifest with a corrupted signature file
//   unknown-key   v2 manifest signed by a key the kiosk does not pin
//   expired       v2 manifest whose `expires` is two days ago, re-signed (freeze)
//   other-id      v2 manifest naming another pack id, re-signed
//   mix-match     manifest for our id and v2, but the file is a pack of another id,
//                 with matching size and hashes, re-signed
//   hash-mismatch v2 manifest, but packs/2 and both deltas have one byte changed
//   raw-mismatch  v2 manifest whose raw_sha256 is wrong, re-signed
//   newer-app     v2 manifest needing app version 99.0.0, re-signed
struct Fixture {
  bool ok = false;
  std::string error;        // why it could not be built
  fs::path dir;
  std::string trusted_public_b64, unknown_public_b64;
  PackVersion v1, v2, v3;
  fs::path Tree(const std::string& name) const { return dir / "trees" / name; }
  fs::path PackFolder(const std::string& tree) const { return Tree(tree) / "v1" / kPackId; }
  nlohmann::json Manifest(const std::string& tree) const;
  // Size of the file a manifest url names, e.g. "packs/2.sqlite.zst".
  int64_t FileSize(const std::string& tree, const std::string& url) const;
  std::string FullUrl(const std::string& tree) const;   // manifest pack.url
  // The delta a kiosk takes first (the smallest of content and pack deltas) or "".
  std::string DeltaUrl(const std::string& tree) const;
  std::string PackDeltaUrl(const std::string& tree) const;     // first pack delta or ""
  std::string ContentDeltaUrl(const std::string& tree) const;  // first content delta or ""
};

const Fixture& GetFixture();

// The sync settings a test may tune (keys as kiosk-sync documents them in docs/sync.md).
using Tuning = std::map<std::string, std::string>;
Tuning FastTuning();  // small timeouts and retry delays, so faults end quickly

// What DATA_DIR/current is after a run.
struct CurrentPack {
  bool ok = false;          // opens, quick_check ok, our id, bytes of a published version
  std::string error;
  int64_t version = 0;
  fs::path target;
};

class Device {
 public:
  // DATA_DIR defaults to a fresh folder; PORTAL is the base URL (http://127.0.0.1:P).
  Device(const Fixture& fixture, const std::string& portal, const Tuning& tuning = FastTuning(),
         const fs::path& data_dir = {});
  const fs::path& data_dir() const { return data_dir_; }
  const fs::path& config() const { return config_; }
  std::vector<std::string> SyncArgv() const;
  ProcessResult Sync(std::chrono::seconds timeout = std::chrono::seconds(90)) const;
  nlohmann::json Status() const;  // kiosk-sync --status --json, parsed (null on failure)
  CurrentPack Current() const;
  int64_t PartialBytes() const;   // bytes of all DATA_DIR/download/*.part files
  // Partial downloads by the file name they continue ("1-2.zst" for download/1-2.zst.part).
  std::map<std::string, int64_t> Parts() const;
  std::vector<fs::path> Leftovers() const;  // files under download/ and packs/ not in use

 private:
  const Fixture& fixture_;
  TempDir dir_{"sync-device"};
  fs::path data_dir_, config_;
};

// One row of the fault matrix: printed when the test program ends and appended to
// KIOSK_BINARY_DIR/tests/sync-fault-matrix.tsv.
void RecordFault(const std::string& fault, const std::string& expected,
                 const std::string& observed, bool pass);

std::string Describe(const ProcessResult& r);  // "exit 1: <last stderr line>"

// A GET of a pack or delta file (not the manifest).
bool IsPackFile(const LogEntry& e);
std::string BaseNameOf(const std::string& path);
// Bytes the requests in LOG fetched again although the device had them: the overlap of
// each served pack-file range with [0, HAD[name]) (name: the file's base name).
int64_t RefetchedBytes(const std::vector<LogEntry>& log, const std::map<std::string, int64_t>& had);
// What a device had of each pack file after a run that did not install: its .part files,
// and the whole file when RUN_LOG shows it was served to the end but the client has
// since removed the .part (it rebuilt from it, then failed or was killed before the
// switch): those bytes were had, and fetching them again is a loss.
std::map<std::string, int64_t> HadAfter(const Device& device, const std::vector<LogEntry>& run_log);

}  // namespace faults
