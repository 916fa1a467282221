// tests/kiosk-ui/settings_test.cpp: the kiosk's settings parser and the admin PIN lock,
// as units (no screen).
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "admin_lock.hpp"
#include "settings.hpp"

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
                        "input_method = vni\ntone_style = old\nallow_exit = true\n"
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
  CHECK(s.pack.empty());                  // empty: the device layout's current pack
  CHECK(s.data_dir == "/srv/kiosk");      // [sync] data_dir, read by sync/layout.hpp
  CHECK(s.admin_state_file == "/srv/kiosk/admin-lock.json");
}

TEST_CASE("settings: bad values keep their defaults and are reported by key") {
  TempDir t;
  const fs::path cfg = t.path / "kiosk.conf";
  std::ofstream(cfg) << "[kiosk]\nidle_reset_seconds = soon\ntext_size = huge\nadmin_pin_hash = 1234\n"
                        "no_such_key = 1\nthis line is not ini\nallow_exit = maybe\n";
  kiosk::Settings s;
  std::string error;
  REQUIRE(kiosk::LoadSettings(cfg.string(), &s, &error));
  CHECK(s.idle_reset_seconds == 90);
  CHECK(s.text_size == touchui::TextSize::Normal);
  CHECK(s.admin_pin_hash.empty());  // a plain PIN is never accepted as the hash
  CHECK_FALSE(s.allow_exit);
  std::string all;
  for (const auto& p : s.problems) all += p + "\n";
  INFO(all);
  CHECK(all.find("idle_reset_seconds") != std::string::npos);
  CHECK(all.find("text_size") != std::string::npos);
  CHECK(all.find("admin_pin_hash") != std::string::npos);
  CHECK(all.find("no_such_key") != std::string::npos);
  CHECK(all.find("allow_exit") != std::string::npos);
  CHECK(all.find(":6:") != std::string::npos);  // the line that is not INI, by number
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
