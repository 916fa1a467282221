// kiosk/app.cpp: the route stack, the idle timeline, events and the state dump (app.hpp).
//
// Idle timeline, measured from the last touch:
//   idle_reset_seconds  if the session is "dirty" (anything but a clean home screen),
//                       the countdown overlay appears for countdown_seconds, then
//                       ResetSession() replaces the route stack with a new home screen;
//   attract_seconds     on a clean home screen the attract loop starts.
// A touch during the countdown or the attract loop only wakes the kiosk: that whole
// gesture is swallowed so it cannot press what lies under the finger.
// A pack that kiosk-sync installed meanwhile is switched to at the reset, never while a
// citizen reads.
#include "app.hpp"

#include <algorithm>


#include "touch-ui/theme.hpp"

namespace kiosk {
namespace {
constexpr int64_t kFrameMs = 16;             // at most ~60 frames a second, also in virtual time
constexpr int64_t kMaintenanceRetryMs = 30000;  // no pack: look again this often
constexpr size_t kMaxStackDepth = 64;        // links can chain; the oldest steps are dropped
constexpr int64_t kSpeechPollMs = 250;       // while reading aloud: notice its end this soon
// Reading aloud holds the idle timeline off (the citizen is listening), at most this long
// after the last touch: a kiosk left reading a whole law still resets.
constexpr int64_t kSpeechHoldMs = 15 * 60 * 1000;
}  // namespace

nlohmann::json Route::ToJson() const {
  nlohmann::json j = {{"screen", screen}, {"item", item}, {"anchor", anchor}};
  if (!field.empty()) j["field"] = field;
  return j;
}

KioskApp::KioskApp(const AppDeps& deps)
    : deps_(deps), backend_(deps.backend), input_(deps.input), clock_(deps.clock),
      strings_(deps.strings), settings_(deps.settings), content_(deps.content), log_(deps.log),
      textures_(*deps.backend, 48u << 20),
      speech_(std::make_unique<speech::Speech>()),
      ui_([&] {
        Ui::Deps d;
        d.strings = deps.strings;
        d.fonts = deps.fonts;
        d.settings = deps.settings;
        d.content = deps.content;
        d.input = deps.input;
        d.backend = deps.backend;
        d.clock = deps.clock;
        d.nav = this;
        d.log = deps.log;
        d.style = &style_;
        d.admin_lock = deps.admin_lock;
        d.request_quit = [this] { quit_ = true; };
        d.textures = &textures_;
        d.speech = speech_.get();
        return d;
      }()) {
  style_.text_size = settings_->text_size;
  style_.high_contrast = settings_->high_contrast;
}

KioskApp::~KioskApp() = default;

void KioskApp::Start(int64_t now_ms) {
  last_input_ms_ = last_touch_ms_ = now_ms;
  const Route home = HomeRoute();
  stack_.clear();
  stack_.push_back({home, MakeScreen(home)});
  next_pack_check_ms_ = now_ms + kMaintenanceRetryMs;
  RequestFrame(3);
}

Route KioskApp::HomeRoute() const {
  return Route{content_->HasPack() ? "home" : "maintenance", "", "", ""};
}

std::string KioskApp::CurrentScreenName() const {
  if (idle_ == IdleState::Attract) return "attract";
  return stack_.empty() ? "home" : TopRoute().screen;
}

// [SECTION] navigation

void KioskApp::Push(Route route) { pending_ = NavOp::Push; pending_route_ = std::move(route); }
void KioskApp::Back() { pending_ = NavOp::Back; }
void KioskApp::Home() { pending_ = NavOp::Home; }
void KioskApp::Replace(Route route) { pending_ = NavOp::Replace; pending_route_ = std::move(route); }

void KioskApp::StopSpeech(const char* why) {
  if (!speech_->Speaking()) return;
  speech_->Stop();
  log_->Info(std::string("read aloud: stopped by ") + why);
}

void KioskApp::ApplyNavigation() {
  const NavOp op = pending_;
  pending_ = NavOp::None;
  if (op != NavOp::None) StopSpeech("navigation");  // what was read belongs to the screen left
  // Leaving the admin screen (back or home) ends the technician's session as an idle
  // reset does: a fresh home, the settings' text size and contrast, a pack kiosk-sync
  // installed meanwhile switched to. Nothing of it reaches the next citizen.
  if ((op == NavOp::Back || op == NavOp::Home) && !stack_.empty() && TopRoute().screen == "admin") {
    ResetSession(last_frame_ms_, false);
    return;
  }
  switch (op) {
    case NavOp::None: return;
    case NavOp::Push:
      if (stack_.size() >= kMaxStackDepth) stack_.erase(stack_.begin() + 1);
      stack_.push_back({pending_route_, MakeScreen(pending_route_)});
      break;
    case NavOp::Replace:
      stack_.back() = {pending_route_, MakeScreen(pending_route_)};
      break;
    case NavOp::Back:
      if (stack_.size() > 1) stack_.pop_back();
      break;
    case NavOp::Home: {
      stack_.clear();
      const Route home = HomeRoute();
      stack_.push_back({home, MakeScreen(home)});
      break;
    }
  }
  input_->Cancel();  // the finger that navigated presses nothing on the new screen
  RequestFrame(3);
}

bool KioskApp::SessionDirty() const {
  return stack_.size() > 1 || (Top() && Top()->Dirty()) || style_.text_size != settings_->text_size ||
         style_.high_contrast != settings_->high_contrast;
}

void KioskApp::ResetSession(int64_t now_ms, bool idle) {
  (void)now_ms;
  idle_ = IdleState::Active;
  StopSpeech(idle ? "the idle reset" : "leaving the admin screen");
  if (content_->SwitchIfChanged())
    log_->Info("idle reset: now showing pack " + content_->Path());
  stack_.clear();
  pending_ = NavOp::None;
  const Route home = HomeRoute();
  stack_.push_back({home, MakeScreen(home)});
  if (style_.text_size != settings_->text_size || style_.high_contrast != settings_->high_contrast) {
    style_.text_size = settings_->text_size;
    style_.high_contrast = settings_->high_contrast;
    style_.changed = true;
  }
  input_->Reset();
  swallow_gesture_ = false;
  if (idle) ++sessions_reset_;
  log_->Info(idle ? "idle reset: session cleared, back to home" : "admin screen left: session cleared, back to home");
  RequestFrame(3);
}

bool KioskApp::TakeStyleChange() {
  const bool changed = style_.changed;
  style_.changed = false;
  return changed;
}

// [SECTION] events and timers

void KioskApp::OnEvent(const touchui::InputEvent& event, int64_t now_ms) {
  using K = touchui::InputEvent::Kind;
  switch (event.kind) {
    case K::Terminate:
      log_->Info("terminating on signal");
      quit_ = true;
      return;
    case K::QuitRequest:
      if (settings_->allow_exit) {
        log_->Info("quit requested and allowed (allow_exit = true)");
        quit_ = true;
      } else {
        log_->Info("quit request ignored: the kiosk is locked (allow_exit = false)");
      }
      return;
    case K::Redraw:
      RequestFrame(2);
      return;
    case K::Key:
    case K::Text:
      last_input_ms_ = last_touch_ms_ = now_ms;
      if (idle_ != IdleState::Active) {
        idle_ = IdleState::Active;
      } else if (Top() && Top()->WantsKeys()) {
        Top()->OnKey(event, now_ms);
        ApplyNavigation();
      }
      RequestFrame(2);
      return;
    case K::Wheel:
    case K::PointerDown:
    case K::PointerMove:
    case K::PointerUp:
      break;
  }
  const bool hover_only = event.kind == K::PointerMove && !input_->IsDown() &&
                          event.source == touchui::PointerSource::Mouse && !swallow_gesture_;
  if (!hover_only) last_input_ms_ = last_touch_ms_ = now_ms;
  if (event.kind == K::PointerDown && idle_ != IdleState::Active) {
    // This touch only wakes the kiosk.
    if (idle_ == IdleState::Attract) log_->Info("attract loop left on touch");
    idle_ = IdleState::Active;
    swallow_gesture_ = true;
    RequestFrame(3);
    return;
  }
  if (swallow_gesture_) {
    if (event.kind == K::PointerUp) swallow_gesture_ = false;
    return;
  }
  input_->Push(event, now_ms);
  RequestFrame(hover_only ? 1 : 2);
}

void KioskApp::Update(int64_t now_ms) {
  if (input_->IsDown()) last_input_ms_ = last_touch_ms_ = std::max(last_input_ms_, now_ms);  // a resting finger is a citizen
  // Reading aloud: the idle timeline counts from the reading's end (kSpeechHoldMs).
  if (idle_ == IdleState::Active && speech_->Speaking() && now_ms - last_touch_ms_ < kSpeechHoldMs)
    last_input_ms_ = std::max(last_input_ms_, now_ms);

  // The hidden admin gesture: hold the top-left corner (works on every screen, the
  // maintenance screen included).
  const float corner = 80.f * std::max(1.f, Scale());
  const bool in_corner = input_->IsDown() && !input_->IsDragging() && !input_->IsCancelled() &&
                         input_->DownPos().x < corner && input_->DownPos().y < corner;
  const std::string top = CurrentScreenName();
  if (in_corner && idle_ == IdleState::Active && top != "pin" && top != "admin" && top != "touch_test" &&
      input_->HeldMs(now_ms) >= settings_->admin_hold_seconds * 1000LL) {
    log_->Info("admin gesture: PIN pad opened");
    input_->Cancel();
    Push(Route{"pin", "", "", ""});
    ApplyNavigation();
  }

  // No pack: look for one now and then; nobody is reading, so switching is safe.
  if (!content_->HasPack() && now_ms >= next_pack_check_ms_) {
    next_pack_check_ms_ = now_ms + kMaintenanceRetryMs;
    if (content_->SwitchIfChanged() && top == "maintenance") {
      Home();
      ApplyNavigation();
    }
  }

  const int64_t since = now_ms - last_input_ms_;
  if (idle_ == IdleState::Active) {
    if (SessionDirty() && since >= settings_->idle_reset_seconds * 1000LL) {
      idle_ = IdleState::Countdown;
      countdown_end_ms_ = last_input_ms_ + settings_->idle_reset_seconds * 1000LL +
                          settings_->countdown_seconds * 1000LL;
      input_->Cancel();
      RequestFrame(2);
    } else if (!SessionDirty() && settings_->attract_seconds > 0 && top == "home" &&
               since >= settings_->attract_seconds * 1000LL) {
      idle_ = IdleState::Attract;
      attract_started_ms_ = now_ms;
      log_->Info("attract loop started");
      RequestFrame(2);
    }
  }
  if (idle_ == IdleState::Countdown && now_ms >= countdown_end_ms_) ResetSession(now_ms, true);
  if (!speech_logged_ && speech_->Ready()) {  // the probe runs beside the first frames
    speech_logged_ = true;
    log_->Info(speech_->Describe());
  }
  // Reading aloud ended (or began) since the last frame: "Dừng đọc" becomes "Nghe đọc".
  if (speech_->Speaking() != speaking_shown_) {
    speaking_shown_ = speech_->Speaking();
    RequestFrame(2);
  }
}

bool KioskApp::FrameDue(int64_t now_ms) const {
  if (now_ms < last_frame_ms_ + kFrameMs) return false;
  return redraw_frames_ > 0 || input_->HasPending() || frame_at_ <= now_ms;
}

int64_t KioskApp::NextWakeMs(int64_t now_ms) const {
  int64_t wake = kNever;
  if (redraw_frames_ > 0 || input_->HasPending()) wake = now_ms;
  wake = std::min<int64_t>(wake, frame_at_);
  if (wake != kNever) wake = std::max(wake, last_frame_ms_ + kFrameMs);
  if (idle_ == IdleState::Active) {
    if (SessionDirty())
      wake = std::min<int64_t>(wake, last_input_ms_ + settings_->idle_reset_seconds * 1000LL);
    else if (settings_->attract_seconds > 0 && CurrentScreenName() == "home")
      wake = std::min<int64_t>(wake, last_input_ms_ + settings_->attract_seconds * 1000LL);
  } else if (idle_ == IdleState::Countdown) {
    wake = std::min<int64_t>(wake, countdown_end_ms_);
  }
  if (!content_->HasPack()) wake = std::min<int64_t>(wake, next_pack_check_ms_);
  if (speaking_shown_) wake = std::min<int64_t>(wake, now_ms + kSpeechPollMs);
  if (input_->IsDown() && !input_->IsDragging() && !input_->IsCancelled())
    wake = std::min<int64_t>(wake, input_->DownAtMs() + settings_->admin_hold_seconds * 1000LL);
  return wake;
}

void KioskApp::AfterFrame(int64_t now_ms) {
  last_frame_ms_ = now_ms;
  if (redraw_frames_ > 0) --redraw_frames_;
}

void KioskApp::Draw(int64_t now_ms) {
  frame_at_ = kNever;
  ui_.BeginFrame();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(display);
  ImGui::Begin("##kiosk", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse);
  if (idle_ == IdleState::Attract) {
    DrawAttract(now_ms);
  } else {
    // ImGui ids are per screen object, so a new screen never inherits a pressed item.
    ImGui::PushID(Top());
    Top()->Draw(ui_, now_ms);
    ImGui::PopID();
    if (idle_ == IdleState::Countdown) DrawCountdown(now_ms);
  }
  ImGui::End();
  if (Top() && Top()->Moving()) RequestFrameAt(now_ms + kFrameMs);
  RequestFrame(ui_.TakeRedrawFrames());
  RequestFrameAt(ui_.FrameAt());
  last_targets_ = ui_.Targets();
  ApplyNavigation();
}

// [SECTION] scripts and the state dump

std::optional<ImVec2> KioskApp::KeyCenter(const std::string& id) const {
  float x = 0, y = 0;
  if (idle_ == IdleState::Active && Top() && Top()->KeyCenter(id, &x, &y)) return ImVec2(x, y);
  auto it = last_targets_.find(id);
  if (it == last_targets_.end()) return std::nullopt;
  const ImVec4& r = it->second.rect;
  return ImVec2((r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f);
}

bool KioskApp::RevealTarget(const std::string& id) {
  auto it = last_targets_.find(id);
  if (it == last_targets_.end()) {
    if (idle_ != IdleState::Active || !Top() || !Top()->Reveal(id)) return false;
    RequestFrame(3);
    return true;
  }
  if (!it->second.scroller) return false;
  const TargetRect& t = it->second;
  const bool visible = t.rect.y >= t.clip.y && t.rect.w <= t.clip.w;
  if (visible) return false;
  t.scroller->EnsureVisible(t.local_top, t.local_bottom);
  RequestFrame(3);
  return true;
}

nlohmann::json KioskApp::DumpState(int64_t frames, int64_t now_ms) const {
  using nlohmann::json;
  const char* idle = idle_ == IdleState::Active ? "active"
                     : idle_ == IdleState::Countdown ? "countdown" : "attract";
  json route = json::array();
  for (const Entry& e : stack_) route.push_back(e.route.ToJson());
  json state = {
      {"screen", CurrentScreenName()},
      {"route", route},
      {"input", ""},
      {"frames", frames},
      {"time_ms", now_ms},
      {"keyboard_visible", false},
      {"idle", {{"state", idle},
                {"seconds_since_input", (double)(now_ms - last_input_ms_) / 1000.0},
                {"countdown_remaining_ms",
                 idle_ == IdleState::Countdown ? std::max<int64_t>(0, countdown_end_ms_ - now_ms) : 0},
                {"sessions_reset", sessions_reset_},
                {"dirty", SessionDirty()}}},
      {"admin", {{"locked", deps_.admin_lock->IsLocked()},
                 {"lock_remaining_seconds", deps_.admin_lock->RemainingSeconds()},
                 {"failures", deps_.admin_lock->Failures()},
                 {"pin_set", !settings_->admin_pin_hash.empty()}}},
      {"pack", content_->DumpPack()},
      {"pack_switches", content_->Switches()},
      {"text_size", touchui::TextSizeName(style_.text_size)},
      {"high_contrast", style_.high_contrast},
      {"speaking", speech_->Speaking()},
      {"display", {{"width", backend_->Width()}, {"height", backend_->Height()},
                   {"rotation", backend_->Rotation()}, {"panel_width", backend_->PanelWidth()},
                   {"panel_height", backend_->PanelHeight()}, {"driver", backend_->DriverName()},
                   {"font_texture_bytes_per_pixel", backend_->FontTextureBytesPerPixel()}}},
  };
  if (idle_ != IdleState::Attract && Top()) {
    Top()->Dump(state);
    if (const touchui::TouchScroller* sc = Top()->PageScroller())
      state["scroll"][TopRoute().screen] = {{"offset", sc->Offset()}, {"max", sc->MaxOffset()},
                                            {"velocity", sc->Velocity()}, {"moving", sc->IsMoving()}};
  }
  json slides = json::array();
  for (const Slide& slide : AttractSlides())
    if (!slide.id.empty()) slides.push_back(slide.id);
  state["slides"] = slides;
  state["date"] = ContentService::LocalDate(clock_->WallSeconds());
  json missing = json::array();
  for (const auto& k : strings_->Missing()) missing.push_back(k);
  state["missing_strings"] = missing;
  json targets = json::object(), rects = json::object();
  for (const auto& [name, t] : last_targets_) {
    targets[name] = {(t.rect.x + t.rect.z) * 0.5f, (t.rect.y + t.rect.w) * 0.5f};
    // What a finger can reach: inside the scroller's visible part, or anywhere unscrolled.
    rects[name] = {t.rect.x, t.rect.y, t.rect.z, t.rect.w, t.scroller != nullptr};
  }
  state["targets"] = targets;
  state["target_rects"] = rects;
  // Text from a pack is hostile: invalid UTF-8 must not abort the dump.
  return json::parse(state.dump(-1, ' ', false, json::error_handler_t::replace));
}

}  // namespace kiosk
