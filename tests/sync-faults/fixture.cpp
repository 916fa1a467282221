// The sync fault tests' portal fixture and device (see fixture.hpp).
#include "fixture.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <content-pack/pack_reader.hpp>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>

namespace faults {

namespace {

std::string Tool(const std::string& name) { return BinDir() + "/" + name; }

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string FormatUtc(std::time_t t) {
  char buf[32];
  struct tm tm_utc;
  gmtime_r(&t, &tm_utc);
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm_utc);
  return buf;
}

// Syllables of Vietnamese from the hunspell dictionary (one per line, "/flags" cut off).
std::vector<std::string> VietnameseWords() {
  std::vector<std::string> words;
  std::istringstream lines(ReadFile("/usr/share/hunspell/vi_VN.dic"));
  std::string line;
  std::getline(lines, line);  // the count
  while (std::getline(lines, line)) {
    line = Trim(line.substr(0, line.find('/')));
    if (line.empty() || line.find_first_of("\"':#[]{}\\") != std::string::npos) continue;
    // Lower-case syllables only: acronyms (ABC, GIF) make poor questions.
    if (line[0] >= 'A' && line[0] <= 'Z') continue;
    words.push_back(line);
  }
  if (words.empty()) words = {"thủ", "tục", "hành", "chính", "đăng", "ký", "khai", "sinh"};
  return words;
}

std::string Sentence(std::mt19937_64& rng, const std::vector<std::string>& words, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) s += ' ';
    s += words[rng() % words.size()];
  }
  return s;
}

// A source folder of FAQ items. Version 2 rewrites every tenth answer and adds items,
// so a delta is much smaller than the pack but not trivial.
bool WriteSource(const fs::path& src, const std::string& id, int version, std::string& error) {
  static const std::vector<std::string> words = VietnameseWords();
  static const char* fields[] = {"Hộ tịch", "Chứng thực", "Đất đai", "Hòa giải cơ sở",
                                 "Lao động", "Bảo trợ xã hội"};
  fs::create_directories(src);
  if (!WriteFile(src / "pack.yaml", "id: " + id +
                                        "\ntitle: Gói thử nghiệm đồng bộ\n"
                                        "publisher: Sở Tư pháp (thử nghiệm)\nlanguage: vi\n")) {
    error = "cannot write " + (src / "pack.yaml").string();
    return false;
  }
  const int base_items = 1300, added_items = version >= 2 ? 100 : 0;
  for (int i = 0; i < base_items + added_items; ++i) {
    std::mt19937_64 rng(1000003ull * static_cast<uint64_t>(i) + 17);
    std::string title = Sentence(rng, words, 6 + static_cast<int>(rng() % 6));
    uint64_t body_seed = 7919ull * static_cast<uint64_t>(i) + (version >= 2 && i % 10 == 3 ? 99991 : 0) +
                         (version >= 3 && i % 10 == 7 ? 424243 : 0);
    std::mt19937_64 body_rng(body_seed);
    std::string body;
    for (int p = 0; p < 3; ++p) body += Sentence(body_rng, words, 25 + static_cast<int>(body_rng() % 20)) + ".\n\n";
    char name[64];
    std::snprintf(name, sizeof name, "hoi-dap-%05d", i);
    fs::path folder = src / ("nhom-" + std::to_string(i / 200));
    fs::create_directories(folder);
    std::string text = "---\ntype: faq\nid: " + std::string(name) + "\ntitle: \"" + title +
                       "?\"\nfield: " + fields[i % 6] + "\n---\n" + body;
    if (!WriteFile(folder / (std::string(name) + ".md"), text)) {
      error = "cannot write source items";
      return false;
    }
  }
  return true;
}

bool Run(const std::vector<std::string>& argv, std::string& error) {
  ProcessResult r = RunProcess(argv, std::chrono::seconds(300));
  if (r.exit_code == 0) return true;
  std::string cmd;
  for (const auto& a : argv) cmd += a + " ";
  error = cmd + "-> " + Describe(r) + "\n" + r.out;
  return false;
}

// Hard links for the big files, so every tree serves the very same bytes (same ETag,
// so a resume across trees is a real resume); manifest and signature are own copies.
void CloneTree(const fs::path& from, const fs::path& to) {
  for (const auto& entry : fs::recursive_directory_iterator(from)) {
    fs::path rel = fs::relative(entry.path(), from);
    if (entry.is_directory()) {
      fs::create_directories(to / rel);
    } else {
      fs::create_directories((to / rel).parent_path());
      std::string name = entry.path().filename().string();
      if (name == "manifest.json" || name == "manifest.json.minisig")
        fs::copy_file(entry.path(), to / rel);
      else
        fs::create_hard_link(entry.path(), to / rel);
    }
  }
}

// A real copy of FILE with one byte in its middle changed.
void CorruptCopy(const fs::path& file) {
  std::string data = ReadFile(file);
  fs::remove(file);
  if (!data.empty()) data[data.size() / 2] ^= 0x20;
  WriteFile(file, data);
}

// The trusted comment `content-pack publish` writes, for MANIFEST: kiosk-sync checks
// that a signature's comment names the manifest it signs (issue 10), so a variant is
// signed with a comment of its own, as a publisher signing it would.
std::string TrustedComment(const nlohmann::json& manifest) {
  return "pack_id:" + manifest.value("pack_id", std::string()) + " version:" +
         std::to_string(manifest.value("version", int64_t{0})) + " created:" +
         manifest.value("created", std::string()) + " file:manifest.json";
}

bool Resign(const fs::path& folder, const nlohmann::json& manifest, const fs::path& key,
            std::string& error) {
  std::string comment = TrustedComment(manifest);
  if (!WriteFile(folder / "manifest.json", manifest.dump(2) + "\n")) {
    error = "cannot write manifest";
    return false;
  }
  fs::remove(folder / "manifest.json.minisig");
  return Run({"/usr/bin/minisign", "-S", "-s", key.string(), "-m",
              (folder / "manifest.json").string(), "-x",
              (folder / "manifest.json.minisig").string(), "-t", comment},
             error);
}

std::string PublicKeyLine(const fs::path& pub) {
  std::istringstream lines(ReadFile(pub));
  std::string line, last;
  while (std::getline(lines, line))
    if (!Trim(line).empty() && line.rfind("untrusted comment", 0) != 0) last = Trim(line);
  return last;
}

bool FillVersion(PackVersion& v, const fs::path& raw, int64_t version) {
  v.version = version;
  v.raw_path = raw;
  std::error_code ec;
  v.raw_size = static_cast<int64_t>(fs::file_size(raw, ec));
  v.raw_sha256 = Sha256FileHex(raw);
  return !ec;
}

bool BuildFixture(const fs::path& dir, Fixture& fx, std::string& error) {
  const std::string cp = Tool("content-pack");
  fs::create_directories(dir / "keys");
  for (const char* who : {"trusted", "unknown"}) {
    if (!Run({"/usr/bin/minisign", "-G", "-W", "-p", (dir / "keys" / (std::string(who) + ".pub")).string(),
              "-s", (dir / "keys" / (std::string(who) + ".key")).string()},
             error))
      return false;
  }
  if (!WriteSource(dir / "src1", kPackId, 1, error) || !WriteSource(dir / "src2", kPackId, 2, error) ||
      !WriteSource(dir / "src3", kPackId, 3, error) ||
      !WriteSource(dir / "src-other", "vn-goi-khac", 2, error))
    return false;
  if (!Run({cp, "build", (dir / "src1").string(), "-o", (dir / "pack1.sqlite").string(), "--version", "1"}, error) ||
      !Run({cp, "build", (dir / "src2").string(), "-o", (dir / "pack2.sqlite").string(), "--version", "2"}, error) ||
      !Run({cp, "build", (dir / "src3").string(), "-o", (dir / "pack3.sqlite").string(), "--version", "3"}, error) ||
      !Run({cp, "build", (dir / "src-other").string(), "-o", (dir / "other2.sqlite").string(), "--version", "2"}, error))
    return false;
  const std::string key = (dir / "keys/trusted.key").string();
  const fs::path trees = dir / "trees";
  auto publish = [&](const std::string& pack, const std::string& tree) {
    return Run({cp, "publish", (dir / pack).string(), "--key", key, "--out", (trees / tree).string(),
                "--keep", "2", "--level", "9"},
               error);
  };
  if (!publish("pack1.sqlite", "v1") || !publish("pack1.sqlite", "v2") || !publish("pack2.sqlite", "v2") ||
      !publish("other2.sqlite", "other-src"))
    return false;
  // v3: the same history published once more; deltas from 1 and 2.
  CloneTree(trees / "v2", trees / "v3");
  if (!publish("pack3.sqlite", "v3")) return false;
  if (!FillVersion(fx.v1, dir / "pack1.sqlite", 1) || !FillVersion(fx.v2, dir / "pack2.sqlite", 2) ||
      !FillVersion(fx.v3, dir / "pack3.sqlite", 3)) {
    error = "packs missing after build";
    return false;
  }
  fx.dir = dir;
  const fs::path unknown_key = dir / "keys/unknown.key";
  nlohmann::json v2 = fx.Manifest("v2");
  if (v2.is_null() || !v2.contains("pack")) {
    error = "v2 manifest unreadable";
    return false;
  }
  auto variant = [&](const std::string& name, auto&& edit, const fs::path& sign_key) {
    CloneTree(trees / "v2", trees / name);
    nlohmann::json m = v2;
    edit(m);
    return Resign(fx.PackFolder(name), m, sign_key, error);
  };
  std::time_t now = std::time(nullptr);
  bool ok =
      variant("v2-full", [](nlohmann::json& m) {
        m["deltas"] = nlohmann::json::array();
        m["content_deltas"] = nlohmann::json::array();
      }, key) &&
      variant("v2-pack-delta", [](nlohmann::json& m) { m["content_deltas"] = nlohmann::json::array(); }, key) &&
      variant("content-recipe", [](nlohmann::json& m) { m["content"]["recipe"] = "index/0 sqlite/0.0.0"; }, key) &&
      variant("content-base", [](nlohmann::json& m) {
        m["content_deltas"][0]["from_sha256"] = std::string(64, 'c');
      }, key) &&
      variant("content-sha", [](nlohmann::json& m) { m["content"]["sha256"] = std::string(64, 'b'); }, key) &&
      variant("unknown-key", [](nlohmann::json&) {}, unknown_key) &&
      variant("expired", [&](nlohmann::json& m) {
        m["created"] = FormatUtc(now - 40 * 86400);
        m["expires"] = FormatUtc(now - 2 * 86400);
      }, key) &&
      variant("other-id", [](nlohmann::json& m) { m["pack_id"] = "vn-goi-khac"; }, key) &&
      variant("raw-mismatch", [](nlohmann::json& m) {
        m["raw"]["sha256"] = std::string(64, 'a');
      }, key) &&
      variant("newer-app", [](nlohmann::json& m) { m["min_app_version"] = "99.0.0"; }, key);
  if (!ok) return false;

  // Mix and match: our id and version in a signed manifest, but the file (with its true
  // size and hashes) is a pack of another id.
  {
    const fs::path other_folder = fx.Tree("other-src") / "v1" / "vn-goi-khac";
    nlohmann::json other = nlohmann::json::parse(ReadFile(other_folder / "manifest.json"), nullptr, false);
    if (!other.is_object() || !other.contains("pack") || !other.contains("raw")) {
      error = "manifest of the other pack unreadable";
      return false;
    }
    if (!variant("mix-match", [&](nlohmann::json& m) {
          m["deltas"] = nlohmann::json::array();
          m["content_deltas"] = nlohmann::json::array();
          m["pack"] = other["pack"];
          m["raw"] = other["raw"];
        }, key))
      return false;
    fs::path ours = fx.PackFolder("mix-match") / other["pack"]["url"].get<std::string>();
    fs::remove(ours);
    fs::copy_file(other_folder / other["pack"]["url"].get<std::string>(), ours);
  }
  // Tampered: the text changes after signing.
  CloneTree(trees / "v2", trees / "tampered");
  {
    nlohmann::json m = v2;
    m["expires"] = FormatUtc(now + 3650 * 86400);
    WriteFile(fx.PackFolder("tampered") / "manifest.json", m.dump(2) + "\n");
  }
  // Bad signature: one base64 character of the signature line changed.
  CloneTree(trees / "v2", trees / "bad-sig");
  {
    fs::path sig = fx.PackFolder("bad-sig") / "manifest.json.minisig";
    std::string text = ReadFile(sig);
    size_t line2 = text.find('\n');
    if (line2 == std::string::npos || line2 + 40 >= text.size()) {
      error = "unexpected signature file";
      return false;
    }
    char& c = text[line2 + 30];
    c = c == 'A' ? 'B' : 'A';
    WriteFile(sig, text);
  }
  // Hash mismatch: the manifest is genuine, the files are not what it says.
  CloneTree(trees / "v2", trees / "hash-mismatch");
  CorruptCopy(fx.PackFolder("hash-mismatch") / fx.FullUrl("v2"));
  for (const std::string& url : {fx.PackDeltaUrl("v2"), fx.ContentDeltaUrl("v2")})
    if (!url.empty()) CorruptCopy(fx.PackFolder("hash-mismatch") / url);

  fx.trusted_public_b64 = PublicKeyLine(dir / "keys/trusted.pub");
  fx.unknown_public_b64 = PublicKeyLine(dir / "keys/unknown.pub");
  return true;
}

std::string FixtureKey() {
  // Rebuilt when the tool changes, and daily (the "expires" of a real manifest is a
  // month ahead, the expired one two days back).
  struct stat st {};
  stat(Tool("content-pack").c_str(), &st);
  char day[16];
  std::time_t now = std::time(nullptr);
  struct tm tm_utc;
  gmtime_r(&now, &tm_utc);
  strftime(day, sizeof day, "%Y%m%d", &tm_utc);
  return "f8-" + std::string(day) + "-" + std::to_string(st.st_size) + "-" +
         std::to_string(st.st_mtim.tv_sec);
}

}  // namespace

nlohmann::json Fixture::Manifest(const std::string& tree) const {
  std::string text = ReadFile(PackFolder(tree) / "manifest.json");
  return nlohmann::json::parse(text, nullptr, false);
}

int64_t Fixture::FileSize(const std::string& tree, const std::string& url) const {
  std::error_code ec;
  auto size = fs::file_size(PackFolder(tree) / url, ec);
  return ec ? -1 : static_cast<int64_t>(size);
}

std::string Fixture::FullUrl(const std::string& tree) const {
  nlohmann::json m = Manifest(tree);
  return m.contains("pack") ? m["pack"].value("url", "") : "";
}

namespace {
std::string FirstUrl(const nlohmann::json& m, const char* list) {
  if (!m.contains(list) || !m[list].is_array() || m[list].empty()) return "";
  return m[list][0].value("url", "");
}
}  // namespace

std::string Fixture::PackDeltaUrl(const std::string& tree) const { return FirstUrl(Manifest(tree), "deltas"); }
std::string Fixture::ContentDeltaUrl(const std::string& tree) const {
  return FirstUrl(Manifest(tree), "content_deltas");
}

std::string Fixture::DeltaUrl(const std::string& tree) const {
  const std::string pack = PackDeltaUrl(tree), content = ContentDeltaUrl(tree);
  if (pack.empty() || content.empty()) return pack.empty() ? content : pack;
  return FileSize(tree, content) <= FileSize(tree, pack) ? content : pack;
}

const Fixture& GetFixture() {
  static Fixture fixture;
  static std::once_flag once;
  std::call_once(once, [] {
    fs::path root = fs::path(KIOSK_BINARY_DIR) / "tests" / "sync-faults-fixture";
    std::error_code ec;
    fs::create_directories(root, ec);
    for (const char* tool : {"content-pack", "sync-fault-server"}) {
      if (!fs::exists(Tool(tool))) {
        fixture.error = Tool(tool) + " is not built";
        return;
      }
    }
    int lock = open((root / "lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    flock(lock, LOCK_EX);
    std::string key = FixtureKey();
    fs::path ready = root / key;
    if (!fs::exists(ready / "READY")) {
      fs::path building = root / ("building-" + std::to_string(getpid()));
      fs::remove_all(building, ec);
      fs::create_directories(building);
      // Older fixtures are stale now.
      for (const auto& e : fs::directory_iterator(root))
        if (e.is_directory() && e.path() != building) fs::remove_all(e.path(), ec);
      Fixture built;
      if (!BuildFixture(building, built, fixture.error)) {
        flock(lock, LOCK_UN);
        close(lock);
        return;
      }
      WriteFile(building / "READY", key);
      fs::rename(building, ready, ec);
    }
    flock(lock, LOCK_UN);
    close(lock);
    // Load from the ready folder (paths point there, not to the building folder).
    fixture.dir = ready;
    if (!FillVersion(fixture.v1, ready / "pack1.sqlite", 1) ||
        !FillVersion(fixture.v2, ready / "pack2.sqlite", 2) || !FillVersion(fixture.v3, ready / "pack3.sqlite", 3)) {
      fixture.error = "fixture in " + ready.string() + " is incomplete";
      return;
    }
    fixture.trusted_public_b64 = PublicKeyLine(ready / "keys/trusted.pub");
    fixture.unknown_public_b64 = PublicKeyLine(ready / "keys/unknown.pub");
    fixture.ok = !fixture.trusted_public_b64.empty();
    if (!fixture.ok) fixture.error = "no public key in the fixture";
    if (!fs::exists(Tool("kiosk-sync"))) {
      fixture.ok = false;
      fixture.error = Tool("kiosk-sync") + " is not built";
    }
  });
  return fixture;
}

Tuning FastTuning() {
  return {{"connect_timeout_seconds", "2"},
          {"low_speed_limit_bytes", "1000"},
          {"low_speed_seconds", "2"},
          {"retries", "2"},
          {"retry_base_ms", "20"}};
}

Device::Device(const Fixture& fixture, const std::string& portal, const Tuning& tuning,
               const fs::path& data_dir)
    : fixture_(fixture) {
  data_dir_ = data_dir.empty() ? dir_ / "data" : data_dir;
  config_ = dir_ / "kiosk.conf";
  std::string text = "# written by tests/sync-faults\n[sync]\nportal = " + portal +
                     "\npack_id = " + kPackId + "\npublic_key = " + fixture.trusted_public_b64 +
                     "\ndata_dir = " + data_dir_.string() + "\n";
  for (const auto& [k, v] : tuning) text += k + " = " + v + "\n";
  WriteFile(config_, text);
}

std::vector<std::string> Device::SyncArgv() const {
  return {Tool("kiosk-sync"), "--config", config_.string(), "--once"};
}

ProcessResult Device::Sync(std::chrono::seconds timeout) const {
  return RunProcess(SyncArgv(), timeout);
}

nlohmann::json Device::Status() const {
  ProcessResult r = RunProcess({Tool("kiosk-sync"), "--config", config_.string(), "--status", "--json"},
                               std::chrono::seconds(30));
  return nlohmann::json::parse(r.out, nullptr, false);
}

CurrentPack Device::Current() const {
  CurrentPack c;
  fs::path link = data_dir_ / "current";
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(link, ec))) {
    c.error = link.string() + " is not a symlink";
    return c;
  }
  fs::path target = fs::read_symlink(link, ec);
  if (target.is_relative()) target = data_dir_ / target;
  target = fs::weakly_canonical(target, ec);
  c.target = target;
  fs::path packs = fs::weakly_canonical(data_dir_ / "packs", ec);
  if (target.parent_path() != packs) {
    c.error = "current points outside packs/: " + target.string();
    return c;
  }
  auto reader = pack::PackReader::Open(target.string());
  if (!reader) {
    c.error = "current does not open: " + reader.error();
    return c;
  }
  auto check = (*reader)->QuickCheck();
  if (!check || !*check) {
    c.error = "quick_check failed: " + (check ? std::string("not ok") : check.error());
    return c;
  }
  const pack::PackMeta& meta = (*reader)->Meta();
  c.version = meta.version;
  if (meta.id != kPackId) {
    c.error = "current is a pack of id " + meta.id;
    return c;
  }
  const PackVersion* expected = meta.version == 1   ? &fixture_.v1
                                : meta.version == 2 ? &fixture_.v2
                                : meta.version == 3 ? &fixture_.v3
                                                    : nullptr;
  if (!expected) {
    c.error = "current has version " + std::to_string(meta.version) + ", not a published one";
    return c;
  }
  if (Sha256FileHex(target) != expected->raw_sha256) {
    c.error = "current says version " + std::to_string(meta.version) + " but its bytes differ from it";
    return c;
  }
  c.ok = true;
  return c;
}

int64_t Device::PartialBytes() const {
  int64_t sum = 0;
  std::error_code ec;
  if (!fs::exists(data_dir_ / "download", ec)) return 0;
  for (const auto& e : fs::recursive_directory_iterator(data_dir_ / "download", ec))
    if (e.is_regular_file(ec) && e.path().extension() == ".part")
      sum += static_cast<int64_t>(e.file_size(ec));
  return sum;
}

std::map<std::string, int64_t> Device::Parts() const {
  std::map<std::string, int64_t> parts;
  std::error_code ec;
  if (!fs::exists(data_dir_ / "download", ec)) return parts;
  for (const auto& e : fs::directory_iterator(data_dir_ / "download", ec))
    if (e.is_regular_file(ec) && e.path().extension() == ".part")
      parts[e.path().stem().string()] = static_cast<int64_t>(e.file_size(ec));
  return parts;
}

std::vector<fs::path> Device::Leftovers() const {
  std::vector<fs::path> out;
  std::error_code ec;
  if (fs::exists(data_dir_ / "download", ec))
    for (const auto& e : fs::recursive_directory_iterator(data_dir_ / "download", ec))
      if (e.is_regular_file(ec)) out.push_back(e.path());
  return out;
}

std::string Describe(const ProcessResult& r) {
  std::string last;
  std::istringstream lines(r.err);
  std::string line;
  while (std::getline(lines, line))
    if (!Trim(line).empty()) last = Trim(line);
  std::string s = r.timed_out ? "timed out" : r.signal ? "signal " + std::to_string(r.signal)
                                                       : "exit " + std::to_string(r.exit_code);
  return last.empty() ? s : s + ": " + last;
}

bool IsPackFile(const LogEntry& e) {
  return e.method == "GET" && (e.path.find("/packs/") != std::string::npos ||
                               e.path.find("/deltas/") != std::string::npos);
}

std::string BaseNameOf(const std::string& path) { return path.substr(path.rfind('/') + 1); }

int64_t RefetchedBytes(const std::vector<LogEntry>& log, const std::map<std::string, int64_t>& had) {
  int64_t refetched = 0;
  for (const auto& e : log) {
    if (!IsPackFile(e) || e.status >= 400) continue;
    auto it = had.find(BaseNameOf(e.path));
    if (it == had.end()) continue;
    int64_t end = std::min(e.offset + e.sent, it->second);
    if (end > e.offset) refetched += end - e.offset;
  }
  return refetched;
}

std::map<std::string, int64_t> HadAfter(const Device& device, const std::vector<LogEntry>& run_log) {
  std::map<std::string, int64_t> had = device.Parts();
  for (const auto& e : run_log) {
    // Ranges are always "bytes=N-", so a complete response reaches the end of the file.
    if (!IsPackFile(e) || e.status >= 400 || e.end != "complete" || e.length < 0 || e.sent != e.length) continue;
    std::string name = BaseNameOf(e.path);
    if (!had.count(name)) had[name] = e.offset + e.length;
  }
  return had;
}

namespace {
struct MatrixRow {
  std::string fault, expected, observed;
  bool pass;
};
std::vector<MatrixRow>& Rows() {
  static std::vector<MatrixRow> rows;
  return rows;
}
void PrintMatrix() {
  if (Rows().empty()) return;
  std::printf("\n== sync fault matrix (fault | expected | observed | result) ==\n");
  for (const auto& r : Rows())
    std::printf("%-34s | %s | %s | %s\n", r.fault.c_str(), r.expected.c_str(), r.observed.c_str(),
                r.pass ? "PASS" : "FAIL");
  std::fflush(stdout);
}
}  // namespace

void RecordFault(const std::string& fault, const std::string& expected, const std::string& observed,
                 bool pass) {
  // Rows() first: its destructor must run after PrintMatrix (reverse order of registration).
  static bool registered = (Rows(), std::atexit(PrintMatrix), true);
  (void)registered;
  Rows().push_back({fault, expected, observed, pass});
  std::string line = fault + "\t" + expected + "\t" + observed + "\t" + (pass ? "PASS" : "FAIL") + "\n";
  int fd = open((fs::path(KIOSK_BINARY_DIR) / "tests" / "sync-fault-matrix.tsv").c_str(),
                O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd >= 0) {
    ssize_t n = write(fd, line.data(), line.size());
    (void)n;
    close(fd);
  }
}

}  // namespace faults
