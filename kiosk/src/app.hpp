// kiosk/app.hpp: the kiosk's session: the route stack of screens, the idle timeline,
// the attract loop, the admin gesture, and the state dump for tests.
//
// The app never waits and never draws by itself: the main loop (shell.cpp) feeds it
// events, calls Update() whenever it wakes and Draw() only when FrameDue() says a frame
// is needed; NextWakeMs() says when that will next be, so an idle kiosk sleeps. Each
// screen is its own object (screen.hpp, screens/*.cpp) drawn with ImGui through a Ui
// context (ui.hpp).
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "admin_lock.hpp"
#include "content.hpp"
#include "log.hpp"
#include "screen.hpp"
#include "settings.hpp"
#include "speech/speech.hpp"
#include "touch-ui/backend.hpp"
#include "touch-ui/clock.hpp"
#include "touch-ui/fonts.hpp"
#include "touch-ui/strings.hpp"
#include "touch-ui/touch_input.hpp"
#include "ui.hpp"

namespace kiosk {

enum class IdleState { Active, Countdown, Attract };

struct AppDeps {
  touchui::Backend* backend = nullptr;
  touchui::TouchInput* input = nullptr;
  const touchui::Clock* clock = nullptr;
  const touchui::Strings* strings = nullptr;
  touchui::FontSet* fonts = nullptr;
  Settings* settings = nullptr;
  ContentService* content = nullptr;
  AdminLock* admin_lock = nullptr;
  Log* log = nullptr;
};

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

class KioskApp final : public Navigator {
 public:
  explicit KioskApp(const AppDeps& deps);
  ~KioskApp() override;

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

  // The top screen waits for work outside the frame (a kiosk-sync child): scripts let
  // real time pass while it runs (script.cpp).
  bool BackgroundBusy() const { return idle_ != IdleState::Attract && Top() && Top()->Busy(); }
  bool QuitRequested() const { return quit_; }
  void RequestQuit() { quit_ = true; }
  // Text size or contrast changed: the shell rebuilds fonts and theme between frames.
  bool TakeStyleChange();
  touchui::TextSize TextSizeNow() const { return style_.text_size; }
  bool HighContrastNow() const { return style_.high_contrast; }

  std::string CurrentScreenName() const;
  double TakeSearchMs() { return content_->TakeSearchMs(); }
  // Centre of an on-screen key or a named touch target ("pin:1", "home:search", ...) as
  // drawn in the last frame: scripts tap these by name.
  std::optional<ImVec2> KeyCenter(const std::string& id) const;
  // A target drawn inside a scroller but off screen: scrolls it into view (as a finger
  // would) and returns true; the caller draws frames and asks KeyCenter again.
  bool RevealTarget(const std::string& id);
  nlohmann::json DumpState(int64_t frames, int64_t now_ms) const;

  // Navigator: screens call these; they take effect after the frame.
  void Push(Route route) override;
  void Back() override;
  void Home() override;
  void Replace(Route route) override;

 private:
  struct Entry {
    Route route;
    std::unique_ptr<Screen> screen;
  };
  enum class NavOp { None, Push, Back, Home, Replace };

  void ApplyNavigation();
  // The next citizen sees nothing of the last. IDLE: the idle timer's reset (counted in
  // the dump's sessions_reset); else the technician left the admin screen.
  void ResetSession(int64_t now_ms, bool idle);
  bool SessionDirty() const;
  Route HomeRoute() const;             // home, or maintenance when no pack opens
  Screen* Top() const { return stack_.empty() ? nullptr : stack_.back().screen.get(); }
  const Route& TopRoute() const { return stack_.back().route; }
  void RequestFrame(int frames = 2) { if (redraw_frames_ < frames) redraw_frames_ = frames; }
  void RequestFrameAt(int64_t at_ms) { if (at_ms < frame_at_) frame_at_ = at_ms; }
  float Scale() const { return UiScale(*backend_); }
  void DrawAttract(int64_t now_ms);    // idle_overlays.cpp
  void DrawCountdown(int64_t now_ms);
  // The attract loop's slides: the pack's announcements current today (the commune's
  // date), else the strings file's slides (id empty).
  struct Slide { std::string id, title, text; int64_t image = 0; };
  std::vector<Slide> AttractSlides() const;
  void StopSpeech(const char* why);

  AppDeps deps_;
  touchui::Backend* backend_;
  touchui::TouchInput* input_;
  const touchui::Clock* clock_;
  const touchui::Strings* strings_;
  Settings* settings_;
  ContentService* content_;
  Log* log_;
  SessionStyle style_;
  touchui::TextureCache textures_;     // the pack's pictures on the GPU, within a budget
  std::unique_ptr<speech::Speech> speech_;  // reading aloud; stopped at every navigation
  bool speaking_shown_ = false;        // Speaking() as last drawn: a change redraws
  bool speech_logged_ = false;         // its probe's outcome is in the journal
  Ui ui_;

  std::vector<Entry> stack_;
  NavOp pending_ = NavOp::None;
  Route pending_route_;

  IdleState idle_ = IdleState::Active;
  int64_t last_input_ms_ = 0;         // the idle timeline's start: a touch, or reading aloud
  int64_t last_touch_ms_ = 0;         // the last touch or key only
  int64_t countdown_end_ms_ = 0;
  int64_t attract_started_ms_ = 0;
  int64_t next_pack_check_ms_ = 0;     // on the maintenance screen: look for a pack again
  bool swallow_gesture_ = false;       // the touch that woke the screen: not passed on
  int redraw_frames_ = 2;
  int64_t frame_at_ = kNever;
  int64_t last_frame_ms_ = 0;
  bool quit_ = false;
  int sessions_reset_ = 0;
  std::map<std::string, TargetRect> last_targets_;  // of the last frame drawn
};

}  // namespace kiosk
