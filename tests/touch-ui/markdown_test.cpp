// tests/touch-ui/markdown_test.cpp: the Markdown model md4c gives us, the layout with the
// real Noto fonts (no word split at any width or text size, tables as cards, links with
// big touch areas, images fitted), taps through TouchInput, drawing only what is visible
// with a cached layout, and hostile documents (huge, deeply nested, invalid UTF-8).
#include <doctest/doctest.h>

#include <utf8proc.h>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "font_harness.hpp"
#include "touch-ui/markdown.hpp"
#include "touch-ui/text_layout.hpp"
#include "touch-ui/touch_input.hpp"

using namespace touchui;
using K = MarkdownBlockKind;

namespace {

const char* kProcedure = R"(# Đăng ký khai sinh

Thủ tục **đăng ký khai sinh** cho trẻ em, *theo* [Luật Hộ tịch](luat-ho-tich-2014#dieu-16) &amp; Nghị định 123/2015/NĐ-CP.

## Thành phần hồ sơ

- Tờ khai đăng ký khai sinh
- Giấy chứng sinh
  1. Bản chính
  2. Bản sao có chứng thực
- `Mẫu số 01`

> Lưu ý: người đi đăng ký
> phải mang giấy tờ tùy thân.

---

| Cách thức | Thời hạn | Phí |
|---|---|---|
| Trực tiếp | Trong ngày | Miễn phí |
| Trực tuyến | 1 ngày làm việc | 8.000 ₫ |

![Tờ khai mẫu](forms/to-khai.png)

### Căn cứ pháp lý
#### Điều 16
)";

std::set<std::string> Words(const std::string& text) {
  std::set<std::string> out;
  std::string w;
  for (char c : text + " ") {
    if (c == ' ' || c == '\n' || c == '\t') {
      if (!w.empty()) out.insert(w);
      w.clear();
    } else {
      w += c;
    }
  }
  return out;
}

bool ValidUtf8(const std::string& s) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t i = 0, n = (utf8proc_ssize_t)s.size();
  while (i < n) {
    utf8proc_int32_t c;
    const utf8proc_ssize_t len = utf8proc_iterate(p + i, n - i, &c);
    if (len <= 0) return false;
    i += len;
  }
  return true;
}

}  // namespace

TEST_CASE("markdown: the model holds headings, emphasis, nested lists, quotes, tables, links, images") {
  std::string error;
  MarkdownDocument doc;
  REQUIRE(doc.Parse(kProcedure, &error));
  const auto& b = doc.Blocks();
  std::vector<K> kinds;
  for (const auto& x : b) kinds.push_back(x.kind);
  const std::vector<K> expect = {K::Heading, K::Paragraph, K::Heading, K::Paragraph, K::Paragraph,
                                 K::Paragraph, K::Paragraph, K::Paragraph, K::Paragraph, K::Rule,
                                 K::TableRow, K::TableRow, K::Image, K::Heading, K::Heading};
  REQUIRE(kinds == expect);
  CHECK(b[0].level == 1);
  CHECK(MarkdownDocument::PlainText(b[0].runs) == "Đăng ký khai sinh");
  // Emphasis, link and entity in the first paragraph.
  const auto& runs = b[1].runs;
  CHECK(MarkdownDocument::PlainText(runs) ==
        "Thủ tục đăng ký khai sinh cho trẻ em, theo Luật Hộ tịch & Nghị định 123/2015/NĐ-CP.");
  bool saw_bold = false, saw_italic = false, saw_link = false;
  for (const auto& r : runs) {
    if (r.text == "đăng ký khai sinh") saw_bold = r.style == kMdBold;
    if (r.text == "theo") saw_italic = r.style == kMdItalic;
    if (r.text == "Luật Hộ tịch") saw_link = r.link == 0;
  }
  CHECK(saw_bold);
  CHECK(saw_italic);
  CHECK(saw_link);
  REQUIRE(doc.Links().size() == 1);
  CHECK(doc.Links()[0].href == "luat-ho-tich-2014#dieu-16");
  // Lists: bullets at depth 1, the nested ordered list at depth 2 numbered from 1.
  CHECK(b[3].marker == "•");
  CHECK(b[3].list_depth == 1);
  CHECK(b[5].marker == "1.");
  CHECK(b[5].list_depth == 2);
  CHECK(b[6].marker == "2.");
  CHECK(b[7].runs.size() == 1);
  CHECK(b[7].runs[0].style == kMdCode);
  CHECK(b[7].runs[0].text == "Mẫu số 01");
  // The quote: one paragraph, soft break as a space.
  CHECK(b[8].quote_depth == 1);
  CHECK(MarkdownDocument::PlainText(b[8].runs) == "Lưu ý: người đi đăng ký phải mang giấy tờ tùy thân.");
  // Table rows as cards: each cell with its header.
  REQUIRE(b[10].cells.size() == 3);
  CHECK(MarkdownDocument::PlainText(b[10].cells[0].header) == "Cách thức");
  CHECK(MarkdownDocument::PlainText(b[10].cells[0].value) == "Trực tiếp");
  CHECK(MarkdownDocument::PlainText(b[11].cells[2].value) == "8.000 ₫");
  REQUIRE(doc.Images().size() == 1);
  CHECK(doc.Images()[0].src == "forms/to-khai.png");
  CHECK(doc.Images()[0].alt == "Tờ khai mẫu");
  CHECK(b[12].image == 0);
  REQUIRE(doc.Headings().size() == 4);
  CHECK(b[(size_t)doc.Headings()[3]].level == 4);
}

TEST_CASE("markdown: an image inside a paragraph becomes a block between its text, list markers kept") {
  MarkdownDocument doc = MarkdownDocument::FromText(
      "Trước ![hình](a.png) sau\n\n- ![mẫu](b.jpg) chú thích\n\n# Tiêu đề ![x](c.png)\n\n"
      "![một](d.png) ![hai](e.png)\n");
  const auto& b = doc.Blocks();
  REQUIRE(b.size() == 8);
  CHECK(b[0].kind == K::Paragraph);
  CHECK(MarkdownDocument::PlainText(b[0].runs) == "Trước ");
  CHECK(b[1].kind == K::Image);
  CHECK(b[2].kind == K::Paragraph);
  CHECK(MarkdownDocument::PlainText(b[2].runs) == " sau");
  CHECK(b[3].kind == K::Image);
  CHECK(b[3].marker == "•");  // the list item began with the picture
  CHECK(b[4].kind == K::Paragraph);
  // In a heading the alt text stands in for the picture.
  CHECK(b[5].kind == K::Heading);
  CHECK(MarkdownDocument::PlainText(b[5].runs) == "Tiêu đề x");
  // Two pictures side by side in the source: two picture blocks, no blank paragraph.
  CHECK(b[6].kind == K::Image);
  CHECK(b[7].kind == K::Image);
  CHECK(doc.Images().size() == 5);
}

TEST_CASE("markdown: no word is split across lines, at many widths and three text sizes") {
  const MarkdownDocument doc = MarkdownDocument::FromText(kProcedure);
  std::string all;
  for (const auto& b : doc.Blocks()) {
    all += MarkdownDocument::PlainText(b.runs) + " ";
    for (const auto& c : b.cells)
      all += MarkdownDocument::PlainText(c.header) + " : " + MarkdownDocument::PlainText(c.value) + " ";
    if (!b.marker.empty()) all += b.marker + " ";
  }
  for (const auto& img : doc.Images()) all += img.alt + " ";
  // Pieces are words (a table header and its ": " are pieces of their own).
  const std::set<std::string> words = Words(all);
  for (TextSize ts : {TextSize::Normal, TextSize::Large, TextSize::ExtraLarge}) {
    FontHarness h(ts, 1920.f / 1080.f);
    const MarkdownFonts fonts = MarkdownFonts::From(h.fonts);
    for (float width = 360; width <= 1080; width += 45) {
      MarkdownView view;
      view.Layout(doc, width, fonts, {});
      for (const MarkdownTextPiece& p : view.TextPieces()) {
        CAPTURE(std::string(TextSizeName(ts)));
        CAPTURE(width);
        const std::string t(p.text);
        if (words.count(t) == 0) {
          // Only a word wider than the text column (at most 40 % goes to indentation)
          // may be broken.
          bool too_wide = false;
          for (const std::string& w : words)
            if (w.find(t) != std::string::npos && TextWidth(p.font, p.size, w) > width * 0.6f)
              too_wide = true;
          CHECK_MESSAGE(too_wide, "a piece that is not a whole word: ", t);
        }
        CHECK(p.pos.x + TextWidth(p.font, p.size, p.text) <= width + 1);
      }
    }
  }
}

TEST_CASE("markdown: a word wider than the whole width breaks after '/' or '-', never elsewhere first") {
  FontHarness h;
  const MarkdownDocument doc = MarkdownDocument::FromText(
      "Xem https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html ngay.");
  MarkdownView view;
  const float width = 260;
  view.Layout(doc, width, MarkdownFonts::From(h.fonts), {});
  std::string joined;
  for (const auto& p : view.TextPieces()) {
    CHECK(p.pos.x + TextWidth(p.font, p.size, p.text) <= width + 1);
    const std::string t(p.text);
    if (t != "Xem" && t != "ngay.") {
      CHECK((t.back() == '/' || t.back() == '-' || t == "chinh.html"));
      joined += t;
    }
  }
  CHECK(joined == "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html");
}

TEST_CASE("markdown: links and images are tap targets that call back, a line tall at least") {
  FontHarness h;
  const MarkdownDocument doc = MarkdownDocument::FromText(kProcedure);
  MarkdownView view;
  view.SetMinTouchPx(48);
  std::vector<std::string> links, taps;
  MarkdownCallbacks cb;
  cb.on_link = [&](const std::string& href) { links.push_back(href); };
  cb.on_image = [&](const std::string& src) { taps.push_back(src); };
  cb.image = [](const std::string& src) -> std::optional<MarkdownImageInfo> {
    if (src != "forms/to-khai.png") return std::nullopt;
    return MarkdownImageInfo{(ImTextureID)(intptr_t)7, 1200, 1600};
  };
  TouchInput input;
  const MarkdownFonts fonts = MarkdownFonts::From(h.fonts);
  auto frame = [&](int64_t t) {
    h.Frame(input, t, [&] {
      ImGui::BeginChild("doc", ImVec2(600, 0), false);
      view.Draw(doc, 600, fonts, cb);
      ImGui::EndChild();
    });
  };
  ImGui::GetIO().DisplaySize = ImVec2(1000, 4000);
  frame(1000);
  const auto& targets = view.Targets();
  REQUIRE(targets.size() == 2);
  const MarkdownTarget link = targets[0];
  const MarkdownTarget image = targets[1];
  CHECK(link.kind == MarkdownTarget::Kind::Link);
  CHECK(link.max.y - link.min.y >= 48);
  CHECK(link.max.y - link.min.y >= std::round(h.fonts.body->FontSize * kLineSpacing));
  CHECK(image.kind == MarkdownTarget::Kind::Image);
  // 1200 px wide, scaled to the 600 px view: 600 x 800.
  CHECK(image.max.x - image.min.x == doctest::Approx(600));
  CHECK(image.max.y - image.min.y == doctest::Approx(800));
  CHECK(link.visible);
  // Heading positions grow down the page.
  const auto& hp = view.Headings();
  REQUIRE(hp.size() == 4);
  for (size_t i = 1; i < hp.size(); ++i) CHECK(hp[i].y > hp[i - 1].y);
  // A tap (down, up inside the slop) on the link's centre, then on the image's.
  auto tap = [&](ImVec2 p, int64_t t) {
    input.Push(Pointer(InputEvent::Kind::PointerDown, p.x, p.y), t);
    frame(t);
    input.Push(Pointer(InputEvent::Kind::PointerUp, p.x, p.y), t + 80);
    frame(t + 80);
    frame(t + 100);
  };
  tap(ImVec2((link.min.x + link.max.x) / 2, (link.min.y + link.max.y) / 2), 2000);
  REQUIRE(links.size() == 1);
  CHECK(links[0] == "luat-ho-tich-2014#dieu-16");
  // The padding above the text still hits (a finger is not precise).
  tap(ImVec2(link.min.x + 2, link.min.y + 2), 3000);
  CHECK(links.size() == 2);
  tap(ImVec2((image.min.x + image.max.x) / 2, (image.min.y + image.max.y) / 2), 4000);
  REQUIRE(taps.size() == 1);
  CHECK(taps[0] == "forms/to-khai.png");
  // A drag over the link is not a tap.
  input.Push(Pointer(InputEvent::Kind::PointerDown, link.min.x + 10, link.min.y + 10), 5000);
  frame(5000);
  input.Push(Pointer(InputEvent::Kind::PointerMove, link.min.x + 10, link.min.y + 200), 5050);
  frame(5050);
  input.Push(Pointer(InputEvent::Kind::PointerUp, link.min.x + 10, link.min.y + 10), 5100);
  frame(5100);
  CHECK(links.size() == 2);
  CHECK(view.Layouts() == 1);  // every frame above reused the one layout
}

TEST_CASE("markdown: a long document draws only its visible blocks, from a cached layout") {
  FontHarness h;
  std::string md;
  for (int i = 1; i <= 3000; ++i)
    md += "## Điều " + std::to_string(i) + ". Quy định chung\n\nCông dân có quyền và nghĩa vụ theo "
          "quy định của pháp luật, [xem thêm](doc#dieu-" + std::to_string(i) + ").\n\n";
  const MarkdownDocument doc = MarkdownDocument::FromText(md);
  CHECK(doc.Blocks().size() == 6000);
  MarkdownView view;
  TouchInput input;
  const MarkdownFonts fonts = MarkdownFonts::From(h.fonts);
  float scroll_to = 0;
  int drawn = 0;
  for (int f = 0; f < 3; ++f) {
    h.Frame(input, 1000 + f * 16, [&] {
      ImGui::BeginChild("doc", ImVec2(700, 700), false, ImGuiWindowFlags_NoScrollbar);
      ImGui::SetScrollY(scroll_to);  // applies from the next frame
      view.Draw(doc, 680, fonts, {});
      ImGui::EndChild();
    });
    drawn = view.DrawnBlocks();
    CHECK(drawn > 0);
    CHECK(drawn < 40);
    scroll_to = view.Headings()[1500].y;  // jump to Điều 1501 by its heading offset
  }
  CHECK(view.Layouts() == 1);
  CHECK(view.Height() > 100000);
  int visible = 0;
  for (const auto& t : view.Targets()) visible += t.visible;
  CHECK(visible > 0);
  CHECK(visible < 20);
  CHECK(view.Targets().size() == 3000);
  // A new width lays out again; the same width does not.
  h.Frame(input, 2000, [&] {
    ImGui::BeginChild("doc", ImVec2(500, 700), false, ImGuiWindowFlags_NoScrollbar);
    view.Draw(doc, 480, fonts, {});
    ImGui::EndChild();
  });
  CHECK(view.Layouts() == 2);
}

TEST_CASE("markdown: hostile documents (invalid UTF-8, deep nesting, huge, oversize) are handled") {
  FontHarness h;
  const MarkdownFonts fonts = MarkdownFonts::From(h.fonts);
  SUBCASE("invalid UTF-8 becomes U+FFFD, every run valid") {
    MarkdownDocument doc = MarkdownDocument::FromText("# Ti\xff\xfe u\n\n**ch\xc3** [l\xe1\xbb](x\xff) \x00 &#0; &#xD800; &#99999999;");
    for (const auto& b : doc.Blocks())
      for (const auto& r : b.runs) CHECK(ValidUtf8(r.text));
    for (const auto& l : doc.Links()) CHECK(ValidUtf8(l.href));
    MarkdownView view;
    CHECK(view.Layout(doc, 500, fonts, {}) > 0);
  }
  SUBCASE("ten thousand nested quotes and lists: indentation stops growing") {
    std::string quotes(10000, '>');
    quotes += " sâu\n\n";
    std::string lists;
    for (int i = 0; i < 2000; ++i) lists += std::string((size_t)i * 2, ' ') + "- mục\n";
    std::string emphasis;
    for (int i = 0; i < 5000; ++i) emphasis += "*_**[";
    MarkdownDocument doc = MarkdownDocument::FromText(quotes + lists + "\n\n" + emphasis);
    CHECK(doc.Blocks().size() > 10);
    MarkdownView view;
    const float width = 600;
    view.Layout(doc, width, fonts, {});
    std::map<float, float> line_start;  // y -> leftmost x
    for (const auto& p : view.TextPieces()) {
      auto [it, fresh] = line_start.emplace(p.pos.y, p.pos.x);
      if (!fresh) it->second = std::min(it->second, p.pos.x);
      CHECK(p.pos.x >= 0);
      CHECK(p.pos.x + TextWidth(p.font, p.size, p.text) <= width + 1);
    }
    CHECK(line_start.size() > 10);
    for (const auto& [y, x] : line_start) CHECK(x <= width * 0.4f + 1);
  }
  SUBCASE("a 4 MB document parses and lays out; above the limit it is refused") {
    std::string md;
    while (md.size() < (4u << 20)) md += "Điều khoản thi hành, **hiệu lực** kể từ ngày ký. | a | b |\n\n";
    MarkdownDocument doc;
    std::string error;
    REQUIRE(doc.Parse(md, &error));
    MarkdownView view;
    CHECK(view.Layout(doc, 900, fonts, {}) > 0);
    std::string too_big(kMaxMarkdownBytes + 1, 'a');
    CHECK_FALSE(doc.Parse(too_big, &error));
    CHECK(error.find("too large") != std::string::npos);
    CHECK(doc.Blocks().empty());
  }
}

TEST_CASE("markdown: FromRuns takes text as is, with its styles, and no gap below the last line") {
  FontHarness h;
  std::vector<MarkdownRun> runs = {{"Thủ tục ", 0, -1}, {"khai sinh", kMdBold, -1},
                                   {" **không** phải markup [x](y)", 0, 3}};
  const MarkdownDocument doc = MarkdownDocument::FromRuns(runs);
  REQUIRE(doc.Blocks().size() == 1);
  CHECK(doc.Links().empty());
  CHECK(doc.Blocks()[0].runs[2].link == -1);  // no link table to point into
  MarkdownView view;
  const float height = view.Layout(doc, 2000, MarkdownFonts::From(h.fonts), {});
  CHECK(height == std::round(h.fonts.body->FontSize * kLineSpacing));  // one line, no gap
  bool bold = false, literal = false;
  for (const auto& p : view.TextPieces()) {
    if (p.text == "khai") bold = p.font == h.fonts.bold;
    if (p.text == "**không**") literal = p.font == h.fonts.body;
  }
  CHECK(bold);
  CHECK(literal);
}

TEST_CASE("markdown: block positions for deep links, the block at a y, and a highlighted target") {
  FontHarness h;
  const MarkdownDocument doc = MarkdownDocument::FromText(
      "## Điều 16\n\n1. Khoản một.\n\n2. Khoản hai, dài hơn một chút.\n\n## Điều 17\n\nNội dung.\n");
  MarkdownView view;
  view.SetHighlight(2, 2);  // the second clause
  TouchInput input;
  ImU32 highlight = 0;
  h.Frame(input, 1000, [&] {
    MarkdownColors colors;
    colors.highlight = highlight = IM_COL32(250, 200, 0, 90);
    view.Draw(doc, 600, MarkdownFonts::From(h.fonts), {}, colors);
  });
  const int n = (int)doc.Blocks().size();
  REQUIRE(n == 5);
  for (int i = 1; i < n; ++i) CHECK(view.BlockY(i) > view.BlockY(i - 1));
  for (int i = 0; i < n; ++i) {
    CHECK(view.BlockAt(view.BlockY(i)) == i);
    CHECK(view.BlockAt(view.BlockY(i) + 1) == i);
  }
  CHECK(view.BlockAt(-5) == -1);
  CHECK(view.BlockAt(1e9f) == n - 1);
  CHECK(view.BlockY(99) == 0.f);
  // The tint sits behind block 2 and nowhere else.
  const ImDrawData* dd = ImGui::GetDrawData();
  float top = 1e9f, bottom = -1e9f;
  for (int l = 0; l < dd->CmdListsCount; ++l)
    for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
      if (v.col == highlight) {
        top = std::min(top, v.pos.y);
        bottom = std::max(bottom, v.pos.y);
      }
  REQUIRE(top < bottom);
  const float origin_y = ImGui::GetStyle().WindowPadding.y;
  CHECK(top < origin_y + view.BlockY(2));
  CHECK(top > origin_y + view.BlockY(1));
  CHECK(bottom < origin_y + view.BlockY(3));
}

TEST_CASE("markdown: thousands of mutated documents parse, lay out and keep valid UTF-8") {
  FontHarness h;
  const MarkdownFonts fonts = MarkdownFonts::From(h.fonts);
  const std::string base = kProcedure;
  const char kMarkup[] = "*_`[]()!#>-+|~\\&;\n 1.\xC3\xA0\xE1\xBB\x87\xFF";
  uint32_t seed = 12345;
  auto next = [&] { seed = seed * 1664525u + 1013904223u; return seed >> 8; };
  for (int round = 0; round < 2000; ++round) {
    std::string doc = base;
    const int edits = 1 + (int)(next() % 12);
    for (int e = 0; e < edits && !doc.empty(); ++e) {
      const size_t at = next() % doc.size();
      switch (next() % 4) {
        case 0: doc.insert(at, 1, kMarkup[next() % (sizeof kMarkup - 1)]); break;
        case 1: doc.erase(at, 1 + next() % 8); break;
        case 2: doc[at] = (char)(next() & 0xFF); break;
        case 3: doc.insert(at, doc.substr(next() % doc.size(), next() % 64)); break;
      }
    }
    CAPTURE(round);
    const MarkdownDocument d = MarkdownDocument::FromText(doc);
    for (const auto& b : d.Blocks()) {
      for (const auto& r : b.runs) {
        REQUIRE(ValidUtf8(r.text));
        REQUIRE(r.link < (int)d.Links().size());
      }
      REQUIRE(b.image < (int)d.Images().size());
    }
    MarkdownView view;
    const float width = 200.f + (float)(next() % 900);
    view.Layout(d, width, fonts, {});
    for (const auto& p : view.TextPieces()) REQUIRE(p.pos.x + TextWidth(p.font, p.size, p.text) <= width + 1);
  }
}
