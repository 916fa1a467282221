// tests/touch-ui/text_layout_test.cpp: no word (Vietnamese syllable) is ever split across
// lines, at many widths and the three text sizes, with the real Noto Sans fonts; the
// fitting rule (shrink, then break only a word wider than the box); widgets keep their
// text inside their box.
#include <doctest/doctest.h>

#include <imgui.h>

#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "font_harness.hpp"
#include "touch-ui/text_layout.hpp"
#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

using namespace touchui;

namespace {

const std::vector<std::string> kTexts = {
    "Hướng dẫn sử dụng",
    "Thủ tục hành chính",
    "Đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam có cha mẹ là công dân Việt Nam",
    "Thủ tục hành chính: cấp bản sao trích lục hộ tịch (08/2020/NĐ-CP), lệ phí 8.000 ₫.",
    "Quyền và nghĩa vụ của công dân — theo Hiến pháp năm 2013, Điều 14 “Ở nước Cộng hòa xã hội "
    "chủ nghĩa Việt Nam”…",
    "Tra cứu\nvăn bản  pháp luật\n\nhỏi – đáp",
};

bool IsBreak(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Every line starts and ends at a word boundary, and the words of all lines put together
// are the words of the text, in order.
void CheckWordsKept(std::string_view text, const std::vector<TextLine>& lines) {
  std::string joined;
  for (const TextLine& l : lines) {
    REQUIRE(l.begin <= l.end);
    REQUIRE(l.end <= text.size());
    if (l.end == l.begin) continue;
    CHECK_MESSAGE((l.begin == 0 || IsBreak(text[l.begin - 1])), "line starts inside a word: ",
                  std::string(text.substr(l.begin, l.end - l.begin)));
    CHECK_MESSAGE((l.end == text.size() || IsBreak(text[l.end])), "line ends inside a word: ",
                  std::string(text.substr(l.begin, l.end - l.begin)));
    CHECK(!IsBreak(text[l.begin]));
    CHECK(!IsBreak(text[l.end - 1]));
    if (!joined.empty()) joined += ' ';
    joined += std::string(text.substr(l.begin, l.end - l.begin));
  }
  std::string words;
  std::string word;
  for (char c : std::string(text) + " ") {
    if (IsBreak(c)) {
      if (!word.empty()) { if (!words.empty()) words += ' '; words += word; }
      word.clear();
    } else {
      word += c;
    }
  }
  // Collapse the runs of spaces inside lines the same way.
  std::string joined_words, w2;
  for (char c : joined + " ") {
    if (IsBreak(c)) {
      if (!w2.empty()) { if (!joined_words.empty()) joined_words += ' '; joined_words += w2; }
      w2.clear();
    } else {
      w2 += c;
    }
  }
  CHECK(joined_words == words);
}

float WidestWord(ImFont* font, float size, std::string_view text) {
  float widest = 0;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsBreak(text[i])) ++i;
    size_t e = i;
    while (e < text.size() && !IsBreak(text[e])) ++e;
    if (e > i) widest = std::max(widest, TextWidth(font, size, text.substr(i, e - i)));
    i = e;
  }
  return widest;
}

}  // namespace

TEST_CASE("text layout: WrapLines never splits a word, at many widths and three text sizes") {
  for (TextSize ts : {TextSize::Normal, TextSize::Large, TextSize::ExtraLarge}) {
    FontHarness h(ts, 1920.f / 1080.f);  // portrait 1080x1920 scales fonts by its height
    for (ImFont* font : {h.fonts.body, h.fonts.bold, h.fonts.heading}) {
      for (const std::string& text : kTexts) {
        for (float width = 40; width <= 1100; width += 13) {
          CAPTURE(TextSizeName(ts));
          CAPTURE(text);
          CAPTURE(width);
          const std::vector<TextLine> lines = WrapLines(font, font->FontSize, text, width);
          CheckWordsKept(text, lines);
          for (const TextLine& l : lines) {
            // A line is wider than the box only when it is a single word that is.
            if (l.width > width + 0.5f) {
              const std::string_view s(text.data() + l.begin, l.end - l.begin);
              CHECK(s.find(' ') == std::string_view::npos);
            }
            CHECK(l.width == doctest::Approx(TextWidth(font, font->FontSize,
                                                       std::string_view(text).substr(l.begin, l.end - l.begin))));
          }
        }
      }
    }
  }
}

TEST_CASE("text layout: a line holds as many words as fit (greedy, no early breaks)") {
  FontHarness h;
  ImFont* f = h.fonts.body;
  const std::string text = "Thủ tục hành chính";
  const float all = TextWidth(f, f->FontSize, text);
  auto one = WrapLines(f, f->FontSize, text, all + 1);
  REQUIRE(one.size() == 1);
  CHECK(one[0].begin == 0);
  CHECK(one[0].end == text.size());
  auto two = WrapLines(f, f->FontSize, text, all - 1);
  REQUIRE(two.size() == 2);
  CHECK(std::string(text.substr(two[1].begin, two[1].end - two[1].begin)) == "chính");
  // Hard newlines always break; a blank line stays.
  const std::string nl = "Tra cứu\n\nhỏi – đáp";
  auto lines = WrapLines(f, f->FontSize, nl, 5000);
  REQUIRE(lines.size() == 3);
  CHECK(lines[1].begin == lines[1].end);
  CHECK(WrapLines(f, f->FontSize, "", 100).empty());
  CHECK(WrapLines(f, f->FontSize, "   ", 100).empty());
}

TEST_CASE("text layout: FitText shrinks a block with an over-wide word before it breaks it") {
  FontHarness h(TextSize::ExtraLarge, 1920.f / 1080.f);
  ImFont* f = h.fonts.heading;
  const float size = f->FontSize;
  const std::string text = "Hướng dẫn sử dụng";
  const float widest = WidestWord(f, size, text);  // "Hướng"
  SUBCASE("fits at full size: untouched") {
    TextBlock b = FitText(f, size, text, widest + 2);
    CHECK(b.size == size);
    CHECK(b.fits);
    CHECK_FALSE(b.shrunk);
    CHECK_FALSE(b.word_broken);
  }
  SUBCASE("a word 20 % too wide: shrunk, no word broken") {
    TextBlock b = FitText(f, size, text, widest / 1.2f);
    CHECK(b.fits);
    CHECK(b.shrunk);
    CHECK_FALSE(b.word_broken);
    CHECK(b.size < size);
    CHECK(b.size >= size * kMinTextScale - 0.01f);
    CHECK(b.width <= widest / 1.2f + 0.5f);
    CheckWordsKept(text, b.lines);
  }
  SUBCASE("a word too wide even at the floor: only then broken, by grapheme") {
    const float width = widest * kMinTextScale * 0.6f;
    TextBlock b = FitText(f, size, text, width);
    CHECK(b.word_broken);
    CHECK(b.size == doctest::Approx(size * kMinTextScale));
    for (const TextLine& l : b.lines) CHECK(l.width <= width + 0.5f);
    // The broken pieces are whole graphemes: every line is valid UTF-8 NFC letters.
    std::string all;
    for (const TextLine& l : b.lines) all += text.substr(l.begin, l.end - l.begin);
    std::string no_spaces;
    for (char c : text) if (c != ' ') no_spaces += c;
    CHECK(all == no_spaces);
    for (const TextLine& l : b.lines) {
      const unsigned char first = (unsigned char)text[l.begin];
      CHECK((first & 0xC0) != 0x80);  // never starts inside a UTF-8 sequence
    }
  }
  SUBCASE("the height rule: a label too tall for its box shrinks") {
    const float width = widest * 1.05f;  // one word a line
    const float full = LayoutText(f, size, text, width).height;
    TextBlock b = FitText(f, size, text, width, full * 0.8f);
    CHECK(b.shrunk);
    CHECK(b.height <= full * 0.8f + 0.5f);
    CHECK(b.fits);
    CHECK_FALSE(b.word_broken);
  }
}

TEST_CASE("text layout: an over-wide word breaks after '-' or '/' before it breaks a grapheme") {
  FontHarness h;
  ImFont* f = h.fonts.body;
  const std::string text = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html";
  const float width = TextWidth(f, f->FontSize * kMinTextScale, "https://dichvucong.gov.vn/p/") + 1;
  TextBlock b = FitText(f, f->FontSize, text, width);
  REQUIRE(b.word_broken);
  REQUIRE(b.lines.size() >= 2);
  CHECK(std::string(text.substr(b.lines[0].begin, b.lines[0].end - b.lines[0].begin)) ==
        "https://dichvucong.gov.vn/p/");
  for (size_t i = 0; i + 1 < b.lines.size(); ++i) {
    const char last = text[b.lines[i].end - 1];
    CHECK((last == '/' || last == '-'));
  }
}

TEST_CASE("text layout: hostile text (invalid UTF-8, control bytes, one huge word) lays out") {
  FontHarness h;
  ImFont* f = h.fonts.body;
  std::string bad = "ab\xff\xfe cd\xc3 \xe1\xbb \x01\x02 đ\x80x";
  TextBlock b = FitText(f, f->FontSize, bad, 60);
  for (const TextLine& l : b.lines) CHECK(l.end <= bad.size());
  std::string huge(20000, 'm');
  TextBlock hb = FitText(f, f->FontSize, huge, 300);
  CHECK(hb.word_broken);
  CHECK(hb.lines.size() > 20);
  for (const TextLine& l : hb.lines) CHECK(l.width <= 300.5f);
  // A zero or negative width still terminates, one grapheme a line.
  TextBlock z = FitText(f, f->FontSize, "Việt Nam", 0);
  CHECK(z.lines.size() == 7);
  // Grapheme breaks keep a base letter and a combining mark together (NFD input).
  const std::string nfd = "a\xCC\x80" "b";  // a + combining grave, b
  auto g = GraphemeBreaks(nfd);
  REQUIRE(g.size() == 1);
  CHECK(g[0] == 3);
}

TEST_CASE("text layout: widgets keep their label inside the box, shrinking when needed") {
  FontHarness h(TextSize::ExtraLarge, 1920.f / 1080.f);
  TouchInput input;
  // Glyph vertices (those not sampling the atlas' white pixel, which fills and borders
  // use) that a call added to the window's draw list must stay inside BOX.
  auto check_inside = [](ImDrawList* dl, int from, ImVec2 min, ImVec2 max) {
    const ImVec2 white = ImGui::GetIO().Fonts->TexUvWhitePixel;
    int glyph_vertices = 0;
    for (int i = from; i < dl->VtxBuffer.Size; ++i) {
      const ImVec2 uv = dl->VtxBuffer[i].uv;
      if (uv.x == white.x && uv.y == white.y) continue;
      ++glyph_vertices;
      const ImVec2 p = dl->VtxBuffer[i].pos;
      CHECK(p.x >= min.x - 2);
      CHECK(p.x <= max.x + 2);
      CHECK(p.y >= min.y - 2);
      CHECK(p.y <= max.y + 2);
    }
    CHECK(glyph_vertices >= 4 * 10);
  };
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(1080, 1920);
  h.Frame(input, 1000, [&] {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // A button 2.2 lines tall with a label that needs 3 lines at full size.
    ImFont* font = h.fonts.bold;
    const char* label = "Thủ tục hành chính##b";
    const float w = TextWidth(font, font->FontSize, "hành chính") * 0.9f;
    const ImVec2 size(w + font->FontSize, font->FontSize * 2.6f);
    ImGui::SetCursorScreenPos(ImVec2(20, 20));
    const int from_button = dl->VtxBuffer.Size;
    TouchButton(label, size, ButtonKind::Surface, font);
    check_inside(dl, from_button, ImVec2(20, 20), ImVec2(20 + size.x, 20 + size.y));

    const int from_text = dl->VtxBuffer.Size;
    const float used = DrawCenteredText(dl, font, font->FontSize, ImVec2(100, 400),
                                        ImVec2(100 + w, 400 + font->FontSize * 2.6f), 0xff000000,
                                        "Thủ tục hành chính");
    CHECK(used <= font->FontSize * 2.6f + 0.5f);
    check_inside(dl, from_text, ImVec2(100, 400), ImVec2(100 + w, 400 + font->FontSize * 2.6f));

    // Home tiles in portrait at the largest text size: title and subtitle shrink together
    // and stay inside the tile; in a tile too small even at 70 %, the subtitle gives way.
    for (float tile_h : {400.f, 260.f}) {
      const ImVec2 tile_pos(20, 1200), tile_size(500, tile_h);
      ImGui::SetCursorScreenPos(tile_pos);
      const int from_tile = dl->VtxBuffer.Size;
      Tile(tile_h > 300 ? "##tile1" : "##tile2", "Thủ tục hành chính", "Hướng dẫn sử dụng, hồ sơ, lệ phí",
           tile_size, 0xff0000ff, h.fonts.heading, h.fonts.body);
      check_inside(dl, from_tile, tile_pos, ImVec2(tile_pos.x + tile_size.x, tile_pos.y + tile_size.y));
    }

    // Paragraph advances the cursor by exactly its wrapped height.
    ImGui::SetCursorScreenPos(ImVec2(20, 800));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + 300);
    const std::string para = kTexts[2];
    Paragraph(para.c_str(), h.fonts.body, 0xff000000);
    ImGui::PopTextWrapPos();
    const float expect = WrappedTextHeight(h.fonts.body, h.fonts.body->FontSize, para, 300);
    // (ImGui floors the cursor: within a pixel)
    CHECK(std::abs(ImGui::GetCursorScreenPos().y - (800 + expect + ImGui::GetStyle().ItemSpacing.y)) < 1.f);
  });
}
