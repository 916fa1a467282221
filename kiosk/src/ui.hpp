// kiosk/ui.hpp: the context a screen draws with, and the pieces every screen shares.
//
// [SECTION] Ui: strings, fonts, settings, content, input, navigation, frame requests
// [SECTION] Touch targets: named rects that scripts tap and the dump lists
// [SECTION] Shared pieces: the header with back and home, buttons, list rows, sections
//
// Layout rules that hold on every screen (landscape 1920x1080 and 1280x800, portrait
// 1080x1920, every text size): sizes come from Scale() (the shorter display side / 1080)
// and from the fonts, never from fixed pixels alone; anything that may not fit in a row
// wraps at spaces (never inside a syllable) or moves to the next row.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include <imgui.h>

#include "admin_lock.hpp"
#include "log.hpp"
#include "screen.hpp"
#include "settings.hpp"
#include "touch-ui/backend.hpp"
#include "content-pack/model.hpp"
#include "touch-ui/clock.hpp"
#include "touch-ui/image.hpp"
#include "touch-ui/markdown.hpp"
#include "touch-ui/fonts.hpp"
#include "touch-ui/strings.hpp"
#include "touch-ui/theme.hpp"
#include "touch-ui/touch_input.hpp"
#include "touch-ui/touch_scroller.hpp"
#include "touch-ui/widgets.hpp"

namespace kiosk {

class ContentService;
namespace speech { class Speech; }

// The shorter display side / 1080: a portrait 1080x1920 panel shows text at the size a
// landscape 1920x1080 one does; 1280x800 a little smaller (body text 22 px, never < 20).
inline float UiScale(const touchui::Backend& backend) {
  const int side = backend.Width() < backend.Height() ? backend.Width() : backend.Height();
  return (float)side / 1080.f;
}

// The citizen's choices for this session (reset with it).
struct SessionStyle {
  touchui::TextSize text_size = touchui::TextSize::Normal;
  bool high_contrast = false;
  bool changed = false;  // the shell rebuilds fonts and theme before the next frame
};

struct TargetRect {
  ImVec4 rect;                               // x0, y0, x1, y1 in screen pixels
  touchui::TouchScroller* scroller = nullptr;// the scroller it lives in, if any
  float local_top = 0, local_bottom = 0;     // in the scroller's content coordinates
  ImVec4 clip{0, 0, 0, 0};                   // the scroller's visible rect
};

class Ui {
 public:
  struct Deps {
    const touchui::Strings* strings = nullptr;
    touchui::FontSet* fonts = nullptr;
    const Settings* settings = nullptr;
    ContentService* content = nullptr;
    touchui::TouchInput* input = nullptr;
    touchui::Backend* backend = nullptr;
    const touchui::Clock* clock = nullptr;
    Navigator* nav = nullptr;
    Log* log = nullptr;
    SessionStyle* style = nullptr;
    AdminLock* admin_lock = nullptr;          // the PIN pad's lock (pin and admin screens)
    std::function<void()> request_quit;       // the admin screen's exit (allow_exit)
    touchui::TextureCache* textures = nullptr; // pictures from the pack (forms, articles)
    speech::Speech* speech = nullptr;         // reading aloud (screens/speak_button.hpp); may be null
  };
  explicit Ui(const Deps& deps) : d_(deps) {}

  // [SECTION] Ui
  const char* S(const char* key) const { return d_.strings->Get(key); }
  const touchui::Strings& Strings() const { return *d_.strings; }
  std::string Fill(const char* key, const std::string& name, const std::string& value) const;
  // Several slots: Fill("quiz.score", {{"score", "7"}, {"total", "15"}}).
  std::string Fill(const char* key, std::initializer_list<std::pair<std::string, std::string>> values) const;
  const touchui::FontSet& Fonts() const { return *d_.fonts; }
  const touchui::Palette& P() const { return touchui::CurrentPalette(); }
  const Settings& Config() const { return *d_.settings; }
  ContentService& Content() const { return *d_.content; }
  touchui::TouchInput& Input() const { return *d_.input; }
  touchui::Backend& Backend() const { return *d_.backend; }
  const touchui::Clock& Clock() const { return *d_.clock; }
  Navigator& Nav() const { return *d_.nav; }
  Log& Logger() const { return *d_.log; }
  SessionStyle& Style() const { return *d_.style; }
  AdminLock& Lock() const { return *d_.admin_lock; }
  void RequestQuit() const { if (d_.request_quit) d_.request_quit(); }
  speech::Speech* Speaker() const { return d_.speech; }  // null: no reading aloud
  // "Dừng đọc" scrolled out of its page this frame (speak_button.hpp): the page then
  // floats a copy at the bottom of the screen (FloatingSpeakStop) so it stays in reach.
  void SetSpeakStopHidden(bool hidden) { speak_stop_hidden_ = hidden; }
  bool SpeakStopHidden() const { return speak_stop_hidden_; }
  bool TakeSpeakStopHidden() { const bool h = speak_stop_hidden_; speak_stop_hidden_ = false; return h; }
  // The pack's image IMAGE_ID as a texture (decoded once, kept in a cache of fixed size),
  // or null when it is missing or does not decode (logged once).
  const touchui::Texture* PackImage(int64_t image_id);
  // A Markdown body's links and pictures, resolved against the pack: an item id (or
  // DOC_ID#ANCHOR) opens that item, an image path or id shows the picture; external links
  // do nothing on a kiosk (there is no browser).
  touchui::MarkdownCallbacks MarkdownLinks(const std::vector<pack::ItemLink>& links);
  // A Markdown view's links as touch targets link:N (N: the link's index in the document;
  // the first line of a link that spans lines), so scripts can follow them.
  void MarkdownTargets(const touchui::MarkdownView& view);
  float Scale() const { return UiScale(*d_.backend); }
  ImVec2 Display() const { return ImGui::GetIO().DisplaySize; }
  bool Portrait() const { return Display().y > Display().x; }
  float Margin() const;                  // the page's side margin
  // Another frame soon (N frames), or at AT_MS.
  void RequestFrame(int frames = 2) { if (redraw_frames_ < frames) redraw_frames_ = frames; }
  void RequestFrameAt(int64_t at_ms) { if (at_ms < frame_at_) frame_at_ = at_ms; }

  // [SECTION] Touch targets
  void Target(const std::string& name);  // the last ImGui item's rect
  void TargetRectNow(const std::string& name, ImVec2 a, ImVec2 b);
  const std::map<std::string, TargetRect>& Targets() const { return targets_; }
  // A scroller's child window: targets recorded inside know where they are in it.
  void BeginScroll(touchui::TouchScroller& scroller, const char* id, ImVec2 size);
  void EndScroll();

  // [SECTION] Shared pieces
  // The top bar: back (nav:back) and home (nav:home) on the left unless HOME_SCREEN, the
  // title after them (wrapped at spaces; a long title gets a second line). Returns the y
  // where the page starts.
  float Header(const char* title, bool home_screen = false);
  // The width of a header button labelled LABEL (at least 12 mm-ish, the label and air).
  float HeaderButtonWidth(const std::string& label) const;
  // A finger-sized button that also records its rect as TARGET.
  bool Button(const std::string& target, const char* label, ImVec2 size,
              touchui::ButtonKind kind, ImFont* font);
  // A full-width list row at the cursor: TITLE (bold, wrapped), then up to two quieter
  // lines; a badge on the right when BADGE is set. Records TARGET; true when tapped.
  bool ListRow(const std::string& target, const std::string& title, const std::string& line1,
               const std::string& line2 = {}, const std::string& badge = {},
               ImU32 badge_color = 0, float width = 0);
  // A section heading inside a page (e.g. "Thành phần hồ sơ").
  void SectionHeading(const char* text);
  // A card of label: value rows (label beside the value on a wide screen, above it on a
  // narrow one). Empty values are left out.
  void Facts(const std::vector<std::pair<std::string, std::string>>& rows);
  // Wrapped text at the cursor within the page margins.
  void Text(const std::string& text, ImFont* font, ImU32 color);
  // A page-wide row of buttons that wraps to a new row when the next one does not fit.
  // Each entry: target, label, kind. Returns the index pressed or -1.
  struct RowButton { std::string target; std::string label; touchui::ButtonKind kind; };
  int ButtonRow(const std::vector<RowButton>& buttons, float min_width);

  // Per frame (the app calls these).
  void BeginFrame() { targets_.clear(); frame_at_ = INT64_MAX; }
  int TakeRedrawFrames() { int n = redraw_frames_; redraw_frames_ = 0; return n; }
  int64_t FrameAt() const { return frame_at_; }

 private:
  bool speak_stop_hidden_ = false;
  Deps d_;
  std::map<std::string, TargetRect> targets_;
  touchui::TouchScroller* scroller_ = nullptr;
  int redraw_frames_ = 0;
  int64_t frame_at_ = INT64_MAX;
};

// Text wrapped at spaces (a word never splits unless it alone is wider than WIDTH) at
// screen POS, with MARKS (byte ranges [begin, end)) on a marker background. Returns the
// height; draws only when DRAW is set (else it measures).
struct TextMark { uint32_t begin = 0, end = 0; };
float MarkedText(ImDrawList* draw, ImFont* font, ImVec2 pos, float width, const std::string& text,
                 const std::vector<TextMark>& marks, ImU32 color, ImU32 mark_color, bool do_draw);

// Height of TEXT in FONT wrapped to WIDTH (ImGui wraps at spaces; see widgets.hpp).
float TextHeight(ImFont* font, const std::string& text, float width);
// A date as people in Vietnam write it: "2026-08-05" -> "05/08/2026" (anything that is
// not YYYY-MM-DD comes back unchanged).
std::string ShowDate(const std::string& iso);

// Where an item opens (a document at ANCHOR).
Route RouteForItem(const pack::ItemSummary& item, const std::string& anchor = {});

// Typed item names for people: "Thủ tục", "Văn bản", ... (strings file).
const char* ItemTypeLabel(const Ui& ui, const std::string& type);

}  // namespace kiosk
