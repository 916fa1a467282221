// tests/sync/hardening_test.cpp: the attacks of the review in issue 10, replayed against
// kiosk-sync: a leaked key's fast-forward, manifests that are ambiguous or too big or
// valid for ever, hostile links and FIFOs in the data dir and on a USB stick, servers
// that trickle or send bytes that are not text, and an installed state that went bad.
// Each case failed on the code before the fix (docs/sync-fault-matrix.md, "Attack
// review"); KIOSK_TEST_BIN_DIR=<old build>/bin replays them against another build.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <thread>

#include "content-pack/minisign.hpp"
#include "content-pack/portal.hpp"
#include "harness.hpp"

using namespace synctest;
namespace portal = pack::portal;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char* kPackId = "vn-test-sync";

struct World {
  TempDir dir;
  KeyPair key = MakeKeys(dir.Path(), "province");
  std::string portal_dir = dir / "portal";
  std::string folder = dir / "portal/v1/vn-test-sync";
  std::string data = dir / "data";

  std::string Pack(int64_t version, int items = 30) {
    const std::string src = dir / ("src" + std::to_string(version));
    const std::string out = dir / ("p" + std::to_string(version) + ".sqlite");
    if (!Exists(out)) {
      MakeSource(src, kPackId, items, 2, static_cast<int>(version % 1000));
      Result r = Run({Bin("content-pack"), "build", src, "-o", out, "--version", std::to_string(version)});
      INFO(r.err);
      REQUIRE(r.exit_code == 0);
    }
    return out;
  }
  void Publish(int64_t version, std::vector<std::string> extra = {}, const KeyPair* with = nullptr) {
    Result r = synctest::Publish(Pack(version), with ? *with : key, portal_dir, extra);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  portal::Manifest Manifest() { return *portal::ParseManifest(ReadFile(folder + "/manifest.json")); }
  std::string Config(const std::string& portal_url, const std::string& extra = {},
                     const std::vector<std::string>& keys = {}) {
    return WriteConfig(dir / "kiosk.conf", portal_url, keys.empty() ? std::vector<std::string>{key.pub_line} : keys,
                       data, extra);
  }
  std::string FileConfig(const std::string& extra = {}) { return Config("file://" + portal_dir, extra); }
  json Status(const std::string& conf) {
    Result r = Sync(conf, {"--status", "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  std::string CurrentTarget() {
    std::error_code ec;
    return fs::read_symlink(data + "/current", ec).string();
  }
  // Signs TEXT as manifest.json with KEY (a publisher's comment naming VERSION).
  void SignManifest(const std::string& text, const KeyPair& k, const std::string& comment) {
    auto secret = pack::minisign::ParseSecretKey(ReadFile(k.sec_file), "");
    REQUIRE(secret.ok());
    WriteFile(folder + "/manifest.json", text);
    WriteFile(folder + "/manifest.json.minisig", pack::minisign::Sign(text, *secret, comment));
  }
};

std::string PublisherComment(const portal::Manifest& m) {
  return "pack_id:" + m.pack_id + " version:" + std::to_string(m.version) + " created:" + m.created +
         " file:manifest.json";
}

bool HasControlBytes(const std::string& s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) return true;
  return false;
}

// A minimal HTTP/1.1 server on a loopback port for what nginx will not do: answer with
// bytes that are not text, or trickle a body. HANDLER gets the request head and the
// connection and writes whatever it likes; one connection at a time, closed after it.
class RawServer {
 public:
  using Handler = std::function<void(const std::string& head, int fd)>;
  explicit RawServer(Handler handler) : handler_(std::move(handler)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd_ >= 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    REQUIRE(::listen(fd_, 8) == 0);
    thread_ = std::thread([this] { Serve(); });
  }
  ~RawServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  bool Stopping() const { return stop_; }

  static void Send(int fd, const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return;
      done += static_cast<size_t>(n);
    }
  }
  // A file of DIR served whole, or 404.
  static void SendFile(int fd, const std::string& dir, const std::string& head) {
    const size_t sp1 = head.find(' '), sp2 = head.find(' ', sp1 + 1);
    const std::string path = dir + head.substr(sp1 + 1, sp2 - sp1 - 1);
    if (!Exists(path)) {
      Send(fd, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    const std::string body = ReadFile(path);
    Send(fd, "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
  }

 private:
  void Serve() {
    while (!stop_) {
      int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      std::string head;
      char buf[4096];
      while (head.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        head.append(buf, static_cast<size_t>(n));
      }
      if (!head.empty()) handler_(head, c);
      ::close(c);
    }
  }
  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace

// [SECTION] Update trust

TEST_CASE("hardening: a leaked key's fast-forward to version 2^63-1 is undone by rotating keys") {
  World w;
  w.Publish(1);
  const std::string conf = w.FileConfig();
  REQUIRE(Sync(conf).exit_code == 0);

  // The attacker signs a manifest of version INT64_MAX with the leaked key; its files do
  // not exist, so nothing installs, but the version becomes trusted.
  w.Publish(2);
  const std::string genuine2 = ReadFile(w.folder + "/manifest.json");
  const std::string genuine2_sig = ReadFile(w.folder + "/manifest.json.minisig");
  portal::Manifest evil = w.Manifest();
  evil.version = INT64_MAX;
  evil.pack.url = "packs/9223372036854775807.sqlite.zst";
  evil.deltas.clear();
  evil.content_deltas.clear();
  evil.recipe.clear();
  w.SignManifest(portal::ManifestToJson(evil), w.key, PublisherComment(evil));
  CHECK(Sync(conf).exit_code == 1);
  CHECK(w.Status(conf)["trusted_version"] == INT64_MAX);

  // Every genuine manifest is now a "rollback".
  WriteFile(w.folder + "/manifest.json", genuine2);
  WriteFile(w.folder + "/manifest.json.minisig", genuine2_sig);
  Result refused = Sync(conf);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("lower than the trusted version") != std::string::npos);

  // The documented recovery: a new key, pinned alone, and version 2 re-signed with it.
  KeyPair fresh = MakeKeys(w.dir.Path(), "province-2027");
  w.Publish(2, {}, &fresh);
  const std::string rotated = w.Config("file://" + w.portal_dir, "", {fresh.pub_line});
  Result recovered = Sync(rotated, {"--once", "--json"});
  INFO(recovered.out, recovered.err);
  CHECK(recovered.exit_code == 0);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-2.sqlite");
  CHECK(w.Status(rotated)["trusted_version"] == 2);
  CHECK(recovered.err.find("no longer pin") != std::string::npos);
}

TEST_CASE("hardening: a routine key rotation keeps the installed pack without downloading it again") {
  World w;
  w.Publish(1);
  REQUIRE(Sync(w.FileConfig()).exit_code == 0);
  KeyPair fresh = MakeKeys(w.dir.Path(), "province-2027");
  w.Publish(1, {}, &fresh);  // the same version re-signed with the new key
  const std::string rotated = w.Config("file://" + w.portal_dir, "", {fresh.pub_line});
  Result r = Sync(rotated, {"--once", "--json"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 10);
  CHECK(json::parse(r.out)["bytes"].get<int64_t>() < w.Manifest().pack.size);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1.sqlite");
  w.Publish(2, {}, &fresh);
  Result up = Sync(rotated, {"--once", "--json"});
  INFO(up.out, up.err);
  CHECK(up.exit_code == 0);
  CHECK(json::parse(up.out)["delta"] == true);
  CHECK(w.Status(rotated)["previous"]["version"] == 1);  // kept for rollback
}

TEST_CASE("hardening: a manifest valid for more than 400 days is refused") {
  World w;
  w.Publish(1, {"--expires-days", "3650"});
  Result r = Sync(w.FileConfig());
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("400 days") != std::string::npos);
  CHECK_FALSE(Exists(w.data + "/current"));
  w.Publish(1, {"--expires-days", "30"});  // re-signed with a sane expiry
  CHECK(Sync(w.FileConfig()).exit_code == 0);
}

TEST_CASE("hardening: a manifest with a key twice is refused, by the parser and by kiosk-sync") {
  World w;
  w.Publish(1);
  std::string text = ReadFile(w.folder + "/manifest.json");
  auto good = portal::ParseManifest(text);
  REQUIRE(good.ok());
  // Another reader would keep the first "version", nlohmann the last.
  std::string twice = text;
  twice.replace(twice.find("\"version\": 1"), 12, "\"version\": 1, \"version\": 5");
  auto parsed = portal::ParseManifest(twice);
  CHECK_FALSE(parsed.ok());
  if (!parsed.ok()) CHECK(parsed.error().find("appears twice") != std::string::npos);
  // Nested objects count too.
  std::string nested = text;
  nested.replace(nested.find("\"url\": \"packs/1.sqlite.zst\""), 27,
                 "\"url\": \"packs/1.sqlite.zst\", \"url\": \"packs/9.sqlite.zst\"");
  CHECK_FALSE(portal::ParseManifest(nested).ok());

  w.SignManifest(twice, w.key, PublisherComment(*good));
  Result r = Sync(w.FileConfig());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("appears twice") != std::string::npos);
}

TEST_CASE("hardening: a signature whose trusted comment names another manifest is refused") {
  World w;
  w.Publish(1);
  const std::string text = ReadFile(w.folder + "/manifest.json");
  portal::Manifest m = *portal::ParseManifest(text);
  portal::Manifest other = m;
  other.version = 7;
  w.SignManifest(text, w.key, PublisherComment(other));
  Result r = Sync(w.FileConfig());
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("trusted comment says version \"7\"") != std::string::npos);
  // minisign's own comment ("timestamp:... file:... hashed") names no version: accepted.
  w.SignManifest(text, w.key, "timestamp:1764000000\tfile:manifest.json\thashed");
  CHECK(portal::CheckTrustedComment("timestamp:1764000000 file:manifest.json hashed", m).ok());
  CHECK_FALSE(portal::CheckTrustedComment("pack_id:vn-other version:1", m).ok());
  CHECK_FALSE(portal::CheckTrustedComment("file:other.json", m).ok());
  Result ok = Sync(w.FileConfig());
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
}

TEST_CASE("hardening: sizes near 2^63 are refused by the manifest parser") {
  World w;
  w.Publish(1);
  portal::Manifest m = w.Manifest();
  for (int field = 0; field < 3; ++field) {
    portal::Manifest huge = m;
    (field == 0 ? huge.raw_size : field == 1 ? huge.pack.size : huge.content_size) = INT64_MAX - 10;
    if (field == 2 && huge.recipe.empty()) continue;
    auto parsed = portal::ParseManifest(portal::ManifestToJson(huge));
    CHECK_FALSE(parsed.ok());
    if (!parsed.ok()) CHECK(parsed.error().find("out of range") != std::string::npos);
  }
  // An unsigned value past INT64_MAX must not wrap to a negative size either.
  std::string text = ReadFile(w.folder + "/manifest.json");
  const std::string raw_size = "\"size\": " + std::to_string(m.raw_size);
  text.replace(text.find(raw_size), raw_size.size(), "\"size\": 18446744073709551615");
  CHECK_FALSE(portal::ParseManifest(text).ok());
  // A signed manifest with such a raw size makes kiosk-sync refuse before any download.
  portal::Manifest huge = m;
  huge.raw_size = int64_t{1} << 62;
  w.SignManifest(portal::ManifestToJson(huge), w.key, PublisherComment(huge));
  Result r = Sync(w.FileConfig());
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("out of range") != std::string::npos);
  CHECK(fs::is_empty(w.data + "/download"));
}

TEST_CASE("hardening: versions of 19 digits install, stay current, update by delta and roll back") {
  World w;
  const int64_t v1 = 1000000000000000001, v2 = 1000000000000000002;
  w.Publish(v1);
  const std::string conf = w.FileConfig();
  Result first = Sync(conf);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1000000000000000001.sqlite");
  Result again = Sync(conf, {"--once", "--json"});
  INFO(again.out, again.err);
  CHECK(again.exit_code == 10);  // recognised as installed: not downloaded every night
  w.Publish(v2);
  Result up = Sync(conf, {"--once", "--json"});
  INFO(up.out, up.err);
  REQUIRE(up.exit_code == 0);
  CHECK(json::parse(up.out)["delta"] == true);
  json s = w.Status(conf);
  CHECK(s["current"]["version"] == v2);
  CHECK(s["previous"]["version"] == v1);
  CHECK(Sync(conf, {"--rollback"}).exit_code == 0);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1000000000000000001.sqlite");
}

// [SECTION] The data directory and USB sticks

TEST_CASE("hardening: a symlink planted at download/NAME.part is never written through") {
  World w;
  w.Publish(1, {"--level", "1"});
  const portal::Manifest m = w.Manifest();
  const std::string victim = w.dir / "victim.txt";
  WriteFile(victim, "precious");
  fs::create_directories(w.data + "/download");
  fs::create_symlink(victim, w.data + "/download/1.sqlite.zst.part");
  // The sidecar only needs public facts: the manifest's hash and size.
  WriteFile(w.data + "/download/1.sqlite.zst.part.info",
            "sha256 " + m.pack.sha256 + "\nsize " + std::to_string(m.pack.size) + "\nurl x\n");
  Result r = Sync(w.FileConfig());
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(ReadFile(victim) == "precious");
  CHECK(*portal::Sha256File(w.data + "/current") == m.raw_sha256);
}

TEST_CASE("hardening: a partial download is created 0600") {
  World w;
  w.Publish(1, {"--level", "1"});
  const portal::Manifest m = w.Manifest();
  // The portal's pack is cut short: the run fails and keeps what it has for the next.
  const std::string packed = ReadFile(w.folder + "/" + m.pack.url);
  WriteFile(w.folder + "/" + m.pack.url, packed.substr(0, packed.size() / 2));
  Result r = Sync(w.FileConfig("retries = 0\n"));
  CHECK(r.exit_code == 1);
  struct stat st{};
  REQUIRE(::lstat((w.data + "/download/1.sqlite.zst.part").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size == static_cast<off_t>(packed.size() / 2));
}

TEST_CASE("hardening: download/ replaced by a symlink does not empty the folder it points to") {
  World w;
  w.Publish(1);
  const std::string conf = w.FileConfig();
  REQUIRE(Sync(conf).exit_code == 0);
  const std::string elsewhere = w.dir / "elsewhere";
  WriteFile(elsewhere + "/keep.txt", "not kiosk-sync's");
  fs::remove_all(w.data + "/download");
  fs::create_directory_symlink(elsewhere, w.data + "/download");
  w.Publish(2);
  Result r = Sync(conf);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(ReadFile(elsewhere + "/keep.txt") == "not kiosk-sync's");
  CHECK(fs::is_directory(fs::symlink_status(w.data + "/download")));
  // --status reads without repairing: a planted link is reported, not followed.
  fs::remove_all(w.data + "/download");
  fs::create_directory_symlink(elsewhere, w.data + "/download");
  Result st = Sync(conf, {"--status"});
  CHECK(st.exit_code == 1);
  CHECK(st.err.find("symbolic link") != std::string::npos);
}

TEST_CASE("hardening: a file:// portal whose pack file is a symlink to a secret is refused") {
  World w;
  w.Publish(1);
  const portal::Manifest m = w.Manifest();
  const std::string secret = w.dir / "shadow";
  WriteFile(secret, "root:$6$secret-hash:19000:0:99999:7:::\n");
  ::chmod(secret.c_str(), 0600);
  fs::remove(w.folder + "/" + m.pack.url);
  fs::create_symlink(secret, w.folder + "/" + m.pack.url);
  Result r = Sync(w.FileConfig("retries = 0\n"));
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("symbolic link") != std::string::npos);
  for (const auto& e : fs::directory_iterator(w.data + "/download"))
    CHECK(ReadFile(e.path().string()).find("secret-hash") == std::string::npos);
  // A linked folder inside the portal is refused the same way.
  fs::remove(w.folder + "/" + m.pack.url);
  fs::rename(w.folder + "/packs", w.dir / "real-packs");
  WriteFile(w.dir / "real-packs/1.sqlite.zst", "x");
  fs::create_directory_symlink(w.dir / "real-packs", w.folder + "/packs");
  Result linked = Sync(w.FileConfig("retries = 0\n"));
  CHECK(linked.exit_code == 1);
  CHECK(linked.err.find("symbolic link") != std::string::npos);
}

TEST_CASE("hardening: a FIFO as manifest.json on a file:// portal does not hang the run") {
  World w;
  w.Publish(1);
  fs::remove(w.folder + "/manifest.json");
  REQUIRE(::mkfifo((w.folder + "/manifest.json").c_str(), 0644) == 0);
  const auto start = std::chrono::steady_clock::now();
  Result r = Run({"/usr/bin/timeout", "30", Bin("kiosk-sync"), "--config", w.FileConfig(), "--once"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(r.err);
  CHECK(r.exit_code == 1);  // timeout(1) says 124 when the run hangs
  CHECK(r.err.find("not a regular file") != std::string::npos);
  MESSAGE("a FIFO manifest: kiosk-sync exited after " << seconds << " s");
}

TEST_CASE("hardening: started as root, kiosk-sync works as the data dir's owner") {
  if (::geteuid() != 0) {
    MESSAGE("SKIPPED: needs root");
    return;
  }
  const passwd* nobody = ::getpwnam("nobody");
  REQUIRE(nobody != nullptr);
  World w;
  w.Publish(1);
  fs::create_directories(w.data);
  REQUIRE(::chown(w.data.c_str(), nobody->pw_uid, nobody->pw_gid) == 0);
  // The portal and the settings stay root's: readable by all, as on a USB stick.
  const std::string conf = w.FileConfig();
  ::chmod(conf.c_str(), 0644);
  Result r = Sync(conf, {"--once", "--json"});
  INFO(r.out, r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("now running as nobody") != std::string::npos);
  int checked = 0;
  for (const auto& e : fs::recursive_directory_iterator(w.data)) {
    struct stat st{};
    REQUIRE(::lstat(e.path().c_str(), &st) == 0);
    INFO(e.path().string());
    CHECK(st.st_uid == nobody->pw_uid);
    ++checked;
  }
  CHECK(checked >= 5);  // packs/, the pack, current, state.sqlite, .sync.lock, download/
}

// [SECTION] The installed state is checked again

TEST_CASE("hardening: a damaged current pack is found and repaired in the same run") {
  World w;
  w.Publish(1);
  const std::string conf = w.FileConfig();
  REQUIRE(Sync(conf).exit_code == 0);
  w.Publish(2);
  REQUIRE(Sync(conf).exit_code == 0);
  const std::string raw2 = w.Manifest().raw_sha256;
  // One byte flipped in the middle of the installed pack (a failing SD card).
  const std::string path = w.data + "/packs/vn-test-sync-2.sqlite";
  std::string bytes = ReadFile(path);
  bytes[bytes.size() / 2] ^= 0x20;
  WriteFile(path, bytes);
  Result r = Sync(conf, {"--once", "--json"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(json::parse(r.out)["note"].get<std::string>().find("is damaged") != std::string::npos);
  CHECK(*portal::Sha256File(w.data + "/current") == raw2);
  CHECK(Sync(conf).exit_code == 10);
}

TEST_CASE("hardening: current pointing outside packs/ is not believed and is repaired") {
  World w;
  w.Publish(1);
  const std::string conf = w.FileConfig();
  REQUIRE(Sync(conf).exit_code == 0);
  const std::string outside = w.dir / "elsewhere/vn-test-sync-1.sqlite";
  WriteFile(outside, "not a pack at all");
  fs::remove(w.data + "/current");
  fs::create_symlink(outside, w.data + "/current");
  json before = w.Status(conf);
  CHECK(before["current"].is_null());
  Result r = Sync(conf);
  INFO(r.err);
  CHECK((r.exit_code == 0 || r.exit_code == 10));
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1.sqlite");
  CHECK(*portal::Sha256File(w.data + "/current") == w.Manifest().raw_sha256);
}

TEST_CASE("hardening: a garbage state.sqlite is set aside and rebuilt from the installed pack") {
  World w;
  w.Publish(1);
  const std::string conf = w.FileConfig();
  REQUIRE(Sync(conf).exit_code == 0);
  for (const char* leftover : {"/state.sqlite-wal", "/state.sqlite-shm"}) ::unlink((w.data + leftover).c_str());
  WriteFile(w.data + "/state.sqlite", std::string(8192, 'G'));
  Result r = Sync(conf, {"--once", "--json"});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 10);
  CHECK(json::parse(r.out)["note"].get<std::string>().find("set aside") != std::string::npos);
  bool aside = false;
  for (const auto& e : fs::directory_iterator(w.data)) aside = aside || e.path().filename().string().starts_with("state.sqlite.bad-");
  CHECK(aside);
  json s = w.Status(conf);
  CHECK(s["current"]["version"] == 1);
  CHECK(s["trusted_version"] == 1);
}

// [SECTION] Text from outside

TEST_CASE("hardening: a server's non-UTF-8 and escape bytes do not break --json or reach the terminal") {
  World w;
  w.Publish(1, {"--level", "1"});
  const portal::Manifest m = w.Manifest();
  const std::string portal_dir = w.portal_dir;
  RawServer server([&](const std::string& head, int fd) {
    const size_t range = head.find("Range: bytes=");
    if (range != std::string::npos) {
      // curl checks the start itself; the rest of the header is the server's to fill.
      const std::string from = std::to_string(std::stoll(head.substr(range + 13)));
      RawServer::Send(fd, "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + from + "-" + from +
                              "/99999 \xff\xfe\x1b[2J\x1b[31mEVIL\xc2\x9b" "1m\r\nContent-Length: 1\r\n"
                              "Connection: close\r\n\r\na");
      return;
    }
    RawServer::SendFile(fd, portal_dir, head);
  });
  // A partial download, so the client asks for a range.
  const std::string packed = ReadFile(w.folder + "/" + m.pack.url);
  WriteFile(w.data + "/download/1.sqlite.zst.part", packed.substr(0, packed.size() / 2));
  WriteFile(w.data + "/download/1.sqlite.zst.part.info",
            "sha256 " + m.pack.sha256 + "\nsize " + std::to_string(m.pack.size) + "\nurl x\n");
  const std::string conf = w.Config(server.Url(), "retries = 0\n");
  Result once = Sync(conf, {"--once", "--json"});
  INFO(once.out, once.err);
  CHECK(once.exit_code == 1);  // 134 (abort: nlohmann's dump threw) before the fix
  json doc = json::parse(once.out, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  CHECK(doc["error"].get<std::string>().find("Content-Range") != std::string::npos);
  CHECK_FALSE(HasControlBytes(once.err));
  CHECK_FALSE(HasControlBytes(once.out));

  Result status = Sync(conf, {"--status", "--json"});
  INFO(status.err);
  CHECK(status.exit_code == 0);
  CHECK_FALSE(json::parse(status.out, nullptr, false).is_discarded());
  Result text = Sync(conf, {"--status"});
  CHECK(text.exit_code == 0);
  CHECK_FALSE(HasControlBytes(text.out));
}

// [SECTION] Runs with no end

TEST_CASE("hardening: low_speed_limit_bytes = 0 is a settings error") {
  World w;
  Result r = Sync(w.FileConfig("low_speed_limit_bytes = 0\n"));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("low_speed_limit_bytes") != std::string::npos);
}

TEST_CASE("hardening: a trickle just above the speed limit is stopped by run_timeout_seconds") {
  World w;
  w.Publish(1);
  RawServer server([&](const std::string&, int fd) {
    // 5 bytes a second of a 100 kB manifest: above low_speed_limit_bytes = 1.
    RawServer::Send(fd, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n");
    for (int i = 0; i < 1000 && !server.Stopping(); ++i) {
      RawServer::Send(fd, " ");
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  });
  const std::string conf = w.Config(server.Url(), "low_speed_limit_bytes = 1\nlow_speed_seconds = 5\nrun_timeout_seconds = 10\n");
  const auto start = std::chrono::steady_clock::now();
  Result r = Run({"/usr/bin/timeout", "120", Bin("kiosk-sync"), "--config", conf, "--once"});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("run_timeout_seconds") != std::string::npos);
  MESSAGE("a trickling portal: kiosk-sync stopped after " << seconds << " s (run_timeout_seconds = 10)");
  // The run's end is recorded like any failure.
  json s = w.Status(conf);
  CHECK(s["last_runs"][0]["error"].get<std::string>().find("run_timeout_seconds") != std::string::npos);
}
