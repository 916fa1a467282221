// kiosk/idle_overlays.cpp: what an unattended kiosk shows: the "are you still there?"
// countdown over the current screen, and the attract loop of announcements.
//
// Both are drawn without ImGui items: while they show, KioskApp::OnEvent takes every
// touch itself (any touch continues or wakes), so nothing under them can be pressed.
// They redraw only when their content changes: once a second for the countdown, once
// per slide for the attract loop.
#include <algorithm>
#include <cmath>

#include "app.hpp"
#include "content.hpp"
#include "touch-ui/markdown.hpp"
#include "touch-ui/text_layout.hpp"
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
  const std::string body = ui_.Fill("idle.body", "seconds", std::to_string(seconds));
  const float body_h = TextHeight(ui_.Fonts().body, body, card_w - 2 * pad) + ui_.Fonts().body->FontSize * 0.8f;
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

std::vector<KioskApp::Slide> KioskApp::AttractSlides() const {
  std::vector<Slide> slides;
  for (const pack::ItemSummary& a : content_->Announcements(ContentService::LocalDate(clock_->WallSeconds()))) {
    Slide slide{a.id, a.title, {}, 0};
    if (const pack::Item* item = content_->GetItem(a.id)) {
      if (item->announcement) slide.image = item->announcement->image;
      // The first paragraph, as plain text.
      const touchui::MarkdownDocument body = touchui::MarkdownDocument::FromText(item->body);
      for (const touchui::MarkdownBlock& b : body.Blocks())
        if (b.kind == touchui::MarkdownBlockKind::Paragraph) {
          slide.text = touchui::MarkdownDocument::PlainText(b.runs);
          break;
        }
    }
    slides.push_back(std::move(slide));
  }
  if (!slides.empty()) return slides;
  const auto titles = ui_.Strings().GetList("attract.titles");
  const auto bodies = ui_.Strings().GetList("attract.bodies");
  for (size_t i = 0; i < titles.size() && i < bodies.size(); ++i) slides.push_back({"", titles[i], bodies[i], 0});
  return slides;
}

void KioskApp::DrawAttract(int64_t now_ms) {
  const touchui::Palette& p = touchui::CurrentPalette();
  const touchui::FontSet& f = ui_.Fonts();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImDrawList* d = ImGui::GetWindowDrawList();
  const std::vector<Slide> slides = AttractSlides();
  const size_t n = std::max<size_t>(1, slides.size());
  const int64_t slide_ms = settings_->attract_slide_seconds * 1000LL;
  const int64_t elapsed = std::max<int64_t>(0, now_ms - attract_started_ms_);
  const size_t index = (size_t)(elapsed / slide_ms) % n;
  RequestFrameAt(attract_started_ms_ + (elapsed / slide_ms + 1) * slide_ms);

  const bool hc = touchui::HighContrast();
  const float band_top = display.y * 0.78f;
  d->AddRectFilled(ImVec2(0, 0), display, hc ? p.background : p.header);
  const float stripe = 10.f * s;
  d->AddRectFilled(ImVec2(0, band_top), ImVec2(display.x, band_top + stripe), p.stripe);
  if (!hc)
    d->AddRectFilled(ImVec2(0, band_top + stripe), ImVec2(display.x, band_top + stripe * 1.6f),
                     IM_COL32(0xE8, 0xB9, 0x2F, 0xFF));
  const ImU32 fg = hc ? p.text : p.header_text;
  const float margin = std::min(160.f * s, display.x * 0.08f);
  const std::string commune = settings_->commune.empty() ? ui_.S("home.commune_default") : settings_->commune;
  d->AddText(f.heading, f.heading->FontSize, ImVec2(margin, 60.f * s), fg, commune.c_str(), nullptr,
             display.x - 2 * margin);
  // The slide: an announcement's label, title, picture and first paragraph, in the space
  // between the commune's name and the dots; text that does not fit is cut at a line.
  float y = 60.f * s + f.heading->FontSize * 2.2f;
  const float dots_y = band_top - 40.f * s;
  const float width = display.x - 2 * margin;
  if (index < slides.size()) {
    const Slide& slide = slides[index];
    if (!slide.id.empty()) {
      touchui::DrawCenteredText(d, f.bold, f.bold->FontSize, ImVec2(margin, y),
                                ImVec2(display.x - margin, y + f.bold->FontSize * 1.3f), fg, ui_.S("home.announcements"));
      y += f.bold->FontSize * 1.5f;
    }
    const float title_h = TextHeight(f.title, slide.title, width);
    touchui::DrawCenteredText(d, f.title, f.title->FontSize, ImVec2(margin, y), ImVec2(display.x - margin, y + title_h),
                              fg, slide.title.c_str());
    y += title_h + 30.f * s;
    if (slide.image) {
      if (const touchui::Texture* t = ui_.PackImage(slide.image)) {
        const float max_h = std::max(0.f, (dots_y - y) * 0.5f);
        const float scale = std::min({width / (float)t->Width(), max_h / (float)t->Height(), 2.f * s});
        const ImVec2 size((float)t->Width() * scale, (float)t->Height() * scale);
        const ImVec2 a((display.x - size.x) * 0.5f, y);
        d->AddImage(t->Id(), a, ImVec2(a.x + size.x, a.y + size.y));
        y += size.y + 30.f * s;
      }
    }
    // As many whole lines of the text as fit above the dots.
    const float line_h = f.heading->FontSize * touchui::kLineSpacing;
    const int max_lines = (int)std::max(0.f, (dots_y - 20.f * s - y) / line_h);
    const std::vector<touchui::TextLine> lines = touchui::WrapLines(f.heading, f.heading->FontSize, slide.text, width);
    for (int i = 0; i < max_lines && i < (int)lines.size(); ++i) {
      const touchui::TextLine& l = lines[(size_t)i];
      std::string line = slide.text.substr(l.begin, l.end - l.begin);
      if (i + 1 == max_lines && i + 1 < (int)lines.size()) line += "\xE2\x80\xA6";
      touchui::DrawCenteredText(d, f.heading, f.heading->FontSize, ImVec2(margin, y), ImVec2(display.x - margin, y + line_h),
                                fg, line.c_str());
      y += line_h;
    }
  }
  // Slide dots.
  const float dot = 10.f * s;
  const float dots_w = (float)n * dot * 3.f;
  for (size_t i = 0; i < n; ++i) {
    const ImVec2 c(display.x * 0.5f - dots_w * 0.5f + (float)i * dot * 3.f + dot, dots_y);
    d->AddCircleFilled(c, i == index ? dot : dot * 0.55f, fg);
  }
  const float band_y = band_top + stripe * 1.6f;
  d->AddRectFilled(ImVec2(0, band_y), display, p.background);
  touchui::DrawCenteredText(d, f.title, f.title->FontSize, ImVec2(margin, band_y), ImVec2(display.x - margin, display.y),
                            hc ? p.primary : p.header, ui_.S("attract.touch"));
}

}  // namespace kiosk
