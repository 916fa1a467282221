// kiosk/screen_pin.cpp: the admin PIN pad, reached by holding the top-left corner.
//
// Digits are shown as dots. While the pad is locked (see admin_lock.hpp) the keys are
// greyed and the remaining time counts down once a second.
#include <algorithm>

#include "app.hpp"
#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

namespace kiosk {

void KioskApp::SubmitPin() {
  const AdminLock::Outcome outcome = admin_lock_.Try(pin_entry_, settings_->admin_pin_hash);
  pin_entry_.clear();
  switch (outcome) {
    case AdminLock::Outcome::Accepted:
      log_->Info("admin PIN accepted");
      pin_message_.clear();
      Go(Screen::Admin);
      break;
    case AdminLock::Outcome::Wrong:
      log_->Warn("wrong admin PIN (" + std::to_string(admin_lock_.Failures()) + " in a row)");
      pin_message_ = S("pin.wrong");
      break;
    case AdminLock::Outcome::Locked:
      pin_message_.clear();
      break;
    case AdminLock::Outcome::NoPinSet:
      log_->Warn("admin PIN pad used but admin_pin_hash is not set");
      pin_message_ = S("pin.not_set");
      break;
    case AdminLock::Outcome::Error:
      log_->Error("admin PIN: " + admin_lock_.LastError());
      pin_message_ = S("pin.error");
      break;
  }
  RequestFrame(2);
}

void KioskApp::DrawPin(int64_t now_ms) {
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  DrawHeader(S("pin.title"), true);
  const float top = ImGui::GetCursorScreenPos().y;
  ImDrawList* d = ImGui::GetWindowDrawList();
  const bool locked = admin_lock_.IsLocked();

  const float key = std::min(150.f * s * std::max(1.f, fonts_->body_px / (30.f * s)),
                             (display.y - top) / 7.2f);
  const float gap = 20.f * s;
  const float pad_w = key * 3 + gap * 2;
  const float x0 = (display.x - pad_w) * 0.5f;
  float y = top + 30.f * s;
  y += touchui::DrawCenteredText(d, fonts_->heading, fonts_->heading->FontSize, ImVec2(0, y),
                                 ImVec2(display.x, y + fonts_->heading->FontSize * 1.3f), p.text, S("pin.prompt"));
  // Dots for the digits typed so far (at least four places).
  const size_t places = std::max<size_t>(4, pin_entry_.size());
  const float r = 14.f * s, step = 44.f * s;
  const float dots_x = display.x * 0.5f - step * (float)(places - 1) * 0.5f;
  y += 30.f * s;
  for (size_t i = 0; i < places; ++i) {
    const ImVec2 c(dots_x + step * (float)i, y + r);
    if (i < pin_entry_.size()) d->AddCircleFilled(c, r, p.text);
    else d->AddCircle(c, r, p.muted, 0, 3.f * s);
  }
  y += r * 2 + 20.f * s;
  std::string message = pin_message_;
  if (locked) {
    const int64_t left = admin_lock_.RemainingSeconds();
    message = Fill("pin.locked", "seconds", std::to_string(left));
    // Redraw when the displayed second changes (wall seconds tick with the clock).
    RequestFrameAt(now_ms + 1000);
  }
  touchui::DrawCenteredText(d, fonts_->bold, fonts_->bold->FontSize, ImVec2(0, y),
                            ImVec2(display.x, y + fonts_->bold->FontSize * 1.4f), p.danger, message.c_str());
  y += fonts_->bold->FontSize * 1.8f;

  const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"};
  if (locked) ImGui::BeginDisabled();
  for (int i = 0; i < 12; ++i) {
    const int row = i / 3, col = i % 3;
    ImGui::SetCursorScreenPos(ImVec2(x0 + (float)col * (key + gap), y + (float)row * (key * 0.8f + gap)));
    const std::string target = std::string("pin:") + keys[i];
    const char* label = i == 9 ? S("pin.clear") : i == 11 ? S("pin.ok") : keys[i];
    const int kind = i == 11 ? (int)touchui::ButtonKind::Primary : (int)touchui::ButtonKind::Surface;
    ImFont* font = i == 9 || i == 11 ? fonts_->bold : fonts_->title;
    if (Button(target.c_str(), label, ImVec2(key, key * 0.8f), kind, font)) {
      if (i == 9) pin_entry_.clear();
      else if (i == 11) SubmitPin();
      else if (pin_entry_.size() < 12) pin_entry_ += keys[i];
      if (i != 11) pin_message_.clear();
    }
  }
  if (locked) ImGui::EndDisabled();
}

}  // namespace kiosk
