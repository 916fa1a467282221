// tests/kiosk-speech/speech_ui_test.cpp: the kiosk's "Nghe đọc" button, headless: the real
// bin/kiosk reads a procedure aloud into SDL's disk audio driver (real audio bytes in a
// file), navigation and the idle reset stop it, and without a sound device the button
// is not there. Uses kiosk-ui's fixture (the demo pack, a temp dir per kiosk).
#include "../kiosk-ui/kiosk_fixture.hpp"

#include <sys/stat.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

using namespace kiosk_test;

namespace {

const std::string kOpenProcedure =
    "key home:procedures\nkey field:Hộ tịch\nkey item:dang-ky-khai-sinh\n";

// The kiosk with ENV in front (SDL_AUDIODRIVER=...), SCRIPT from a file; the final dump.
json RunWithEnv(Kiosk& k, const std::string& env, const std::string& script) {
  const fs::path s = k.dir / "script.txt";
  std::ofstream(s) << script;
  const fs::path dump = k.dir / "dump.json";
  fs::remove(dump);
  RunResult r = Shell(env + " " + Quote(kKiosk) + " --config " + Quote(k.Config()) + " --script " + Quote(s) +
                          " --screenshot-dir " + Quote(k.dir) + " --dump-state " + Quote(dump) + " --window " +
                          k.window,
                      k.dir);
  INFO("stderr: " << r.err);
  REQUIRE(r.code == 0);
  json d = json::parse(ReadFile(dump), nullptr, false);
  REQUIRE(!d.is_discarded());
  CHECK(d["missing_strings"].empty());
  return d;
}

std::string DiskAudio(const fs::path& file) {
  return "SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=" + Quote(file.string());
}

// Seconds of the 16-bit mono 22,050 Hz audio in FILE above near-silence (50 ms windows).
double LoudSeconds(const fs::path& file) {
  const std::string bytes = ReadFile(file);
  const size_t n = bytes.size() / 2, w = 22050 / 20;
  std::vector<int16_t> s(n);
  std::memcpy(s.data(), bytes.data(), n * 2);
  size_t loud = 0;
  for (size_t i = 0; i + w <= n; i += w) {
    double sum = 0;
    for (size_t k = i; k < i + w; ++k) sum += (double)s[k] * s[k];
    if (std::sqrt(sum / (double)w) > 300) ++loud;
  }
  return (double)loud * 0.05;
}

}  // namespace

TEST_CASE("read aloud: Nghe đọc on a procedure plays Vietnamese audio, Quay lại stops it") {
  Kiosk k;
  const fs::path audio = k.dir / "audio.raw";
  // The script comes through a FIFO, so real time passes (audio plays) between steps.
  const fs::path fifo = k.dir / "script.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const fs::path cfg = k.Config();
  RunResult result;
  std::thread kiosk([&] {
    result = Shell(DiskAudio(audio) + " " + Quote(kKiosk) + " --config " + Quote(cfg) + " --script " + Quote(fifo) +
                       " --screenshot-dir " + Quote(k.dir) + " --dump-state " + Quote(k.dir / "dump.json") +
                       " --window 1280x720",
                   k.dir);
  });
  double loud_while_reading = 0;
  {
    std::ofstream script(fifo);
    script << kOpenProcedure << "state before\nkey speak\nstate reading\n" << std::flush;
    // Real time, bounded: audible audio reaches the device.
    for (int i = 0; i < 600 && loud_while_reading < 1.0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      if (fs::exists(k.dir / "reading.json") && fs::exists(audio)) loud_while_reading = LoudSeconds(audio);
    }
    script << "state still_reading\nshot reading\nkey nav:back\nstate after_back\n" << std::flush;
  }
  kiosk.join();
  INFO(result.err);
  REQUIRE(result.code == 0);
  json before = k.State("before"), reading = k.State("reading"), still = k.State("still_reading"),
       after = k.State("after_back");
  CHECK(before["screen"] == "procedure");
  CHECK_FALSE(before["speaking"].get<bool>());
  CHECK(before["targets"].contains("speak"));
  CHECK_FALSE(before["targets"].contains("speak:stop"));
  CHECK(reading["speaking"].get<bool>());
  CHECK(reading["targets"].contains("speak:stop"));   // the visible stop
  CHECK_FALSE(reading["targets"].contains("speak"));
  CHECK(still["speaking"].get<bool>());                // the whole procedure takes minutes
  MESSAGE("audible audio while reading: " << loud_while_reading << " s");
  CHECK(loud_while_reading >= 1.0);
  CHECK(after["screen"] == "procedures");
  CHECK_FALSE(after["speaking"].get<bool>());
  const std::string log = ReadFile(k.dir / "kiosk.log");
  CHECK(log.find("reading aloud on") != std::string::npos);
  CHECK(log.find("read aloud: stopped by navigation") != std::string::npos);
}

TEST_CASE("read aloud: Dừng đọc stops, and Nghe đọc comes back") {
  Kiosk k;
  json d = RunWithEnv(k, DiskAudio(k.dir / "audio.raw"),
                      kOpenProcedure + "key speak\nstate reading\nkey speak:stop\nstate stopped\n");
  CHECK(k.State("reading")["speaking"].get<bool>());
  json stopped = k.State("stopped");
  CHECK_FALSE(stopped["speaking"].get<bool>());
  CHECK(stopped["targets"].contains("speak"));
  CHECK(stopped["screen"] == "procedure");
  CHECK(ReadFile(k.dir / "kiosk.log").find("stopped by the citizen") != std::string::npos);
}

TEST_CASE("read aloud: scrolled down a long page, Dừng đọc floats at the bottom of the screen and still stops") {
  Kiosk k;  // 1280x720: the procedure is several screens long
  std::string flicks;
  for (int i = 0; i < 4; ++i) flicks += "drag 640 650 640 150 300\nwait 1500\n";
  json d = RunWithEnv(k, DiskAudio(k.dir / "audio.raw"),
                      kOpenProcedure + "key speak\nstate reading\n" + flicks + "state scrolled\n" +
                          "key speak:stop\nstate stopped\n");
  json reading = k.State("reading");
  REQUIRE(reading["target_rects"].contains("speak:stop"));
  CHECK(reading["target_rects"]["speak:stop"][4].get<bool>());  // in the page, under the title
  json scrolled = k.State("scrolled");
  CHECK(scrolled["speaking"].get<bool>());
  CHECK(scrolled["scroll"]["procedure"]["offset"].get<float>() > 500);
  REQUIRE(scrolled["target_rects"].contains("speak:stop"));
  const auto& r = scrolled["target_rects"]["speak:stop"];
  CHECK_FALSE(r[4].get<bool>());                                // floating, not in the page
  CHECK(r[1].get<float>() > 720 / 2);                           // at the bottom...
  CHECK(r[3].get<float>() <= 720);                              // ...wholly on the screen
  CHECK(r[2].get<float>() <= 1280);
  CheckTargetsOnScreen(scrolled, "1280x720");
  json stopped = k.State("stopped");
  CHECK_FALSE(stopped["speaking"].get<bool>());
  CHECK(stopped["screen"] == "procedure");
  CHECK(stopped["scroll"]["procedure"]["offset"].get<float>() > 500);                  // the page stayed where it was
  REQUIRE(stopped["target_rects"].contains("speak"));
  CHECK(stopped["target_rects"]["speak"][4].get<bool>());      // no floating button any more
  // While it floats, the page ends with room for it: the last lines can scroll above it.
  const float room = scrolled["scroll"]["procedure"]["max"].get<float>() -
                     stopped["scroll"]["procedure"]["max"].get<float>();
  CHECK(room >= r[3].get<float>() - r[1].get<float>());
}

TEST_CASE("read aloud: listening holds the idle reset off, for at most 15 minutes, and the reset stops reading") {
  Kiosk k;
  k.extra_settings = "idle_reset_seconds = 60\ncountdown_seconds = 10\n";
  // Virtual time runs ahead of the audio: the reading, minutes long in real time, is still
  // going at every state below. 75 s in, a citizen who is listening is left alone; at
  // 15 minutes after the last touch the idle time starts, then the countdown, then the
  // reset, which stops the reading.
  json d = RunWithEnv(k, DiskAudio(k.dir / "audio.raw"),
                      kOpenProcedure + "key speak\nstate reading\nwait 75000\nstate listening\n"
                                       "wait 825000\nstate held\nwait 75000\nstate after_reset\n");
  CHECK(k.State("reading")["speaking"].get<bool>());
  json listening = k.State("listening");
  CHECK(listening["screen"] == "procedure");
  CHECK(listening["idle"]["state"] == "active");
  CHECK(listening["speaking"].get<bool>());
  CHECK(listening["idle"]["seconds_since_input"].get<double>() < 1.0);
  json held = k.State("held");  // 900 s after the tap on "Nghe đọc": the hold has just ended
  CHECK(held["screen"] == "procedure");
  CHECK(held["speaking"].get<bool>());
  json after = k.State("after_reset");
  CHECK(after["screen"] == "home");
  CHECK(after["idle"]["sessions_reset"] == 1);
  CHECK_FALSE(after["speaking"].get<bool>());
  CHECK(ReadFile(k.dir / "kiosk.log").find("read aloud: stopped by the idle reset") != std::string::npos);
}

TEST_CASE("read aloud: without a sound device there is no Nghe đọc button") {
  for (const std::string driver : {"none", "dummy"}) {
    CAPTURE(driver);
    Kiosk k;
    json d = RunWithEnv(k, "SDL_AUDIODRIVER=" + driver, kOpenProcedure + "state procedure\n");
    json p = k.State("procedure");
    CHECK(p["screen"] == "procedure");
    CHECK_FALSE(p["targets"].contains("speak"));
    CHECK_FALSE(p["targets"].contains("speak:stop"));
    CHECK_FALSE(p["speaking"].get<bool>());
    CHECK(ReadFile(k.dir / "kiosk.log").find("reading aloud off") != std::string::npos);
    // A script naming the missing button fails loudly, as for any missing target.
    const fs::path s = k.dir / "press.txt";
    std::ofstream(s) << kOpenProcedure << "key speak\n";
    RunResult r = Shell("SDL_AUDIODRIVER=" + driver + " " + Quote(kKiosk) + " --config " + Quote(k.Config()) +
                            " --script " + Quote(s) + " --window 1280x720",
                        k.dir);
    CHECK(r.code == 2);
    CHECK(r.err.find("'speak'") != std::string::npos);
  }
}

TEST_CASE("read aloud: Nghe đọc on an answer and on a news article, and leaving stops it") {
  Kiosk k;
  RunWithEnv(k, DiskAudio(k.dir / "audio.raw"),
             "key home:faq\nkey field:Hộ tịch\nkey item:hoi-dap-mat-giay-khai-sinh\nstate answer\n"
             "key speak\nstate answer_reading\nkey nav:back\nstate answer_left\n"
             "key nav:home\nkey home:news\nkey item:luat-can-cuoc-2023-nhung-dieu-can-biet\nstate article\n"
             "key speak\nstate article_reading\nkey nav:home\nstate article_left\n");
  for (const std::string name : {"answer", "article"}) {
    CAPTURE(name);
    json shown = k.State(name), reading = k.State(name + "_reading"), left = k.State(name + "_left");
    CHECK(shown["targets"].contains("speak"));
    CHECK_FALSE(shown["speaking"].get<bool>());
    CHECK(reading["speaking"].get<bool>());
    CHECK(reading["targets"].contains("speak:stop"));
    CHECK_FALSE(left["speaking"].get<bool>());
  }
  CHECK(k.State("answer")["item"]["type"] == "faq");
  CHECK(k.State("article")["item"]["type"] == "article");
}
