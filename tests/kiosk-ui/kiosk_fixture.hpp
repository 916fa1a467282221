// tests/kiosk-ui/kiosk_fixture.hpp: running the real bin/kiosk headless for a test.
//
// Every case starts the real kiosk offscreen (SDL's offscreen driver + Mesa llvmpipe: a
// real GL context, no display) with its own settings, state file and temp dir, runs a
// script (DESIGN.md "Scripted UI") on virtual time, and reads the state dumps. The pack
// is the bundled demo content, built once per test process by the real content-pack.
#pragma once

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kiosk_test {

namespace fs = std::filesystem;
using nlohmann::json;


inline const std::string kKiosk = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk";

inline std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

struct RunResult {
  int code = -1;
  std::string out, err;
};

inline RunResult Shell(const std::string& command, const fs::path& dir, const std::string& stdin_text = "") {
  const fs::path in = dir / "stdin.txt", out = dir / "stdout.txt", err = dir / "stderr.txt";
  std::ofstream(in) << stdin_text;
  const std::string full = command + " < " + Quote(in) + " > " + Quote(out) + " 2> " + Quote(err);
  const int status = std::system(full.c_str());
  RunResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(out);
  r.err = ReadFile(err);
  return r;
}

// The bundled demo content, built once per test process by the real `content-pack`.
inline std::string DemoPack() {
  static std::string path;
  if (path.empty()) {
    const std::string out = "/tmp/kiosk-ui-demo-" + std::to_string(::getpid()) + ".pack";
    const std::string cmd = Quote(std::string(KIOSK_BINARY_DIR) + "/bin/content-pack") + " build " +
                            Quote(std::string(KIOSK_SOURCE_DIR) + "/content-pack/demo") + " -o " + Quote(out) +
                            " > /dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
    path = out;
    std::atexit([] { std::error_code ec; fs::remove(path, ec); });
  }
  return path;
}

// One kiosk's world: a temp dir with settings, admin lock state, log and screenshots,
// showing the demo pack unless PACK says otherwise ("" = the device layout in DIR).
struct Kiosk {
  fs::path dir;
  std::string extra_settings;
  std::string pack = DemoPack();
  Kiosk() {
    char tmpl[] = "/tmp/kiosk-ui-test-XXXXXX";
    dir = mkdtemp(tmpl);
  }
  ~Kiosk() { std::error_code ec; fs::remove_all(dir, ec); }

  fs::path Config() const {
    const fs::path cfg = dir / "kiosk.conf";
    std::ofstream(cfg) << "[kiosk]\ncommune = UBND xã Thử Nghiệm\n"
                       << "log_file = " << (dir / "kiosk.log").string() << "\n"
                       << "admin_state_file = " << (dir / "admin-lock.json").string() << "\n"
                       << (pack.empty() ? std::string() : "pack = " + pack + "\n")
                       << extra_settings << "\n[sync]\ndata_dir = " << dir.string() << "\n";
    return cfg;
  }

  // Runs SCRIPT; returns the final dump. Fails the test on a non-zero exit.
  // Tests run at 1280x720: a quarter of the pixels of 1080p for llvmpipe to fill, the
  // same layout scaled.
  std::string window = "1280x720";
  std::string extra_args;  // more kiosk options, e.g. "--local-time 2026-12-31T23:59"
  json Run(const std::string& script, int expect_code = 0) {
    const fs::path s = dir / "script.txt";
    std::ofstream(s) << script;
    const fs::path dump = dir / "dump.json";
    fs::remove(dump);
    RunResult r = Shell(Quote(kKiosk) + " --config " + Quote(Config()) + " --script " + Quote(s) +
                            " --screenshot-dir " + Quote(dir) + " --dump-state " + Quote(dump) +
                            " --window " + window + (extra_args.empty() ? "" : " " + extra_args),
                        dir);
    INFO("stderr: " << r.err);
    REQUIRE(r.code == expect_code);
    json d = json::parse(ReadFile(dump), nullptr, false);
    REQUIRE(!d.is_discarded());
    CHECK(d["missing_strings"].empty());
    return d;
  }
  json State(const std::string& name) const {
    json d = json::parse(ReadFile(dir / (name + ".json")), nullptr, false);
    REQUIRE(!d.is_discarded());
    return d;
  }
};

inline std::string TapTarget(const json& dump, const std::string& target) {
  REQUIRE(dump["targets"].contains(target));
  const auto& t = dump["targets"][target];
  return "tap " + std::to_string((int)t[0].get<float>()) + " " + std::to_string((int)t[1].get<float>()) + "\n";
}

// Every target of STATE outside a scroller lies wholly on a WINDOW ("1920x1080") screen:
// headers and buttons never clip. Targets in a scroller are reachable by scrolling.
inline void CheckTargetsOnScreen(const json& state, const std::string& window) {
  const float w = (float)std::stoi(window.substr(0, window.find('x')));
  const float h = (float)std::stoi(window.substr(window.find('x') + 1));
  for (auto& [target, r] : state["target_rects"].items()) {
    if (r[4].get<bool>()) continue;
    CAPTURE(target);
    CHECK(r[0].get<float>() >= 0);
    CHECK(r[1].get<float>() >= 0);
    CHECK(r[2].get<float>() <= w + 0.5f);
    CHECK(r[3].get<float>() <= h + 0.5f);
  }
}

inline std::string HashPin(const std::string& pin) {
  Kiosk k;
  RunResult r = Shell(Quote(kKiosk) + " hash-pin", k.dir, pin + "\n");
  REQUIRE(r.code == 0);
  REQUIRE(r.out.rfind("admin_pin_hash = $argon2id$", 0) == 0);
  return r.out;
}


}  // namespace kiosk_test
