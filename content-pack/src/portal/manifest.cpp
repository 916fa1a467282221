// content-pack/src/portal/manifest.cpp: manifest.json <-> Manifest, and the small file
// and time helpers both ends of the portal protocol share. Parsing treats the manifest as
// hostile: it is only trusted after its signature checks, and even then a field out of
// range must not lead the client anywhere unexpected (e.g. "../" urls).
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <climits>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <set>
#include <vector>

#include "content-pack/portal.hpp"
#include "content-pack/text_safety.hpp"

namespace pack::portal {
namespace {

using json = nlohmann::json;

bool IsHex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string ToHex(const unsigned char* data, size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

// Reads an object member of the expected JSON type; ERROR names the field.
bool GetString(const json& obj, const char* key, std::string& out, std::string& error) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) {
    error = std::string("manifest: \"") + key + "\" missing or not a string";
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool GetInt(const json& obj, const char* key, int64_t min, int64_t& out, std::string& error,
            int64_t max = INT64_MAX) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) {
    error = std::string("manifest: \"") + key + "\" missing or not an integer";
    return false;
  }
  // An unsigned value above INT64_MAX would wrap to a negative int64.
  if (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    error = std::string("manifest: \"") + key + "\" out of range";
    return false;
  }
  out = it->get<int64_t>();
  if (out < min || out > max) {
    error = std::string("manifest: \"") + key + "\" out of range (" + std::to_string(min) + ".." +
            std::to_string(max) + ")";
    return false;
  }
  return true;
}

bool GetFileRef(const json& obj, FileRef& ref, std::string& error) {
  if (!GetString(obj, "url", ref.url, error) || !GetInt(obj, "size", 1, ref.size, error, kMaxPackBytes) ||
      !GetString(obj, "sha256", ref.sha256, error))
    return false;
  if (!IsSafeRelativeUrl(ref.url)) {
    error = "manifest: unsafe url \"" + ref.url + "\"";
    return false;
  }
  if (!IsHex64(ref.sha256)) {
    error = "manifest: sha256 of \"" + ref.url + "\" is not 64 lowercase hex digits";
    return false;
  }
  return true;
}

}  // namespace

bool IsValidPackId(std::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

bool IsSafeRelativeUrl(std::string_view url) {
  if (url.empty() || url.size() > 200 || url.front() == '/' || url.front() == '.') return false;
  for (char c : url)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '_' || c == '-' || c == '/'))
      return false;
  return url.find("..") == std::string_view::npos && url.find("//") == std::string_view::npos;
}

std::string PackFolder(std::string_view pack_id) { return "v1/" + std::string(pack_id); }

std::string FormatUtc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool ParseUtc(std::string_view text, std::time_t& out) {
  int y, mo, d, h, mi, s;
  char z = 0;
  std::string copy(text);
  if (std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
      z != 'Z' || copy.size() != 20)
    return false;
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  out = timegm(&tm);
  return true;
}

int CompareAppVersions(std::string_view a, std::string_view b) {
  auto next = [](std::string_view& s) -> long {
    long v = 0;
    size_t i = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
    while (i < s.size() && s[i] != '.') ++i;  // ignore suffixes like "-rc1"
    s.remove_prefix(i < s.size() ? i + 1 : i);
    return v;
  };
  while (!a.empty() || !b.empty()) {
    long x = next(a), y = next(b);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return ToHex(out, sizeof out);
}

struct Sha256::State {
  crypto_hash_sha256_state st;
};
Sha256::Sha256() : state_(std::make_unique<State>()) { crypto_hash_sha256_init(&state_->st); }
Sha256::~Sha256() = default;
void Sha256::Update(std::string_view data) {
  crypto_hash_sha256_update(&state_->st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
}
std::string Sha256::HexDigest() {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&state_->st, out);
  return ToHex(out, sizeof out);
}

Expected<std::string> Sha256File(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Expected<std::string>::Fail("cannot open " + path + ": " + std::strerror(errno));
  Sha256 sha;
  std::vector<char> buf(1 << 20);
  for (;;) {
    ssize_t n = ::read(fd, buf.data(), buf.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      return Expected<std::string>::Fail("cannot read " + path + ": " + std::strerror(e));
    }
    if (n == 0) break;
    sha.Update({buf.data(), static_cast<size_t>(n)});
  }
  ::close(fd);
  return sha.HexDigest();
}

bool ReadWholeFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

ScratchFile::~ScratchFile() { ::unlink(path.c_str()); }

bool FsyncDirectory(const std::string& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

Expected<std::unique_ptr<AtomicFile>> AtomicFile::Create(const std::string& path) {
  std::unique_ptr<AtomicFile> f(new AtomicFile());
  f->path_ = path;
  const size_t slash = path.rfind('/');
  f->dir_ = slash == std::string::npos ? "." : path.substr(0, slash);
  f->tmp_ = f->dir_ + "/." + path.substr(slash == std::string::npos ? 0 : slash + 1) + ".tmp-" +
            std::to_string(::getpid());
  f->fd_ = ::open(f->tmp_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (f->fd_ < 0) return Expected<std::unique_ptr<AtomicFile>>::Fail("cannot create " + f->tmp_ + ": " + std::strerror(errno));
  return f;
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
}

bool AtomicFile::Write(std::string_view data) {
  size_t done = 0;
  while (error_.empty() && done < data.size()) {
    ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) error_ = "cannot write " + tmp_ + ": " + std::strerror(n < 0 ? errno : EIO);
    else done += static_cast<size_t>(n);
  }
  return error_.empty();
}

Expected<bool> AtomicFile::Commit(std::time_t newer_than) {
  if (!error_.empty()) return Expected<bool>::Fail(error_);
  if (newer_than > 0) {
    struct stat st{};
    if (::fstat(fd_, &st) == 0 && st.st_mtim.tv_sec <= newer_than) {
      const struct timespec times[2] = {{newer_than + 1, 0}, {newer_than + 1, 0}};
      ::futimens(fd_, times);
    }
  }
  const bool synced = ::fsync(fd_) == 0;
  const int sync_errno = errno;
  const bool closed = ::close(fd_) == 0;
  fd_ = -1;
  if (!synced || !closed) return Expected<bool>::Fail("cannot write " + tmp_ + ": " + std::strerror(synced ? errno : sync_errno));
  if (::rename(tmp_.c_str(), path_.c_str()) != 0)
    return Expected<bool>::Fail("cannot rename to " + path_ + ": " + std::strerror(errno));
  committed_ = true;
  FsyncDirectory(dir_);
  return true;
}

Expected<bool> WriteFileAtomic(const std::string& path, std::string_view data, std::time_t newer_than) {
  auto file = AtomicFile::Create(path);
  if (!file.ok()) return Expected<bool>::Fail(file.error());
  if (!(*file)->Write(data)) return Expected<bool>::Fail((*file)->error());
  return (*file)->Commit(newer_than);
}

Expected<Manifest> ParseManifest(std::string_view text) {
  using R = Expected<Manifest>;
  if (static_cast<int64_t>(text.size()) > kMaxManifestBytes) return R::Fail("manifest: too large");
  // Duplicate keys are refused: nlohmann keeps the last one, another JSON reader (a
  // technician's jq, an audit tool) may keep the first, and the signed text would then
  // mean two things (attack review, issue 10).
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate;
  json::parser_callback_t on_event = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) open_objects.emplace_back();
    else if (event == json::parse_event_t::object_end && !open_objects.empty()) open_objects.pop_back();
    else if (event == json::parse_event_t::key && !open_objects.empty() && parsed.is_string() &&
             !open_objects.back().insert(parsed.get<std::string>()).second && duplicate.empty())
      duplicate = parsed.get<std::string>();
    return true;
  };
  json doc = json::parse(text.begin(), text.end(), on_event, false);
  if (doc.is_discarded() || !doc.is_object()) return R::Fail("manifest: not a JSON object");
  if (!duplicate.empty())
    return R::Fail("manifest: the key \"" + PrintableText(duplicate.substr(0, 64)) +
                   "\" appears twice in one object (ambiguous: refused)");
  Manifest m;
  std::string error;
  int64_t format = 0;
  if (!GetInt(doc, "format", 1, format, error)) return R::Fail(error);
  if (format != kManifestFormat)
    return R::Fail("manifest: format " + std::to_string(format) + " is not supported by this kiosk (knows 1)");
  m.format = static_cast<int>(format);
  if (!GetString(doc, "pack_id", m.pack_id, error) || !GetInt(doc, "version", 1, m.version, error) ||
      !GetString(doc, "created", m.created, error) || !GetString(doc, "expires", m.expires, error) ||
      !GetString(doc, "min_app_version", m.min_app_version, error))
    return R::Fail(error);
  if (!IsValidPackId(m.pack_id)) return R::Fail("manifest: invalid pack_id");
  std::time_t t;
  if (!ParseUtc(m.created, t) || !ParseUtc(m.expires, t))
    return R::Fail("manifest: created/expires are not YYYY-MM-DDTHH:MM:SSZ");
  auto pack_it = doc.find("pack");
  if (pack_it == doc.end() || !pack_it->is_object()) return R::Fail("manifest: \"pack\" missing");
  if (!GetFileRef(*pack_it, m.pack, error)) return R::Fail(error);
  auto raw_it = doc.find("raw");
  if (raw_it == doc.end() || !raw_it->is_object()) return R::Fail("manifest: \"raw\" missing");
  if (!GetInt(*raw_it, "size", 1, m.raw_size, error, kMaxPackBytes) || !GetString(*raw_it, "sha256", m.raw_sha256, error))
    return R::Fail(error);
  if (!IsHex64(m.raw_sha256)) return R::Fail("manifest: raw sha256 is not 64 lowercase hex digits");
  auto deltas_it = doc.find("deltas");
  if (deltas_it != doc.end()) {
    if (!deltas_it->is_array() || deltas_it->size() > 100) return R::Fail("manifest: \"deltas\" is not a short list");
    for (const json& d : *deltas_it) {
      if (!d.is_object()) return R::Fail("manifest: a delta is not an object");
      DeltaRef ref;
      if (!GetInt(d, "from", 1, ref.from, error) || !GetFileRef(d, ref.file, error)) return R::Fail(error);
      if (ref.from >= m.version) return R::Fail("manifest: a delta starts from a version not below the pack's");
      m.deltas.push_back(std::move(ref));
    }
  }
  auto content_it = doc.find("content");
  if (content_it != doc.end()) {
    if (!content_it->is_object()) return R::Fail("manifest: \"content\" is not an object");
    if (!GetString(*content_it, "recipe", m.recipe, error) || !GetInt(*content_it, "size", 1, m.content_size, error, kMaxPackBytes) ||
        !GetString(*content_it, "sha256", m.content_sha256, error))
      return R::Fail(error);
    if (m.recipe.empty() || m.recipe.size() > 200) return R::Fail("manifest: content recipe is empty or too long");
    for (char c : m.recipe)
      if (c < 0x20 || c > 0x7e) return R::Fail("manifest: content recipe is not printable ASCII");
    if (!IsHex64(m.content_sha256)) return R::Fail("manifest: content sha256 is not 64 lowercase hex digits");
  }
  auto content_deltas_it = doc.find("content_deltas");
  if (content_deltas_it != doc.end()) {
    if (!content_deltas_it->is_array() || content_deltas_it->size() > 100)
      return R::Fail("manifest: \"content_deltas\" is not a short list");
    if (!content_deltas_it->empty() && m.recipe.empty())
      return R::Fail("manifest: \"content_deltas\" without \"content\"");
    for (const json& d : *content_deltas_it) {
      if (!d.is_object()) return R::Fail("manifest: a content delta is not an object");
      ContentDeltaRef ref;
      if (!GetInt(d, "from", 1, ref.from, error) || !GetString(d, "from_sha256", ref.from_sha256, error) ||
          !GetFileRef(d, ref.file, error))
        return R::Fail(error);
      if (ref.from >= m.version) return R::Fail("manifest: a content delta starts from a version not below the pack's");
      if (!IsHex64(ref.from_sha256)) return R::Fail("manifest: from_sha256 is not 64 lowercase hex digits");
      m.content_deltas.push_back(std::move(ref));
    }
  }
  return m;
}

Expected<bool> CheckTrustedComment(std::string_view comment, const Manifest& m) {
  using R = Expected<bool>;
  size_t start = 0;
  while (start < comment.size()) {
    size_t end = comment.find_first_of(" \t", start);  // minisign separates with tabs
    if (end == std::string_view::npos) end = comment.size();
    const std::string_view token = comment.substr(start, end - start);
    start = end + 1;
    const size_t colon = token.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = token.substr(0, colon), value = token.substr(colon + 1);
    std::string expected;
    if (key == "pack_id") expected = m.pack_id;
    else if (key == "version") expected = std::to_string(m.version);
    else if (key == "created") expected = m.created;
    else if (key == "file") expected = kManifestName;
    else continue;  // e.g. minisign's own "timestamp:"
    if (value != expected)
      return R::Fail("the signature's trusted comment says " + PrintableText(std::string(key)) + " \"" +
                     PrintableText(value.substr(0, 100)) + "\" but the manifest says \"" + PrintableText(expected) +
                     "\" (a signature of another manifest)");
  }
  return true;
}

std::string ManifestToJson(const Manifest& m) {
  json doc = json::object();
  doc["format"] = m.format;
  doc["pack_id"] = m.pack_id;
  doc["version"] = m.version;
  doc["created"] = m.created;
  doc["expires"] = m.expires;
  doc["min_app_version"] = m.min_app_version;
  doc["pack"] = {{"url", m.pack.url}, {"size", m.pack.size}, {"sha256", m.pack.sha256}};
  doc["raw"] = {{"size", m.raw_size}, {"sha256", m.raw_sha256}};
  json deltas = json::array();
  for (const DeltaRef& d : m.deltas)
    deltas.push_back({{"from", d.from}, {"url", d.file.url}, {"size", d.file.size}, {"sha256", d.file.sha256}});
  doc["deltas"] = deltas;
  if (!m.recipe.empty()) {
    doc["content"] = {{"recipe", m.recipe}, {"size", m.content_size}, {"sha256", m.content_sha256}};
    json content_deltas = json::array();
    for (const ContentDeltaRef& d : m.content_deltas)
      content_deltas.push_back({{"from", d.from}, {"from_sha256", d.from_sha256}, {"url", d.file.url},
                                {"size", d.file.size}, {"sha256", d.file.sha256}});
    doc["content_deltas"] = content_deltas;
  }
  return doc.dump(2) + "\n";
}

}  // namespace pack::portal
