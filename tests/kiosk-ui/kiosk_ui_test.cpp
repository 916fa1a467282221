// tests/kiosk-ui/kiosk_ui_test.cpp: the kiosk shell driven headless through scripts.
//
// Every case starts the real bin/kiosk offscreen with its own settings, state file and
// temp dir, runs a script (DESIGN.md "Scripted UI") on virtual time, and reads the state
// dumps. Nothing here depends on wall-clock timing: waits are virtual.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "kiosk_fixture.hpp"

using namespace kiosk_test;

TEST_CASE("the home screen starts and draws frames and names its touch targets") {
  Kiosk k;
  json d = k.Run("shot home\n");
  CHECK(d["screen"] == "home");
  CHECK(d["input"] == "");
  CHECK(d["frames"].get<int>() > 0);
  CHECK(d["display"]["driver"] == "offscreen");
  for (const char* t : {"home:search", "home:procedures", "home:laws", "home:faq", "home:news",
                        "home:learn", "home:guide"})
    CHECK(d["targets"].contains(t));
  CHECK(fs::file_size(k.dir / "home.png") > 10000);
}

TEST_CASE("a tap on a home tile opens its screen and the home button comes back") {
  Kiosk k;
  json d = k.Run("key home:procedures\nstate opened\nkey nav:home\n");
  CHECK(k.State("opened")["screen"] == "procedures");
  CHECK(d["screen"] == "home");
}

TEST_CASE("a drag that starts on a button scrolls and does not press it") {
  Kiosk k;
  json home = k.Run("wait 10\n");
  const auto& tile = home["targets"]["home:procedures"];
  const int x = (int)tile[0].get<float>(), y = (int)tile[1].get<float>();
  // Slow drags up and down from the tile, then a drag across the search field.
  const auto& field = home["targets"]["home:search"];
  json d = k.Run("drag " + std::to_string(x) + " " + std::to_string(y) + " " + std::to_string(x) + " " +
                 std::to_string(y - 200) + " 400\n" + "drag " + std::to_string(x) + " " +
                 std::to_string(y) + " " + std::to_string(x) + " " + std::to_string(y + 250) + " 300\n" +
                 "drag " + std::to_string((int)field[0].get<float>()) + " " +
                 std::to_string((int)field[1].get<float>()) + " " +
                 std::to_string((int)field[0].get<float>() + 300) + " " +
                 std::to_string((int)field[1].get<float>()) + " 200\nwait 2000\n");
  CHECK(d["screen"] == "home");
  // The home page bounced back to its place after being pulled.
  CHECK(d["scroll"]["home"]["offset"].get<float>() == doctest::Approx(0));
  CHECK_FALSE(d["scroll"]["home"]["moving"].get<bool>());

  // On the keyboard: a drag starting on a key types nothing; a tap on it types.
  json s = k.Run("key home:search\nstate kb\n");
  (void)s;
  json kb = k.State("kb");
  REQUIRE(kb["keyboard_visible"].get<bool>());
  json typed = k.Run("key home:search\ndrag 600 560 760 500 200\nstate dragged\nkey a\n");
  CHECK(k.State("dragged")["input"] == "");
  CHECK(typed["input"] == "a");
}

TEST_CASE("a flick scrolls a long page with inertia then stops and draws nothing") {
  Kiosk k;
  json d = k.Run(
      "key home:guide\nstate before\n"
      "drag 640 600 640 530 50\nstate released\n"
      "wait 4000\nstate stopped\n"
      "wait 30000\n");
  json before = k.State("before"), released = k.State("released"), stopped = k.State("stopped");
  CHECK(before["screen"] == "guide");
  CHECK(before["scroll"]["guide"]["max"].get<float>() > 600);  // a page longer than the screen
  const float at_release = released["scroll"]["guide"]["offset"].get<float>();
  CHECK(at_release >= 60);                                     // followed the finger
  CHECK(released["scroll"]["guide"]["velocity"].get<float>() > 500);
  CHECK(released["scroll"]["guide"]["moving"].get<bool>());
  const float at_rest = stopped["scroll"]["guide"]["offset"].get<float>();
  CHECK(at_rest > at_release + 100);                           // inertia carried it on
  CHECK(at_rest <= stopped["scroll"]["guide"]["max"].get<float>());
  CHECK_FALSE(stopped["scroll"]["guide"]["moving"].get<bool>());
  CHECK(stopped["scroll"]["guide"]["velocity"].get<float>() == 0);
  CHECK(d["scroll"]["guide"]["offset"].get<float>() == at_rest);
  CHECK(d["frames"] == stopped["frames"]);                     // stopped means no frames
}

TEST_CASE("a drag past the end stretches and bounces back to the edge") {
  Kiosk k;
  json d = k.Run("key home:guide\ndrag 640 650 640 150 60\nwait 3000\nstate at_end\n"
                 "drag 640 650 640 250 200\nstate pulled\nwait 3000\n");
  json at_end = k.State("at_end"), pulled = k.State("pulled");
  const float max = d["scroll"]["guide"]["max"].get<float>();
  CHECK(at_end["scroll"]["guide"]["offset"].get<float>() > max - 5);
  // Pulled past the end, the page follows the finger only part of the way (rubber band).
  const float over = pulled["scroll"]["guide"]["offset"].get<float>() - max;
  CHECK(over > 20);
  CHECK(over < 400);
  CHECK(d["scroll"]["guide"]["offset"].get<float>() == doctest::Approx(max));
  CHECK_FALSE(d["scroll"]["guide"]["moving"].get<bool>());
}

TEST_CASE("the on-screen keyboard composes Telex and VNI and no-accent input") {
  Kiosk k;
  json telex = k.Run("key home:search\ntype Tooi muoons\n");
  CHECK(telex["screen"] == "search");
  CHECK(telex["input"] == "Tôi muốn");
  CHECK(telex["input_method"] == "telex");
  CHECK(telex["results"].is_array());

  json edit = k.Run("key home:search\ntype Vieetj\nkey backspace\nkey enter\n");
  CHECK(edit["input"] == "Việ");
  // Enter folds the keyboard away; the results were there all along.
  CHECK_FALSE(edit["keyboard_visible"].get<bool>());
  CHECK(edit["results"].is_array());

  json vni = k.Run("key home:search\nkey mode\ntype Vie65t Nam\n");
  CHECK(vni["input_method"] == "vni");
  CHECK(vni["input"] == "Việt Nam");

  json plain = k.Run("key home:search\nkey mode\nkey mode\ntype khai sinh\n");
  CHECK(plain["input_method"] == "plain");
  CHECK(plain["input"] == "khai sinh");
}

TEST_CASE("the keyboard follows the input_method and tone_style settings") {
  Kiosk k;
  k.extra_settings = "input_method = vni\ntone_style = old\n";
  json d = k.Run("key home:search\ntype hoa2\n");
  CHECK(d["input_method"] == "vni");
  CHECK(d["input"] == "hòa");
  k.extra_settings = "tone_style = new\n";
  CHECK(k.Run("key home:search\ntype hoaf\n")["input"] == "hoà");
}

TEST_CASE("idle reset: a countdown then home with everything cleared") {
  Kiosk k;
  k.extra_settings = "idle_reset_seconds = 90\ncountdown_seconds = 15\nattract_seconds = 0\n";
  json d = k.Run(
      "key home:search\ntype khai sinh\nkey enter\n"
      "wait 89000\nstate before_idle\n"
      "wait 2000\nstate countdown\nshot countdown\n"
      "wait 14000\nstate after\n");
  json before = k.State("before_idle"), countdown = k.State("countdown"), after = k.State("after");
  CHECK(before["idle"]["state"] == "active");
  CHECK(countdown["idle"]["state"] == "countdown");
  CHECK(countdown["input"] == "khai sinh");  // still there while the countdown runs
  CHECK(after["idle"]["state"] == "active");
  CHECK(after["screen"] == "home");
  CHECK(after["input"] == "");
  CHECK_FALSE(after.contains("results"));
  CHECK(after["route"].size() == 1);
  CHECK(after["idle"]["sessions_reset"] == 1);
  CHECK_FALSE(after["idle"]["dirty"].get<bool>());
  CHECK(d["screen"] == "home");
}

TEST_CASE("idle reset clears scroll positions and text size and contrast too") {
  Kiosk k;
  k.extra_settings = "idle_reset_seconds = 30\ncountdown_seconds = 10\nattract_seconds = 0\n";
  json d = k.Run(
      "key home:text_size\nkey home:contrast\nkey home:guide\n"
      "drag 640 600 640 300 300\nstate scrolled\n"
      "wait 45000\n");
  json scrolled = k.State("scrolled");
  CHECK(scrolled["text_size"] == "large");
  CHECK(scrolled["high_contrast"].get<bool>());
  CHECK(scrolled["scroll"]["guide"]["offset"].get<float>() > 100);
  CHECK(d["screen"] == "home");
  CHECK(d["text_size"] == "normal");
  CHECK_FALSE(d["high_contrast"].get<bool>());
  // The whole route stack was replaced: only a fresh home screen is left.
  REQUIRE(d["route"].size() == 1);
  CHECK(d["route"][0]["screen"] == "home");
  CHECK(d["scroll"]["home"]["offset"].get<float>() == 0);
}

TEST_CASE("a touch during the countdown continues the session and presses nothing") {
  Kiosk k;
  k.extra_settings = "idle_reset_seconds = 60\ncountdown_seconds = 15\nattract_seconds = 0\n";
  json mid = k.Run("key home:search\ntype abc\nwait 65000\nstate countdown\n");
  CHECK(mid["idle"]["state"] == "countdown");
  // Tap the big button: the tap only wakes the kiosk.
  json d = k.Run("key home:search\ntype abc\nwait 65000\n" + TapTarget(mid, "idle:continue") + "wait 20000\n");
  CHECK(d["idle"]["state"] == "active");
  CHECK(d["screen"] == "search");
  CHECK(d["input"] == "abc");
}

TEST_CASE("after a long idle the attract loop runs and a touch wakes to home without pressing") {
  Kiosk k;
  k.extra_settings = "attract_seconds = 120\nattract_slide_seconds = 8\n";
  json home = k.Run("wait 10\n");
  json d = k.Run("wait 121000\nstate attract\nshot attract\nwait 16000\nstate later\n" +
                 TapTarget(home, "home:procedures") + "state woken\n");
  json attract = k.State("attract"), later = k.State("later"), woken = k.State("woken");
  CHECK(attract["screen"] == "attract");
  CHECK(attract["idle"]["state"] == "attract");
  // Two slide changes in 16 s, a frame for each, and nothing in between.
  const int frames_between = later["frames"].get<int>() - attract["frames"].get<int>();
  CHECK(frames_between >= 2);
  CHECK(frames_between <= 4);
  CHECK(woken["screen"] == "home");  // not "procedures": the wake-up tap is swallowed
  CHECK(woken["idle"]["state"] == "active");
}

TEST_CASE("no frames are drawn while idle") {
  Kiosk k;
  k.extra_settings = "attract_seconds = 0\nidle_reset_seconds = 600\n";
  json d = k.Run("wait 1000\nstate a\nwait 120000\nstate b\n"
                 "key home:search\ntype abc\nwait 12000\nstate c\nwait 100000\nstate d\n");
  CHECK(k.State("a")["frames"] == k.State("b")["frames"]);
  // On the search screen the caret blinks for a while after typing, then holds still.
  CHECK(k.State("c")["frames"] == k.State("d")["frames"]);
  CHECK(k.State("d")["screen"] == "search");
}

TEST_CASE("admin: the corner hold opens the PIN pad and the right PIN opens the admin screen") {
  const std::string pin_line = HashPin("2468");
  Kiosk k;
  k.extra_settings = pin_line;
  json short_hold = k.Run("hold 20 20 2000\n");
  CHECK(short_hold["screen"] == "home");
  json d = k.Run("hold 20 20 5200\nstate pin\nshot pin\ntype 2468\nkey pin:ok\nstate admin\nshot admin\n");
  CHECK(k.State("pin")["screen"] == "pin");
  CHECK(d["screen"] == "admin");
  CHECK(d["admin"]["failures"] == 0);
  CHECK(ReadFile(k.dir / "kiosk.log").find("2468") == std::string::npos);  // never logged
}

TEST_CASE("admin: wrong PINs lock the pad and the lock survives a restart and grows") {
  const std::string pin_line = HashPin("2468");
  Kiosk k;
  k.extra_settings = pin_line;
  json d = k.Run("hold 20 20 5200\ntype 1111\nkey pin:ok\ntype 1112\nkey pin:ok\nstate two\n"
                 "type 1113\nkey pin:ok\nstate three\ntype 2468\nkey pin:ok\n");
  CHECK(k.State("two")["admin"]["locked"] == false);
  CHECK(k.State("two")["admin"]["failures"] == 2);
  json three = k.State("three");
  CHECK(three["admin"]["locked"] == true);
  CHECK(three["admin"]["lock_remaining_seconds"].get<int>() > 20);
  CHECK(three["admin"]["lock_remaining_seconds"].get<int>() <= 30);
  CHECK(d["screen"] == "pin");  // the right PIN does nothing while locked
  CHECK(d["admin"]["locked"] == true);

  // A restart (new process) still knows the lock.
  json restarted = k.Run("hold 20 20 5200\ntype 2468\nkey pin:ok\n");
  CHECK(restarted["screen"] == "pin");
  CHECK(restarted["admin"]["locked"] == true);

  // After the lock, one more wrong PIN locks for twice as long (60 s). Each run's
  // virtual clock starts at the real time, so waits cover the previous run's span too.
  k.extra_settings += "attract_seconds = 0\n";
  json again = k.Run("wait 45000\nhold 20 20 5200\ntype 9999\nkey pin:ok\n");
  CHECK(again["admin"]["failures"] == 4);
  CHECK(again["admin"]["lock_remaining_seconds"].get<int>() > 50);

  // After that lock, the right PIN opens the admin screen and clears the count.
  json ok = k.Run("wait 200000\nhold 20 20 5200\ntype 2468\nkey pin:ok\n");
  CHECK(ok["screen"] == "admin");
  CHECK(ok["admin"]["failures"] == 0);
}

TEST_CASE("admin: a corrupt lock state file locks rather than unlocks") {
  const std::string pin_line = HashPin("2468");
  Kiosk k;
  k.extra_settings = pin_line;
  std::ofstream(k.dir / "admin-lock.json") << "{not json";
  json d = k.Run("hold 20 20 5200\ntype 2468\nkey pin:ok\n");
  CHECK(d["screen"] == "pin");
  CHECK(d["admin"]["locked"] == true);
}

TEST_CASE("admin: without admin_pin_hash the PIN pad opens nothing") {
  Kiosk k;
  json d = k.Run("hold 20 20 5200\ntype 1234\nkey pin:ok\n");
  CHECK(d["screen"] == "pin");
  CHECK(d["admin"]["pin_set"] == false);
  CHECK_FALSE(d["admin"]["message"].get<std::string>().empty());
}

TEST_CASE("kiosk hash-pin refuses a PIN the PIN pad cannot type") {
  Kiosk k;
  for (const char* bad : {"12", "abcd", "1234567890123", ""}) {
    RunResult r = Shell(Quote(kKiosk) + " hash-pin", k.dir, std::string(bad) + "\n");
    CHECK(r.code == 2);
    CHECK(r.err.find("4 to 12 digits") != std::string::npos);
  }
}

TEST_CASE("kiosk ime telex and vni compose stdin lines") {
  Kiosk k;
  RunResult telex = Shell(Quote(kKiosk) + " ime telex", k.dir, "Tooi muoons\nVieetj Nam\n");
  CHECK(telex.code == 0);
  CHECK(telex.out == "Tôi muốn\nViệt Nam\n");
  RunResult vni = Shell(Quote(kKiosk) + " ime vni", k.dir, "Vie65t Nam\n");
  CHECK(vni.code == 0);
  CHECK(vni.out == "Việt Nam\n");
  RunResult bad = Shell(Quote(kKiosk) + " ime qwerty", k.dir, "");
  CHECK(bad.code == 2);
}

TEST_CASE("bad scripts and a missing strings file or font fail loudly") {
  Kiosk k;
  const std::string base = Quote(kKiosk) + " --config " + Quote(k.Config()) + " --screenshot-dir " + Quote(k.dir);
  std::ofstream(k.dir / "bad.txt") << "# comment\ntap 1\n";
  RunResult r = Shell(base + " --script " + Quote(k.dir / "bad.txt"), k.dir);
  CHECK(r.code == 2);
  CHECK(r.err.find("bad.txt:2: tap takes 2 numbers") != std::string::npos);

  std::ofstream(k.dir / "nokey.txt") << "key no_such_key\n";
  r = Shell(base + " --script " + Quote(k.dir / "nokey.txt"), k.dir);
  CHECK(r.code == 2);
  CHECK(r.err.find("no on-screen key or target 'no_such_key'") != std::string::npos);

  std::ofstream(k.dir / "ok.txt") << "wait 10\n";
  r = Shell(base + " --script " + Quote(k.dir / "ok.txt") + " --strings /nonexistent/vi.json", k.dir);
  CHECK(r.code == 2);
  CHECK(r.err.find("/nonexistent/vi.json") != std::string::npos);

  std::ofstream(k.dir / "broken.json") << "{\"home.hint\": 3}";
  r = Shell(base + " --script " + Quote(k.dir / "ok.txt") + " --strings " + Quote(k.dir / "broken.json"), k.dir);
  CHECK(r.code == 2);
  CHECK(r.err.find("home.hint") != std::string::npos);

  // A strings file lacking keys: the run completes but fails, naming the keys.
  std::ofstream(k.dir / "partial.json") << "{\"app.title\": \"Tra cứu\"}";
  r = Shell(base + " --script " + Quote(k.dir / "ok.txt") + " --strings " + Quote(k.dir / "partial.json"), k.dir);
  CHECK(r.code == 3);
  CHECK(r.err.find("MISSING STRING \"home.hint\"") != std::string::npos);

  k.extra_settings = "font_regular = /nonexistent/NotoSans-Regular.ttf\n";
  r = Shell(Quote(kKiosk) + " --config " + Quote(k.Config()) + " --script " + Quote(k.dir / "ok.txt"), k.dir);
  CHECK(r.code == 1);
  CHECK(r.err.find("/nonexistent/NotoSans-Regular.ttf") != std::string::npos);

  r = Shell(Quote(kKiosk) + " --config /nonexistent/kiosk.conf --script " + Quote(k.dir / "ok.txt"), k.dir);
  CHECK(r.code == 2);
  CHECK(r.err.find("/nonexistent/kiosk.conf") != std::string::npos);
}

TEST_CASE("every strings key used by the code is in vi.json with no empty text") {
  const std::string strings = ReadFile(fs::path(KIOSK_SOURCE_DIR) / "kiosk/strings/vi.json");
  json doc = json::parse(strings);
  std::set<std::string> used;
  const std::regex key_re("\"((app|home|nav|section|search|keyboard|idle|attract|pin|admin|touch|guide|type|procedures|"
                          "procedure|list|item|laws|document|maintenance|faq|learn|quiz|announcement|form|speak)\\.[a-z_.]+)\"");
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(KIOSK_SOURCE_DIR) / "kiosk/src")) {
    if (!entry.is_regular_file()) continue;
    const std::string src = ReadFile(entry.path());
    for (auto it = std::sregex_iterator(src.begin(), src.end(), key_re); it != std::sregex_iterator(); ++it)
      used.insert((*it)[1]);
  }
  CHECK(used.size() > 40);
  for (const auto& key : used) {
    if (key.size() > 4 && (key.ends_with(".hpp") || key.ends_with(".h"))) continue;  // #includes
    INFO("key: " << key);
    CHECK(doc.contains(key));
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    INFO("key: " << it.key());
    if (it->is_string()) CHECK_FALSE(it->get<std::string>().empty());
  }
}

TEST_CASE("admin: exit is offered and works only when allow_exit is set") {
  const std::string pin_line = HashPin("2468");
  Kiosk k;
  k.extra_settings = pin_line;
  json locked = k.Run("hold 20 20 5200\ntype 2468\nkey pin:ok\n");
  CHECK(locked["screen"] == "admin");
  CHECK_FALSE(locked["targets"].contains("admin:exit"));

  k.extra_settings = pin_line + "allow_exit = true\n";
  // The script stops at the exit; the commands after it never run.
  json d = k.Run("hold 20 20 5200\ntype 2468\nkey pin:ok\nkey admin:exit\nkey nav:home\n");
  CHECK(d["screen"] == "admin");
  CHECK(ReadFile(k.dir / "kiosk.log").find("exit from the admin screen") != std::string::npos);
}

TEST_CASE("the text size button rebuilds the fonts live and the layout grows") {
  Kiosk k;
  json normal = k.Run("wait 10\n");
  json large = k.Run("key home:text_size\nkey home:text_size\n");
  CHECK(large["text_size"] == "extra_large");
  // Bigger text makes bigger tiles: the second row moves down (and to two columns).
  CHECK(large["targets"]["home:faq"][1].get<float>() > normal["targets"]["home:faq"][1].get<float>());
  CHECK(large["missing_strings"].empty());
}

TEST_CASE("cache_dir keeps the font atlas and Mesa's shaders there, and a second start reads the atlas back") {
  Kiosk k;
  const fs::path cache = k.dir / "kiosk-app" / "cache";
  fs::create_directories(cache.parent_path());
  k.extra_settings = "cache_dir = " + cache.string() + "\n";
  ::unsetenv("MESA_SHADER_CACHE_DIR");  // the kiosk sets it from cache_dir only when unset
  json d = k.Run("wait 1\n");
  CHECK(d["display"]["font_texture_bytes_per_pixel"] == 1);  // llvmpipe has texture swizzle
  int atlases = 0, shaders = 0;
  for (const auto& e : fs::directory_iterator(cache))
    if (e.path().filename().string().rfind("font-atlas-", 0) == 0) ++atlases;
  for (const auto& e : fs::recursive_directory_iterator(cache / "mesa"))
    if (e.is_regular_file()) ++shaders;
  CHECK(atlases == 1);
  CHECK(shaders > 0);
  CHECK_FALSE(fs::exists(k.dir / "cache"));  // not in the data directory
  CHECK(ReadFile(k.dir / "kiosk.log").find("cached in " + cache.string()) != std::string::npos);

  fs::remove(k.dir / "kiosk.log");
  k.Run("wait 1\n");
  CHECK(ReadFile(k.dir / "kiosk.log").find("font atlas read from " + cache.string()) != std::string::npos);

  // A cache folder that cannot be made: said, and the kiosk starts all the same.
  fs::remove(k.dir / "kiosk.log");
  std::ofstream(k.dir / "not-a-folder") << "x";
  k.extra_settings = "cache_dir = " + (k.dir / "not-a-folder" / "cache").string() + "\n";
  json again = k.Run("wait 1\n");
  CHECK(again["screen"] == "home");
  CHECK(ReadFile(k.dir / "kiosk.log").find("cannot use the cache folder") != std::string::npos);
}

namespace {
// Width and height from a PNG's IHDR chunk.
std::pair<int, int> PngSize(const fs::path& p) {
  const std::string b = ReadFile(p);
  REQUIRE(b.size() > 24);
  REQUIRE(b.compare(12, 4, "IHDR") == 0);
  auto be32 = [&](size_t at) {
    return (int)(((unsigned char)b[at] << 24) | ((unsigned char)b[at + 1] << 16) |
                 ((unsigned char)b[at + 2] << 8) | (unsigned char)b[at + 3]);
  };
  return {be32(16), be32(20)};
}
}  // namespace

TEST_CASE("rotation = 90 on a 1920x1080 panel: a 1080x1920 UI, upright screenshots, a tap on the panel over a target presses it") {
  Kiosk k;
  k.window = "1920x1080";  // the panel, as SDL reports it
  k.extra_settings = "rotation = 90\n";
  json d = k.Run("shot home\n");
  CHECK(d["display"]["width"] == 1080);
  CHECK(d["display"]["height"] == 1920);
  CHECK(d["display"]["rotation"] == 90);
  CHECK(d["display"]["panel_width"] == 1920);
  CHECK(d["display"]["panel_height"] == 1080);
  CHECK(PngSize(k.dir / "home.png") == std::make_pair(1080, 1920));
  // A portrait layout: the home tiles sit below one another more than beside.
  REQUIRE(d["targets"].contains("home:procedures"));
  const auto& t = d["targets"]["home:procedures"];
  const float ux = t[0].get<float>(), uy = t[1].get<float>();
  CHECK(ux < 1080);
  CHECK(uy < 1920);
  // The panel turned a quarter clockwise: the UI point (x, y) is under the panel's (1920 - y, x).
  const int px = (int)(1920 - uy), py = (int)ux;
  json after = k.Run("tap-panel " + std::to_string(px) + " " + std::to_string(py) + "\n");
  CHECK(after["screen"] == "procedures");
  // The same point without the turn is elsewhere in the UI and opens nothing there.
  if ((int)ux != px || (int)uy != py) {
    json elsewhere = k.Run("tap-panel " + std::to_string((int)ux) + " " + std::to_string((int)uy) + "\n");
    CHECK(elsewhere["screen"] != "procedures");
  }
  // A rotation the kiosk cannot do is reported (log, admin screen) and it runs upright.
  Kiosk bad;
  bad.extra_settings = "rotation = 45\n";
  json b = bad.Run("state s\n");
  CHECK(b["display"]["rotation"] == 0);
  CHECK(ReadFile(bad.dir / "kiosk.log").find("rotation = 45: want 0, 90, 180 or 270") != std::string::npos);
}
