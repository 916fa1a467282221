// content-pack/src/portal/publish.cpp: `content-pack publish`, one pack version into
// the portal tree.
//
// Order of writes, chosen so that a client reading the portal at any moment never
// installs something inconsistent (docs/portal-protocol.md, "Publish atomicity"):
//   1. packs/V.sqlite.zst, deltas/F-V.zst and deltas/F-V.content.zst, each temp +
//      fsync + rename;
//   2. manifest.json.minisig (new signature) -- atomically;
//   3. manifest.json (new manifest) -- atomically;
//   4. prune files that neither the new nor the previous manifest names.
// The signature goes first because clients poll the manifest with a conditional GET:
// in the short window between 2 and 3 a polling client still gets 304 for the old
// manifest and never fetches the signature. The only reader that can see a mismatched
// pair (old manifest, new signature) fails verification, which the client treats as a
// transient failure: it keeps its state, does not store the ETag, and retries.
// Files named by the previous manifest stay, so a client that read it just before step 3
// still finds every file it names.
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "content-pack/minisign.hpp"
#include "content-pack/pack_reader.hpp"
#include "content-pack/portal.hpp"
#include "content-pack/rebuild.hpp"
#include "zstd_files.hpp"

namespace pack::portal {
namespace {

bool MakeDirs(const std::string& path) {
  std::string partial;
  size_t pos = 0;
  while (pos != std::string::npos) {
    pos = path.find('/', pos + 1);
    partial = path.substr(0, pos);
    if (partial.empty()) continue;
    if (::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST) return false;
  }
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(d);
  }
  return names;
}

// "12.sqlite.zst" -> 12; else -1. Any positive int64 the protocol allows (19 digits),
// written canonically (no leading zero) so it names exactly one version.
int64_t PackVersionOf(const std::string& name) {
  const std::string suffix = ".sqlite.zst";
  if (name.size() <= suffix.size() || !name.ends_with(suffix)) return -1;
  const std::string digits = name.substr(0, name.size() - suffix.size());
  if (digits.empty() || digits.size() > 19 || digits[0] == '0' ||
      digits.find_first_not_of("0123456789") != std::string::npos)
    return -1;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return ec == std::errc() && end == digits.data() + digits.size() && v > 0 ? v : -1;
}

std::set<std::string> Referenced(const Manifest& m) {
  std::set<std::string> urls{m.pack.url};
  for (const DeltaRef& d : m.deltas) urls.insert(d.file.url);
  for (const ContentDeltaRef& d : m.content_deltas) urls.insert(d.file.url);
  return urls;
}

// The content stream of the pack at PACK_PATH, in memory, made via TEMP. Fails when the
// pack does not rebuild from it to the same bytes (RAW_SHA256): then no content delta
// may be offered for it (a pack built by another version of this software).
Expected<std::string> CheckedContentStream(const std::string& pack_path, const std::string& raw_sha256,
                                           const std::string& temp_prefix) {
  using R = Expected<std::string>;
  ScratchFile stream{temp_prefix + "stream"}, rebuilt{temp_prefix + "rebuilt"};
  auto digest = WriteContentStream(pack_path, stream.path);
  if (!digest.ok()) return R::Fail(digest.error());
  if (!raw_sha256.empty()) {
    auto again = RebuildPack(stream.path, rebuilt.path);
    if (!again.ok()) return R::Fail(again.error());
    if (again->sha256 != raw_sha256)
      return R::Fail(pack_path + " does not rebuild from its content to the same bytes (sha256 " + again->sha256 +
                     "); was it built by another version of content-pack (" + IndexRecipe() + ")?");
  }
  std::string out;
  if (!ReadWholeFile(stream.path, out)) return R::Fail("cannot read " + stream.path);
  return out;
}

}  // namespace

Expected<PublishReport> Publish(const PublishOptions& options) {
  using R = Expected<PublishReport>;
  if (options.keep < 0 || options.keep > 50) return R::Fail("--keep must be between 0 and 50");
  if (options.expires_days < 1 || options.expires_days > 3650) return R::Fail("--expires-days must be between 1 and 3650");

  auto key = minisign::ParseSecretKey(options.secret_key_file, options.password);
  if (!key.ok()) return R::Fail(key.error());

  auto reader = PackReader::Open(options.pack_path);
  if (!reader.ok()) return R::Fail("cannot publish " + options.pack_path + ": " + reader.error());
  const PackMeta meta = (*reader)->Meta();
  auto check = (*reader)->QuickCheck();
  if (!check.ok()) return R::Fail("cannot publish " + options.pack_path + ": " + check.error());
  reader->reset();
  if (!IsValidPackId(meta.id)) return R::Fail("the pack's id \"" + meta.id + "\" is not [a-z0-9-]+");
  if (meta.version < 1) return R::Fail("the pack's version must be at least 1");

  const std::string folder = options.out_dir + "/" + PackFolder(meta.id);
  if (!MakeDirs(folder + "/packs") || !MakeDirs(folder + "/deltas"))
    return R::Fail("cannot create " + folder + ": " + std::strerror(errno));

  // Two publishers at once would interleave manifest and signature.
  const std::string lock_path = folder + "/.publish.lock";
  int lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (lock_fd < 0) return R::Fail("cannot create " + lock_path + ": " + std::strerror(errno));
  if (::flock(lock_fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(lock_fd);
    return R::Fail("another publish is running in " + folder);
  }
  struct LockGuard {
    int fd;
    ~LockGuard() { ::close(fd); }
  } lock_guard{lock_fd};

  // Leftovers of a publish that was killed half-way.
  for (const char* sub : {"", "/packs", "/deltas"})
    for (const std::string& name : ListDir(folder + sub))
      if (name.starts_with(".") && name.find(".tmp-") != std::string::npos)
        ::unlink((folder + sub + "/" + name).c_str());

  auto new_raw = MappedFile::Open(options.pack_path);
  if (!new_raw.ok()) return R::Fail(new_raw.error());
  std::string_view raw = (*new_raw)->View();
  const std::string raw_sha = Sha256Hex(raw);

  std::optional<Manifest> previous;
  std::string previous_text;
  if (ReadWholeFile(folder + "/" + kManifestName, previous_text)) {
    auto parsed = ParseManifest(previous_text);
    if (!parsed.ok()) return R::Fail("the published " + std::string(kManifestName) + " is unreadable: " + parsed.error());
    previous = *parsed;
    if (previous->pack_id != meta.id) return R::Fail("the portal folder holds another pack id");
    if (previous->version > meta.version)
      return R::Fail("version " + std::to_string(meta.version) + " is lower than the published version " +
                     std::to_string(previous->version) + " (versions only grow)");
    if (previous->version == meta.version && previous->raw_sha256 != raw_sha)
      return R::Fail("version " + std::to_string(meta.version) +
                     " is already published with different content: build it with a higher --version");
  }

  const std::time_t now = options.now != 0 ? options.now : std::time(nullptr);
  PublishReport report;
  Manifest& m = report.manifest;
  m.pack_id = meta.id;
  m.version = meta.version;
  m.created = FormatUtc(now);
  m.expires = FormatUtc(now + static_cast<std::time_t>(options.expires_days) * 86400);
  m.min_app_version = options.min_app_version;
  m.raw_size = static_cast<int64_t>(raw.size());
  m.raw_sha256 = raw_sha;

  const std::string pack_url = "packs/" + std::to_string(meta.version) + ".sqlite.zst";
  std::set<int64_t> kept_bases;
  if (previous && previous->version == meta.version) {
    // Same content again: only a new expiry (keeps kiosks out of "freeze").
    report.refreshed = true;
    m.pack = previous->pack;
    m.deltas = previous->deltas;
    m.recipe = previous->recipe;
    m.content_size = previous->content_size;
    m.content_sha256 = previous->content_sha256;
    m.content_deltas = previous->content_deltas;
    for (const DeltaRef& d : m.deltas) kept_bases.insert(d.from);
    for (const ContentDeltaRef& d : m.content_deltas) kept_bases.insert(d.from);
  } else {
    auto packed = CompressZstd(raw, {}, options.level);
    if (!packed.ok()) return R::Fail(packed.error());
    auto w = WriteFileAtomic(folder + "/" + pack_url, *packed);
    if (!w.ok()) return R::Fail(w.error());
    m.pack = {pack_url, static_cast<int64_t>(packed->size()), Sha256Hex(*packed)};
    report.written.push_back(pack_url);

    std::vector<int64_t> earlier;
    for (const std::string& name : ListDir(folder + "/packs")) {
      int64_t v = PackVersionOf(name);
      if (v > 0 && v < meta.version) earlier.push_back(v);
    }
    std::sort(earlier.rbegin(), earlier.rend());
    if (earlier.size() > static_cast<size_t>(options.keep)) earlier.resize(static_cast<size_t>(options.keep));
    const std::string temp_prefix = folder + "/.publish.tmp-" + std::to_string(::getpid()) + "-";
    std::optional<std::string> stream;  // the new pack's content stream
    if (options.content_deltas && !earlier.empty()) {
      auto made = CheckedContentStream(options.pack_path, raw_sha, temp_prefix + "new-");
      if (made.ok()) {
        stream = std::move(*made);
        m.recipe = IndexRecipe();
        m.content_size = static_cast<int64_t>(stream->size());
        m.content_sha256 = Sha256Hex(*stream);
      } else {
        report.warnings.push_back("no content deltas: " + made.error());
      }
    }
    // A delta no smaller than the pack itself is useless; the client takes the pack.
    auto write_delta = [&](const std::string& url, const std::string& delta) -> Expected<FileRef> {
      auto wd = WriteFileAtomic(folder + "/" + url, delta);
      if (!wd.ok()) return Expected<FileRef>::Fail(wd.error());
      report.written.push_back(url);
      return FileRef{url, static_cast<int64_t>(delta.size()), Sha256Hex(delta)};
    };
    for (int64_t from : earlier) {
      const std::string old_zst = folder + "/packs/" + std::to_string(from) + ".sqlite.zst";
      // The earlier raw pack, once, as a file: mapped as the pack delta's base, opened
      // for its content stream.
      ScratchFile old_pack{temp_prefix + "old.sqlite"};
      auto unpacked = Decompress(old_zst, "", old_pack.path, int64_t{1} << 40);
      if (!unpacked.ok()) return R::Fail("cannot read the earlier version " + std::to_string(from) + ": " + unpacked.error());
      auto old_raw = MappedFile::Open(old_pack.path);
      if (!old_raw.ok()) return R::Fail(old_raw.error());
      kept_bases.insert(from);
      const std::string stem = "deltas/" + std::to_string(from) + "-" + std::to_string(meta.version);
      if (options.pack_deltas) {
        auto delta = CompressZstd(raw, (*old_raw)->View(), options.level);
        if (!delta.ok()) return R::Fail(delta.error());
        if (delta->size() < packed->size()) {
          auto ref = write_delta(stem + ".zst", *delta);
          if (!ref.ok()) return R::Fail(ref.error());
          m.deltas.push_back({from, *ref});
        }
      }
      if (stream) {
        auto old_stream = CheckedContentStream(old_pack.path, "", temp_prefix + "old-");
        if (!old_stream.ok()) {
          report.warnings.push_back("no content delta from version " + std::to_string(from) + ": " + old_stream.error());
          continue;
        }
        auto delta = CompressZstd(*stream, *old_stream, options.level);
        if (!delta.ok()) return R::Fail(delta.error());
        if (delta->size() < packed->size()) {
          auto ref = write_delta(stem + ".content.zst", *delta);
          if (!ref.ok()) return R::Fail(ref.error());
          m.content_deltas.push_back({from, Sha256Hex(*old_stream), *ref});
        }
      }
    }
  }

  const std::string manifest_text = ManifestToJson(m);
  const std::string trusted_comment = "pack_id:" + m.pack_id + " version:" + std::to_string(m.version) +
                                      " created:" + m.created + " file:" + kManifestName;
  const std::string signature = minisign::Sign(manifest_text, *key, trusted_comment);
  auto ws = WriteFileAtomic(folder + "/" + kSignatureName, signature);
  if (!ws.ok()) return R::Fail(ws.error());
  struct stat previous_stat{};
  const std::time_t previous_mtime =
      ::stat((folder + "/" + kManifestName).c_str(), &previous_stat) == 0 ? previous_stat.st_mtim.tv_sec : 0;
  auto wm = WriteFileAtomic(folder + "/" + kManifestName, manifest_text, previous_mtime);
  if (!wm.ok()) return R::Fail(wm.error());
  report.written.push_back(kSignatureName);
  report.written.push_back(kManifestName);

  // Keep: what the new and the previous manifest name, and the raw bases of future deltas.
  std::set<std::string> keep = Referenced(m);
  if (previous) {
    std::set<std::string> old_refs = Referenced(*previous);
    keep.insert(old_refs.begin(), old_refs.end());
  }
  for (int64_t v : kept_bases) keep.insert("packs/" + std::to_string(v) + ".sqlite.zst");
  for (const char* sub : {"packs", "deltas"}) {
    for (const std::string& name : ListDir(folder + "/" + sub)) {
      const std::string rel = std::string(sub) + "/" + name;
      if (name.starts_with(".") || keep.count(rel)) continue;
      if (::unlink((folder + "/" + rel).c_str()) == 0) report.pruned.push_back(rel);
    }
  }
  FsyncDirectory(folder + "/packs");
  FsyncDirectory(folder + "/deltas");
  return report;
}

}  // namespace pack::portal
