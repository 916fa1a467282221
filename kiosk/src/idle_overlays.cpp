// kiosk/screen_idle.cpp: what an unattended kiosk shows: the "are you still there?"
// countdown over the current screen, and the attract loop of announcements.
//
// Both are drawn without ImGui items: while they show, KioskApp::OnEvent takes every
// touch itself (any touch continues or wakes), so nothing under them can be pressed.
// They redraw only when their content changes: once a second for the countdown, once
// per slide for the attract loop.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

namespace kiosk {

void KioskApp::DrawCountdown(int64_t now_ms) {
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImDrawList* d = ImGui::GetForegroundDrawList();
  d->AddRectFilled(ImVec2(0, 0), display, IM_COL32(0, 0, 0, 150));
  const int64_t left_ms = std::max<int64_t>(0, countdown_end_ms_ - now_ms);
  const int seconds = (int)((left_ms + 999) / 1000);
  RequestFrameAt(countdown_end_ms_ - (int64_t)(seconds - 1) * 1000);  // the next whole second

  const float card_w = std::min(display.x * 0.8f, 1100.f * s * std::max(1.f, ui_.Fonts().body_px / (30.f * s)));
  const float pad = 40.f * s;
  const float title_h = ui_.Fonts().title->FontSize * 1.25f;
  const float number_h = ui_.Fonts().huge->FontSize * 1.15f;
  const float body_h = ui_.Fonts().body->FontSize * 2.4f;
  const float button_h = ui_.Fonts().heading->FontSize * 2.4f;
  const float card_h = pad + title_h + number_h + body_h + button_h + pad * 1.5f;
  const ImVec2 a((display.x - card_w) * 0.5f, (display.y - card_h) * 0.5f);
  const ImVec2 b(a.x + card_w, a.y + card_h);
  d->AddRectFilled(a, b, p.surface, p.rounding);
  d->AddRect(a, b, p.border, p.rounding, 0, p.border_width);
  float y = a.y + pad;
  touchui::DrawCenteredText(d, ui_.Fonts().title, ui_.Fonts().title->FontSize, ImVec2(a.x + pad, y),
                            ImVec2(b.x - pad, y + title_h), p.text, ui_.S("idle.title"));
  y += title_h;
  const std::string number = std::to_string(seconds);
  touchui::DrawCenteredText(d, ui_.Fonts().huge, ui_.Fonts().huge->FontSize, ImVec2(a.x, y),
                            ImVec2(b.x, y + number_h), p.danger, number.c_str());
  y += number_h;
  const std::string body = ui_.Fill("idle.body", "seconds", number);
  touchui::DrawCenteredText(d, ui_.Fonts().body, ui_.Fonts().body->FontSize, ImVec2(a.x + pad, y),
                            ImVec2(b.x - pad, y + body_h), p.muted, body.c_str());
  y += body_h;
  // The big "continue" button: any touch continues, this is where people will touch.
  const ImVec2 ba(a.x + pad * 2, y + pad * 0.5f), bb(b.x - pad * 2, y + pad * 0.5f + button_h);
  d->AddRectFilled(ba, bb, p.primary, p.rounding);
  touchui::DrawCenteredText(d, ui_.Fonts().heading, ui_.Fonts().heading->FontSize, ba, bb, p.primary_text,
                            ui_.S("idle.continue"));
  ui_.TargetRectNow("idle:continue", ba, bb);
}

void KioskApp::DrawAttract(int64_t now_ms) {
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImDrawList* d = ImGui::GetWindowDrawList();
  const auto titles = ui_.Strings().GetList("attract.titles");
  const auto bodies = ui_.Strings().GetList("attract.bodies");
  const size_t n = std::max<size_t>(1, std::min(titles.size(), bodies.size()));
  const int64_t slide_ms = settings_->attract_slide_seconds * 1000LL;
  const int64_t elapsed = std::max<int64_t>(0, now_ms - attract_started_ms_);
  const size_t index = (size_t)(elapsed / slide_ms) % n;
  RequestFrameAt(attract_started_ms_ + (elapsed / slide_ms + 1) * slide_ms);

  const bool hc = touchui::HighContrast();
  d->AddRectFilled(ImVec2(0, 0), display, hc ? p.background : p.header);
  const float stripe = 10.f * s;
  d->AddRectFilled(ImVec2(0, display.y * 0.72f), ImVec2(display.x, display.y * 0.72f + stripe), p.stripe);
  if (!hc)
    d->AddRectFilled(ImVec2(0, display.y * 0.72f + stripe), ImVec2(display.x, display.y * 0.72f + stripe * 1.6f),
                     IM_COL32(0xE8, 0xB9, 0x2F, 0xFF));
  const ImU32 fg = hc ? p.text : p.header_text;
  const std::string commune = settings_->commune.empty() ? ui_.S("home.commune_default") : settings_->commune;
  d->AddText(ui_.Fonts().heading, ui_.Fonts().heading->FontSize, ImVec2(80.f * s, 60.f * s), fg, commune.c_str());
  const float margin = 160.f * s;
  float y = display.y * 0.2f;
  if (index < titles.size() && index < bodies.size()) {
    const float title_h = ui_.Fonts().title->FontSize * 1.4f;
    touchui::DrawCenteredText(d, ui_.Fonts().title, ui_.Fonts().title->FontSize, ImVec2(margin, y),
                              ImVec2(display.x - margin, y + title_h), fg, titles[index].c_str());
    y += title_h + 30.f * s;
    touchui::DrawCenteredText(d, ui_.Fonts().heading, ui_.Fonts().heading->FontSize, ImVec2(margin, y),
                              ImVec2(display.x - margin, y + ui_.Fonts().heading->FontSize * 3.6f), fg,
                              bodies[index].c_str());
  }
  // Slide dots.
  const float dot = 10.f * s;
  const float dots_w = (float)n * dot * 3.f;
  for (size_t i = 0; i < n; ++i) {
    const ImVec2 c(display.x * 0.5f - dots_w * 0.5f + (float)i * dot * 3.f + dot, display.y * 0.68f);
    d->AddCircleFilled(c, i == index ? dot : dot * 0.55f, fg);
  }
  const float band_y = display.y * 0.72f + stripe * 1.6f;
  d->AddRectFilled(ImVec2(0, band_y), display, hc ? p.background : p.background);
  touchui::DrawCenteredText(d, ui_.Fonts().title, ui_.Fonts().title->FontSize, ImVec2(margin, band_y),
                            ImVec2(display.x - margin, display.y), hc ? p.primary : p.header,
                            ui_.S("attract.touch"));
}

}  // namespace kiosk
