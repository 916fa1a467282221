// tests/kiosk-ui/citizen_screens_test.cpp: Screens II for citizens, driven headless by
// the named touch targets: Hỏi đáp by field, Tin tức newest first, the quiz and its
// score, and announcements inside their date window (the commune's date, UTC+7) on the
// home screen and in the attract loop. Packs are built here by the real content-pack
// from sources the test writes, so the checks do not lean on the demo's wording.
#include <algorithm>
#include <map>
#include <vector>

#include "kiosk_fixture.hpp"
#include "touch-ui/vietnamese_input.hpp"

using namespace kiosk_test;

namespace {

// A pack source written by the test: FILES maps a relative path to its text.
std::string BuildPack(const fs::path& dir, const std::map<std::string, std::string>& files) {
  const fs::path src = dir / "src";
  fs::create_directories(src);
  std::ofstream(src / "pack.yaml") << "id: vn-thu-nghiem\ntitle: Gói thử nghiệm\npublisher: Sở Tư pháp\nlanguage: vi\n";
  for (const auto& [path, text] : files) {
    fs::create_directories((src / path).parent_path());
    std::ofstream(src / path) << text;
  }
  const fs::path out = dir / "test.pack";
  const RunResult r = Shell(Quote(std::string(KIOSK_BINARY_DIR) + "/bin/content-pack") + " build " + Quote(src) +
                                " -o " + Quote(out),
                            dir);
  INFO(r.err);
  REQUIRE(r.code == 0);
  return out;
}

std::string Faq(const std::string& id, const std::string& title, const std::string& field, const std::string& body) {
  return "---\ntype: faq\nid: " + id + "\ntitle: \"" + title + "\"\nfield: " + field + "\n---\n" + body + "\n";
}

std::string Announcement(const std::string& id, const std::string& from, const std::string& until) {
  return "---\ntype: announcement\nid: " + id + "\ntitle: Thông báo " + id + "\nfrom: " + from + "\nuntil: " + until +
         "\n---\nNội dung của thông báo " + id + ".\n";
}

std::vector<std::string> Ids(const json& list) {
  std::vector<std::string> out;
  for (const auto& v : list) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("Hỏi đáp: questions by field, an answer opens, and its links open the procedure and the law") {
  Kiosk k;
  k.pack = BuildPack(k.dir, {
      {"hd/a.md", Faq("hd-ho-tich-b", "Bỏ lỡ hạn khai sinh thì sao?", "Hộ tịch",
                      "Vẫn đăng ký được, xem [thủ tục](../tt/ks.md) và [Điều 2](luat#dieu-2).")},
      {"hd/b.md", Faq("hd-ho-tich-a", "Ai đi khai sinh cho trẻ?", "Hộ tịch", "Cha hoặc mẹ.")},
      {"hd/c.md", Faq("hd-chung-thuc", "Chứng thực ở đâu?", "Chứng thực", "Ở xã.")},
      {"tt/ks.md", "---\ntype: procedure\nid: tt-khai-sinh\ntitle: Đăng ký khai sinh\nfield: Hộ tịch\n---\nThân.\n"},
      {"vb/luat.md", "---\ntype: document\nid: luat\ntitle: Luật thử\n---\nĐiều 1. Một\n\nNội dung một.\n\n"
                     "Điều 2. Hai\n\nNội dung hai.\n"},
  });
  json d = k.Run(
      "key home:faq\nstate fields\n"
      "key field:Hộ tịch\nstate list\n"
      "key item:hd-ho-tich-b\nstate answer\n"
      "key link:0\nstate procedure\n"
      "key nav:back\nkey link:1\nstate law\n"
      "key nav:back\nstate back\n");
  json fields = k.State("fields");
  CHECK(fields["screen"] == "faq");
  CHECK(fields["targets"].contains("field:Hộ tịch"));
  CHECK(fields["targets"].contains("field:Chứng thực"));
  json list = k.State("list");
  CHECK(list["screen"] == "faq");
  // The field's questions only, by title.
  CHECK(Ids(list["list"]) == std::vector<std::string>{"hd-ho-tich-a", "hd-ho-tich-b"});
  json answer = k.State("answer");
  CHECK(answer["screen"] == "faq");
  CHECK(answer["item"]["id"] == "hd-ho-tich-b");
  CHECK(answer["item"]["type"] == "faq");
  CHECK(answer["targets"].contains("link:0"));
  json procedure = k.State("procedure");
  CHECK(procedure["screen"] == "procedure");
  CHECK(procedure["item"]["id"] == "tt-khai-sinh");
  json law = k.State("law");
  CHECK(law["screen"] == "document");
  CHECK(law["item"]["id"] == "luat");
  CHECK(law["unit"] == "dieu-2");
  CHECK(d["screen"] == "faq");
  CHECK(d["item"]["id"] == "hd-ho-tich-b");
}

TEST_CASE("Tin tức: articles newest first, undated last, and one opens with its date") {
  Kiosk k;
  std::map<std::string, std::string> files;
  const std::vector<std::pair<std::string, std::string>> articles = {
      {"tin-a", "2024-03-01"}, {"tin-b", "2026-11-20"}, {"tin-c", ""}, {"tin-d", "2025-12-31"}, {"tin-e", "2026-01-01"}};
  for (const auto& [id, date] : articles)
    files["tin/" + id + ".md"] = "---\ntype: article\nid: " + id + "\ntitle: Bài " + id +
                                 (date.empty() ? std::string() : "\ndate: " + date) + "\nsummary: Tóm tắt " + id +
                                 "\n---\nNội dung " + id + ".\n";
  k.pack = BuildPack(k.dir, files);
  json d = k.Run("key home:news\nstate news\nkey item:tin-d\n");
  CHECK(Ids(k.State("news")["list"]) == std::vector<std::string>{"tin-b", "tin-e", "tin-d", "tin-a", "tin-c"});
  CHECK(d["screen"] == "article");
  CHECK(d["item"]["id"] == "tin-d");
  CHECK(d["item"]["type"] == "article");
}

TEST_CASE("the quiz: a known sequence of answers scores, a second tap changes nothing, Làm lại starts over") {
  Kiosk k;
  // Four questions; the right choices are 2, 0, 3, 1.
  k.pack = BuildPack(k.dir, {{"q/quiz.md",
                              "---\ntype: quiz\nid: bo-cau-hoi\ntitle: Bộ câu hỏi\nquestions:\n"
                              "  - {q: \"Một?\", choices: [a, b, c, d], answer: 2, explain: \"Vì c.\"}\n"
                              "  - {q: \"Hai?\", choices: [a, b, c], answer: 0, explain: \"Vì a.\"}\n"
                              "  - {q: \"Ba?\", choices: [a, b, c, d], answer: 3, explain: \"Vì d.\"}\n"
                              "  - {q: \"Bốn?\", choices: [a, b], answer: 1, explain: \"Vì b.\"}\n---\n"}});
  // Answers 2 (right), 1 (wrong), 3 (right), 0 (wrong): 2 of 4.
  k.Run(
      "key home:learn\nstate learn\nkey item:bo-cau-hoi\nstate q0\n"
      "key answer:2\nstate a0\nkey answer:0\nstate a0_again\nkey quiz:next\n"
      "key answer:1\nstate a1\nkey quiz:next\n"
      "key answer:3\nkey quiz:next\n"
      "key answer:0\nstate a3\nkey quiz:next\nstate done\n"
      "key quiz:again\nstate again\n"
      "key answer:2\nkey nav:back\nkey item:bo-cau-hoi\nstate reopened\n");
  CHECK(Ids(k.State("learn")["list"]) == std::vector<std::string>{"bo-cau-hoi"});
  json q0 = k.State("q0");
  CHECK(q0["screen"] == "quiz");
  CHECK(q0["quiz"]["index"] == 0);
  CHECK(q0["quiz"]["total"] == 4);
  CHECK(q0["quiz"]["answered"] == false);
  CHECK(q0["targets"].contains("answer:3"));
  CHECK_FALSE(q0["targets"].contains("quiz:next"));  // answer first
  json a0 = k.State("a0");
  CHECK(a0["quiz"]["answered"] == true);
  CHECK(a0["quiz"]["score"] == 1);
  CHECK(a0["targets"].contains("quiz:next"));
  CHECK(k.State("a0_again")["quiz"]["score"] == 1);  // the first answer stands
  CHECK(k.State("a0_again")["quiz"]["answers"][0] == 2);
  json a1 = k.State("a1");
  CHECK(a1["quiz"]["index"] == 1);
  CHECK(a1["quiz"]["score"] == 1);
  CHECK(a1["targets"].contains("answer:2"));
  CHECK_FALSE(a1["targets"].contains("answer:3"));  // this question has three choices
  CHECK(k.State("a3")["quiz"]["score"] == 2);
  json done = k.State("done");
  CHECK(done["quiz"]["finished"] == true);
  CHECK(done["quiz"]["score"] == 2);
  CHECK(done["quiz"]["index"] == 4);
  CHECK(done["targets"].contains("quiz:again"));
  json again = k.State("again");
  CHECK(again["quiz"]["index"] == 0);
  CHECK(again["quiz"]["score"] == 0);
  CHECK(again["quiz"]["finished"] == false);
  // Leaving the quiz forgets it: opened again, it starts at the first question, unanswered.
  json reopened = k.State("reopened");
  CHECK(reopened["quiz"]["index"] == 0);
  CHECK(reopened["quiz"]["answered"] == false);
  CHECK(reopened["quiz"]["score"] == 0);
}

TEST_CASE("the quiz: the explanation's legal basis opens the law at that article, and the idle reset forgets the quiz") {
  Kiosk k;  // the demo pack: question 2's explanation links Điều 1 of the anti-corruption law
  k.extra_settings = "idle_reset_seconds = 30\ncountdown_seconds = 5\n";
  json d = k.Run(
      "key home:learn\nkey item:tim-hieu-luat-phong-chong-tham-nhung-2018\n"
      "key answer:0\nkey quiz:next\nkey answer:1\nstate answered\nkey link:0\nstate law\n"
      "key nav:back\nstate back\nwait 40000\n");
  CHECK(k.State("answered")["quiz"]["score"] == 1);
  json law = k.State("law");
  CHECK(law["screen"] == "document");
  CHECK(law["item"]["id"] == "luat-phong-chong-tham-nhung-2018");
  CHECK(law["unit"] == "dieu-1");
  json back = k.State("back");
  CHECK(back["screen"] == "quiz");
  CHECK(back["quiz"]["index"] == 1);  // back keeps the quiz where it was
  CHECK(back["quiz"]["score"] == 1);
  CHECK(d["screen"] == "home");
  CHECK(d["route"].size() == 1);
  CHECK(d["idle"]["sessions_reset"] == 1);
}

TEST_CASE("announcements show only inside their window, by the date in Vietnam, on home and as attract slides") {
  Kiosk k;
  k.extra_settings = "attract_seconds = 20\n";
  k.pack = BuildPack(k.dir, {
      {"tb/past.md", Announcement("tb-past", "2020-01-01", "2020-12-31")},
      {"tb/year.md", Announcement("tb-year", "2026-01-01", "2026-12-31")},
      {"tb/eve.md", Announcement("tb-eve", "2026-12-31", "2026-12-31")},
      {"tb/next.md", Announcement("tb-next", "2027-01-01", "2027-01-31")},
  });
  auto run_at = [&](const std::string& local_time) {
    k.extra_args = "--local-time " + local_time;
    return k.Run("state home\nwait 25000\nstate attract\n");
  };
  auto check_shown = [&](const std::vector<std::string>& shown) {
    json home = k.State("home");
    json attract = k.State("attract");
    CHECK(attract["screen"] == "attract");
    std::vector<std::string> slides = Ids(attract["slides"]);
    std::sort(slides.begin(), slides.end());
    CHECK(slides == shown);
    for (const std::string id : {"tb-past", "tb-year", "tb-eve", "tb-next"}) {
      CAPTURE(id);
      const bool want = std::find(shown.begin(), shown.end(), id) != shown.end();
      CHECK(home["targets"].contains("item:" + id) == want);
    }
  };
  // 23:59 on New Year's Eve in Vietnam is 16:59 UTC: still 2026 here.
  run_at("2026-12-31T23:59");
  check_shown({"tb-eve", "tb-year"});
  // 00:01 on 1 January in Vietnam is 17:01 UTC on 31 December: already 2027 here.
  run_at("2027-01-01T00:01");
  check_shown({"tb-next"});
  // Nothing current: no slides from the pack (the strings file's slides run instead).
  run_at("2030-06-01T12:00");
  check_shown({});
  // An announcement opens from home.
  k.extra_args = "--local-time 2026-06-01T09:00";
  json d = k.Run("key item:tb-year\n");
  CHECK(d["screen"] == "article");
  CHECK(d["item"]["id"] == "tb-year");
  CHECK(d["item"]["type"] == "announcement");
}

TEST_CASE("the keyboard types - and / for document numbers, and Xoá hết erases everything typed") {
  Kiosk k;
  k.Run("key home:search\ntype 23/2015/ND-CP\nstate typed\nkey clear\nstate cleared\ntype ket hon\n");
  json typed = k.State("typed");
  CHECK(typed["input"] == "23/2015/ND-CP");
  CHECK(typed["results"].size() > 0);
  json cleared = k.State("cleared");
  CHECK(cleared["input"] == "");
  CHECK(cleared["results"].empty());
}

TEST_CASE("the strings file is written in one tone style, the new one the keyboard types by default") {
  const json doc = json::parse(ReadFile(fs::path(KIOSK_SOURCE_DIR) / "kiosk/strings/vi.json"));
  auto check = [](const std::string& text) {
    CAPTURE(text);
    CHECK(touchui::RestyleTones(text, touchui::ToneStyle::New) == text);
  };
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key().starts_with("_")) continue;
    if (it->is_string()) check(it->get<std::string>());
    else
      for (const auto& t : *it) check(t.get<std::string>());
  }
}

TEST_CASE("--local-time: a malformed time, or one outside a scripted run, is refused with the reason") {
  Kiosk k;
  std::ofstream(k.dir / "s.txt") << "state x\n";
  for (const std::string bad : {"2026-13", "tomorrow", "2026-12-31 23:59", ""}) {
    CAPTURE(bad);
    RunResult r = Shell(Quote(kKiosk) + " --config " + Quote(k.Config()) + " --script " + Quote(k.dir / "s.txt") +
                            " --screenshot-dir " + Quote(k.dir) + " --local-time " + Quote(bad),
                        k.dir);
    CHECK(r.code == 2);
    CHECK(r.err.find("--local-time") != std::string::npos);
  }
}
