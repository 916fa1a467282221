// kiosk/app.hpp: the kiosk shell's state and screens: navigation, idle reset, attract
// loop, admin gesture and PIN, and the state dump for tests.
//
// The app never waits and never draws by itself: the main loop (shell.cpp) feeds it
// events, calls Update() whenever it wakes and Draw() only when FrameDue() says a frame
// is needed; NextWakeMs() says when that will next be, so an idle kiosk sleeps. One file
// per screen (screen_*.cpp) draws with ImGui from this state.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "admin_lock.hpp"
#include "log.hpp"
#include "settings.hpp"
#include "touch-ui/backend.hpp"
#include "touch-ui/clock.hpp"
#include "touch-ui/fonts.hpp"
#include "touch-ui/keyboard.hpp"
#include "touch-ui/strings.hpp"
#include "touch-ui/touch_input.hpp"
#include "touch-ui/touch_scroller.hpp"

namespace kiosk {

enum class Screen { Home, Procedures, Laws, Faq, News, Learn, Guide, Search, Attract, Pin, Admin, TouchTest };
const char* ScreenName(Screen screen);  // "home", "procedures", ... as in the state dump

enum class IdleState { Active, Countdown, Attract };

struct AppDeps {
  touchui::Backend* backend = nullptr;
  touchui::TouchInput* input = nullptr;
  const touchui::Clock* clock = nullptr;
  const touchui::Strings* strings = nullptr;
  touchui::FontSet* fonts = nullptr;
  Settings* settings = nullptr;
  Log* log = nullptr;
};

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

class KioskApp {
 public:
  explicit KioskApp(const AppDeps& deps);

  void Start(int64_t now_ms);
  // Physical keys, text, quit requests and pointer events; pointer events go on to
  // TouchInput unless the idle overlay or the attract loop takes them.
  void OnEvent(const touchui::InputEvent& event, int64_t now_ms);
  void Update(int64_t now_ms);       // timers; cheap, draws nothing
  void Draw(int64_t now_ms);         // one frame's UI, between NewFrame and EndFrame
  void AfterFrame(int64_t now_ms);
  bool FrameDue(int64_t now_ms) const;
  // Nothing queued and no follow-up frames owed to recent input (animations may run).
  bool Settled() const { return redraw_frames_ == 0 && !input_->HasPending(); }
  int64_t NextWakeMs(int64_t now_ms) const;  // kNever when nothing is scheduled

  bool QuitRequested() const { return quit_; }
  // Text size or contrast changed: the shell rebuilds fonts and theme between frames.
  bool TakeStyleChange();
  touchui::TextSize TextSizeNow() const { return text_size_; }
  bool HighContrastNow() const { return high_contrast_; }

  Screen CurrentScreen() const { return screen_; }
  bool KeyboardVisible() const { return screen_ == Screen::Search; }
  // Centre of an on-screen key or a named touch target ("pin:1", "home:search", ...) as
  // drawn in the last frame: scripts tap these by name.
  std::optional<ImVec2> KeyCenter(const std::string& id) const;
  nlohmann::json DumpState(int64_t frames, int64_t now_ms) const;

 private:
  // [SECTION] navigation and session (app.cpp)
  void Go(Screen screen);
  void ResetSession(int64_t now_ms);   // the next citizen sees nothing of the last
  bool SessionDirty() const;
  void RequestFrame(int frames = 2) { if (redraw_frames_ < frames) redraw_frames_ = frames; }
  void RequestFrameAt(int64_t at_ms) { if (at_ms < frame_at_) frame_at_ = at_ms; }
  const char* S(const char* key) const { return strings_->Get(key); }
  std::string Fill(const char* key, const std::string& name, const std::string& value) const;
  float Scale() const;                 // display height / 1080
  touchui::TouchScroller& ScrollerFor(Screen screen);

  // [SECTION] screens (screen_*.cpp)
  void DrawHeader(const char* title, bool show_back);
  void DrawHome(int64_t now_ms);
  void DrawSection(int64_t now_ms);
  void DrawGuide(int64_t now_ms);
  void DrawSearch(int64_t now_ms);
  void DrawAttract(int64_t now_ms);
  void DrawCountdown(int64_t now_ms);
  void DrawPin(int64_t now_ms);
  void DrawAdmin(int64_t now_ms);
  void DrawTouchTest(int64_t now_ms);
  void EnterAdmin();
  // A TouchButton that also records its rect under TARGET for scripts and the dump.
  bool Button(const char* target, const char* label, ImVec2 size, int kind, ImFont* font);
  void Target(const char* target);  // records the last item's rect
  void SubmitPin();

  AppDeps deps_;
  touchui::Backend* backend_;
  touchui::TouchInput* input_;
  const touchui::Clock* clock_;
  const touchui::Strings* strings_;
  touchui::FontSet* fonts_;
  Settings* settings_;
  Log* log_;

  Screen screen_ = Screen::Home;
  IdleState idle_ = IdleState::Active;
  int64_t last_input_ms_ = 0;
  int64_t countdown_end_ms_ = 0;
  int64_t attract_started_ms_ = 0;
  bool swallow_gesture_ = false;       // the touch that woke the screen: not passed on
  int redraw_frames_ = 2;
  int64_t frame_at_ = kNever;
  int64_t last_frame_ms_ = 0;
  bool quit_ = false;
  bool style_changed_ = false;
  touchui::TextSize text_size_;
  bool high_contrast_;
  int sessions_reset_ = 0;

  // Scroll positions, one per scrolling screen.
  touchui::TouchScroller home_scroll_, section_scroll_, guide_scroll_, search_scroll_,
      admin_scroll_;
  // Search.
  touchui::OnScreenKeyboard keyboard_;
  std::string searched_query_;
  bool searched_ = false;
  std::vector<nlohmann::json> results_;  // {id, type, title}; empty until packs are wired
  int64_t caret_epoch_ms_ = 0;           // the caret blinks for a while after typing
  // Admin.
  AdminLock admin_lock_;
  std::string pin_entry_;
  std::string pin_message_;
  int64_t corner_hold_from_ms_ = 0;
  std::string pack_summary_;
  std::vector<std::string> log_tail_;
  std::vector<ImVec2> touch_trail_;
  std::map<std::string, ImVec4> targets_;  // name -> rect, rebuilt every frame
};

}  // namespace kiosk
