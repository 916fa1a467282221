// touch-ui/markdown.hpp: a Markdown view for a touch screen (md4c).
//
// MarkdownDocument parses once (CommonMark + pipe tables, no raw HTML: it shows as text)
// into an immutable model of blocks with styled runs. MarkdownView lays a document out
// for a width and fonts, keeps that layout until one of them changes, and each frame
// emits only the blocks inside the current window's visible rect, so a long law costs a
// few draw calls per frame however long it is.
//
// On a narrow touch screen: headings h1..h4 (h5, h6 as h4); paragraphs; bold, italic
// (NotoSans-Italic when given, else a muted colour), code spans as plain text; bullet and
// ordered lists nested to any depth (indentation stops growing after a few levels); block
// quotes with a bar; thematic breaks; a pipe table as one card per row, each cell a line
// "Header: value"; links underlined in the link colour with a touch area at least a line
// tall and padded; images scaled down to the width. Words are never split across lines
// (text_layout.hpp's rule, except that a word wider than the whole width is broken after
// '-' or '/', else between graphemes, without shrinking the paragraph).
//
// Hostile input: invalid UTF-8 becomes U+FFFD before parsing; a document above
// kMaxMarkdownBytes is refused; deep nesting only costs indentation up to a cap.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "touch-ui/fonts.hpp"

namespace touchui {

constexpr size_t kMaxMarkdownBytes = 16u << 20;  // = 16 MiB: a whole legal code is ~2 MiB

// [SECTION] The model
enum MarkdownStyle : uint8_t {
  kMdBold = 1,
  kMdItalic = 2,
  kMdCode = 4,    // inline code and code blocks: drawn as plain text
  kMdStrike = 8,  // ~~struck~~ (drawn with a line through)
};

struct MarkdownRun {
  std::string text;   // UTF-8; '\n' is a hard line break
  uint8_t style = 0;  // MarkdownStyle bits
  int link = -1;      // index into MarkdownDocument::Links(), -1: not a link
};

struct MarkdownCell {
  std::vector<MarkdownRun> header;  // the column's header (may be empty)
  std::vector<MarkdownRun> value;
};

enum class MarkdownBlockKind { Heading, Paragraph, Code, Rule, Image, TableRow };

struct MarkdownBlock {
  MarkdownBlockKind kind = MarkdownBlockKind::Paragraph;
  int level = 0;              // Heading: 1..6
  int list_depth = 0;         // lists around it (0: none)
  int quote_depth = 0;        // block quotes around it
  std::string marker;         // first block of a list item: "•" or "3."; else empty
  std::vector<MarkdownRun> runs;     // Heading, Paragraph, Code
  int image = -1;                    // Image: index into MarkdownDocument::Images()
  std::vector<MarkdownCell> cells;   // TableRow: one body row of a table
};

struct MarkdownLink {
  std::string href;
  std::string title;
};

struct MarkdownImage {
  std::string src;
  std::string alt;  // its text, shown while there is no picture
};

class MarkdownDocument {
 public:
  MarkdownDocument();  // empty
  // Parses MARKDOWN (UTF-8; invalid bytes become U+FFFD). False with ERROR when the text
  // is larger than kMaxMarkdownBytes (the document is then empty).
  bool Parse(std::string_view markdown, std::string* error);
  // Convenience: a parsed document (an over-large text gives an empty one).
  static MarkdownDocument FromText(std::string_view markdown);
  // One paragraph of ready-made runs, no Markdown parsing (e.g. a search result's snippet
  // with the matches in bold: nothing in the text is taken as markup).
  static MarkdownDocument FromRuns(std::vector<MarkdownRun> runs);

  const std::vector<MarkdownBlock>& Blocks() const { return blocks_; }
  const std::vector<MarkdownLink>& Links() const { return links_; }
  const std::vector<MarkdownImage>& Images() const { return images_; }
  // Block indices of the headings, in order.
  const std::vector<int>& Headings() const { return headings_; }
  // The plain text of a block's runs (a heading's title for a table of contents).
  static std::string PlainText(const std::vector<MarkdownRun>& runs);
  // Changes with every Parse: a MarkdownView's cache notices a new document by it.
  uint64_t Serial() const { return serial_; }

 private:
  friend struct MarkdownBuilder;
  std::vector<MarkdownBlock> blocks_;
  std::vector<MarkdownLink> links_;
  std::vector<MarkdownImage> images_;
  std::vector<int> headings_;
  uint64_t serial_ = 0;
};

// [SECTION] The view
struct MarkdownFonts {
  ImFont* body = nullptr;         // required
  ImFont* bold = nullptr;         // null: body
  ImFont* italic = nullptr;       // null: body in MarkdownColors::italic_fallback
  ImFont* bold_italic = nullptr;  // null: bold
  ImFont* heading[4] = {};        // h1..h4 (h5, h6 use h4); null: the one above, else bold
  // The kiosk's fonts: h1 title, h2 heading, h3 and h4 bold body.
  static MarkdownFonts From(const FontSet& fonts);
};

// Colours; zero fields take the current theme's (theme.hpp) at draw time.
struct MarkdownColors {
  ImU32 text = 0;             // = Palette::text
  ImU32 heading = 0;          // = Palette::text
  ImU32 link = 0;             // = Palette::primary
  ImU32 muted = 0;            // = Palette::muted: quote bars, rules, image placeholders
  ImU32 italic_fallback = 0;  // = Palette::muted
  ImU32 card = 0;             // = Palette::surface: table-row cards, code blocks
  ImU32 card_border = 0;      // = Palette::border
  ImU32 highlight = 0;        // = Palette::focus at 22 % opacity: SetHighlight's blocks
};

struct MarkdownImageInfo {
  ImTextureID texture{};      // may be 0 at layout (only the size is needed then)
  int width = 0, height = 0;  // pixels; the picture is drawn at most this large. The
                              // header's size (ReadImageSize) will do: a downscaled
                              // texture keeps the aspect ratio.
};

struct MarkdownCallbacks {
  // A link was tapped: its href exactly as written (the kiosk resolves DOC_ID#ANCHOR).
  std::function<void(const std::string& href)> on_link;
  // The picture for SRC, or nothing (then the alt text shows in a frame). Called for
  // every image at layout (for its size: decoding every picture of a long document
  // there would be slow, ReadImageSize is enough) and for each visible image every
  // frame (for its texture, which may have been evicted from a cache and uploaded again).
  std::function<std::optional<MarkdownImageInfo>(const std::string& src)> image;
  // An image was tapped (e.g. open the zoom view of a form).
  std::function<void(const std::string& src)> on_image;
};

// A touch target of the last Draw: a link (one rect per line it spans) or an image.
struct MarkdownTarget {
  enum class Kind { Link, Image } kind = Kind::Link;
  int index = 0;   // into Links() or Images()
  ImVec2 min, max; // screen pixels at the last Draw (may lie outside the visible rect)
  bool visible = false;  // inside the window's visible rect at the last Draw
};

// A piece of text the layout draws: a word, or the part of one in one style.
struct MarkdownTextPiece {
  std::string_view text;  // into the document
  ImVec2 pos;             // top-left, from the view's top-left, in pixels
  float size = 0;         // font size
  ImFont* font = nullptr;
};

struct MarkdownHeadingPos {
  int block = 0;   // index into Blocks()
  int level = 1;
  float y = 0;     // from the top of the view, in pixels (for anchors / jump to)
};

class MarkdownView {
 public:
  // Draws DOC at the ImGui cursor into the current window, WIDTH wide; advances the
  // cursor by the height, which it returns. Layout is redone only when the document,
  // the width, the fonts (or their sizes) or the min touch height change.
  float Draw(const MarkdownDocument& doc, float width, const MarkdownFonts& fonts,
             const MarkdownCallbacks& callbacks, const MarkdownColors& colors = {});
  // Lays out without drawing (needs no frame): the height Draw would use.
  float Layout(const MarkdownDocument& doc, float width, const MarkdownFonts& fonts,
               const MarkdownCallbacks& callbacks);
  // Touch targets (links: at least MinTouchPx tall) of the last Draw.
  const std::vector<MarkdownTarget>& Targets() const { return targets_; }
  const std::vector<MarkdownHeadingPos>& Headings() const { return heading_pos_; }
  // Top of block INDEX from the view's top (0 for an index out of range), and the block
  // at Y (the last one starting at or above it; -1 before the first or when empty): for
  // a deep link to a clause, and for "which unit is at the top of the reader".
  float BlockY(int index) const;
  int BlockAt(float y) const;
  // Marks blocks [FIRST, LAST] with a tinted background (a deep link's target); -1: none.
  void SetHighlight(int first, int last) { highlight_first_ = first; highlight_last_ = last; }
  float Height() const { return height_; }
  // How many blocks the last Draw emitted (the rest was outside the visible rect).
  int DrawnBlocks() const { return drawn_blocks_; }
  int Layouts() const { return layouts_; }  // layouts done so far (cache misses)
  // Every piece of text of the current layout, in reading order (tests, text dumps).
  std::vector<MarkdownTextPiece> TextPieces() const;
  // A link's touch area is at least this tall (= 0: the line height). E.g. 12 mm.
  void SetMinTouchPx(float px) { min_touch_px_ = px; }
  void Invalidate() { doc_serial_ = 0; }

 private:
  // Colours are roles, resolved at draw time (a theme switch needs no new layout).
  enum class Ink : uint8_t { Text, Heading, Link, Muted, Italic, Card, CardBorder };
  struct Cmd {  // one draw call of the layout, in content coordinates
    enum class Kind : uint8_t { Text, Fill, Frame, Line, Image } kind = Kind::Text;
    Ink ink = Ink::Text;
    ImFont* font = nullptr;  // Text
    float size = 0;          // Text: font size; Line/Frame: thickness; Fill: rounding
    ImVec2 a, b;             // Text: position; Fill/Frame/Image: corners; Line: ends
    const char* text = nullptr;  // Text: into the document's runs (immutable)
    const char* text_end = nullptr;
    int image = -1;          // Image: index into Images()
  };
  struct LaidBlock {
    float top = 0, bottom = 0;
    uint32_t first = 0, count = 0;  // its commands
    uint32_t first_hit = 0, hit_count = 0;
  };
  struct Hit {  // a touch target in content coordinates
    MarkdownTarget::Kind kind = MarkdownTarget::Kind::Link;
    int index = 0;
    ImVec2 min, max;
  };
  friend struct MarkdownLayouter;
  bool NeedLayout(const MarkdownDocument& doc, float width, const MarkdownFonts& fonts) const;
  void DoLayout(const MarkdownDocument& doc, float width, const MarkdownFonts& fonts,
                const MarkdownCallbacks& callbacks);

  uint64_t doc_serial_ = 0;
  float width_ = -1;
  float font_sizes_[8] = {};      // body, bold, italic, bold_italic, h1..h4
  const void* font_ptrs_[8] = {};
  float min_touch_px_ = 0, laid_min_touch_px_ = -1;
  float height_ = 0;
  int drawn_blocks_ = 0;
  int highlight_first_ = -1, highlight_last_ = -1;
  int layouts_ = 0;
  std::vector<Cmd> cmds_;
  std::vector<LaidBlock> blocks_;
  std::vector<Hit> hits_;
  std::vector<MarkdownTarget> targets_;
  std::vector<MarkdownHeadingPos> heading_pos_;
};

}  // namespace touchui
