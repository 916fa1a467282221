// kiosk/app.cpp: navigation, the idle timeline, events and the state dump (see app.hpp).
//
// Idle timeline, measured from the last touch:
//   idle_reset_seconds  if the session is "dirty" (anything but a clean home screen),
//                       the countdown overlay appears for countdown_seconds, then
//                       ResetSession() clears everything and shows home;
//   attract_seconds     on a clean home screen the attract loop starts.
// A touch during the countdown or the attract loop only wakes the kiosk: that whole
// gesture is swallowed so it cannot press what lies under the finger.
#include "app.hpp"

#include <algorithm>

#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

namespace kiosk {
namespace {
constexpr int64_t kFrameMs = 16;  // at most ~60 frames a second, also in virtual time
}

const char* ScreenName(Screen screen) {
  switch (screen) {
    case Screen::Home: return "home";
    case Screen::Procedures: return "procedures";
    case Screen::Laws: return "laws";
    case Screen::Faq: return "faq";
    case Screen::News: return "news";
    case Screen::Learn: return "learn";
    case Screen::Guide: return "guide";
    case Screen::Search: return "search";
    case Screen::Attract: return "attract";
    case Screen::Pin: return "pin";
    case Screen::Admin: return "admin";
    case Screen::TouchTest: return "touch_test";
  }
  return "?";
}

KioskApp::KioskApp(const AppDeps& deps)
    : deps_(deps), backend_(deps.backend), input_(deps.input), clock_(deps.clock),
      strings_(deps.strings), fonts_(deps.fonts), settings_(deps.settings), log_(deps.log),
      text_size_(deps.settings->text_size), high_contrast_(deps.settings->high_contrast) {
  keyboard_.SetMethod(settings_->input_method);
  keyboard_.SetToneStyle(settings_->tone_style);
}

void KioskApp::Start(int64_t now_ms) {
  last_input_ms_ = now_ms;
  std::string warning;
  admin_lock_.Load(settings_->admin_state_file, clock_, &warning);
  if (!warning.empty()) log_->Warn(warning);
  if (admin_lock_.IsLocked())
    log_->Warn("admin PIN pad locked for another " +
               std::to_string(admin_lock_.RemainingSeconds()) + " s (" +
               std::to_string(admin_lock_.Failures()) + " wrong PINs)");
  RequestFrame(3);
}

float KioskApp::Scale() const { return backend_->DpiScale(); }

std::string KioskApp::Fill(const char* key, const std::string& name,
                           const std::string& value) const {
  std::string text = S(key);
  const std::string slot = "{" + name + "}";
  for (size_t at = text.find(slot); at != std::string::npos; at = text.find(slot, at + value.size()))
    text.replace(at, slot.size(), value);
  return text;
}

touchui::TouchScroller& KioskApp::ScrollerFor(Screen screen) {
  switch (screen) {
    case Screen::Home: return home_scroll_;
    case Screen::Guide: return guide_scroll_;
    case Screen::Search: return search_scroll_;
    case Screen::Admin: return admin_scroll_;
    default: return section_scroll_;
  }
}

std::optional<ImVec2> KioskApp::KeyCenter(const std::string& id) const {
  if (KeyboardVisible()) {
    if (auto c = keyboard_.KeyCenter(id)) return c;
  }
  auto it = targets_.find(id);
  if (it == targets_.end()) return std::nullopt;
  return ImVec2((it->second.x + it->second.z) * 0.5f, (it->second.y + it->second.w) * 0.5f);
}

void KioskApp::Target(const char* target) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  targets_[target] = ImVec4(a.x, a.y, b.x, b.y);
}

bool KioskApp::Button(const char* target, const char* label, ImVec2 size, int kind, ImFont* font) {
  std::string id = std::string(label) + "##" + target;
  const bool pressed = touchui::TouchButton(id.c_str(), size, (touchui::ButtonKind)kind, font);
  Target(target);
  return pressed;
}

void KioskApp::Go(Screen screen) {
  screen_ = screen;
  if (screen == Screen::Search) {
    caret_epoch_ms_ = clock_->NowMs();
    search_scroll_.EnsureVisible(0, 1);
  }
  if (screen == Screen::Admin) EnterAdmin();
  if (screen == Screen::Pin) {
    pin_entry_.clear();
    pin_message_.clear();
  }
  RequestFrame(3);
}

bool KioskApp::SessionDirty() const {
  return screen_ != Screen::Home || !keyboard_.Text().empty() || searched_ ||
         home_scroll_.Offset() != 0 || section_scroll_.Offset() != 0 ||
         guide_scroll_.Offset() != 0 || search_scroll_.Offset() != 0 ||
         admin_scroll_.Offset() != 0 || text_size_ != settings_->text_size ||
         high_contrast_ != settings_->high_contrast ||
         keyboard_.Method() != settings_->input_method || !pin_entry_.empty();
}

void KioskApp::ResetSession(int64_t now_ms) {
  screen_ = Screen::Home;
  idle_ = IdleState::Active;
  keyboard_.Clear();
  keyboard_.SetMethod(settings_->input_method);
  keyboard_.SetToneStyle(settings_->tone_style);
  searched_ = false;
  searched_query_.clear();
  results_.clear();
  for (auto* s : {&home_scroll_, &section_scroll_, &guide_scroll_, &search_scroll_, &admin_scroll_})
    s->Reset();
  if (text_size_ != settings_->text_size || high_contrast_ != settings_->high_contrast) {
    text_size_ = settings_->text_size;
    high_contrast_ = settings_->high_contrast;
    style_changed_ = true;
  }
  pin_entry_.clear();
  pin_message_.clear();
  touch_trail_.clear();
  input_->Reset();
  swallow_gesture_ = false;
  ++sessions_reset_;
  log_->Info("idle reset: session cleared, back to home");
  (void)now_ms;
  RequestFrame(3);
}

bool KioskApp::TakeStyleChange() {
  const bool changed = style_changed_;
  style_changed_ = false;
  return changed;
}

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
      last_input_ms_ = now_ms;
      if (idle_ != IdleState::Active) {
        if (idle_ == IdleState::Attract) Go(Screen::Home);
        idle_ = IdleState::Active;
      } else if (screen_ == Screen::Search) {
        if (event.kind == K::Text) {
          // Decode UTF-8 code points for the composer; physical keyboards are for
          // development, the citizen uses the on-screen one.
          const std::string& t = event.text;
          for (size_t i = 0; i < t.size();) {
            unsigned char c = (unsigned char)t[i];
            int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
            char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
            for (int k = 1; k < len && i + k < t.size(); ++k) cp = (cp << 6) | (t[i + k] & 0x3F);
            keyboard_.TypeCodepoint(cp);
            i += (size_t)len;
          }
        } else if (event.key == "backspace") {
          keyboard_.PressKey("backspace");
        } else if (event.key == "enter") {
          searched_ = true;
          searched_query_ = keyboard_.Text();
        }
        caret_epoch_ms_ = now_ms;
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
  if (!hover_only) last_input_ms_ = now_ms;
  if (event.kind == K::PointerDown && idle_ != IdleState::Active) {
    // This touch only wakes the kiosk.
    if (idle_ == IdleState::Attract) {
      log_->Info("attract loop left on touch");
      screen_ = Screen::Home;
    }
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
  if (input_->IsDown()) last_input_ms_ = std::max(last_input_ms_, now_ms);  // a resting finger is a citizen

  // The hidden admin gesture: hold the top-left corner.
  const float corner = 80.f * std::max(1.f, Scale());
  const bool in_corner = input_->IsDown() && !input_->IsDragging() && !input_->IsCancelled() &&
                         input_->DownPos().x < corner && input_->DownPos().y < corner;
  if (in_corner && idle_ == IdleState::Active && screen_ != Screen::Pin &&
      screen_ != Screen::Admin && screen_ != Screen::TouchTest &&
      input_->HeldMs(now_ms) >= settings_->admin_hold_seconds * 1000LL) {
    log_->Info("admin gesture: PIN pad opened");
    input_->Cancel();
    Go(Screen::Pin);
  }

  const int64_t since = now_ms - last_input_ms_;
  if (idle_ == IdleState::Active) {
    if (SessionDirty() && since >= settings_->idle_reset_seconds * 1000LL) {
      idle_ = IdleState::Countdown;
      countdown_end_ms_ = last_input_ms_ + settings_->idle_reset_seconds * 1000LL +
                          settings_->countdown_seconds * 1000LL;
      input_->Cancel();
      RequestFrame(2);
    } else if (!SessionDirty() && settings_->attract_seconds > 0 &&
               since >= settings_->attract_seconds * 1000LL) {
      idle_ = IdleState::Attract;
      attract_started_ms_ = now_ms;
      log_->Info("attract loop started");
      RequestFrame(2);
    }
  }
  if (idle_ == IdleState::Countdown && now_ms >= countdown_end_ms_) ResetSession(now_ms);
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
    else if (settings_->attract_seconds > 0)
      wake = std::min<int64_t>(wake, last_input_ms_ + settings_->attract_seconds * 1000LL);
  } else if (idle_ == IdleState::Countdown) {
    wake = std::min<int64_t>(wake, countdown_end_ms_);
  }
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
  targets_.clear();
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
    switch (screen_) {
      case Screen::Home: DrawHome(now_ms); break;
      case Screen::Procedures: case Screen::Laws: case Screen::Faq: case Screen::News:
      case Screen::Learn: DrawSection(now_ms); break;
      case Screen::Guide: DrawGuide(now_ms); break;
      case Screen::Search: DrawSearch(now_ms); break;
      case Screen::Pin: DrawPin(now_ms); break;
      case Screen::Admin: DrawAdmin(now_ms); break;
      case Screen::TouchTest: DrawTouchTest(now_ms); break;
      case Screen::Attract: DrawAttract(now_ms); break;
    }
    if (idle_ == IdleState::Countdown) DrawCountdown(now_ms);
  }
  ImGui::End();
  for (auto* s : {&home_scroll_, &section_scroll_, &guide_scroll_, &search_scroll_, &admin_scroll_})
    if (s->IsMoving()) RequestFrameAt(now_ms + kFrameMs);
}

nlohmann::json KioskApp::DumpState(int64_t frames, int64_t now_ms) const {
  using nlohmann::json;
  auto scroll = [](const touchui::TouchScroller& s) {
    return json{{"offset", s.Offset()}, {"max", s.MaxOffset()}, {"velocity", s.Velocity()},
                {"moving", s.IsMoving()}};
  };
  const char* idle = idle_ == IdleState::Active ? "active"
                     : idle_ == IdleState::Countdown ? "countdown" : "attract";
  json state = {
      {"screen", idle_ == IdleState::Attract ? "attract" : ScreenName(screen_)},
      {"input", keyboard_.Text()},
      {"frames", frames},
      {"time_ms", now_ms},
      {"keyboard_visible", KeyboardVisible() && idle_ != IdleState::Attract},
      {"input_method", std::string(touchui::InputMethodName(keyboard_.Method()))},
      {"searched", searched_},
      {"scroll", {{"home", scroll(home_scroll_)}, {"section", scroll(section_scroll_)},
                  {"guide", scroll(guide_scroll_)}, {"search", scroll(search_scroll_)},
                  {"admin", scroll(admin_scroll_)}}},
      {"idle", {{"state", idle},
                {"seconds_since_input", (now_ms - last_input_ms_) / 1000.0},
                {"countdown_remaining_ms",
                 idle_ == IdleState::Countdown ? std::max<int64_t>(0, countdown_end_ms_ - now_ms) : 0},
                {"sessions_reset", sessions_reset_},
                {"dirty", SessionDirty()}}},
      {"admin", {{"locked", admin_lock_.IsLocked()},
                 {"lock_remaining_seconds", admin_lock_.RemainingSeconds()},
                 {"failures", admin_lock_.Failures()},
                 {"pin_set", !settings_->admin_pin_hash.empty()},
                 {"pin_digits", pin_entry_.size()},
                 {"message", pin_message_},
                 {"pack", pack_summary_}}},
      {"text_size", touchui::TextSizeName(text_size_)},
      {"high_contrast", high_contrast_},
      {"display", {{"width", backend_->Width()}, {"height", backend_->Height()},
                   {"driver", backend_->DriverName()}}},
  };
  json missing = json::array();
  for (const auto& k : strings_->Missing()) missing.push_back(k);
  state["missing_strings"] = missing;
  json targets = json::object();
  for (const auto& [name, r] : targets_)
    targets[name] = {(r.x + r.z) * 0.5f, (r.y + r.w) * 0.5f};
  state["targets"] = targets;
  if (screen_ == Screen::Search) state["results"] = results_;
  return state;
}

}  // namespace kiosk
