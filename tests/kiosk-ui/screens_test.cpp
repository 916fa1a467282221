// tests/kiosk-ui/screens_test.cpp: the content screens (Screens I) driven headless by the
// named touch targets that DESIGN.md fixes: a citizen finds and reads a procedure or a law
// by taps, on the real demo pack, at every screen size and text size; the pack behind
// them falls back, switches and goes missing as the content service promises.
#include <sys/stat.h>

#include <set>
#include <thread>

#include "kiosk_fixture.hpp"

using namespace kiosk_test;

namespace {

// The route's last entry.
json TopRoute(const json& d) { return d["route"].back(); }

// A data dir laid out as kiosk-sync leaves it: packs/<id>-<version>.sqlite and `current`.
struct DataDir {
  fs::path dir;
  std::string pack_id = "vn-hau-giang-tu-phap";  // the demo pack's id
  explicit DataDir(const fs::path& d) : dir(d) { fs::create_directories(dir / "packs"); }
  fs::path PackPath(int version) const { return dir / "packs" / (pack_id + "-" + std::to_string(version) + ".sqlite"); }
  void Install(int version) {
    const std::string cmd = Quote(std::string(KIOSK_BINARY_DIR) + "/bin/content-pack") + " build " +
                            Quote(std::string(KIOSK_SOURCE_DIR) + "/content-pack/demo") + " -o " +
                            Quote(PackPath(version)) + " --version " + std::to_string(version) + " > /dev/null";
    REQUIRE(std::system(cmd.c_str()) == 0);
  }
  // Points `current` at VERSION the way kiosk-sync does: a new link renamed over the old.
  void SetCurrent(int version) {
    const fs::path tmp = dir / "current.tmp";
    fs::remove(tmp);
    fs::create_symlink(fs::path("packs") / PackPath(version).filename(), tmp);
    fs::rename(tmp, dir / "current");
  }
  std::string Settings() const { return "[sync]\npack_id = " + pack_id + "\n"; }
};

}  // namespace

TEST_CASE("screens: from home every section opens by taps, back goes one step and home clears") {
  Kiosk k;
  k.Run(
      "key home:procedures\nstate fields\n"
      "key field:Hộ tịch\nstate list\n"
      "key item:dang-ky-khai-sinh\nstate detail\n"
      "key nav:back\nstate back\n"
      "key nav:home\nstate home\n"
      "key home:laws\nstate laws\n"
      "key item:luat-ho-tich-2014\nstate document\n"
      "key nav:home\nkey home:faq\nstate faq\n"
      "key nav:home\nkey home:news\nstate news\n"
      "key nav:home\nkey home:learn\nstate learn\n"
      "key nav:home\nkey home:guide\nstate guide\n");
  json fields = k.State("fields");
  CHECK(fields["screen"] == "procedures");
  CHECK(fields["targets"].contains("field:Hộ tịch"));
  CHECK(fields["targets"].contains("field:Chứng thực"));
  json list = k.State("list");
  CHECK(TopRoute(list)["field"] == "Hộ tịch");
  CHECK(list["targets"].contains("item:dang-ky-khai-sinh"));
  CHECK_FALSE(list["targets"].contains("item:chung-thuc-chu-ky"));  // another field's
  json detail = k.State("detail");
  CHECK(detail["screen"] == "procedure");
  CHECK(detail["item"]["id"] == "dang-ky-khai-sinh");
  CHECK(detail["item"]["title"] == "Đăng ký khai sinh");
  CHECK(detail["route"].size() == 4);  // home, fields, the field's list, the procedure
  json back = k.State("back");
  CHECK(back["screen"] == "procedures");
  CHECK(TopRoute(back)["field"] == "Hộ tịch");
  json home = k.State("home");
  CHECK(home["screen"] == "home");
  CHECK(home["route"].size() == 1);
  json laws = k.State("laws");
  CHECK(laws["screen"] == "laws");
  for (const char* id : {"item:luat-ho-tich-2014", "item:nghi-dinh-23-2015-nd-cp", "item:luat-hoa-giai-o-co-so-2013"})
    CHECK(laws["targets"].contains(id));
  json document = k.State("document");
  CHECK(document["screen"] == "document");
  CHECK(document["item"]["id"] == "luat-ho-tich-2014");
  CHECK(document["item"]["type"] == "document");
  for (const char* name : {"faq", "news", "learn", "guide"}) {
    json d = k.State(name);
    CHECK(d["screen"] == name);
    CHECK(d["targets"].contains("nav:back"));
    CHECK(d["targets"].contains("nav:home"));
  }
}

TEST_CASE("search: typing dang ky khai sinh on the keys shows the procedure first, no enter needed") {
  Kiosk k;
  json d = k.Run("key home:search\ntype dang ky khai sinh\nstate typed\nkey result:0\n");
  json typed = k.State("typed");
  CHECK(typed["screen"] == "search");
  CHECK(typed["input"] == "dang ky khai sinh");
  CHECK(typed["keyboard_visible"].get<bool>());
  REQUIRE(typed["results"].size() > 0);
  CHECK(typed["results"][0]["id"] == "dang-ky-khai-sinh");
  CHECK(typed["results"][0]["type"] == "procedure");
  // A result opens its detail.
  CHECK(d["screen"] == "procedure");
  CHECK(d["item"]["id"] == "dang-ky-khai-sinh");
}

TEST_CASE("search: results follow every key, a cleared field says nothing, enter on empty does nothing") {
  Kiosk k;
  k.Run(
      "key home:search\ntype ket\nstate partial\ntype  hon\nstate full\n"
      "key backspace\nkey backspace\nkey backspace\nkey backspace\nkey backspace\nkey backspace\nkey backspace\n"
      "state cleared\nkey enter\nstate enter_empty\n"
      "type xyzzyqwv\nstate nothing\n");
  json partial = k.State("partial"), full = k.State("full"), cleared = k.State("cleared");
  CHECK(partial["results"].size() > 0);
  REQUIRE(full["results"].size() > 0);
  CHECK(full["results"][0]["id"] == "dang-ky-ket-hon");
  CHECK(cleared["input"] == "");
  CHECK(cleared["results"].empty());
  CHECK(cleared["search"]["match"] == "none");
  json enter_empty = k.State("enter_empty");
  CHECK(enter_empty["screen"] == "search");
  CHECK(enter_empty["keyboard_visible"].get<bool>());  // enter on an empty field does nothing
  json nothing = k.State("nothing");
  CHECK(nothing["results"].empty());
  // Nothing found: the topics the pack has are offered instead.
  CHECK(nothing["targets"].contains("topic:Hộ tịch"));
}

TEST_CASE("search: a topic offered after nothing was found opens that field's procedures") {
  Kiosk k;
  json d = k.Run("key home:search\ntype xyzzyqwv\nkey topic:Chứng thực\n");
  CHECK(d["screen"] == "procedures");
  CHECK(TopRoute(d)["field"] == "Chứng thực");
  CHECK(d["targets"].contains("item:chung-thuc-ban-sao-tu-ban-chinh"));
}

TEST_CASE("a legal-basis link opens the reader at the right article and back returns to the procedure") {
  Kiosk k;
  json d = k.Run(
      "key home:procedures\nkey field:Hộ tịch\nkey item:dang-ky-khai-sinh\n"
      "key basis:0\nstate reader\nshot reader\nkey nav:back\n");
  json reader = k.State("reader");
  CHECK(reader["screen"] == "document");
  CHECK(reader["item"]["id"] == "luat-ho-tich-2014");
  CHECK(TopRoute(reader)["anchor"] == "dieu-16");
  CHECK(reader["unit"] == "dieu-16");
  CHECK(d["screen"] == "procedure");
  CHECK(d["item"]["id"] == "dang-ky-khai-sinh");
  // The second basis names the whole document: it opens at the top.
  json whole = k.Run("key home:procedures\nkey field:Hộ tịch\nkey item:dang-ky-khai-sinh\nkey basis:1\n");
  CHECK(whole["item"]["id"] == "luat-ho-tich-2014");
  CHECK(TopRoute(whole)["anchor"] == "");
}

TEST_CASE("the reader: the contents jump to an article, next and previous step by article") {
  for (const std::string window : {"1280x720", "720x1280"}) {
    CAPTURE(window);
    Kiosk k;
    k.window = window;
    k.Run(
        "key home:laws\nkey item:luat-ho-tich-2014\n"
        "key toc:dieu-13\nstate toc\n"
        "key unit:next\nstate next\nkey unit:next\nstate next2\n"
        "key unit:prev\nstate prev\n"
        "key toc:chuong-ii-muc-2\nstate chapter\n");
    CHECK(k.State("toc")["unit"] == "dieu-13");
    CHECK(k.State("next")["unit"] == "dieu-14");
    CHECK(k.State("next2")["unit"] == "dieu-15");
    CHECK(k.State("prev")["unit"] == "dieu-14");
    CHECK(k.State("chapter")["unit"] == "chuong-ii-muc-2");
  }
}

TEST_CASE("a corrupt current pack falls back to the previous one, and with none the maintenance screen shows") {
  Kiosk k;
  k.pack = "";  // the device layout, as on a kiosk
  DataDir data(k.dir);
  k.extra_settings = "technician_contact = 0293 3 123 456\n" + data.Settings();
  data.Install(1);
  data.Install(2);
  data.SetCurrent(2);
  // v2 gets garbage in its header: not a pack any more.
  {
    std::fstream f(data.PackPath(2), std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    f << "this is not an SQLite database at all";
  }
  json d = k.Run("state start\nkey home:procedures\n");
  json start = k.State("start");
  CHECK(start["screen"] == "home");
  CHECK(start["pack"]["version"] == 1);
  CHECK(start["pack"]["path"].get<std::string>().find("-1.sqlite") != std::string::npos);
  CHECK(d["screen"] == "procedures");
  CHECK(ReadFile(k.dir / "kiosk.log").find("fell back to") != std::string::npos);

  // Nothing opens: a calm maintenance screen, and the admin gesture still works there.
  fs::remove(data.PackPath(1));
  fs::remove(data.PackPath(2));
  k.extra_settings = HashPin("2468") + data.Settings();
  json m = k.Run("state maintenance\nshot maintenance\nhold 20 20 5200\n");
  json maintenance = k.State("maintenance");
  CHECK(maintenance["screen"] == "maintenance");
  CHECK(maintenance["pack"].contains("error"));
  CHECK_FALSE(maintenance["idle"]["dirty"].get<bool>());
  CHECK(m["screen"] == "pin");
}

TEST_CASE("a pack installed during a session is switched to only after the idle reset") {
  Kiosk k;
  k.pack = "";
  DataDir data(k.dir);
  k.extra_settings = "idle_reset_seconds = 60\ncountdown_seconds = 10\nattract_seconds = 0\n" + data.Settings();
  data.Install(1);
  data.SetCurrent(1);
  // The script arrives through a FIFO: the test installs v2 between two steps, as
  // kiosk-sync would while a citizen reads.
  const fs::path fifo = k.dir / "script.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const fs::path cfg = k.Config();
  RunResult result;
  std::thread kiosk([&] {
    result = Shell(Quote(kKiosk) + " --config " + Quote(cfg) + " --script " + Quote(fifo) + " --screenshot-dir " +
                       Quote(k.dir) + " --dump-state " + Quote(k.dir / "dump.json") + " --window 1280x720",
                   k.dir);
  });
  {
    std::ofstream script(fifo);
    script << "key home:procedures\nkey field:Hộ tịch\nstate reading\n" << std::flush;
    // Wait (real time, bounded) for the kiosk to get there before installing.
    for (int i = 0; i < 600 && !fs::exists(k.dir / "reading.json"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    data.Install(2);
    data.SetCurrent(2);
    script << "wait 30000\nstate still_reading\nwait 45000\nstate after_reset\n" << std::flush;
  }
  kiosk.join();
  INFO(result.err);
  REQUIRE(result.code == 0);
  json reading = k.State("reading"), still = k.State("still_reading"), after = k.State("after_reset");
  CHECK(reading["pack"]["version"] == 1);
  CHECK(still["pack"]["version"] == 1);        // never under a citizen's finger
  CHECK(still["screen"] == "procedures");
  CHECK(after["screen"] == "home");
  CHECK(after["idle"]["sessions_reset"] == 1);
  CHECK(after["pack"]["version"] == 2);        // switched at the reset
  CHECK(after["pack_switches"] == 1);
}

TEST_CASE("every screen at three screen sizes and three text sizes: no missing string, nothing off screen") {
  const std::string tour =
      "state home\n"
      "key home:search\ntype dang ky khai sinh\nstate search\nkey enter\nstate results\n"
      "key nav:home\nkey home:procedures\nstate procedures\nkey field:Hộ tịch\nstate list\n"
      "key item:dang-ky-khai-sinh\nstate procedure\nkey basis:0\nstate document\n"
      "key nav:home\nkey home:laws\nstate laws\n"
      "key nav:home\nkey home:guide\nstate guide\n"
      "key nav:home\nkey home:faq\nstate faq\nkey field:Hộ tịch\nstate faq_list\n"
      "key item:hoi-dap-mat-giay-khai-sinh\nstate answer\n"
      "key nav:home\nkey home:news\nstate news\nkey item:luat-can-cuoc-2023-nhung-dieu-can-biet\nstate article\n"
      "key nav:home\nkey home:learn\nstate learn\nkey item:tim-hieu-luat-phong-chong-tham-nhung-2018\n"
      "key answer:0\nstate quiz\n";
  const char* screens[] = {"home", "search", "results", "procedures", "list", "procedure", "document", "laws",
                           "guide", "faq", "faq_list", "answer", "news", "article", "learn", "quiz"};
  for (const std::string window : {"1920x1080", "1280x800", "1080x1920"}) {
    for (const std::string size : {"normal", "large", "extra_large"}) {
      CAPTURE(window);
      CAPTURE(size);
      Kiosk k;
      k.window = window;
      k.extra_settings = "text_size = " + size + "\n";
      json d = k.Run(tour);
      CHECK(d["missing_strings"].empty());
      for (const char* name : screens) {
        CAPTURE(name);
        json s = k.State(name);
        CHECK(s["text_size"] == size);
        CheckTargetsOnScreen(s, window);
        if (std::string(name) != "home") {
          CHECK(s["targets"].contains("nav:back"));
          CHECK(s["targets"].contains("nav:home"));
        }
      }
      // Every tile is reachable from home (scrolling when they do not all fit).
      json home = k.State("home");
      for (const char* t : {"home:search", "home:procedures", "home:laws", "home:faq", "home:news", "home:learn",
                            "home:guide"})
        CHECK(home["targets"].contains(t));
      CHECK(k.State("search")["results"][0]["id"] == "dang-ky-khai-sinh");
      CHECK(k.State("procedure")["item"]["id"] == "dang-ky-khai-sinh");
      CHECK(k.State("document")["unit"] == "dieu-16");
      CHECK(k.State("answer")["item"]["id"] == "hoi-dap-mat-giay-khai-sinh");
      CHECK(k.State("article")["item"]["type"] == "article");
      CHECK(k.State("quiz")["quiz"]["answered"] == true);
      CHECK(k.State("quiz")["targets"].contains("quiz:next"));
    }
  }
}

TEST_CASE("a procedure's QR code, read from a screenshot by zbarimg, is its online_url") {
  Kiosk k;
  k.window = "1920x1080";
  json d = k.Run("key home:procedures\nkey field:Hộ tịch\nkey item:dang-ky-khai-sinh\nkey qr\nshot qr\n");
  REQUIRE(d["screen"] == "procedure");
  const std::string url = d["online_url"];
  CHECK(url.rfind("https://dichvucong.gov.vn/", 0) == 0);
  // An independent reader: zbar decodes the whole screen as a phone camera would.
  RunResult r = Shell("zbarimg --quiet --raw " + Quote(k.dir / "qr.png"), k.dir);
  REQUIRE(r.code == 0);
  std::string decoded = r.out;
  while (!decoded.empty() && (decoded.back() == '\n' || decoded.back() == '\r')) decoded.pop_back();
  CHECK(decoded == url);
}

TEST_CASE("a procedure's form opens full screen and zooms with the big buttons") {
  Kiosk k;
  json d = k.Run(
      "key home:procedures\nkey field:Hộ tịch\nkey item:dang-ky-khai-sinh\nkey form:0\nstate opened\n"
      "key zoom:in\nkey zoom:in\nstate zoomed\nkey zoom:out\nstate less\nkey zoom:fit\nstate fit\nkey nav:back\n");
  json opened = k.State("opened");
  CHECK(opened["screen"] == "form");
  CHECK(opened["zoom"].get<float>() == doctest::Approx(1.f));
  CHECK(k.State("zoomed")["zoom"].get<float>() == doctest::Approx(2.25f));
  CHECK(k.State("less")["zoom"].get<float>() == doctest::Approx(1.5f));
  CHECK(k.State("fit")["zoom"].get<float>() == doctest::Approx(1.f));
  CHECK(d["screen"] == "procedure");
}

TEST_CASE("search: answers come first, mere mentions under a quieter heading, and a topic not here says so") {
  Kiosk k;
  k.Run("key home:search\ntype khai sanh\nstate southern\n");
  json southern = k.State("southern");
  REQUIRE(southern["results"].size() > 0);
  CHECK(southern["results"][0]["id"] == "dang-ky-khai-sinh");
  CHECK(southern["search"]["not_here"] == false);
  // Answers (title, keyword) never come after a mention (body, partial).
  bool mention_seen = false;
  for (const auto& r : southern["results"]) {
    const std::string st = r["strength"];
    if (st == "body" || st == "partial") mention_seen = true;
    else CHECK_FALSE(mention_seen);
  }
  k.Run("key home:search\ntype ly hon\nstate divorce\n");
  json divorce = k.State("divorce");
  CHECK(divorce["search"]["not_here"] == true);
  for (const auto& r : divorce["results"]) CHECK(r["strength"] != "title");
  CHECK(divorce["targets"].contains("topic:Hộ tịch"));  // where to look instead
  k.Run("key home:search\ntype bang lai xe\nstate licence\n");
  json licence = k.State("licence");
  CHECK(licence["search"]["not_here"] == true);
  for (const auto& r : licence["results"]) CHECK(r["strength"] == "partial");
}
