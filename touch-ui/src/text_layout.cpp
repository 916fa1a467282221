// touch-ui/src/text_layout.cpp: word-keeping line breaks and the box fitting rule
// (see text_layout.hpp).
#include "touch-ui/text_layout.hpp"

#include <imgui_internal.h>
#include <utf8proc.h>

#include <algorithm>
#include <cmath>

namespace touchui {
namespace {

constexpr float kEpsilon = 0.5f;  // px: float sums may differ a hair from the box

// A piece of text the breaker places whole: a word, or a piece of a broken word.
// NEWLINES: hard line breaks just before it (the last token may be newlines only).
struct Token {
  uint32_t begin = 0, end = 0;
  float width = 0;
  int newlines = 0;
  bool word = true;  // false: only carries trailing newlines
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::vector<Token> Tokenize(ImFont* font, float size, std::string_view text) {
  std::vector<Token> tokens;
  int newlines = 0;
  uint32_t i = 0;
  const uint32_t n = (uint32_t)text.size();
  while (i < n) {
    if (text[i] == '\n') { ++newlines; ++i; continue; }
    if (IsSpace(text[i])) { ++i; continue; }
    uint32_t e = i;
    while (e < n && text[e] != '\n' && !IsSpace(text[e])) ++e;
    Token t;
    t.begin = i;
    t.end = e;
    t.width = TextWidth(font, size, text.substr(i, e - i));
    t.newlines = newlines;
    newlines = 0;
    tokens.push_back(t);
    i = e;
  }
  if (newlines > 0) {
    Token t;
    t.begin = t.end = n;
    t.newlines = newlines;
    t.word = false;
    tokens.push_back(t);
  }
  return tokens;
}

// Splits an over-wide word [B, E) into pieces that fit WIDTH: after '-' or '/' where
// possible, else between graphemes. Pieces are glued (no space between them).
void BreakWord(ImFont* font, float size, std::string_view text, const Token& word, float width,
               std::vector<Token>& out) {
  const std::string_view w = text.substr(word.begin, word.end - word.begin);
  // Candidate ends, in order: after each '-' or '/', then the word's end.
  std::vector<uint32_t> soft;
  for (uint32_t k = 0; k + 1 < (uint32_t)w.size(); ++k)
    if (w[k] == '-' || w[k] == '/') soft.push_back(k + 1);
  soft.push_back((uint32_t)w.size());
  std::vector<uint32_t> graphemes = GraphemeBreaks(w);
  graphemes.push_back((uint32_t)w.size());
  uint32_t start = 0;
  bool first = true;
  auto emit = [&](uint32_t a, uint32_t b) {
    Token t;
    t.begin = word.begin + a;
    t.end = word.begin + b;
    t.width = TextWidth(font, size, w.substr(a, b - a));
    t.newlines = first ? word.newlines : 0;
    first = false;
    out.push_back(t);
  };
  while (start < (uint32_t)w.size()) {
    // The longest run up to a soft break that fits.
    uint32_t best = 0;
    for (uint32_t s : soft)
      if (s > start && TextWidth(font, size, w.substr(start, s - start)) <= width + kEpsilon) best = s;
    if (best == 0) {
      // No soft break fits: as many graphemes as fit (at least one).
      uint32_t g_best = 0;
      for (uint32_t g : graphemes) {
        if (g <= start) continue;
        if (TextWidth(font, size, w.substr(start, g - start)) <= width + kEpsilon) g_best = g;
        else break;
      }
      if (g_best == 0)  // not even one grapheme fits: it goes alone
        for (uint32_t g : graphemes)
          if (g > start) { g_best = g; break; }
      best = g_best;
    }
    emit(start, best);
    start = best;
  }
}

std::vector<TextLine> Place(std::string_view text, ImFont* font, float size,
                            const std::vector<Token>& tokens, float width) {
  std::vector<TextLine> lines;
  bool open = false;
  TextLine line;
  for (const Token& t : tokens) {
    for (int k = 0; k < t.newlines; ++k) {
      if (open) {
        lines.push_back(line);
        open = false;
      } else {
        lines.push_back(TextLine{t.begin, t.begin, 0.f});
      }
    }
    if (!t.word) continue;
    if (open) {
      const float gap = t.begin > line.end
                            ? TextWidth(font, size, text.substr(line.end, t.begin - line.end))
                            : 0.f;
      if (line.width + gap + t.width <= width + kEpsilon) {
        line.end = t.end;
        line.width += gap + t.width;
        continue;
      }
      lines.push_back(line);
    }
    line = TextLine{t.begin, t.end, t.width};
    open = true;
  }
  if (open) lines.push_back(line);
  return lines;
}

TextBlock Measure(std::vector<TextLine> lines, float size, float line_spacing, float width,
                  float max_height) {
  TextBlock b;
  b.size = size;
  b.line_height = std::round(size * line_spacing);
  b.lines = std::move(lines);
  for (const TextLine& l : b.lines) {
    b.width = std::max(b.width, l.width);
    if (l.width > width + kEpsilon) b.fits = false;
  }
  b.height = b.line_height * (float)b.lines.size();
  if (b.height > max_height + kEpsilon) b.fits = false;
  return b;
}

}  // namespace

float TextWidth(ImFont* font, float size, std::string_view text) {
  IM_ASSERT(font != nullptr);
  const float scale = size / font->FontSize;
  const char* s = text.data();
  const char* end = s + text.size();
  float w = 0;
  while (s < end) {
    unsigned int c = (unsigned char)*s;
    if (c < 0x80) {
      ++s;
    } else {
      s += ImTextCharFromUtf8(&c, s, end);
      if (c == 0) break;  // as ImGui's renderer
    }
    if (c == '\n' || c == '\r') continue;
    w += font->GetCharAdvance((ImWchar)c) * scale;
  }
  return w;
}

std::vector<uint32_t> GraphemeBreaks(std::string_view word) {
  std::vector<uint32_t> breaks;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(word.data());
  const utf8proc_ssize_t n = (utf8proc_ssize_t)word.size();
  utf8proc_ssize_t i = 0;
  utf8proc_int32_t prev = -1;
  utf8proc_int32_t state = 0;
  while (i < n) {
    utf8proc_int32_t c;
    utf8proc_ssize_t len = utf8proc_iterate(p + i, n - i, &c);
    if (len <= 0) {  // an invalid byte: a grapheme of its own
      if (i > 0) breaks.push_back((uint32_t)i);
      ++i;
      prev = -1;
      state = 0;
      continue;
    }
    if (i > 0 && (prev < 0 || utf8proc_grapheme_break_stateful(prev, c, &state)))
      breaks.push_back((uint32_t)i);
    prev = c;
    i += len;
  }
  return breaks;
}

std::vector<TextLine> WrapLines(ImFont* font, float size, std::string_view text, float width) {
  return Place(text, font, size, Tokenize(font, size, text), width);
}

TextBlock LayoutText(ImFont* font, float size, std::string_view text, float width,
                     float line_spacing) {
  return Measure(WrapLines(font, size, text, width), size, line_spacing, width, FLT_MAX);
}

TextBlock FitText(ImFont* font, float size, std::string_view text, float width, float max_height,
                  float min_scale, float line_spacing) {
  IM_ASSERT(font != nullptr && size > 0 && min_scale > 0 && min_scale <= 1.f);
  if (text.size() > UINT32_MAX) text = text.substr(0, UINT32_MAX);
  // 100 %, 95 %, ... down to the floor; the floor itself always tried last.
  float scale = 1.f;
  TextBlock block;
  for (;;) {
    const float s = std::max(size * scale, size * min_scale);
    block = Measure(WrapLines(font, s, text, width), s, line_spacing, width, max_height);
    block.shrunk = scale < 1.f;
    if (block.fits || s <= size * min_scale + 1e-3f) break;
    scale -= 0.05f;
  }
  if (block.fits) return block;
  // At the floor: break the words still wider than the box (the last resort).
  const float s = block.size;
  std::vector<Token> tokens = Tokenize(font, s, text);
  std::vector<Token> pieces;
  bool broke = false;
  for (const Token& t : tokens) {
    if (t.word && t.width > width + kEpsilon) {
      BreakWord(font, s, text, t, std::max(width, 1.f), pieces);
      broke = true;
    } else {
      pieces.push_back(t);
    }
  }
  if (!broke) return block;  // only the height was too much: nothing more to do
  TextBlock broken = Measure(Place(text, font, s, pieces, width), s, line_spacing, width, max_height);
  broken.shrunk = block.shrunk;
  broken.word_broken = true;
  return broken;
}

float WrappedTextHeight(ImFont* font, float size, std::string_view text, float width,
                        float line_spacing) {
  return FitText(font, size, text, width, FLT_MAX, kMinTextScale, line_spacing).height;
}

void DrawTextBlock(ImDrawList* draw, ImFont* font, const TextBlock& block, std::string_view text,
                   ImVec2 pos, float box_width, ImU32 color, TextAlign align) {
  float y = pos.y;
  // ImGui places glyphs in a line FontSize tall: centre that in the taller line.
  const float lead = (block.line_height - block.size) * 0.5f;
  for (const TextLine& l : block.lines) {
    if (l.end > l.begin) {
      float x = pos.x;
      if (align == TextAlign::Center) x += (box_width - l.width) * 0.5f;
      draw->AddText(font, block.size, ImVec2(x, y + lead), color, text.data() + l.begin,
                    text.data() + l.end);
    }
    y += block.line_height;
  }
}

}  // namespace touchui
