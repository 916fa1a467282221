// tests/kiosk-ui/settings_test.cpp: the kiosk's settings parser and the admin PIN lock,
// as units (no screen).
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "admin_lock.hpp"
#include "settings.hpp"
#include "touch-ui/strings.hpp"

namespace fs = std::filesystem;

namespace {
struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/kiosk-settings-test-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::error_code ec; fs::remove_all(path, ec); }
};
}  // namespace

TEST_CASE("settings: the documented [kiosk] keys are read") {
  TempDir t;
  const fs::path cfg = t.path / "kiosk.conf";
  std::ofstream(cfg) << "# comment\n[kiosk]\ncommune = UBND xã Vị Thủy\nidle_reset_seconds = 120\n"
                        "; another comment\nadmin_pin_hash = $argon2id$v=19$m=65536,t=2,p=1$abc$def\n"
                        "attract_seconds = 0\ntext_size = extra_large\nhigh_contrast = yes\n"
                        "input_method = vni\ntone_style = old\nallow_exit = true\nrotation = 270\n"
                        "cache_dir = /var/lib/kiosk-app/cache\n"
                        "[sync]\nportal = https://example.invalid/kiosk\ndata_dir = /srv/kiosk\n";
  kiosk::Settings s;
  std::string error;
  REQUIRE(kiosk::LoadSettings(cfg.string(), &s, &error));
  CHECK(s.problems.empty());
  CHECK(s.commune == "UBND xã Vị Thủy");
  CHECK(s.idle_reset_seconds == 120);
  CHECK(s.admin_pin_hash == "$argon2id$v=19$m=65536,t=2,p=1$abc$def");
  CHECK(s.attract_seconds == 0);
  CHECK(s.text_size == touchui::TextSize::ExtraLarge);
  CHECK(s.high_contrast);
  CHECK(s.input_method == touchui::InputMethod::Vni);
  CHECK(s.tone_style == touchui::ToneStyle::Old);
  CHECK(s.allow_exit);
  CHECK(s.rotation == 270);
  CHECK(s.cache_dir == "/var/lib/kiosk-app/cache");
  CHECK(s.pack.empty());                  // empty: the device layout's current pack
  CHECK(s.data_dir == "/srv/kiosk");      // [sync] data_dir, read by sync/layout.hpp
  CHECK(s.admin_state_file == "/srv/kiosk/admin-lock.json");
}

TEST_CASE("settings: bad values keep their defaults and are reported by key") {
  TempDir t;
  const fs::path cfg = t.path / "kiosk.conf";
  std::ofstream(cfg) << "[kiosk]\nidle_reset_seconds = soon\ntext_size = huge\nadmin_pin_hash = 1234\n"
                        "no_such_key = 1\nthis line is not ini\nallow_exit = maybe\nrotation = 45\n"
                        "cache_dir = cache\n";
  kiosk::Settings s;
  std::string error;
  REQUIRE(kiosk::LoadSettings(cfg.string(), &s, &error));
  CHECK(s.idle_reset_seconds == 90);
  CHECK(s.text_size == touchui::TextSize::Normal);
  CHECK(s.admin_pin_hash.empty());  // a plain PIN is never accepted as the hash
  CHECK_FALSE(s.allow_exit);
  CHECK(s.rotation == 0);
  CHECK(s.cache_dir.empty());
  std::string all;
  for (const auto& p : s.problems) all += p + "\n";
  INFO(all);
  CHECK(all.find("idle_reset_seconds") != std::string::npos);
  CHECK(all.find("text_size") != std::string::npos);
  CHECK(all.find("admin_pin_hash") != std::string::npos);
  CHECK(all.find("no_such_key") != std::string::npos);
  CHECK(all.find("allow_exit") != std::string::npos);
  CHECK(all.find("rotation = 45: want 0, 90, 180 or 270") != std::string::npos);
  CHECK(all.find(":6:") != std::string::npos);  // the line that is not INI, by number
  CHECK(all.find("cache_dir = cache: want an absolute path") != std::string::npos);
}

TEST_CASE("settings: an unreadable file is an error naming it") {
  kiosk::Settings s;
  std::string error;
  CHECK_FALSE(kiosk::LoadSettings("/nonexistent/kiosk.conf", &s, &error));
  CHECK(error.find("/nonexistent/kiosk.conf") != std::string::npos);
}

TEST_CASE("admin lock: three wrong PINs lock for 30 s then doubling and the state persists") {
  TempDir t;
  std::string error;
  const std::string hash = kiosk::HashPin("135790", &error);
  REQUIRE(!hash.empty());
  touchui::ManualClock clock;
  const std::string file = (t.path / "lock.json").string();
  kiosk::AdminLock lock;
  lock.Load(file, &clock, &error);
  using O = kiosk::AdminLock::Outcome;
  CHECK(lock.Try("000000", hash) == O::Wrong);
  CHECK(lock.Try("000001", hash) == O::Wrong);
  CHECK_FALSE(lock.IsLocked());
  CHECK(lock.Try("000002", hash) == O::Wrong);
  CHECK(lock.IsLocked());
  CHECK(lock.RemainingSeconds() == 30);
  CHECK(lock.Try("135790", hash) == O::Locked);  // even the right PIN

  kiosk::AdminLock reloaded;  // a reboot
  reloaded.Load(file, &clock, &error);
  CHECK(reloaded.IsLocked());
  clock.Advance(31000);
  CHECK_FALSE(reloaded.IsLocked());
  CHECK(reloaded.Try("000003", hash) == O::Wrong);
  CHECK(reloaded.RemainingSeconds() == 60);
  clock.Advance(61000);
  CHECK(reloaded.Try("000004", hash) == O::Wrong);
  CHECK(reloaded.RemainingSeconds() == 120);
  clock.Advance(121000);
  CHECK(reloaded.Try("135790", hash) == O::Accepted);
  CHECK(reloaded.Failures() == 0);
  CHECK_FALSE(reloaded.IsLocked());
  CHECK(fs::exists(file));
  CHECK_FALSE(fs::exists(file + ".tmp"));
}

TEST_CASE("admin lock: no hash set and PINs that hash-pin refuses") {
  touchui::ManualClock clock;
  kiosk::AdminLock lock;
  std::string warning;
  lock.Load("", &clock, &warning);
  CHECK(lock.Try("1234", "") == kiosk::AdminLock::Outcome::NoPinSet);
  std::string error;
  CHECK(kiosk::HashPin("12a4", &error).empty());
  CHECK(kiosk::HashPin("123", &error).empty());
  CHECK(kiosk::HashPin("1234", &error).rfind("$argon2id$", 0) == 0);
}

// [SECTION] Attack review (issue 10): each case failed on the code before the fix.

namespace {

// Runs FN in a child with 1 GiB of address space and 10 s of time: true when it
// returned. A read without limits (of /dev/zero) dies there instead of taking the test.
template <class F>
bool ReturnsWithinLimits(F fn) {
  pid_t pid = ::fork();
  if (pid == 0) {
    struct rlimit as{1L << 30, 1L << 30};
    ::setrlimit(RLIMIT_AS, &as);
    ::alarm(10);
    fn();
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string WithCosts(const std::string& hash, const std::string& costs) {
  const size_t m = hash.find("m="), end = hash.find('$', m);
  return hash.substr(0, m) + costs + hash.substr(end);
}

}  // namespace

TEST_CASE("settings: admin_pin_hash with Argon2 costs a kiosk cannot check in a second is refused") {
  std::string error;
  const std::string hash = kiosk::HashPin("135790", &error);
  REQUIRE(!hash.empty());
  CHECK(kiosk::PinHashProblem(hash).empty());
  const std::string extreme = WithCosts(hash, "m=4194304,t=100,p=1");
  TempDir t;
  const fs::path cfg = t.path / "kiosk.conf";
  std::ofstream(cfg) << "[kiosk]\nadmin_pin_hash = " << extreme << "\n";
  kiosk::Settings s;
  REQUIRE(kiosk::LoadSettings(cfg.string(), &s, &error));
  REQUIRE(s.admin_pin_hash.empty());  // before the fix: accepted, and the PIN pad froze
  REQUIRE(s.problems.size() == 1);
  CHECK(s.problems[0].find("more than a kiosk checks in about a second") != std::string::npos);
  // Try refuses such a hash at once, whatever put it there.
  touchui::ManualClock clock;
  kiosk::AdminLock lock;
  lock.Load("", &clock, &error);
  CHECK(lock.Try("135790", extreme) == kiosk::AdminLock::Outcome::Error);
  CHECK(lock.LastError().find("Argon2 costs") != std::string::npos);
  CHECK_FALSE(kiosk::PinHashProblem(WithCosts(hash, "m=65536,t=2,p=4")).empty());
  CHECK_FALSE(kiosk::PinHashProblem(WithCosts(hash, "m=262144,t=4,p=1")).empty());  // m*t too much
  CHECK(kiosk::PinHashProblem(WithCosts(hash, "m=262144,t=3,p=1")).empty());         // MODERATE
}

TEST_CASE("settings: a plain PIN put in admin_pin_hash never appears in a problem") {
  TempDir t;
  const fs::path cfg = t.path / "kiosk.conf";
  std::ofstream(cfg) << "[kiosk]\nadmin_pin_hash = 24681357\n";
  kiosk::Settings s;
  std::string error;
  REQUIRE(kiosk::LoadSettings(cfg.string(), &s, &error));
  CHECK(s.admin_pin_hash.empty());
  std::string all;
  for (const auto& p : s.problems) all += p + "\n";
  CHECK(all.find("admin_pin_hash") != std::string::npos);
  CHECK(all.find("24681357") == std::string::npos);  // the journal gets the problem, not the PIN
}

TEST_CASE("admin lock: /dev/zero or a huge file as the lock file is refused, not read") {
  touchui::ManualClock clock;
  TempDir t;
  // A zero device of the test's own (never the system's /dev/zero: a lock file is
  // written back, and a test run as root must not be able to replace a device).
  const std::string zero = (t.path / "zero").string();
  if (::mknod(zero.c_str(), S_IFCHR | 0666, makedev(1, 5)) != 0) {
    MESSAGE("SKIPPED the device case: mknod needs root");
  } else {
    CHECK(ReturnsWithinLimits([&] {
      kiosk::AdminLock lock;
      std::string warning;
      lock.Load(zero, &clock, &warning, "/nonexistent");
      if (!lock.IsLocked()) ::_exit(3);  // refusing must lock, never unlock
      if (warning.find("not a regular file") == std::string::npos) ::_exit(4);
    }));
    struct stat st{};
    CHECK((::lstat(zero.c_str(), &st) == 0 && S_ISCHR(st.st_mode)));  // not replaced by the mirror
  }
  const std::string big = (t.path / "lock.json").string();
  std::ofstream(big) << "{\"failures\": 0, \"locked_until\": 0, \"pad\": \"" << std::string(1 << 20, 'x') << "\"}";
  kiosk::AdminLock lock;
  std::string warning;
  lock.Load(big, &clock, &warning);
  CHECK(warning.find("too large") != std::string::npos);
  CHECK(lock.IsLocked());
}

TEST_CASE("admin lock: deleting or corrupting the lock file does not reset the escalation") {
  TempDir t;
  std::string error;
  const std::string hash = kiosk::HashPin("135790", &error);
  touchui::ManualClock clock;
  const std::string file = (t.path / "admin-lock.json").string();
  kiosk::AdminLock lock;
  lock.Load(file, &clock, &error);
  using O = kiosk::AdminLock::Outcome;
  for (int i = 0; i < 3; ++i) CHECK(lock.Try("00000" + std::to_string(i), hash) == O::Wrong);
  clock.Advance(31000);
  CHECK(lock.Try("000003", hash) == O::Wrong);
  CHECK(lock.RemainingSeconds() == 60);
  CHECK(lock.StorageProblem().empty());
  CHECK(fs::exists(t.path / "state.sqlite"));  // the trusted state, beside the file

  fs::remove(file);  // deleted
  kiosk::AdminLock after_delete;
  std::string warning;
  after_delete.Load(file, &clock, &warning);
  CHECK(after_delete.RemainingSeconds() == 60);
  CHECK(after_delete.Failures() == 4);

  std::ofstream(file) << "garbage";  // corrupted
  kiosk::AdminLock after_corrupt;
  after_corrupt.Load(file, &clock, &warning);
  CHECK(after_corrupt.RemainingSeconds() == 60);
  clock.Advance(61000);
  CHECK(after_corrupt.Try("000004", hash) == O::Wrong);
  CHECK(after_corrupt.RemainingSeconds() == 120);  // the escalation goes on
}

TEST_CASE("admin lock: says when the lock cannot be kept in the trusted state") {
  touchui::ManualClock clock;
  TempDir t;
  kiosk::AdminLock lock;
  std::string warning;
  lock.Load((t.path / "admin-lock.json").string(), &clock, &warning, "/nonexistent/data");
  CHECK(lock.StorageProblem().find("cannot be kept in the trusted state") != std::string::npos);
  CHECK(warning.find("cannot be kept in the trusted state") != std::string::npos);
}

TEST_CASE("strings: /dev/zero or an oversize file is refused, not read") {
  TempDir t;
  const std::string zero = (t.path / "zero").string();
  if (::mknod(zero.c_str(), S_IFCHR | 0666, makedev(1, 5)) != 0) {
    MESSAGE("SKIPPED the device case: mknod needs root");
  } else {
    CHECK(ReturnsWithinLimits([&] {
      touchui::Strings s;
      std::string error;
      if (s.Load(zero, &error)) ::_exit(3);
      if (error.find("not a regular file") == std::string::npos) ::_exit(4);  // refused, not read
    }));
  }
  const std::string big = (t.path / "vi.json").string();
  std::ofstream(big) << "{\"pad\": \"" << std::string(5 << 20, 'x') << "\"}";
  touchui::Strings s;
  std::string error;
  CHECK_FALSE(s.Load(big, &error));
  CHECK(error.find("larger than 4 MiB") != std::string::npos);
}

TEST_CASE("settings: the admin screen's keys are read, and bad ones keep their defaults") {
  TempDir t;
  const fs::path cfg = t.path / "kiosk.conf";
  std::ofstream(cfg) << "[kiosk]\nsync_socket = /run/test.sock\nsync_command = /opt/kiosk-sync\nusb_root = /run/media\n"
                        "sync_time = 22:05\nsync_window_minutes = 0\n";
  kiosk::Settings s;
  std::string error;
  REQUIRE(kiosk::LoadSettings(cfg.string(), &s, &error));
  CHECK(s.problems.empty());
  CHECK(s.sync_socket == "/run/test.sock");
  CHECK(s.sync_command == "/opt/kiosk-sync");
  CHECK(s.usb_root == "/run/media");
  CHECK(s.sync_time_minutes == 22 * 60 + 5);
  CHECK(s.sync_window_minutes == 0);

  std::ofstream(cfg) << "[kiosk]\nsync_socket = run/test.sock\nsync_command = kiosk-sync\nusb_root = media\n"
                        "sync_time = 24:00\nsync_window_minutes = 1441\n";
  kiosk::Settings bad;
  REQUIRE(kiosk::LoadSettings(cfg.string(), &bad, &error));
  CHECK(bad.problems.size() == 5);
  CHECK(bad.sync_socket == "/run/kiosk-sync-admin.sock");
  CHECK(bad.sync_command.empty());
  CHECK(bad.usb_root == "/media");
  CHECK(bad.sync_time_minutes == 60);
  CHECK(bad.sync_window_minutes == 180);
  for (const char* t2 : {"1:00", "01:0", "01:00x", "aa:bb"}) {
    std::ofstream(cfg) << "[kiosk]\nsync_time = " << t2 << "\n";
    kiosk::Settings one;
    REQUIRE(kiosk::LoadSettings(cfg.string(), &one, &error));
    CAPTURE(t2);
    CHECK(one.problems.size() == 1);
    CHECK(one.sync_time_minutes == 60);
  }
}
