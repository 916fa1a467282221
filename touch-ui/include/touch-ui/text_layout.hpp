// touch-ui/text_layout.hpp: line breaking that never splits a word (a Vietnamese
// syllable) across lines, and the fitting rule for text in a fixed box.
//
// Dear ImGui 1.86's own wrapping breaks inside a word that is wider than the wrap width
// and treats some punctuation as break points ("hàn/h" was split in portrait at the
// largest text size). Everything in touch-ui that wraps text goes through here instead:
//   WrapLines  breaks only at spaces, tabs and newlines (a newline always breaks); a
//              word wider than the width is put on a line of its own and left whole
//              (TextLine::width then exceeds the width);
//   FitText    the fitting rule for a box: lay out at SIZE; if a word is wider than the
//              box or the lines are taller than MAX_HEIGHT, shrink the whole block in 5 %
//              steps down to MIN_SCALE (= 70 %, so body text stays above 20 px at 1080p);
//              if a word is still wider than the box at the floor, and only then, break
//              that word, after a '-' or '/' inside it where possible, else between
//              graphemes (utf8proc's rules, so a letter and its marks stay together).
// Widths are measured with the glyph advances ImGui draws with (the same UTF-8 decoder,
// so invalid bytes measure as the U+FFFD ImGui draws for them).
#pragma once
#include <cfloat>
#include <cstdint>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace touchui {

constexpr float kLineSpacing = 1.2f;   // line height / font size for wrapped text
constexpr float kMinTextScale = 0.7f;  // FitText never shrinks below this share of SIZE

// One line: bytes [begin, end) of the text (spaces at the break are not included).
struct TextLine {
  uint32_t begin = 0, end = 0;
  float width = 0;  // pixels at the layout's size
};

// A laid-out block of text.
struct TextBlock {
  float size = 0;         // font size in pixels the lines were laid out at (<= asked size)
  float line_height = 0;  // distance between baselines: size * line spacing
  std::vector<TextLine> lines;
  float width = 0;        // widest line
  float height = 0;       // lines * line_height
  bool fits = true;       // every line within the width and the height within MAX_HEIGHT
  bool shrunk = false;    // size < the asked size
  bool word_broken = false;  // a word had to be broken (the last resort)
};

enum class TextAlign { Left, Center };

// Width in pixels of TEXT in FONT at SIZE (no wrapping; newlines measure as nothing).
float TextWidth(ImFont* font, float size, std::string_view text);

// Lines of TEXT for WIDTH at SIZE, broken only at spaces, tabs and newlines.
std::vector<TextLine> WrapLines(ImFont* font, float size, std::string_view text, float width);

// WrapLines at SIZE as a block, neither shrunk nor broken (fits: no line wider than WIDTH).
TextBlock LayoutText(ImFont* font, float size, std::string_view text, float width,
                     float line_spacing = kLineSpacing);

// The fitting rule above. MAX_HEIGHT = FLT_MAX for running text (only over-wide words
// make it shrink). LINE_SPACING: line height / size.
TextBlock FitText(ImFont* font, float size, std::string_view text, float width,
                  float max_height = FLT_MAX, float min_scale = kMinTextScale,
                  float line_spacing = kLineSpacing);

// The height FitText(...) would need: for layout before drawing.
float WrappedTextHeight(ImFont* font, float size, std::string_view text, float width,
                        float line_spacing = kLineSpacing);

// Draws BLOCK (laid out from TEXT) with its top-left at POS; each line aligned inside
// BOX_WIDTH.
void DrawTextBlock(ImDrawList* draw, ImFont* font, const TextBlock& block, std::string_view text,
                   ImVec2 pos, float box_width, ImU32 color, TextAlign align = TextAlign::Left);

// Positions where a word may be broken as a last resort: byte offsets inside WORD (never
// 0 or WORD.size()) after each grapheme. Invalid UTF-8 bytes count as one grapheme each.
std::vector<uint32_t> GraphemeBreaks(std::string_view word);

}  // namespace touchui
