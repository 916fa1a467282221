// Search as a citizen uses it: accents optional, prefixes while typing, forgiving
// spelling, synonyms, and an order that puts the right thing first.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "content-pack/fold.hpp"
#include "content-pack/pack_reader.hpp"
#include "pack_test_support.hpp"
#include "build/thesaurus.hpp"
#include "read/search_internal.hpp"
#include "sql.hpp"

using namespace testing;

namespace {

// A pack written by the test itself: a handful of items made to probe one rule each.
struct ProbePack {
  TempDir dir;
  std::unique_ptr<pack::PackReader> reader;
  explicit ProbePack(const std::vector<std::pair<std::string, std::string>>& files,
                     const std::string& synonyms = "") {
    fs::path src = dir.path() / "src";
    WriteFile(src / "pack.yaml", "id: probe\ntitle: Probe\npublisher: Test\n" + synonyms);
    for (const auto& [name, text] : files) WriteFile(src / name, text);
    auto r = Build(src, dir.path() / "p.pack");
    REQUIRE_MESSAGE(r.ok, Errors(r));
    auto opened = pack::PackReader::Open(dir / "p.pack");
    REQUIRE_MESSAGE(opened, opened.error());
    reader = std::move(opened.value());
  }
  pack::SearchResult Search(const std::string& q, pack::SearchOptions options = {}) {
    auto r = reader->Search(q, options);
    REQUIRE_MESSAGE(r, r.error());
    return *r;
  }
};

std::string Item(const std::string& type, const std::string& id, const std::string& title,
                 const std::string& body, const std::string& extra = "") {
  return "---\ntype: " + type + "\nid: " + id + "\ntitle: " + title + "\n" + extra + "---\n" + body + "\n";
}

std::vector<std::string> Refs(const pack::SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.Ref());
  return out;
}

struct DemoPack {
  TempDir dir;
  std::unique_ptr<pack::PackReader> reader;
  DemoPack() {
    auto r = Build(DEMO_SOURCE_DIR, dir.path() / "demo.pack");
    REQUIRE_MESSAGE(r.ok, Errors(r));
    reader = std::move(pack::PackReader::Open(dir / "demo.pack").value());
  }
};

}  // namespace

TEST_CASE("search: with accents, without, and in capitals give the same results") {
  DemoPack demo;
  for (auto [a, b, c] : {std::tuple{"đăng ký khai sinh", "dang ky khai sinh", "ĐĂNG KÝ KHAI SINH"},
                         std::tuple{"chứng thực bản sao", "chung thuc ban sao", "CHỨNG THỰC BẢN SAO"},
                         std::tuple{"hòa giải", "hoa giai", "HÒA GIẢI"}}) {
    auto ra = demo.reader->Search(a), rb = demo.reader->Search(b), rc = demo.reader->Search(c);
    REQUIRE(ra);
    REQUIRE(rb);
    REQUIRE(rc);
    CHECK_FALSE(ra->hits.empty());
    CHECK(Refs(*ra) == Refs(*rb));
    CHECK(Refs(*ra) == Refs(*rc));
  }
  // Decomposed query text (NFD) too.
  auto nfd = demo.reader->Search("\xC4\x90" "a\xCC\x86ng ky\xCC\x81 khai sinh");
  REQUIRE(nfd);
  CHECK(Refs(*nfd) == Refs(*demo.reader->Search("dang ky khai sinh")));
}

TEST_CASE("search: the demo pack puts the right procedure first") {
  DemoPack demo;
  for (auto [query, id] : {std::pair{"dang ky khai sinh", "dang-ky-khai-sinh"},
                           std::pair{"chung thuc ban sao", "chung-thuc-ban-sao-tu-ban-chinh"},
                           std::pair{"ket hon", "dang-ky-ket-hon"},
                           std::pair{"ly lich tu phap", "cap-phieu-ly-lich-tu-phap"},
                           std::pair{"dang ky ket hong", "dang-ky-ket-hon"},
                           std::pair{"trung thuc ban sao", "chung-thuc-ban-sao-tu-ban-chinh"},
                           std::pair{"khai si", "dang-ky-khai-sinh"},
                           std::pair{"tôi muốn đăng ký kết hôn", "dang-ky-ket-hon"}}) {
    auto r = demo.reader->Search(query);
    REQUIRE(r);
    REQUIRE_MESSAGE(!r->hits.empty(), query);
    CHECK_MESSAGE(r->hits[0].item_id == id, query, " -> ", r->hits[0].Ref());
    CHECK(r->hits[0].type == pack::ItemType::Procedure);
  }
  auto slip = demo.reader->Search("dang ky ket hong");
  CHECK(slip->match == pack::SearchMatch::Corrected);
  CHECK(slip->corrected_query == "đăng ký kết hôn");
  auto southern = demo.reader->Search("trung thuc ban sao");
  CHECK(southern->corrected_query == "chứng thực bản sao");
}

TEST_CASE("search: the last word is a prefix while typing, and only then") {
  ProbePack p({{"a.md", Item("faq", "a", "Khai sinh cho trẻ", "Nội dung.")}});
  CHECK(Refs(p.Search("khai si")) == std::vector<std::string>{"a"});
  CHECK(Refs(p.Search("kha")) == std::vector<std::string>{"a"});
  pack::SearchOptions done;
  done.prefix_last = false;
  done.forgiving = false;
  CHECK(p.Search("khai si", done).hits.empty());
  CHECK(p.Search("khai si ", {}).match != pack::SearchMatch::Exact);  // a space ends the word
}

TEST_CASE("search: title matches come before body matches, keywords count") {
  std::string many(30, ' ');
  ProbePack p({{"a.md", Item("faq", "body-heavy", "Câu hỏi khác", "Hòa giải viên hòa giải viên hòa giải viên, hòa giải viên.")},
               {"b.md", Item("faq", "in-title", "Hòa giải viên là ai?", "Người được bầu ra.")},
               {"c.md", Item("faq", "in-keywords", "Người giúp bà con", "Người được tín nhiệm.", "keywords: [hòa giải viên]\n")}});
  auto r = p.Search("hoa giai vien");
  REQUIRE(r.hits.size() == 3);
  CHECK(r.hits[0].item_id == "in-title");
  CHECK(r.hits[1].item_id == "in-keywords");
  CHECK(r.hits[2].item_id == "body-heavy");
}

TEST_CASE("search: a procedure comes before a law's article of equal strength, with a deep link") {
  std::string law = "## Chương I\n\n### Điều 24. Chứng thực chữ ký\n\n1. Người yêu cầu chứng thực chữ ký xuất trình giấy tờ.\n";
  ProbePack p({{"law.md", Item("document", "nghi-dinh", "Nghị định về chứng thực", law)},
               {"proc.md", Item("procedure", "chung-thuc-chu-ky", "Chứng thực chữ ký", "Mang giấy tờ tùy thân.")}});
  auto r = p.Search("chung thuc chu ky");
  REQUIRE(r.hits.size() >= 2);
  CHECK(r.hits[0].item_id == "chung-thuc-chu-ky");
  bool deep = false;
  for (const auto& h : r.hits)
    if (h.Ref() == "nghi-dinh#dieu-24") {
      deep = true;
      CHECK(h.type == pack::ItemType::Document);
      CHECK(h.title == "Điều 24. Chứng thực chữ ký");
      CHECK(h.context == "Nghị định về chứng thực");
    }
  CHECK(deep);
}

TEST_CASE("search: slips and southern spellings of words the pack has are forgiven") {
  // Each pair: a correct title and a misspelling of it with one of the listed slips.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Sửa chữa nhà ở", "xua chua nha o"},          // s/x
      {"Trích lục hộ tịch", "chich luc ho tich"},   // tr/ch
      {"Vay vốn ngân hàng", "day von ngan hang"},   // v/d
      {"Giấy phép xây dựng", "day phep xay dung"},  // gi/d
      {"Rừng phòng hộ", "dung phong ho"},           // r/d
      {"Bản án dân sự", "bang an dan su"},          // final n/ng
      {"Quyết định hành chính", "quyec dinh hanh chinh"},  // final t/c
      {"Hộ kinh doanh", "ho kinh doang"},           // final nh/ng
      {"Lý lịch tư pháp", "li lich tu phap"},       // i/y
      {"Đăng ký thường trú", "ddang kys thuwowngf trus"},  // raw Telex
  };
  std::vector<std::pair<std::string, std::string>> files;
  for (size_t i = 0; i < cases.size(); ++i)
    files.push_back({"f" + std::to_string(i) + ".md", Item("faq", "item-" + std::to_string(i), cases[i].first, "Nội dung trả lời.")});
  ProbePack p(files);
  for (size_t i = 0; i < cases.size(); ++i) {
    auto r = p.Search(cases[i].second);
    REQUIRE_MESSAGE(!r.hits.empty(), cases[i].second);
    CHECK_MESSAGE(r.hits[0].item_id == "item-" + std::to_string(i), cases[i].second);
    CHECK_MESSAGE(r.match == pack::SearchMatch::Corrected, cases[i].second);
    CHECK_MESSAGE(pack::Fold(r.corrected_query) == pack::Fold(cases[i].first), cases[i].second, " -> ", r.corrected_query);
  }
}

TEST_CASE("search: spelling variants cover the documented slips") {
  auto has = [](const std::string& word, const std::string& variant) {
    auto v = pack::SpellingVariants(word);
    return std::find(v.begin(), v.end(), variant) != v.end();
  };
  CHECK(has("hong", "hon"));
  CHECK(has("trung", "chung"));
  CHECK(has("xao", "sao"));
  CHECK(has("vang", "dang"));
  CHECK(has("dang", "giang"));
  CHECK(has("dang", "rang"));
  CHECK(has("mac", "mat"));
  CHECK(has("ki", "ky"));
  CHECK(has("ddangw", "dang"));
  CHECK(has("kys", "ky"));
  CHECK(has("a8n", "an"));
  CHECK(pack::SpellingVariants(std::string(100, 'a')).empty());
}

TEST_CASE("search: synonyms from pack.yaml and filler words") {
  ProbePack p({{"a.md", Item("procedure", "gcn", "Cấp giấy chứng nhận quyền sử dụng đất lần đầu", "Nội dung.")},
               {"b.md", Item("procedure", "ks", "Đăng ký khai sinh", "Nội dung.")}},
              "synonyms:\n  - [làm sổ đỏ, cấp giấy chứng nhận quyền sử dụng đất]\n  - [giấy khai sinh, đăng ký khai sinh]\n");
  CHECK(Refs(p.Search("làm sổ đỏ")) == std::vector<std::string>{"gcn"});
  CHECK(Refs(p.Search("lam so do")) == std::vector<std::string>{"gcn"});
  CHECK(Refs(p.Search("giay khai sinh")) == std::vector<std::string>{"ks"});
  auto r = p.Search("tôi muốn làm giấy khai sinh cho con ở đâu");
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].item_id == "ks");
  CHECK(r.match == pack::SearchMatch::Partial);
}

TEST_CASE("search: highlights mark the matched words in the original accented text") {
  DemoPack demo;
  for (const char* q : {"dang ky khai sinh", "ket hon", "trung thuc ban sao", "hoa giai", "khai si"}) {
    auto r = demo.reader->Search(q);
    REQUIRE(r);
    std::vector<std::string> words;
    std::string folded_query = pack::Fold(r->corrected_query.empty() ? q : r->corrected_query);
    for (const auto& t : pack::Tokenize(folded_query)) words.push_back(folded_query.substr(t.begin, t.end - t.begin));
    for (const auto& hit : r->hits) {
      for (const auto& [text, highlights] : {std::pair{&hit.title, &hit.title_highlights}, std::pair{&hit.snippet, &hit.snippet_highlights}}) {
        for (const auto& h : *highlights) {
          REQUIRE(h.begin < h.end);
          REQUIRE(h.end <= text->size());
          std::string marked = text->substr(h.begin, h.end - h.begin);
          CHECK(pack::ToNfc(marked).ok);  // on character boundaries
          // Every highlighted word folds to a query word (or starts with the prefix).
          std::string f = pack::Fold(marked);
          for (const auto& t : pack::Tokenize(f)) {
            std::string w = f.substr(t.begin, t.end - t.begin);
            bool known = std::any_of(words.begin(), words.end(), [&](const std::string& qw) {
              return w == qw || w.rfind(qw, 0) == 0; });
            // Synonym phrases of the pack may be highlighted too.
            CHECK_MESSAGE((known || !hit.snippet.empty()), q, ": ", marked);
          }
        }
      }
    }
    REQUIRE_FALSE(r->hits.empty());
    CHECK_FALSE(r->hits[0].title_highlights.empty());
  }
}

TEST_CASE("search: hostile and odd queries are answered, never an error") {
  DemoPack demo;
  std::string long_query;
  for (int i = 0; i < 500; ++i) long_query += "dang ky ";
  for (const std::string& q : {std::string("\"; DROP TABLE items; --"), std::string("khai* OR NEAR(a b) ^sinh"),
                               std::string("\"\"\"\""), std::string("(((((("), std::string("{title}: x"),
                               std::string("\xFF\xFE\xFD"), std::string("a\0b", 3), std::string("   "),
                               std::string(""), long_query, std::string(5000, 'x'), std::string("ｄａｎｇ")}) {
    auto r = demo.reader->Search(q);
    CHECK_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error()));
  }
  auto empty = demo.reader->Search("");
  REQUIRE(empty);
  CHECK(empty->hits.empty());
  CHECK(empty->match == pack::SearchMatch::None);
}

TEST_CASE("search: a query with nothing to find says so") {
  DemoPack demo;
  auto r = demo.reader->Search("qwxzpt vbnmkj");
  REQUIRE(r);
  CHECK(r->hits.empty());
  CHECK(r->match == pack::SearchMatch::None);
}

TEST_CASE("search: a corrected query is written as the best hit writes it") {
  // "từ" is the pack's most frequent spelling of "tu", but the hit says "tư pháp".
  ProbePack p({{"a.md", Item("procedure", "lltp", "Cấp Phiếu lý lịch tư pháp", "Nộp hồ sơ.")},
               {"b.md", Item("faq", "tu", "Từ ngày nào?", "Từ ngày 1, từ sáng đến chiều, từ xa đến gần.")}});
  auto r = p.Search("phieu li lich tu phap");
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].item_id == "lltp");
  CHECK(r.match == pack::SearchMatch::Corrected);
  CHECK(r.corrected_query == "phiếu lý lịch tư pháp");
}

// [SECTION] Issue 9: thesaurus, southern forms, roles, strength

TEST_CASE("search: the shipped thesaurus parses cleanly, and every entry says where it comes from") {
  std::vector<std::string> errors;
  auto entries = pack::ParseThesaurus(pack::ThesaurusText(), &errors);
  std::string all;
  for (const auto& e : errors) all += e + "\n";
  CHECK_MESSAGE(errors.empty(), all);
  CHECK(entries.size() >= 30);
  for (const auto& e : entries) {
    CHECK_MESSAGE(e.phrases.size() >= 2, "line ", e.line);
    CHECK_MESSAGE(e.source.size() >= 10, "line ", e.line, ": source too short to say anything");
  }
  // What the issue asks the thesaurus to cover.
  auto covers = [&](const std::string& everyday, const std::string& official) {
    return std::any_of(entries.begin(), entries.end(), [&](const pack::ThesaurusEntry& e) {
      auto has = [&](const std::string& p) {
        return std::any_of(e.phrases.begin(), e.phrases.end(), [&](const std::string& x) { return pack::Fold(x) == pack::Fold(p); });
      };
      return has(everyday) && has(official);
    });
  };
  CHECK(covers("sao y", "chứng thực bản sao"));
  CHECK(covers("công chứng giấy tờ", "chứng thực bản sao"));
  CHECK(covers("giấy độc thân", "xác nhận tình trạng hôn nhân"));
  CHECK(covers("báo tử", "khai tử"));
  CHECK(covers("giấy chứng tử", "khai tử"));
  CHECK(covers("làm giấy khai sinh", "đăng ký khai sinh"));
  CHECK(covers("làm giấy kết hôn", "đăng ký kết hôn"));
  CHECK(covers("lăn tay", "điểm chỉ"));
  CHECK(covers("sổ đỏ", "giấy chứng nhận quyền sử dụng đất"));
  CHECK(covers("sổ hồng", "giấy chứng nhận quyền sử dụng đất"));
  CHECK(covers("cccd", "căn cước"));
  CHECK(covers("cmnd", "căn cước"));
  CHECK(covers("bhyt", "bảo hiểm y tế"));
  CHECK(covers("lltp", "lý lịch tư pháp"));
}

TEST_CASE("search: a bad thesaurus line is refused with its line number and the cause") {
  std::vector<std::string> errors;
  auto entries = pack::ParseThesaurus(
      "# comment\n\n"
      "a | b\tsource\n"        // 3: fine
      "a | b\n"                // 4: no source column
      "a | b\t \n"             // 5: empty source
      "only one\tsource\n"     // 6: one phrase
      "a |  | b\tsource\n"     // 7: empty phrase
      "x\xFF | y\tsource\n"    // 8: not UTF-8
      "Ho\xCC\x82 | b\tsrc\n"  // 9: decomposed, not NFC
      "a | A\tsource\n"        // 10: the same phrase twice once folded
      "a\tb\tc\n",             // 11: three columns
      &errors);
  CHECK(entries.size() == 1);
  REQUIRE(errors.size() == 8);
  CHECK(errors[0].rfind("line 4: needs exactly two columns", 0) == 0);
  CHECK(errors[1].rfind("line 5: the source column is empty", 0) == 0);
  CHECK(errors[2].rfind("line 6: a group needs at least 2 phrases", 0) == 0);
  CHECK(errors[3].rfind("line 7: an empty phrase", 0) == 0);
  CHECK(errors[4].rfind("line 8: not valid UTF-8", 0) == 0);
  CHECK(errors[5].find("is not NFC") != std::string::npos);
  CHECK(errors[6].find("twice in one group") != std::string::npos);
  CHECK(errors[7].rfind("line 11:", 0) == 0);
}

TEST_CASE("search: the thesaurus is in every pack, after the pack's own synonyms, which extend it") {
  ProbePack p({{"a.md", Item("procedure", "xn", "Cấp Giấy xác nhận tình trạng hôn nhân", "Nội dung.")},
               {"b.md", Item("procedure", "ks", "Đăng ký khai sinh", "Nội dung.")}},
              "synonyms:\n  - [giấy khai sinh, giấy sanh đẻ]\n");
  // From the thesaurus alone: the pack.yaml says nothing of "giấy độc thân".
  CHECK(Refs(p.Search("giay doc than")) == std::vector<std::string>{"xn"});
  // From the pack's own group, which the thesaurus does not have.
  CHECK(Refs(p.Search("giay sanh de")) == std::vector<std::string>{"ks"});
  // The pack's group first, then every thesaurus group, in the content table.
  pack::Statement st(p.reader->Db(), "SELECT grp, phrase FROM synonyms WHERE ord = 0 ORDER BY grp");
  REQUIRE(st.Step() == SQLITE_ROW);
  CHECK(st.Int(0) == 0);
  CHECK(st.Text(1) == "giấy khai sinh");
  int groups = 1;
  while (st.Step() == SQLITE_ROW) ++groups;
  CHECK(groups == 1 + static_cast<int>(pack::Thesaurus().size()));
}

TEST_CASE("search: southern forms are variants of the word they stand for") {
  auto has = [](const std::string& word, const std::string& variant) {
    auto v = pack::DialectVariants(word);
    return std::find(v.begin(), v.end(), variant) != v.end();
  };
  CHECK(has("sanh", "sinh"));
  CHECK(has("lanh", "linh"));
  CHECK(has("chanh", "chinh"));
  CHECK(has("binh", "benh"));
  CHECK(has("nhon", "nhan"));
  CHECK(has("huon", "hoan"));
  CHECK(has("phuoc", "phuc"));
  CHECK(has("thiet", "that"));
  CHECK(has("tui", "toi"));
  CHECK_FALSE(has("sinh", "sanh"));  // one way: southern to standard
  CHECK(pack::DialectVariants("").empty());
  CHECK(pack::DialectVariants(std::string(100, 'a')).empty());
  // In a pack where "sản" is far commoner than "sinh", "khai sanh" still means khai sinh.
  std::vector<std::pair<std::string, std::string>> files{{"ks.md", Item("procedure", "ks", "Đăng ký khai sinh", "Nội dung.")}};
  for (int i = 0; i < 8; ++i)
    files.push_back({"ts" + std::to_string(i) + ".md", Item("faq", "ts" + std::to_string(i), "Kê khai tài sản số " + std::to_string(i),
                                                           "Kê khai tài sản, thu nhập; sản xuất; sản phẩm.")});
  ProbePack p(files);
  auto r = p.Search("khai sanh");
  REQUIRE_FALSE(r.hits.empty());
  CHECK(r.hits[0].item_id == "ks");
  CHECK(r.match == pack::SearchMatch::Corrected);
  CHECK(r.corrected_query == "khai sinh");
}

TEST_CASE("search: query words have roles, and filler never outranks a content word") {
  ProbePack p({{"p.md", Item("procedure", "ks", "Đăng ký khai sinh", "Hồ sơ gồm tờ khai.")},
               {"f.md", Item("faq", "f", "Tôi muốn làm giấy khai sinh cho con ở đâu thì được?", "Ở xã.")}});
  auto r = p.Search("tôi muốn làm giấy khai sinh cho con ở đâu");
  REQUIRE(r.hits.size() == 2);
  CHECK(r.hits[0].item_id == "ks");  // the procedure, though the FAQ shares every filler word
  std::vector<std::pair<std::string, pack::QueryRole>> terms;
  for (const auto& t : r.terms) terms.push_back({pack::Fold(t.text), t.role});
  using R = pack::QueryRole;
  CHECK(terms == std::vector<std::pair<std::string, R>>{{"toi muon", R::Filler}, {"lam giay khai sinh", R::Content},
                                                         {"cho con", R::Filler}, {"o dau", R::Intent}});
  REQUIRE(r.content_words.size() == 1);
  // A FAQ comes first when it covers more content words.
  ProbePack q({{"p.md", Item("procedure", "ks", "Đăng ký khai sinh", "Nội dung.")},
               {"f.md", Item("faq", "mat", "Bị mất giấy khai sinh thì làm sao?", "Xin bản sao.")}});
  auto m = q.Search("mat giay khai sinh");
  REQUIRE_FALSE(m.hits.empty());
  CHECK(m.hits[0].item_id == "mat");
  CHECK(m.hits[0].strength == pack::SearchStrength::Title);
}

TEST_CASE("search: a correction never drops a content word") {
  DemoPack demo;
  auto r = demo.reader->Search("bao lau thi co ly lich tu phap");
  REQUIRE(r);
  REQUIRE_FALSE(r->hits.empty());
  CHECK(r->hits[0].item_id == "cap-phieu-ly-lich-tu-phap");
  CHECK(pack::Fold(r->corrected_query).find("ly lich tu phap") != std::string::npos);
  // A word the pack does not know is kept in what is shown, and makes every hit Partial.
  auto q = demo.reader->Search("dang ky qwxzv");
  REQUIRE(q);
  CHECK(q->match == pack::SearchMatch::Partial);
  CHECK(std::find(q->content_words.begin(), q->content_words.end(), "qwxzv") != q->content_words.end());
  for (const auto& h : q->hits) CHECK(h.strength == pack::SearchStrength::Partial);
  CHECK(q->best_strength == pack::SearchStrength::Partial);
}

TEST_CASE("search: every hit says honestly where the content words were found") {
  ProbePack p({{"t.md", Item("faq", "in-title", "Giám hộ cho trẻ", "Nội dung.")},
               {"k.md", Item("faq", "in-keywords", "Người trông nom trẻ", "Nội dung.", "keywords: [giám hộ]\n")},
               {"b.md", Item("faq", "in-body", "Câu hỏi khác", "Việc giám hộ do xã đăng ký.")},
               {"s.md", Item("faq", "split", "Giám sát", "Hộ gia đình.")}});
  auto r = p.Search("giam ho");
  std::map<std::string, pack::SearchStrength> got;
  for (const auto& h : r.hits) got[h.item_id] = h.strength;
  CHECK(got["in-title"] == pack::SearchStrength::Title);
  CHECK(got["in-keywords"] == pack::SearchStrength::Keyword);
  CHECK(got["in-body"] == pack::SearchStrength::Body);
  // "giám hộ" is one phrase (a thesaurus entry): "Giám sát" + "Hộ gia đình" holds both
  // syllables but not the word, so the hit does not claim it.
  CHECK(got["split"] == pack::SearchStrength::Partial);
  CHECK(r.best_strength == pack::SearchStrength::Title);
  CHECK(pack::SearchStrengthName(pack::SearchStrength::Keyword) == "keyword");
  CHECK(pack::QueryRoleName(pack::QueryRole::Filler) == "filler");
  // Nothing better than partial: a topic the pack does not have.
  auto none = p.Search("bang lai xe");
  CHECK(none.best_strength == pack::SearchStrength::Partial);
  for (const auto& h : none.hits) CHECK(h.strength == pack::SearchStrength::Partial);
}

TEST_CASE("search: issue 9's failures are fixed on the demo pack") {
  DemoPack demo;
  struct Case { const char* query; const char* first; pack::SearchStrength at_least; };
  using S = pack::SearchStrength;
  for (const Case& c : {Case{"khai sanh", "dang-ky-khai-sinh", S::Title},
                        Case{"giay khai sanh cho con", "dang-ky-khai-sinh", S::Title},
                        Case{"lam giay khai sinh cho con", "dang-ky-khai-sinh", S::Title},
                        Case{"le phi dang ky ket hon bao nhieu", "dang-ky-ket-hon", S::Title},
                        Case{"bao lau thi co ly lich tu phap", "cap-phieu-ly-lich-tu-phap", S::Title},
                        Case{"trich luc khai sinh", "cap-ban-sao-trich-luc-ho-tich", S::Title},
                        Case{"23/2015/ND-CP", "nghi-dinh-23-2015-nd-cp", S::Keyword},
                        Case{"nghi dinh 23", "nghi-dinh-23-2015-nd-cp", S::Keyword},
                        Case{"luat ho tich", "luat-ho-tich-2014", S::Title}}) {
    auto r = demo.reader->Search(c.query);
    REQUIRE(r);
    REQUIRE_MESSAGE(!r->hits.empty(), c.query);
    CHECK_MESSAGE(r->hits[0].item_id == c.first, c.query, " -> ", r->hits[0].Ref());
    CHECK_MESSAGE(r->hits[0].strength <= c.at_least, c.query);
  }
  // Topics the pack does not cover: no hit claims to be an answer.
  for (const char* q : {"ly hon", "thua ke", "bang lai xe"}) {
    auto r = demo.reader->Search(q);
    REQUIRE(r);
    for (const auto& h : r->hits)
      CHECK_MESSAGE((h.strength == S::Body || h.strength == S::Partial), q, ": ", h.Ref());
  }
  auto lai = demo.reader->Search("bang lai xe");
  CHECK(lai->best_strength == S::Partial);
}
