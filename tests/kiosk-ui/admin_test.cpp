// tests/kiosk-ui/admin_test.cpp: the technician's admin screen driven headless, with real
// peers: the real bin/kiosk runs the real kiosk-sync as its child, against a real nginx
// serving a portal published by the real `content-pack publish` and signed with real
// minisign keys, or against a USB stick's folder (file://) made hostile in several ways.
// Checks what the screen shows through the state dump's `admin` object (job, usb, sync).
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <thread>

#include "kiosk_fixture.hpp"
#include "nginx_server.hpp"

using namespace kiosk_test;

namespace {

const std::string kPackId = "vn-test-admin";
const std::string kBin = std::string(KIOSK_BINARY_DIR) + "/bin/";

// A folder readable by nginx's workers (they run as another user when tests run as root).
struct OpenDir {
  fs::path path;
  OpenDir() {
    char tmpl[] = "/tmp/kiosk-admin-test-XXXXXX";
    path = mkdtemp(tmpl);
    ::chmod(path.c_str(), 0755);
  }
  ~OpenDir() { std::error_code ec; fs::remove_all(path, ec); }
};

void Write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// Packs, keys and portals for one test: a small source built at any version, published
// by `content-pack publish` with a minisign key made by the real `minisign -G`.
struct Publisher {
  OpenDir work;
  std::string pub_line;  // the pinned key's base64 line
  fs::path key, other_key;

  Publisher() {
    key = MakeKey("good", &pub_line);
    std::string unused;
    other_key = MakeKey("other", &unused);
  }
  fs::path MakeKey(const std::string& name, std::string* line) {
    const fs::path pub = work.path / (name + ".pub"), sec = work.path / (name + ".key");
    RunResult r = Shell("/usr/bin/minisign -G -W -p " + Quote(pub) + " -s " + Quote(sec), work.path);
    INFO(r.err);
    REQUIRE(r.code == 0);
    std::istringstream in(ReadFile(pub));
    std::getline(in, *line);
    std::getline(in, *line);
    return sec;
  }
  // A pack of ID at VERSION (5 questions; the text depends on the version).
  fs::path Pack(int version, const std::string& id = kPackId) {
    const fs::path src = work.path / ("src-" + id + "-" + std::to_string(version));
    Write(src / "pack.yaml", "id: " + id + "\ntitle: Tủ sách thử\npublisher: Sở Tư pháp\nlanguage: vi\n");
    for (int i = 0; i < 5; ++i)
      Write(src / "faq" / ("q" + std::to_string(i) + ".md"),
            "---\ntype: faq\nid: faq-" + std::to_string(i) + "\ntitle: Câu hỏi số " + std::to_string(i) +
                "\nfield: Hộ tịch\n---\nNội dung, phiên bản " + std::to_string(version) + ".\n");
    const fs::path out = work.path / (id + "-" + std::to_string(version) + ".pack");
    RunResult r = Shell(Quote(kBin + "content-pack") + " build " + Quote(src) + " -o " + Quote(out) + " --version " +
                            std::to_string(version),
                        work.path);
    INFO(r.err);
    REQUIRE(r.code == 0);
    return out;
  }
  void Publish(const fs::path& pack, const fs::path& portal, const fs::path& with_key = {}) {
    RunResult r = Shell(Quote(kBin + "content-pack") + " publish " + Quote(pack) + " --key " +
                            Quote(with_key.empty() ? key : with_key) + " --out " + Quote(portal),
                        work.path);
    INFO(r.err);
    REQUIRE(r.code == 0);
  }
};

// The [kiosk] keys for the admin screen (PIN) and the [sync] section for kiosk-sync.
std::string AdminSettings(const std::string& pin_line, const std::string& portal, const std::string& pub_line,
                          const std::string& kiosk_extra = {}) {
  return pin_line + kiosk_extra + "\n[sync]\nportal = " + portal + "\npack_id = " + kPackId +
         "\npublic_key = " + pub_line + "\nretries = 0\nretry_base_ms = 10\nconnect_timeout_seconds = 5\nmin_free_mb = 1\n";
}

// kiosk-sync with the kiosk's own settings file, as a technician would run it.
RunResult Sync(Kiosk& k, const std::string& args) {
  return Shell(Quote(kBin + "kiosk-sync") + " --config " + Quote(k.Config()) + " " + args, k.dir);
}

const char* kOpenAdmin = "hold 20 20 5200\ntype 2468\nkey pin:ok\n";

// What systemd does for image-build/systemd/kiosk-sync-admin.socket (Accept=yes): for
// each connection, one `kiosk-sync --serve-request` with the connection as its stdin and
// stdout (the service's StandardInput=socket, StandardOutput=socket).
class AdminSocket {
 public:
  AdminSocket(const fs::path& path, const fs::path& config, const fs::path& err) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 8) == 0);
    argv_ = {kBin + "kiosk-sync", "--serve-request", "--config", config.string()};
    err_ = err.string();
    thread_ = std::thread([this] { Serve(); });
  }
  ~AdminSocket() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
    for (pid_t pid : children_) ::waitpid(pid, nullptr, 0);
  }
  int Served() const { return served_; }

 private:
  void Serve() {
    std::vector<char*> args;
    for (std::string& a : argv_) args.push_back(a.data());
    args.push_back(nullptr);
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      const int conn = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (conn < 0) continue;
      const pid_t pid = ::fork();
      if (pid == 0) {
        const int err = ::open(err_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(conn, 0);
        ::dup2(conn, 1);
        ::dup2(err, 2);
        ::execv(args[0], args.data());
        ::_exit(127);
      }
      ::close(conn);
      children_.push_back(pid);
      ++served_;
    }
  }
  fs::path path_;
  int fd_ = -1;
  std::vector<std::string> argv_;
  std::string err_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> served_{0};
  std::vector<pid_t> children_;
};

}  // namespace

TEST_CASE("admin: sync now against a local nginx portal installs the new pack and the kiosk shows it after the idle reset") {
  const std::string pin = HashPin("2468");
  Publisher pub;
  OpenDir portal;
  pub.Publish(pub.Pack(1), portal.path);
  testsupport::NginxServer nginx(portal.path.string(), pub.work.path.string());
  REQUIRE_MESSAGE(nginx.ok(), nginx.error());

  Kiosk k;
  k.pack = "";  // the device layout in k.dir
  k.extra_settings = AdminSettings(pin, nginx.Url(), pub.pub_line);
  RunResult first = Sync(k, "--once");
  INFO(first.err);
  REQUIRE(first.code == 0);  // version 1 installed, as a kiosk is delivered
  pub.Publish(pub.Pack(2), portal.path);

  // `wait` passes in real time while kiosk-sync runs, so 30 s is the most it may take.
  json d = k.Run(std::string(kOpenAdmin) + "state opened\nkey admin:sync\nwait 30000\nstate synced\nshot synced\n"
                 "wait 120000\n");
  json opened = k.State("opened");
  CHECK(opened["screen"] == "admin");
  CHECK(opened["admin"]["pack_id"] == kPackId);
  CHECK(opened["admin"]["pack_version"] == 1);
  CHECK(opened["admin"]["counts"]["faq"] == 5);
  CHECK(opened["admin"]["next_run"].get<std::string>().find("01:00") == 0);
  CHECK(opened["admin"]["free_bytes"].get<int64_t>() > 0);

  json synced = k.State("synced");
  INFO(synced["admin"].dump());
  CHECK(synced["screen"] == "admin");
  CHECK(synced["admin"]["job"]["kind"] == "sync");
  CHECK(synced["admin"]["job"]["running"] == false);
  CHECK(synced["admin"]["job"]["result"] == "updated");
  CHECK(synced["admin"]["job"]["to_version"] == 2);
  CHECK(synced["admin"]["job"]["exit_code"] == 0);
  // The sync state the screen shows came from kiosk-sync --status after the run.
  CHECK(synced["admin"]["sync"]["loaded"] == true);
  CHECK(synced["admin"]["sync"]["current_version"] == 2);
  CHECK(synced["admin"]["sync"]["previous_version"] == 1);
  CHECK(synced["admin"]["sync"]["last_result"] == "updated");
  CHECK_FALSE(synced["admin"]["sync"]["last_time"].get<std::string>().empty());
  // Not switched under the technician's finger: the admin screen still reads version 1.
  CHECK(synced["pack"]["version"] == 1);
  // The newest log line (visible without scrolling) is the job's result.
  CHECK(synced["admin"]["log_newest"].get<std::string>().find("admin: sync: updated") != std::string::npos);
  CHECK(synced["admin"]["log_lines_shown"].get<int>() >= 4);

  // The idle reset ended the admin session and switched to the new pack.
  CHECK(d["screen"] == "home");
  CHECK(d["pack"]["version"] == 2);
  CHECK(d["idle"]["sessions_reset"] == 1);
  // nginx served the manifest and an update file to kiosk-sync.
  const std::string log = ReadFile(nginx.AccessLogPath());
  CHECK(log.find("manifest.json") != std::string::npos);
}

TEST_CASE("admin: leaving the admin screen gives a clean home with the installed pack and the settings' text size") {
  const std::string pin = HashPin("2468");
  Publisher pub;
  OpenDir portal;
  pub.Publish(pub.Pack(1), portal.path);
  Kiosk k;
  k.pack = "";
  k.extra_settings = AdminSettings(pin, "file://" + portal.path.string(), pub.pub_line);
  REQUIRE(Sync(k, "--once").code == 0);
  pub.Publish(pub.Pack(2), portal.path);

  json d = k.Run(std::string(kOpenAdmin) +
                 "key admin:text_size\nkey admin:text_size\nkey admin:contrast\nstate styled\nshot styled\n"
                 "key admin:sync\nwait 30000\nkey nav:home\nstate left\n"
                 // The next citizen: home, normal text, then the idle timeline as usual.
                 "key home:search\nwait 120000\n");
  json styled = k.State("styled");
  CHECK(styled["screen"] == "admin");
  CHECK(styled["text_size"] == "extra_large");
  CHECK(styled["high_contrast"] == true);
  json left = k.State("left");
  CHECK(left["screen"] == "home");
  CHECK(left["route"].size() == 1);
  CHECK(left["text_size"] == "normal");
  CHECK(left["high_contrast"] == false);
  CHECK(left["idle"]["dirty"] == false);
  CHECK(left["pack"]["version"] == 2);  // installed over file:// and switched on leaving
  CHECK(d["text_size"] == "normal");
  CHECK(ReadFile(k.dir / "kiosk.log").find("admin screen left: session cleared") != std::string::npos);
}

TEST_CASE("admin: the idle reset also returns an admin session's text size to the settings'") {
  const std::string pin = HashPin("2468");
  Kiosk k;
  k.extra_settings = pin + "text_size = large\n";
  json d = k.Run(std::string(kOpenAdmin) + "key admin:text_size\nstate bigger\nwait 120000\n");
  CHECK(k.State("bigger")["text_size"] == "extra_large");
  CHECK(d["screen"] == "home");
  CHECK(d["text_size"] == "large");
}

TEST_CASE("admin: a hostile USB stick is refused with the reason shown and nothing changes") {
  const std::string pin = HashPin("2468");
  Publisher pub;
  OpenDir good;  // a genuine portal with version 2, the source of honest-looking files
  pub.Publish(pub.Pack(1), good.path);
  Kiosk k;
  k.pack = "";
  const fs::path media = k.dir / "media";
  k.extra_settings = AdminSettings(pin, "file://" + good.path.string(), pub.pub_line,
                                   "usb_root = " + media.string() + "\n");
  REQUIRE(Sync(k, "--once").code == 0);  // version 1 installed
  pub.Publish(pub.Pack(2), good.path);
  const fs::path folder = fs::path("v1") / kPackId;
  const fs::path current_before = fs::read_symlink(k.dir / "current");

  struct Case {
    const char* name;
    std::function<void(const fs::path& stick)> make;
    const char* reason;  // in the reason the screen shows
  };
  const std::vector<Case> cases = {
      {"signed by a key that is not pinned",
       [&](const fs::path& stick) { pub.Publish(pub.Pack(2), stick / "kiosk", pub.other_key); }, "signature"},
      {"a pack of another id under this pack's folder",
       [&](const fs::path& stick) {
         pub.Publish(pub.Pack(2, "vn-other-pack"), stick / "kiosk");
         fs::rename(stick / "kiosk" / "v1" / "vn-other-pack", stick / "kiosk" / folder);
       },
       "vn-other-pack"},
      {"a symbolic link inside the portal tree",
       [&](const fs::path& stick) {
         fs::create_directories(stick / "kiosk");
         fs::create_directory_symlink(good.path / "v1", stick / "kiosk" / "v1");
       },
       "symbolic link"},
      {"the kiosk folder itself a symbolic link",
       [&](const fs::path& stick) { fs::create_directory_symlink(good.path, stick / "kiosk"); }, "symbolic link"},
      {"a FIFO as the manifest",
       [&](const fs::path& stick) {
         fs::create_directories(stick / "kiosk" / folder);
         REQUIRE(::mkfifo((stick / "kiosk" / folder / "manifest.json").c_str(), 0644) == 0);
       },
       "not a regular file"},
      {"an oversized manifest",
       [&](const fs::path& stick) {
         Write(stick / "kiosk" / folder / "manifest.json", std::string(3 << 20, '{'));
         Write(stick / "kiosk" / folder / "manifest.json.minisig", "untrusted comment: x\n");
       },
       "endless data"},
      {"a manifest that is not signed at all",
       [&](const fs::path& stick) {
         fs::create_directories(stick / "kiosk");
         fs::copy(good.path / "v1", stick / "kiosk" / "v1", fs::copy_options::recursive);
         fs::remove(stick / "kiosk" / folder / "manifest.json.minisig");
       },
       "manifest.json.minisig"},
  };
  for (const Case& c : cases) {
    SUBCASE(c.name) {
      std::error_code ec;
      fs::remove_all(media, ec);
      const fs::path stick = media / "KINGSTON";
      fs::create_directories(stick);
      c.make(stick);
      json d = k.Run(std::string(kOpenAdmin) + "key admin:usb\nwait 30000\nstate usb\nshot usb\n");
      json usb = k.State("usb");
      INFO(usb["admin"].dump());
      CHECK(usb["admin"]["usb"]["state"] == "refused");
      CHECK(usb["admin"]["usb"]["reason"].get<std::string>().find(c.reason) != std::string::npos);
      CHECK(usb["admin"]["job"]["result"] != "updated");
      CHECK(usb["admin"]["job"]["error"].get<std::string>().find(c.reason) != std::string::npos);
      // Nothing changed: the same pack is current and installed.
      CHECK(fs::read_symlink(k.dir / "current") == current_before);
      CHECK(usb["admin"]["sync"]["current_version"] == 1);
      CHECK(usb["admin"]["sync"]["trusted_version"] == 1);
      CHECK(d["pack"]["version"] == 1);
      CHECK(ReadFile(k.dir / "kiosk.log").find("warn admin: usb: refused") != std::string::npos);
    }
  }
}

TEST_CASE("admin: a genuine USB stick installs its pack, and no stick says so") {
  const std::string pin = HashPin("2468");
  Publisher pub;
  OpenDir network;  // the configured portal only has version 1
  pub.Publish(pub.Pack(1), network.path);
  Kiosk k;
  k.pack = "";
  const fs::path media = k.dir / "media";
  fs::create_directories(media);
  k.extra_settings = AdminSettings(pin, "file://" + network.path.string(), pub.pub_line,
                                   "usb_root = " + media.string() + "\n");
  REQUIRE(Sync(k, "--once").code == 0);

  json none = k.Run(std::string(kOpenAdmin) + "key admin:usb\nwait 5000\n");
  CHECK(none["admin"]["usb"]["state"] == "none");
  CHECK(none["admin"]["job"]["result"] == "none");

  // udisks mounts at /media/USER/LABEL: two levels down.
  pub.Publish(pub.Pack(2), media / "kiosk-user" / "USB DISK" / "kiosk");
  json d = k.Run(std::string(kOpenAdmin) + "key admin:usb\nwait 30000\nstate usb\nshot usb\nkey nav:home\n");
  json usb = k.State("usb");
  INFO(usb["admin"].dump());
  CHECK(usb["admin"]["usb"]["state"] == "accepted");
  CHECK(usb["admin"]["usb"]["path"] == (media / "kiosk-user" / "USB DISK" / "kiosk").string());
  CHECK(usb["admin"]["job"]["result"] == "updated");
  CHECK(usb["admin"]["job"]["to_version"] == 2);
  CHECK(d["pack"]["version"] == 2);
}

TEST_CASE("admin: roll back to the previous pack, and a second rollback fails with the reason") {
  const std::string pin = HashPin("2468");
  Publisher pub;
  OpenDir portal;
  Kiosk k;
  k.pack = "";
  k.extra_settings = AdminSettings(pin, "file://" + portal.path.string(), pub.pub_line);
  pub.Publish(pub.Pack(1), portal.path);
  REQUIRE(Sync(k, "--once").code == 0);
  pub.Publish(pub.Pack(2), portal.path);
  REQUIRE(Sync(k, "--once").code == 0);

  json d = k.Run(std::string(kOpenAdmin) + "state before\nkey admin:rollback\nwait 30000\nstate rolled\nshot rolled\n"
                 "key admin:rollback\nwait 30000\nstate again\nkey nav:back\n");
  CHECK(k.State("before")["pack"]["version"] == 2);
  json rolled = k.State("rolled");
  INFO(rolled["admin"].dump());
  CHECK(rolled["admin"]["job"]["kind"] == "rollback");
  CHECK(rolled["admin"]["job"]["result"] == "rollback");
  CHECK(rolled["admin"]["job"]["to_version"] == 1);
  CHECK(rolled["admin"]["sync"]["current_version"] == 1);
  CHECK(rolled["admin"]["sync"]["held_version"] == 2);
  json again = k.State("again");
  CHECK(again["admin"]["job"]["result"] == "failed");
  CHECK(again["admin"]["job"]["error"].get<std::string>().find("no previous pack") != std::string::npos);
  // Back from admin: a clean home on the rolled-back pack.
  CHECK(d["screen"] == "home");
  CHECK(d["pack"]["version"] == 1);
}

TEST_CASE("admin: the network check passes against a reachable portal and names what fails on an unreachable one") {
  const std::string pin = HashPin("2468");
  Publisher pub;
  OpenDir portal;
  pub.Publish(pub.Pack(1), portal.path);
  testsupport::NginxServer nginx(portal.path.string(), pub.work.path.string());
  REQUIRE_MESSAGE(nginx.ok(), nginx.error());
  Kiosk k;
  k.pack = "";
  k.extra_settings = AdminSettings(pin, nginx.Url(), pub.pub_line);
  json d = k.Run(std::string(kOpenAdmin) + "key admin:network\nwait 30000\nshot network\n");
  INFO(d["admin"].dump());
  CHECK(d["admin"]["job"]["result"] == "ok");
  const json& checks = d["admin"]["job"]["checks"];
  REQUIRE(checks.size() == 3);
  CHECK(checks[0]["check"] == "dns");
  CHECK(checks[0]["ok"] == true);
  CHECK(checks[1]["check"] == "portal");
  CHECK(checks[1]["ok"] == true);
  CHECK(checks[1]["detail"].get<std::string>().find("HTTP 200") != std::string::npos);
  CHECK(checks[2]["check"] == "clock");
  CHECK(checks[2]["ok"] == true);  // against nginx's Date header
  CHECK(checks[2]["detail"].get<std::string>().find("the portal") != std::string::npos);
  CHECK(ReadFile(nginx.AccessLogPath()).find("HEAD /v1/" + kPackId + "/manifest.json") != std::string::npos);

  // A port nobody listens on: the portal line fails with curl's cause.
  k.extra_settings = AdminSettings(pin, "http://127.0.0.1:1/kiosk", pub.pub_line);
  json down = k.Run(std::string(kOpenAdmin) + "key admin:network\nwait 30000\n");
  INFO(down["admin"].dump());
  CHECK(down["admin"]["job"]["result"] == "failed");
  CHECK(down["admin"]["job"]["checks"][1]["ok"] == false);
  CHECK(down["admin"]["job"]["checks"][1]["detail"].get<std::string>().find("connect") != std::string::npos);
  CHECK(ReadFile(k.dir / "kiosk.log").find("warn admin: network: failed") != std::string::npos);
}

TEST_CASE("admin: a kiosk-sync that cannot run or has no settings shows the exact cause") {
  const std::string pin = HashPin("2468");
  Kiosk k;
  k.extra_settings = pin + "sync_command = /nonexistent/kiosk-sync\n";
  json d = k.Run(std::string(kOpenAdmin) + "key admin:sync\nwait 2000\n");
  CHECK(d["admin"]["job"]["result"] == "failed");
  CHECK(d["admin"]["job"]["error"].get<std::string>().find("/nonexistent/kiosk-sync") != std::string::npos);
  CHECK(d["admin"]["sync"]["loaded"] == false);

  // The real kiosk-sync, but no [sync] portal: its own message, and its exit code.
  k.extra_settings = pin;
  json nosync = k.Run(std::string(kOpenAdmin) + "key admin:sync\nwait 10000\n");
  INFO(nosync["admin"].dump());
  CHECK(nosync["admin"]["job"]["result"] == "failed");
  CHECK(nosync["admin"]["job"]["exit_code"] == 2);
  CHECK(nosync["admin"]["job"]["error"].get<std::string>().find("portal is missing") != std::string::npos);
}

TEST_CASE("admin: the locked PIN pad looks disabled, says how long, and ignores keys until the lock ends") {
  const std::string pin = HashPin("2468");
  Kiosk k;
  k.extra_settings = pin;
  json d = k.Run("hold 20 20 5200\nstate open\ntype 1111\nkey pin:ok\ntype 1112\nkey pin:ok\ntype 1113\nkey pin:ok\n"
                 "state locked\nshot pin-locked\ntype 2468\nstate typed\nwait 31000\nstate unlocked\n"
                 "type 2468\nkey pin:ok\n");
  CHECK(k.State("open")["admin"]["pin_keys_enabled"] == true);
  json locked = k.State("locked");
  CHECK(locked["admin"]["locked"] == true);
  CHECK(locked["admin"]["pin_keys_enabled"] == false);
  const std::string shown = locked["admin"]["pin_message_shown"];
  CHECK(shown.find("khoá") != std::string::npos);  // new tone placement
  CHECK(shown.find("giây") != std::string::npos);
  CHECK(locked["targets"].contains("pin:5"));  // still named: a tap there does nothing
  CHECK(k.State("typed")["admin"]["pin_digits"] == 0);
  CHECK(k.State("unlocked")["admin"]["pin_keys_enabled"] == true);
  CHECK(d["screen"] == "admin");
}

TEST_CASE("admin: with kiosk-sync-admin.socket the buttons go to the socket's kiosk-sync, which refuses a USB path outside /media") {
  const std::string pin = HashPin("2468");
  Publisher pub;
  OpenDir portal;
  pub.Publish(pub.Pack(1), portal.path);
  Kiosk k;
  k.pack = "";
  const fs::path media = k.dir / "media";
  const fs::path sock = k.dir / "admin.sock";
  // No child could run: only the socket can do the work, as on a device.
  k.extra_settings = AdminSettings(pin, "file://" + portal.path.string(), pub.pub_line,
                                   "sync_command = /nonexistent/kiosk-sync\nsync_socket = " + sock.string() +
                                       "\nusb_root = " + media.string() + "\n");
  REQUIRE(Sync(k, "--once").code == 0);
  pub.Publish(pub.Pack(2), portal.path);
  pub.Publish(pub.Pack(2), media / "STICK" / "kiosk");
  AdminSocket server(sock, k.Config(), k.dir / "served.err");

  json d = k.Run(std::string(kOpenAdmin) + "key admin:sync\nwait 30000\nstate synced\n"
                 "key admin:usb\nwait 30000\nstate usb\nkey nav:home\n");
  json synced = k.State("synced");
  INFO(synced["admin"].dump());
  CHECK(synced["admin"]["job"]["result"] == "updated");
  CHECK(synced["admin"]["job"]["to_version"] == 2);
  CHECK(synced["admin"]["sync"]["loaded"] == true);  // --status over the socket too
  CHECK(synced["admin"]["sync"]["current_version"] == 2);
  json usb = k.State("usb");
  INFO(usb["admin"].dump());
  CHECK(usb["admin"]["usb"]["state"] == "refused");
  CHECK(usb["admin"]["usb"]["reason"].get<std::string>().find("below /media/") != std::string::npos);
  CHECK(d["pack"]["version"] == 2);
  CHECK(server.Served() >= 4);  // status, sync, status, usb (and status again)
  CHECK(ReadFile(k.dir / "served.err").find("refused request") != std::string::npos);
}

TEST_CASE("kiosk admin-request: a technician's request through the socket, answered by kiosk-sync, refusals and a missing socket") {
  Publisher pub;
  OpenDir portal;
  pub.Publish(pub.Pack(1), portal.path);
  Kiosk k;
  k.pack = "";
  const fs::path sock = k.dir / "admin.sock";
  k.extra_settings = AdminSettings("", "file://" + portal.path.string(), pub.pub_line,
                                   "sync_socket = " + sock.string() + "\n");
  REQUIRE(Sync(k, "--once").code == 0);
  const std::string request = Quote(kKiosk) + " admin-request ";
  const std::string config = " --config " + Quote(k.Config());

  // No socket yet: said, exit 1.
  RunResult none = Shell(request + "status" + config, k.dir);
  CHECK(none.code == 1);
  CHECK(none.err.find("cannot send the request to " + sock.string()) != std::string::npos);

  AdminSocket server(sock, k.Config(), k.dir / "served.err");
  RunResult status = Shell(request + "status" + config, k.dir);
  INFO(status.err);
  REQUIRE(status.code == 0);
  INFO(status.out);
  json st = json::parse(status.out, nullptr, false);
  REQUIRE(!st.is_discarded());
  CHECK(st["current"]["version"] == 1);

  // A newer pack: "once" through the socket installs it and ends with its result line.
  pub.Publish(pub.Pack(2), portal.path);
  RunResult once = Shell(request + "once" + config + " --timeout 120", k.dir);
  INFO(once.err);
  CHECK(once.code == 0);
  CHECK(once.out.find("\"result\":\"updated\"") != std::string::npos);
  RunResult after = Shell(request + "status" + config, k.dir);
  CHECK(json::parse(after.out)["current"]["version"] == 2);

  // kiosk-sync refuses what it does not know, and says so on the connection.
  RunResult odd = Shell(request + "'rm -rf /'" + config, k.dir);
  CHECK(odd.code == 0);
  CHECK(odd.out.find("refused request: unknown request") != std::string::npos);
  // Bad command lines never reach the socket.
  CHECK(Shell(request + config, k.dir).code == 2);
  CHECK(Shell(request + "status --timeout 0" + config, k.dir).code == 2);
  CHECK(server.Served() == 4);
}

TEST_CASE("admin: the admin screen and the locked PIN pad at three screen sizes and three text sizes") {
  const std::string pin = HashPin("2468");
  for (const std::string window : {"1920x1080", "1280x800", "1080x1920"}) {
    for (const std::string size : {"normal", "large", "extra_large"}) {
      CAPTURE(window);
      CAPTURE(size);
      Kiosk k;
      k.window = window;
      k.extra_settings = pin + "text_size = " + size + "\n";
      json d = k.Run(std::string(kOpenAdmin) + "state admin\nkey admin:network\nwait 10000\nstate network\n"
                     "key nav:home\nhold 20 20 5200\ntype 1111\nkey pin:ok\ntype 1112\nkey pin:ok\ntype 1113\n"
                     "key pin:ok\nstate locked\n");
      for (const char* name : {"admin", "network", "locked"}) {
        CAPTURE(name);
        json s = k.State(name);
        CHECK(s["missing_strings"].empty());
        CHECK(s["text_size"] == size);
        CheckTargetsOnScreen(s, window);
      }
      json admin = k.State("admin");
      for (const char* t : {"admin:sync", "admin:rollback", "admin:usb", "admin:network", "admin:text_size",
                            "admin:contrast", "admin:touch_test", "nav:back", "nav:home"})
        CHECK(admin["targets"].contains(t));
      // The log's newest lines show without scrolling at every size.
      CHECK(admin["admin"]["log_lines_shown"].get<int>() >= 3);
      CHECK(k.State("network")["admin"]["job"]["kind"] == "network");
      json locked = k.State("locked");
      CHECK(locked["screen"] == "pin");
      CHECK(locked["admin"]["pin_keys_enabled"] == false);
      for (const char* t : {"pin:1", "pin:0", "pin:ok", "pin:clear"}) CHECK(locked["targets"].contains(t));
      CHECK(d["screen"] == "pin");
    }
  }
}

TEST_CASE("admin: the next scheduled run is the timer's window in Vietnam's time, from sync_time and sync_window_minutes") {
  const std::string pin = HashPin("2468");
  Kiosk k;
  k.extra_settings = pin;
  k.extra_args = "--local-time 2026-11-29T23:30";
  CHECK(k.Run(kOpenAdmin)["admin"]["next_run"] == "01:00\xE2\x80\x93" "04:00 30/11/2026");
  k.extra_args = "--local-time 2026-11-30T00:59";
  CHECK(k.Run(kOpenAdmin)["admin"]["next_run"] == "01:00\xE2\x80\x93" "04:00 30/11/2026");
  k.extra_args = "--local-time 2026-12-31T02:00";  // inside tonight's window: the next one
  CHECK(k.Run(kOpenAdmin)["admin"]["next_run"] == "01:00\xE2\x80\x93" "04:00 01/01/2027");
  k.extra_settings = pin + "sync_time = 22:30\nsync_window_minutes = 120\n";
  k.extra_args = "--local-time 2026-11-29T12:00";
  CHECK(k.Run(kOpenAdmin)["admin"]["next_run"] == "22:30\xE2\x80\x93" "00:30 29/11/2026");
  k.extra_settings = pin + "sync_time = 25:00\n";  // refused: the default stays, the problem is shown
  json bad = k.Run(kOpenAdmin);
  CHECK(bad["admin"]["next_run"] == "01:00\xE2\x80\x93" "04:00 30/11/2026");
}
