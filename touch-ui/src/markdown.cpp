// touch-ui/src/markdown.cpp: Markdown parsed by md4c into blocks, laid out for a touch
// screen, drawn a visible block at a time (see markdown.hpp).
//
// [SECTION] Text helpers   UTF-8 repair, entities
// [SECTION] Parsing        md4c callbacks -> MarkdownDocument
// [SECTION] Layout         blocks -> draw commands and touch targets, cached
// [SECTION] Drawing        the visible blocks, taps on links and images
#include "touch-ui/markdown.hpp"

#include <imgui_internal.h>
#include <md4c.h>
#include <utf8proc.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>

#include "touch-ui/text_layout.hpp"
#include "touch-ui/theme.hpp"

namespace touchui {
namespace {

// [SECTION] Text helpers
std::atomic<uint64_t> g_next_serial{1};

void AppendCodepoint(std::string& out, int32_t c) {
  if (c <= 0 || !utf8proc_codepoint_valid(c)) c = 0xFFFD;
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(c, buf);
  out.append(reinterpret_cast<const char*>(buf), (size_t)n);
}

// TEXT with every invalid UTF-8 sequence replaced by U+FFFD.
std::string RepairUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const utf8proc_ssize_t n = (utf8proc_ssize_t)text.size();
  utf8proc_ssize_t i = 0;
  while (i < n) {
    if (p[i] < 0x80) {
      out.push_back((char)p[i++]);
      continue;
    }
    utf8proc_int32_t c;
    const utf8proc_ssize_t len = utf8proc_iterate(p + i, n - i, &c);
    if (len <= 0) {
      AppendCodepoint(out, 0xFFFD);
      ++i;
    } else {
      out.append(text.data() + i, (size_t)len);
      i += len;
    }
  }
  return out;
}

// An entity as md4c hands it over ("&amp;", "&#7879;", "&#x1EC7;"); unknown names stay.
void AppendEntity(std::string& out, std::string_view e) {
  if (e.size() >= 4 && e[1] == '#') {
    int32_t c = 0;
    const bool hex = e[2] == 'x' || e[2] == 'X';
    for (size_t i = hex ? 3 : 2; i + 1 < e.size(); ++i) {
      const char d = e[i];
      const int v = d >= '0' && d <= '9' ? d - '0'
                    : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10
                    : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
      if (v < 0 || c > 0x10FFFF) { c = 0xFFFD; break; }
      c = c * (hex ? 16 : 10) + v;
    }
    AppendCodepoint(out, c);
    return;
  }
  static const struct { const char* name; int32_t c; } kNamed[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''},
      {"&nbsp;", 0xA0}, {"&ndash;", 0x2013}, {"&mdash;", 0x2014}, {"&hellip;", 0x2026},
      {"&copy;", 0xA9}, {"&laquo;", 0xAB}, {"&raquo;", 0xBB}, {"&ldquo;", 0x201C},
      {"&rdquo;", 0x201D}, {"&lsquo;", 0x2018}, {"&rsquo;", 0x2019}, {"&bull;", 0x2022},
  };
  for (const auto& n : kNamed)
    if (e == n.name) { AppendCodepoint(out, n.c); return; }
  out.append(e);
}

std::string Attribute(const MD_ATTRIBUTE& a) {
  std::string out;
  if (!a.text) return out;
  for (int i = 0; a.substr_offsets[i] < a.size; ++i) {
    const std::string_view piece(a.text + a.substr_offsets[i],
                                 a.substr_offsets[i + 1] - a.substr_offsets[i]);
    switch (a.substr_types[i]) {
      case MD_TEXT_ENTITY: AppendEntity(out, piece); break;
      case MD_TEXT_NULLCHAR: AppendCodepoint(out, 0xFFFD); break;
      default: out.append(piece); break;
    }
  }
  return out;
}

}  // namespace

// [SECTION] Parsing
struct MarkdownBuilder {
  MarkdownDocument& doc;
  explicit MarkdownBuilder(MarkdownDocument& d) : doc(d) {}

  enum class Target { None, Block, Header, Value };
  Target target = Target::None;
  int quote_depth = 0;
  struct List { bool ordered; unsigned next; };
  std::vector<List> lists;
  std::string marker;  // of the list item whose first block is still to come
  int bold = 0, italic = 0, code = 0, strike = 0;
  std::vector<int> link_stack;
  int image_depth = 0;  // inside ![...]: text is the image's alt
  std::string* image_alt = nullptr;
  bool in_head = false;
  bool table_has_body = false;
  std::vector<std::vector<MarkdownRun>> headers;
  std::vector<MarkdownCell> row;

  MarkdownBlock& NewBlock(MarkdownBlockKind kind) {
    CloseBlock();
    MarkdownBlock b;
    b.kind = kind;
    b.list_depth = (int)lists.size();
    b.quote_depth = quote_depth;
    b.marker = std::move(marker);
    marker.clear();
    doc.blocks_.push_back(std::move(b));
    return doc.blocks_.back();
  }
  void OpenBlock(MarkdownBlockKind kind, int level = 0) {
    NewBlock(kind).level = level;
    if (kind == MarkdownBlockKind::Heading) doc.headings_.push_back((int)doc.blocks_.size() - 1);
    target = Target::Block;
  }
  static bool Blank(const std::vector<MarkdownRun>& runs) {
    for (const MarkdownRun& r : runs)
      if (r.text.find_first_not_of(" \t\n") != std::string::npos) return false;
    return true;
  }
  void CloseBlock() {
    if (target == Target::Block && !doc.blocks_.empty()) {
      MarkdownBlock& b = doc.blocks_.back();
      if (b.kind == MarkdownBlockKind::Code && !b.runs.empty()) {
        std::string& t = b.runs.back().text;
        while (!t.empty() && t.back() == '\n') t.pop_back();
      }
      // A paragraph with no text (it began with an image, now a block of its own) leaves
      // nothing behind; its list marker goes to the next block.
      if (b.kind == MarkdownBlockKind::Paragraph && Blank(b.runs)) {
        if (!b.marker.empty()) marker = std::move(b.marker);
        doc.blocks_.pop_back();
      }
    }
    if (target == Target::Block) target = Target::None;
  }
  std::vector<MarkdownRun>* Runs() {
    switch (target) {
      case Target::Block: return &doc.blocks_.back().runs;
      case Target::Header: return &headers.back();
      case Target::Value: return &row.back().value;
      case Target::None: break;
    }
    // Text outside any block: a tight list item's text (md4c sends no paragraph).
    OpenBlock(MarkdownBlockKind::Paragraph);
    return &doc.blocks_.back().runs;
  }
  void AddText(std::string_view s) {
    if (image_depth > 0 && !image_in_text_) {
      if (image_alt) image_alt->append(s);
      return;
    }
    std::vector<MarkdownRun>* runs = Runs();
    const uint8_t style = (uint8_t)((bold ? kMdBold : 0) | (italic ? kMdItalic : 0) |
                                    (code ? kMdCode : 0) | (strike ? kMdStrike : 0));
    const int link = link_stack.empty() ? -1 : link_stack.back();
    if (runs->empty() || runs->back().style != style || runs->back().link != link)
      runs->push_back(MarkdownRun{std::string(), style, link});
    runs->back().text.append(s);
  }

  int EnterBlock(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_QUOTE: CloseBlock(); ++quote_depth; break;
      case MD_BLOCK_UL: CloseBlock(); lists.push_back({false, 1}); break;
      case MD_BLOCK_OL:
        CloseBlock();
        lists.push_back({true, static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start});
        break;
      case MD_BLOCK_LI:
        CloseBlock();
        if (!lists.empty() && lists.back().ordered) marker = std::to_string(lists.back().next++) + ".";
        else marker = "\xE2\x80\xA2";  // •
        break;
      case MD_BLOCK_HR: NewBlock(MarkdownBlockKind::Rule); break;
      case MD_BLOCK_H:
        OpenBlock(MarkdownBlockKind::Heading, (int)static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
        break;
      case MD_BLOCK_CODE: OpenBlock(MarkdownBlockKind::Code); break;
      case MD_BLOCK_HTML: case MD_BLOCK_P: OpenBlock(MarkdownBlockKind::Paragraph); break;
      case MD_BLOCK_TABLE:
        CloseBlock();
        headers.clear();
        table_has_body = false;
        break;
      case MD_BLOCK_THEAD: in_head = true; break;
      case MD_BLOCK_TBODY: in_head = false; break;
      case MD_BLOCK_TR: row.clear(); break;
      case MD_BLOCK_TH: case MD_BLOCK_TD:
        if (in_head) {
          headers.emplace_back();
          target = Target::Header;
        } else {
          MarkdownCell cell;
          if (row.size() < headers.size()) cell.header = headers[row.size()];
          row.push_back(std::move(cell));
          target = Target::Value;
        }
        break;
    }
    return 0;
  }

  int LeaveBlock(MD_BLOCKTYPE type) {
    switch (type) {
      case MD_BLOCK_QUOTE: CloseBlock(); --quote_depth; break;
      case MD_BLOCK_UL: case MD_BLOCK_OL:
        CloseBlock();
        if (!lists.empty()) lists.pop_back();
        break;
      case MD_BLOCK_LI: CloseBlock(); marker.clear(); break;
      case MD_BLOCK_H: case MD_BLOCK_CODE: case MD_BLOCK_HTML: case MD_BLOCK_P: CloseBlock(); break;
      case MD_BLOCK_TH: case MD_BLOCK_TD: target = Target::None; break;
      case MD_BLOCK_TR:
        if (!in_head) {
          table_has_body = true;
          NewBlock(MarkdownBlockKind::TableRow).cells = std::move(row);
          row.clear();
        }
        break;
      case MD_BLOCK_TABLE:
        if (!table_has_body && !headers.empty()) {  // a header row alone: show it as a row
          MarkdownBlock& b = NewBlock(MarkdownBlockKind::TableRow);
          for (auto& h : headers) b.cells.push_back(MarkdownCell{{}, std::move(h)});
        }
        headers.clear();
        break;
      default: break;
    }
    return 0;
  }

  int EnterSpan(MD_SPANTYPE type, void* detail) {
    switch (type) {
      case MD_SPAN_EM: ++italic; break;
      case MD_SPAN_STRONG: ++bold; break;
      case MD_SPAN_CODE: ++code; break;
      case MD_SPAN_DEL: ++strike; break;
      case MD_SPAN_A: {
        auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
        doc.links_.push_back(MarkdownLink{Attribute(a->href), Attribute(a->title)});
        link_stack.push_back((int)doc.links_.size() - 1);
        break;
      }
      case MD_SPAN_IMG: {
        if (image_depth++ > 0) break;  // an image in an image's alt text: its text only
        auto* img = static_cast<MD_SPAN_IMG_DETAIL*>(detail);
        doc.images_.push_back(MarkdownImage{Attribute(img->src), std::string()});
        const bool in_paragraph = target == Target::None ||
                                  (target == Target::Block &&
                                   doc.blocks_.back().kind == MarkdownBlockKind::Paragraph);
        if (in_paragraph) {
          // A picture is a block of its own; the text around it continues after it.
          NewBlock(MarkdownBlockKind::Image).image = (int)doc.images_.size() - 1;
          target = Target::None;
          image_alt = &doc.images_.back().alt;
        } else {
          // In a heading or a table cell: its alt text stands in for it.
          image_alt = nullptr;
          image_in_text_ = true;
        }
        break;
      }
      default: break;
    }
    return 0;
  }

  int LeaveSpan(MD_SPANTYPE type) {
    switch (type) {
      case MD_SPAN_EM: --italic; break;
      case MD_SPAN_STRONG: --bold; break;
      case MD_SPAN_CODE: --code; break;
      case MD_SPAN_DEL: --strike; break;
      case MD_SPAN_A: if (!link_stack.empty()) link_stack.pop_back(); break;
      case MD_SPAN_IMG:
        if (--image_depth == 0) {
          image_alt = nullptr;
          image_in_text_ = false;
        }
        break;
      default: break;
    }
    return 0;
  }

  int Text(MD_TEXTTYPE type, std::string_view s) {
    switch (type) {
      case MD_TEXT_NULLCHAR: AddText("\xEF\xBF\xBD"); break;
      case MD_TEXT_BR: AddText(code ? " " : "\n"); break;
      case MD_TEXT_SOFTBR: AddText(" "); break;
      case MD_TEXT_ENTITY: {
        std::string e;
        AppendEntity(e, s);
        AddText(e);
        break;
      }
      default: AddText(s); break;
    }
    return 0;
  }

  bool image_in_text_ = false;
};

MarkdownDocument::MarkdownDocument() : serial_(g_next_serial++) {}

bool MarkdownDocument::Parse(std::string_view markdown, std::string* error) {
  blocks_.clear();
  links_.clear();
  images_.clear();
  headings_.clear();
  serial_ = g_next_serial++;
  if (markdown.size() > kMaxMarkdownBytes) {
    if (error)
      *error = "Markdown text too large: " + std::to_string(markdown.size()) + " bytes (limit " +
               std::to_string(kMaxMarkdownBytes) + ")";
    return false;
  }
  const std::string text = RepairUtf8(markdown);
  MarkdownBuilder b(*this);
  MD_PARSER parser{};
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) {
    return static_cast<MarkdownBuilder*>(u)->EnterBlock(t, d);
  };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) {
    return static_cast<MarkdownBuilder*>(u)->LeaveBlock(t);
  };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) {
    return static_cast<MarkdownBuilder*>(u)->EnterSpan(t, d);
  };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) {
    return static_cast<MarkdownBuilder*>(u)->LeaveSpan(t);
  };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) {
    return static_cast<MarkdownBuilder*>(u)->Text(t, std::string_view(s, n));
  };
  if (md_parse(text.data(), (MD_SIZE)text.size(), &parser, &b) != 0) {
    // md4c gives up only when out of memory: keep what was built.
    if (error) *error = "Markdown parser stopped early (out of memory?)";
  }
  b.CloseBlock();
  return true;
}

MarkdownDocument MarkdownDocument::FromText(std::string_view markdown) {
  MarkdownDocument doc;
  doc.Parse(markdown, nullptr);
  return doc;
}

MarkdownFonts MarkdownFonts::From(const FontSet& f) {
  MarkdownFonts m;
  m.body = f.body;
  m.bold = f.bold;
  m.italic = f.italic;
  m.heading[0] = f.title;
  m.heading[1] = f.heading;
  m.heading[2] = m.heading[3] = f.bold;
  return m;
}

MarkdownDocument MarkdownDocument::FromRuns(std::vector<MarkdownRun> runs) {
  MarkdownDocument doc;
  for (MarkdownRun& r : runs) {
    r.text = RepairUtf8(r.text);
    r.link = -1;  // no link table to point into
  }
  MarkdownBlock b;
  b.kind = MarkdownBlockKind::Paragraph;
  b.runs = std::move(runs);
  doc.blocks_.push_back(std::move(b));
  return doc;
}

std::string MarkdownDocument::PlainText(const std::vector<MarkdownRun>& runs) {
  std::string out;
  for (const MarkdownRun& r : runs) out += r.text;
  return out;
}

// [SECTION] Layout
namespace {
// A run as the layouter sees it: text that lives in the document (or a literal).
struct RunView {
  std::string_view text;
  uint8_t style = 0;
  int link = -1;
};

constexpr int kMaxListIndentLevels = 6;   // deeper lists stop indenting
constexpr int kMaxQuoteIndentLevels = 4;
constexpr float kMaxIndentShare = 0.4f;   // of the width, whatever the nesting

const char kColon[] = ": ";
}  // namespace

struct MarkdownLayouter {
  MarkdownView& v;
  const MarkdownDocument& doc;
  const MarkdownFonts& fonts;
  const MarkdownCallbacks& callbacks;
  float width;
  float s;  // body size
  float y = 0;

  ImFont* Heading(int level) const {
    const int i = std::clamp(level, 1, 4) - 1;
    for (int k = i; k >= 0; --k)
      if (fonts.heading[k]) return fonts.heading[k];
    return fonts.bold ? fonts.bold : fonts.body;
  }
  ImFont* Pick(uint8_t style, ImFont* base, MarkdownView::Ink* ink) const {
    *ink = MarkdownView::Ink::Text;
    if (base != fonts.body) return base;  // headings: one font
    const bool b = style & kMdBold, i = style & kMdItalic;
    if (b && i) return fonts.bold_italic ? fonts.bold_italic : (fonts.bold ? fonts.bold : fonts.body);
    if (b) return fonts.bold ? fonts.bold : fonts.body;
    if (i) {
      if (fonts.italic) return fonts.italic;
      *ink = MarkdownView::Ink::Italic;
    }
    return fonts.body;
  }

  void Push(MarkdownView::Cmd c) { v.cmds_.push_back(c); }
  void Text(ImFont* f, float size, ImVec2 pos, MarkdownView::Ink ink, std::string_view t) {
    MarkdownView::Cmd c;
    c.kind = MarkdownView::Cmd::Kind::Text;
    c.font = f;
    c.size = size;
    c.a = pos;
    c.ink = ink;
    c.text = t.data();
    c.text_end = t.data() + t.size();
    Push(c);
  }
  void Shape(MarkdownView::Cmd::Kind kind, ImVec2 a, ImVec2 b, MarkdownView::Ink ink, float size) {
    MarkdownView::Cmd c;
    c.kind = kind;
    c.a = a;
    c.b = b;
    c.ink = ink;
    c.size = size;
    Push(c);
  }

  // One atom: a word or a piece of one, in one style.
  struct Atom {
    std::string_view text;
    ImFont* font;
    float size, width;
    MarkdownView::Ink ink;
    uint8_t style;
    int link;
    enum Before : uint8_t { Glue, Space, Soft, Newline } before;
  };

  // Flows RUNS into lines from X0, AVAIL wide, starting at the current y; returns the
  // height used. Words are kept whole unless one alone is wider than AVAIL.
  float Flow(const std::vector<RunView>& runs, ImFont* base, float x0, float avail,
             MarkdownView::Ink base_ink) {
    const float size = base->FontSize;
    const float line_h = std::round(size * kLineSpacing);
    const float lead = (line_h - size) * 0.5f;
    std::vector<Atom> atoms;
    Atom::Before pending = Atom::Glue;
    for (const RunView& r : runs) {
      MarkdownView::Ink ink;
      ImFont* f = Pick(r.style, base, &ink);
      if (ink == MarkdownView::Ink::Text) ink = base_ink;
      if (r.link >= 0) ink = MarkdownView::Ink::Link;
      size_t i = 0;
      const std::string_view t = r.text;
      while (i < t.size()) {
        const char c = t[i];
        if (c == '\n') { pending = Atom::Newline; ++i; continue; }
        if (c == ' ' || c == '\t' || c == '\r') {
          if (pending != Atom::Newline) pending = Atom::Space;
          ++i;
          continue;
        }
        size_t e = i;
        while (e < t.size() && t[e] != '\n' && t[e] != ' ' && t[e] != '\t' && t[e] != '\r') ++e;
        const std::string_view w = t.substr(i, e - i);
        atoms.push_back(Atom{w, f, f->FontSize, TextWidth(f, f->FontSize, w), ink, r.style, r.link,
                             atoms.empty() && pending != Atom::Newline ? Atom::Glue : pending});
        pending = Atom::Glue;
        i = e;
      }
    }
    // Words (atoms glued together) wider than the line: broken into soft pieces.
    std::vector<Atom> placed;
    placed.reserve(atoms.size());
    for (size_t i = 0; i < atoms.size();) {
      size_t j = i + 1;
      float w = atoms[i].width;
      while (j < atoms.size() && atoms[j].before == Atom::Glue) w += atoms[j++].width;
      if (w <= avail + 0.5f) {
        placed.insert(placed.end(), atoms.begin() + (long)i, atoms.begin() + (long)j);
      } else {
        for (size_t k = i; k < j; ++k) Split(atoms[k], avail, placed);
      }
      i = j;
    }
    // Greedy lines.
    float x = 0;
    int line = 0;
    bool empty_line = true;
    struct LinkSpan { int link; float x0, x1; int line; };
    std::vector<LinkSpan> spans;
    const float top = y;
    for (size_t i = 0; i < placed.size();) {
      size_t j = i + 1;
      float w = placed[i].width;
      while (j < placed.size() && placed[j].before == Atom::Glue) w += placed[j++].width;
      const Atom& first = placed[i];
      float gap = 0;
      if (first.before == Atom::Space) gap = first.font->GetCharAdvance(' ') * first.size / first.font->FontSize;
      if (first.before == Atom::Newline || (!empty_line && x + gap + w > avail + 0.5f)) {
        ++line;
        x = 0;
        gap = 0;
        empty_line = true;
      }
      if (empty_line) gap = 0;
      x += gap;
      for (size_t k = i; k < j; ++k) {
        const Atom& a = placed[k];
        const float ly = top + line * line_h;
        Text(a.font, a.size, ImVec2(x0 + x, ly + lead), a.ink, a.text);
        if (a.style & kMdStrike) {
          const float sy = std::round(ly + lead + a.size * 0.58f);
          Shape(MarkdownView::Cmd::Kind::Line, ImVec2(x0 + x, sy), ImVec2(x0 + x + a.width, sy), a.ink,
                std::max(1.f, std::round(a.size / 18.f)));
        }
        if (a.link >= 0) {
          // The gap before a word of the same link on the same line joins its span.
          const float from = k == i ? x - gap : x;
          if (!spans.empty() && spans.back().link == a.link && spans.back().line == line &&
              std::fabs(spans.back().x1 - from) < 0.5f) {
            spans.back().x1 = x + a.width;
          } else {
            spans.push_back(LinkSpan{a.link, x, x + a.width, line});
          }
        }
        x += a.width;
      }
      empty_line = false;
      i = j;
    }
    const int lines = placed.empty() ? 0 : line + 1;
    // Links: underlined, and a touch area at least a line (or MinTouchPx) tall, padded.
    const float pad_x = std::round(size * 0.3f);
    const float touch_h = std::max(line_h, v.min_touch_px_);
    for (const LinkSpan& sp : spans) {
      const float ly = top + sp.line * line_h;
      // Below the dots of ạ ị ụ (which sit under the baseline), above the next line.
      const float uy = std::round(ly + lead + base->Ascent * size / base->FontSize + size * 0.2f);
      Shape(MarkdownView::Cmd::Kind::Line, ImVec2(x0 + sp.x0, uy), ImVec2(x0 + sp.x1, uy),
            MarkdownView::Ink::Link, std::max(2.f, std::round(size / 15.f)));
      MarkdownView::Hit h;
      h.kind = MarkdownTarget::Kind::Link;
      h.index = sp.link;
      const float cy = ly + line_h * 0.5f;
      h.min = ImVec2(x0 + sp.x0 - pad_x, cy - touch_h * 0.5f);
      h.max = ImVec2(x0 + sp.x1 + pad_x, cy + touch_h * 0.5f);
      v.hits_.push_back(h);
    }
    return lines * line_h;
  }

  // Pieces of A that fit AVAIL: after '-' or '/', else between graphemes.
  void Split(const Atom& a, float avail, std::vector<Atom>& out) {
    const std::string_view t = a.text;
    std::vector<uint32_t> soft;
    for (uint32_t k = 0; k + 1 < (uint32_t)t.size(); ++k)
      if (t[k] == '-' || t[k] == '/') soft.push_back(k + 1);
    soft.push_back((uint32_t)t.size());
    uint32_t start = 0;
    bool first = true;
    auto emit = [&](uint32_t b, uint32_t e) {
      Atom p = a;
      p.text = t.substr(b, e - b);
      p.width = TextWidth(a.font, a.size, p.text);
      p.before = first ? a.before : Atom::Soft;
      first = false;
      out.push_back(p);
    };
    for (uint32_t end : soft) {
      const std::string_view piece = t.substr(start, end - start);
      if (TextWidth(a.font, a.size, piece) <= avail + 0.5f) {
        emit(start, end);
      } else {
        std::vector<uint32_t> g = GraphemeBreaks(piece);
        g.push_back((uint32_t)piece.size());
        uint32_t from = 0;
        for (size_t k = 0; k < g.size(); ++k) {
          const bool last = k + 1 == g.size();
          // Extend while the next grapheme still fits; always at least one.
          if (!last && TextWidth(a.font, a.size, piece.substr(from, g[k + 1] - from)) <= avail + 0.5f)
            continue;
          emit(start + from, start + g[k]);
          from = g[k];
        }
      }
      start = end;
    }
  }

  float Indent(const MarkdownBlock& b) const {
    const float list = std::min(b.list_depth, kMaxListIndentLevels) * std::round(s * 1.6f);
    const float quote = std::min(b.quote_depth, kMaxQuoteIndentLevels) * std::round(s * 0.9f);
    return std::min(list + quote, std::floor(width * kMaxIndentShare));
  }

  void QuoteBars(const MarkdownBlock& b, float top, float bottom) {
    const int n = std::min(b.quote_depth, kMaxQuoteIndentLevels);
    const float list = std::min(b.list_depth, kMaxListIndentLevels) * std::round(s * 1.6f);
    const float step = std::round(s * 0.9f);
    for (int q = 0; q < n; ++q) {
      const float x = std::min(list + q * step + 2.f, std::floor(width * kMaxIndentShare) - 4.f);
      Shape(MarkdownView::Cmd::Kind::Fill, ImVec2(x, top), ImVec2(x + std::max(3.f, s * 0.12f), bottom),
            MarkdownView::Ink::Muted, 0.f);
    }
  }

  void Marker(const MarkdownBlock& b, float indent, float first_line_top, ImFont* base) {
    if (b.marker.empty()) return;
    const float size = base->FontSize;
    const float line_h = std::round(size * kLineSpacing);
    const float w = TextWidth(base, size, b.marker);
    const float x = std::max(0.f, indent - w - std::round(s * 0.45f));
    Text(base, size, ImVec2(x, first_line_top + (line_h - size) * 0.5f), MarkdownView::Ink::Text, b.marker);
  }

  static std::vector<RunView> Views(const std::vector<MarkdownRun>& runs, uint8_t add_style = 0) {
    std::vector<RunView> out;
    out.reserve(runs.size());
    for (const MarkdownRun& r : runs) out.push_back(RunView{r.text, (uint8_t)(r.style | add_style), r.link});
    return out;
  }

  void Block(size_t index) {
    const MarkdownBlock& b = doc.Blocks()[index];
    MarkdownView::LaidBlock lb;
    lb.first = (uint32_t)v.cmds_.size();
    lb.first_hit = (uint32_t)v.hits_.size();
    const float indent = Indent(b);
    const float avail = std::max(width - indent, s);
    const float para_gap = std::round(s * (b.list_depth > 0 ? 0.3f : 0.55f));
    float gap_after = 0;  // space below the block, before the next one
    switch (b.kind) {
      case MarkdownBlockKind::Heading: {
        if (index > 0) y += std::round(s * 0.7f);
        ImFont* f = Heading(b.level);
        lb.top = y;
        MarkdownHeadingPos hp;
        hp.block = (int)index;
        hp.level = b.level;
        hp.y = y;
        v.heading_pos_.push_back(hp);
        Marker(b, indent, y, f);
        y += Flow(Views(b.runs), f, indent, avail, MarkdownView::Ink::Heading);
        gap_after = std::round(s * 0.35f);
        break;
      }
      case MarkdownBlockKind::Paragraph:
      case MarkdownBlockKind::Code: {
        lb.top = y;
        const bool code = b.kind == MarkdownBlockKind::Code;
        const float pad = code ? std::round(s * 0.4f) : 0.f;
        const size_t card = v.cmds_.size();
        if (code) Shape(MarkdownView::Cmd::Kind::Fill, ImVec2(), ImVec2(), MarkdownView::Ink::Card, 0);
        Marker(b, indent, y + pad, fonts.body);
        y += pad;
        y += Flow(Views(b.runs), fonts.body, indent + pad, avail - 2 * pad, MarkdownView::Ink::Text);
        y += pad;
        if (code) {
          v.cmds_[card].a = ImVec2(indent, lb.top);
          v.cmds_[card].b = ImVec2(indent + avail, y);
          v.cmds_[card].size = std::round(s * 0.25f);
        }
        gap_after = para_gap;
        break;
      }
      case MarkdownBlockKind::Rule: {
        lb.top = y;
        const float ry = std::round(y + s * 0.5f);
        Shape(MarkdownView::Cmd::Kind::Line, ImVec2(indent, ry), ImVec2(indent + avail, ry),
              MarkdownView::Ink::Muted, std::max(2.f, std::round(s / 15.f)));
        y += std::round(s);
        break;
      }
      case MarkdownBlockKind::Image: {
        lb.top = y;
        const MarkdownImage& img = doc.Images()[(size_t)b.image];
        std::optional<MarkdownImageInfo> info;
        if (callbacks.image) info = callbacks.image(img.src);
        Marker(b, indent, y, fonts.body);
        if (info && info->width > 0 && info->height > 0) {
          const float scale = std::min(1.f, avail / (float)info->width);
          const float w = std::max(1.f, std::floor(info->width * scale));
          const float h = std::max(1.f, std::floor(info->height * scale));
          MarkdownView::Cmd c;
          c.kind = MarkdownView::Cmd::Kind::Image;
          c.a = ImVec2(indent, y);
          c.b = ImVec2(indent + w, y + h);
          c.image = b.image;
          Push(c);
          MarkdownView::Hit hit;
          hit.kind = MarkdownTarget::Kind::Image;
          hit.index = b.image;
          hit.min = c.a;
          hit.max = c.b;
          v.hits_.push_back(hit);
          y += h;
        } else {
          // No picture: its alt text in a frame, so the reader knows something is there.
          const float pad = std::round(s * 0.4f);
          const size_t frame = v.cmds_.size();
          Shape(MarkdownView::Cmd::Kind::Frame, ImVec2(), ImVec2(), MarkdownView::Ink::Muted, 2.f);
          const float top = y;
          y += pad;
          std::vector<RunView> alt{RunView{img.alt.empty() ? std::string_view(img.src) : img.alt, kMdItalic, -1}};
          y += Flow(alt, fonts.body, indent + pad, avail - 2 * pad, MarkdownView::Ink::Muted);
          y += pad;
          v.cmds_[frame].a = ImVec2(indent, top);
          v.cmds_[frame].b = ImVec2(indent + avail, y);
        }
        gap_after = para_gap;
        break;
      }
      case MarkdownBlockKind::TableRow: {
        // One card per row: "Header: value" lines, so a wide table reads on a narrow screen.
        lb.top = y;
        const float pad = std::round(s * 0.5f);
        const size_t card = v.cmds_.size();
        Shape(MarkdownView::Cmd::Kind::Fill, ImVec2(), ImVec2(), MarkdownView::Ink::Card, 0);
        Shape(MarkdownView::Cmd::Kind::Frame, ImVec2(), ImVec2(), MarkdownView::Ink::CardBorder, 2.f);
        Marker(b, indent, y + pad, fonts.body);
        y += pad;
        bool first = true;
        for (const MarkdownCell& cell : b.cells) {
          if (!first) y += std::round(s * 0.2f);
          first = false;
          std::vector<RunView> runs;
          if (!cell.header.empty()) {
            runs = Views(cell.header, kMdBold);
            runs.push_back(RunView{kColon, kMdBold, -1});
          }
          for (const RunView& r : Views(cell.value)) runs.push_back(r);
          y += Flow(runs, fonts.body, indent + pad, avail - 2 * pad, MarkdownView::Ink::Text);
        }
        y += pad;
        for (size_t k = card; k < card + 2; ++k) {
          v.cmds_[k].a = ImVec2(indent, lb.top);
          v.cmds_[k].b = ImVec2(indent + avail, y);
        }
        v.cmds_[card].size = std::round(s * 0.3f);  // rounding
        gap_after = std::round(s * 0.4f);
        break;
      }
    }
    if (b.quote_depth > 0) QuoteBars(b, lb.top, y + gap_after * 0.5f);
    lb.bottom = y;
    y += gap_after;
    lb.count = (uint32_t)v.cmds_.size() - lb.first;
    lb.hit_count = (uint32_t)v.hits_.size() - lb.first_hit;
    v.blocks_.push_back(lb);
  }
};

bool MarkdownView::NeedLayout(const MarkdownDocument& doc, float width, const MarkdownFonts& fonts) const {
  if (doc.Serial() != doc_serial_ || std::fabs(width - width_) > 0.25f ||
      laid_min_touch_px_ != min_touch_px_)
    return true;
  const ImFont* f[8] = {fonts.body, fonts.bold, fonts.italic, fonts.bold_italic,
                        fonts.heading[0], fonts.heading[1], fonts.heading[2], fonts.heading[3]};
  for (int i = 0; i < 8; ++i)
    if (font_ptrs_[i] != f[i] || (f[i] && font_sizes_[i] != f[i]->FontSize)) return true;
  return false;
}

void MarkdownView::DoLayout(const MarkdownDocument& doc, float width, const MarkdownFonts& fonts,
                            const MarkdownCallbacks& callbacks) {
  IM_ASSERT(fonts.body != nullptr);
  cmds_.clear();
  blocks_.clear();
  hits_.clear();
  heading_pos_.clear();
  MarkdownLayouter l{*this, doc, fonts, callbacks, std::max(width, 1.f), fonts.body->FontSize};
  for (size_t i = 0; i < doc.Blocks().size(); ++i) l.Block(i);
  height_ = blocks_.empty() ? 0.f : blocks_.back().bottom;  // no gap below the last block
  doc_serial_ = doc.Serial();
  width_ = width;
  laid_min_touch_px_ = min_touch_px_;
  ImFont* f[8] = {fonts.body, fonts.bold, fonts.italic, fonts.bold_italic,
                  fonts.heading[0], fonts.heading[1], fonts.heading[2], fonts.heading[3]};
  for (int i = 0; i < 8; ++i) {
    font_ptrs_[i] = f[i];
    font_sizes_[i] = f[i] ? f[i]->FontSize : 0.f;
  }
  ++layouts_;
  targets_.assign(hits_.size(), MarkdownTarget{});
}

float MarkdownView::Layout(const MarkdownDocument& doc, float width, const MarkdownFonts& fonts,
                           const MarkdownCallbacks& callbacks) {
  if (NeedLayout(doc, width, fonts)) DoLayout(doc, width, fonts, callbacks);
  return height_;
}

float MarkdownView::BlockY(int index) const {
  if (index < 0 || index >= (int)blocks_.size()) return 0.f;
  return blocks_[(size_t)index].top;
}

int MarkdownView::BlockAt(float y) const {
  auto it = std::upper_bound(blocks_.begin(), blocks_.end(), y,
                             [](float v, const LaidBlock& b) { return v < b.top; });
  return (int)(it - blocks_.begin()) - 1;
}

std::vector<MarkdownTextPiece> MarkdownView::TextPieces() const {
  std::vector<MarkdownTextPiece> out;
  for (const Cmd& c : cmds_)
    if (c.kind == Cmd::Kind::Text)
      out.push_back(MarkdownTextPiece{std::string_view(c.text, (size_t)(c.text_end - c.text)), c.a,
                                      c.size, c.font});
  return out;
}

// [SECTION] Drawing
float MarkdownView::Draw(const MarkdownDocument& doc, float width, const MarkdownFonts& fonts,
                         const MarkdownCallbacks& callbacks, const MarkdownColors& colors) {
  Layout(doc, width, fonts, callbacks);
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  ImDrawList* draw = window->DrawList;
  const ImVec2 origin = window->DC.CursorPos;
  const Palette& p = CurrentPalette();
  auto pick = [](ImU32 c, ImU32 fallback) { return c ? c : fallback; };
  const ImU32 ink[] = {
      pick(colors.text, p.text),        pick(colors.heading, p.text),
      pick(colors.link, p.primary),     pick(colors.muted, p.muted),
      pick(colors.italic_fallback, p.muted), pick(colors.card, p.surface),
      pick(colors.card_border, p.border),
  };
  const ImU32 highlight = colors.highlight ? colors.highlight : ((p.focus & 0x00FFFFFF) | 0x38000000);
  const ImRect clip = window->ClipRect;
  const float lo = clip.Min.y - origin.y, hi = clip.Max.y - origin.y;
  // Blocks are in order: the first whose bottom reaches the visible rect, then on.
  auto it = std::lower_bound(blocks_.begin(), blocks_.end(), lo,
                             [](const LaidBlock& b, float v) { return b.bottom < v; });
  drawn_blocks_ = 0;
  ImGui::PushID(this);
  for (; it != blocks_.end() && it->top <= hi; ++it) {
    ++drawn_blocks_;
    const int index = (int)(it - blocks_.begin());
    if (index >= highlight_first_ && index <= highlight_last_ && highlight_first_ >= 0) {
      const float pad = std::round(fonts.body->FontSize * 0.2f);
      draw->AddRectFilled(ImVec2(origin.x - pad, origin.y + it->top - pad),
                          ImVec2(origin.x + width + pad, origin.y + it->bottom + pad), highlight,
                          p.rounding * 0.3f);
    }
    for (uint32_t k = it->first; k < it->first + it->count; ++k) {
      const Cmd& c = cmds_[k];
      const ImVec2 a(origin.x + c.a.x, origin.y + c.a.y), b(origin.x + c.b.x, origin.y + c.b.y);
      const ImU32 col = ink[(int)c.ink];
      switch (c.kind) {
        case Cmd::Kind::Text: draw->AddText(c.font, c.size, a, col, c.text, c.text_end); break;
        case Cmd::Kind::Fill: draw->AddRectFilled(a, b, col, c.size); break;
        case Cmd::Kind::Frame: draw->AddRect(a, b, col, p.rounding * 0.5f, 0, c.size); break;
        case Cmd::Kind::Line: draw->AddLine(a, b, col, c.size); break;
        case Cmd::Kind::Image: {
          std::optional<MarkdownImageInfo> info;
          if (callbacks.image) info = callbacks.image(doc.Images()[(size_t)c.image].src);
          if (info && info->texture != ImTextureID{}) draw->AddImage(info->texture, a, b);
          else draw->AddRect(a, b, ink[(int)Ink::Muted], 0, 0, 2.f);
          break;
        }
      }
    }
    // Taps: ImGui's button behaviour (fires on release over the target; a drag that
    // TouchInput recognised never fires, see touch_input.hpp).
    for (uint32_t k = it->first_hit; k < it->first_hit + it->hit_count; ++k) {
      const Hit& h = hits_[k];
      const ImRect bb(ImVec2(origin.x + h.min.x, origin.y + h.min.y),
                      ImVec2(origin.x + h.max.x, origin.y + h.max.y));
      const ImGuiID id = window->GetID((int)k);
      if (!ImGui::ItemAdd(bb, id)) continue;
      bool hovered = false, held = false;
      if (ImGui::ButtonBehavior(bb, id, &hovered, &held)) {
        if (h.kind == MarkdownTarget::Kind::Link) {
          if (callbacks.on_link) callbacks.on_link(doc.Links()[(size_t)h.index].href);
        } else if (callbacks.on_image) {
          callbacks.on_image(doc.Images()[(size_t)h.index].src);
        }
      }
      if (held) draw->AddRectFilled(bb.Min, bb.Max, (p.surface_down & 0x00FFFFFF) | 0x60000000, p.rounding * 0.3f);
    }
  }
  ImGui::PopID();
  for (size_t k = 0; k < hits_.size(); ++k) {
    MarkdownTarget& t = targets_[k];
    t.kind = hits_[k].kind;
    t.index = hits_[k].index;
    t.min = ImVec2(origin.x + hits_[k].min.x, origin.y + hits_[k].min.y);
    t.max = ImVec2(origin.x + hits_[k].max.x, origin.y + hits_[k].max.y);
    t.visible = t.max.y > clip.Min.y && t.min.y < clip.Max.y;
  }
  window->DC.CursorPos = origin;
  ImGui::Dummy(ImVec2(width, height_));
  return height_;
}

}  // namespace touchui
