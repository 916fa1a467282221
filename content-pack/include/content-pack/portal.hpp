// content-pack/portal.hpp: the portal protocol v1, shared by the publisher
// (`content-pack publish`) and the client (sync/, `kiosk-sync`).
//
// A portal is a tree of static files (docs/portal-protocol.md):
//   BASE/v1/PACK_ID/manifest.json            this model, as JSON
//   BASE/v1/PACK_ID/manifest.json.minisig    minisign signature of manifest.json
//   BASE/v1/PACK_ID/packs/VERSION.sqlite.zst the whole pack, zstd
//   BASE/v1/PACK_ID/deltas/FROM-VERSION.zst  zstd --patch-from against raw pack FROM
//   BASE/v1/PACK_ID/deltas/FROM-VERSION.content.zst  the same between content streams
// Everything here is pure file work: no network.
#pragma once

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "content-pack/expected.hpp"

namespace pack::portal {

inline constexpr int kManifestFormat = 1;
inline constexpr const char* kManifestName = "manifest.json";
inline constexpr const char* kSignatureName = "manifest.json.minisig";
// A manifest larger than this is hostile (endless data); real ones are a few KiB.
inline constexpr int64_t kMaxManifestBytes = 1 << 20;
inline constexpr int64_t kMaxSignatureBytes = 4096;
// No file a manifest names (pack, delta, raw pack, content stream) may be larger: real
// packs are a few MB, and sizes near 2^63 would overflow a client's sums (issue 10).
inline constexpr int64_t kMaxPackBytes = int64_t{1} << 34;  // 16 GiB
// A manifest may not claim to be valid for longer than this after the client's clock:
// a leaked key could otherwise sign a manifest that never expires (freeze protection).
inline constexpr int64_t kMaxExpirySeconds = int64_t{400} * 86400;

struct FileRef {
  std::string url;       // relative to the manifest's folder, e.g. "packs/7.sqlite.zst"
  int64_t size = 0;      // bytes of the file as served (compressed)
  std::string sha256;    // lowercase hex of those bytes
};

struct DeltaRef {
  int64_t from = 0;      // the installed version this delta applies to
  FileRef file;          // "deltas/FROM-VERSION.zst"
};

// A delta between two content streams (content-pack/rebuild.hpp): the client makes the
// stream of its installed pack, checks it is the one the delta was made from, patches
// it, and rebuilds the new pack from the result.
struct ContentDeltaRef {
  int64_t from = 0;      // the installed version this delta applies to
  std::string from_sha256;  // sha256 of that version's content stream
  FileRef file;          // "deltas/FROM-VERSION.content.zst"
};

struct Manifest {
  int format = kManifestFormat;
  std::string pack_id;
  int64_t version = 0;           // only grows
  std::string created;           // ISO 8601 UTC "2026-11-28T13:00:00Z"
  std::string expires;           // ISO 8601 UTC; after it the client refuses (freeze)
  std::string min_app_version;   // "0.1.0": older kiosks must not install this pack
  FileRef pack;                  // the full compressed pack
  int64_t raw_size = 0;          // the .sqlite after decompression
  std::string raw_sha256;
  std::vector<DeltaRef> deltas;
  // The new pack's content stream, set when content deltas are offered. RECIPE is the
  // publisher's IndexRecipe(): only a kiosk with the same one can rebuild the same bytes.
  std::string recipe;
  int64_t content_size = 0;
  std::string content_sha256;
  std::vector<ContentDeltaRef> content_deltas;
};

// Parses and validates hostile input: every field typed and in range (sizes up to
// kMaxPackBytes), no key twice in one object, urls relative and inside the pack
// folder, hashes 64 hex digits.
Expected<Manifest> ParseManifest(std::string_view json);
std::string ManifestToJson(const Manifest& manifest);  // pretty, stable key order
// The signature's trusted comment (minisign::Verified) against the manifest it signs:
// where the comment names pack_id, version, created or file ("pack_id:ID version:N
// created:T file:manifest.json", as Publish writes it), each must match. Other words
// (minisign's "timestamp:") are ignored, so a stock `minisign -Sm` signature passes.
Expected<bool> CheckTrustedComment(std::string_view comment, const Manifest& manifest);

// "v1/PACK_ID": the manifest folder relative to the portal base.
std::string PackFolder(std::string_view pack_id);
bool IsValidPackId(std::string_view pack_id);
// A url from a manifest that may be joined to the base: relative, no "..", no scheme,
// no query, only [A-Za-z0-9._/-].
bool IsSafeRelativeUrl(std::string_view url);

// Time stamps as the manifest writes them (UTC, second precision).
std::string FormatUtc(std::time_t t);
bool ParseUtc(std::string_view text, std::time_t& out);
// Compares dotted versions numerically: "0.10.0" > "0.9.1". Missing parts count as 0.
int CompareAppVersions(std::string_view a, std::string_view b);

std::string Sha256Hex(std::string_view data);
// The same for data that comes in pieces.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  void Update(std::string_view data);
  std::string HexDigest();  // call once, at the end

 private:
  struct State;
  std::unique_ptr<State> state_;
};
Expected<std::string> Sha256File(const std::string& path);

// Writes DATA to PATH as a new file: temp file in the same folder, fsync, rename, fsync
// the folder. A reader sees the old file or the new one, never a part. With NEWER_THAN
// set, the new file's mtime is made later than it (whole seconds): HTTP validators
// (Last-Modified, nginx's ETag = mtime + size) must change even when two publishes fall
// in the same second, or a polling kiosk would get 304 for a changed manifest.
Expected<bool> WriteFileAtomic(const std::string& path, std::string_view data, std::time_t newer_than = 0);

// The same, for a file written in pieces: Write as often as needed, then Commit (fsync,
// rename, fsync the folder). Destroyed without a successful Commit, it leaves nothing.
class AtomicFile {
 public:
  static Expected<std::unique_ptr<AtomicFile>> Create(const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  bool Write(std::string_view data);  // false from the first failure on (see error())
  Expected<bool> Commit(std::time_t newer_than = 0);
  const std::string& error() const { return error_; }

 private:
  AtomicFile() = default;
  std::string path_, dir_, tmp_, error_;
  int fd_ = -1;
  bool committed_ = false;
};
bool FsyncDirectory(const std::string& dir);
// The whole file at PATH into OUT; false when it cannot be read.
bool ReadWholeFile(const std::string& path, std::string& out);

// Deletes the file at PATH when it goes out of scope: scratch files of a publish or an
// update run, gone whichever way the run ends.
struct ScratchFile {
  std::string path;
  ~ScratchFile();
};

struct RebuildResult {
  int64_t size = 0;
  std::string sha256;
};
// Decompresses ZST_PATH into OUT_PATH (created, fsynced): a whole pack when
// REFERENCE_PATH is empty, else a delta made against the raw pack at REFERENCE_PATH.
// Stops with an error as soon as the output would exceed MAX_SIZE bytes, on a corrupt
// frame, or on a write error (a full disk says so).
Expected<RebuildResult> Decompress(const std::string& zst_path, const std::string& reference_path,
                                   const std::string& out_path, int64_t max_size);

struct PublishOptions {
  std::string pack_path;         // the .sqlite made by `content-pack build`
  std::string secret_key_file;   // contents of a minisign secret key file
  std::string password;          // for an encrypted key; empty for `minisign -G -W` keys
  std::string out_dir;           // the portal base (BASE)
  int keep = 3;                  // deltas from up to this many earlier versions
  int expires_days = 30;
  std::string min_app_version = "0.1.0";
  int level = 19;                // zstd level of packs and deltas
  bool pack_deltas = true;       // deltas between whole packs (any kiosk can apply them)
  bool content_deltas = true;    // deltas between content streams (far smaller; kiosks
                                 // with the same IndexRecipe() rebuild the pack from them)
  std::time_t now = 0;           // 0: the clock; tests pin it
};

struct PublishReport {
  Manifest manifest;
  std::vector<std::string> written;  // paths relative to the pack folder
  std::vector<std::string> pruned;
  bool refreshed = false;            // same pack re-signed with a new expiry
  std::vector<std::string> warnings; // e.g. why no content deltas were made
};

// Publishes one pack version into the portal tree (see docs/portal-protocol.md for why
// this order is safe for readers): pack and deltas, then the signature, then the
// manifest, each written atomically; then prunes files neither the new nor the previous
// manifest references. Publishing the same version again with the same content only
// re-signs the manifest with a new expiry; a lower version, or the same version with
// different content, is refused.
Expected<PublishReport> Publish(const PublishOptions& options);

}  // namespace pack::portal
