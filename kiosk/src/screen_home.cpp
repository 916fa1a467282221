// kiosk/screen_home.cpp: the header shared by all screens, and the home screen: a search
// field that opens the keyboard, and big tiles for the sections.
#include <algorithm>

#include "app.hpp"
#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

namespace kiosk {

void KioskApp::DrawHeader(const char* title, bool show_back) {
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const float w = ImGui::GetIO().DisplaySize.x;
  const float h = std::max(112.f * s, fonts_->title->FontSize * 2.1f);
  const float stripe = 6.f * s;
  const float margin = 40.f * s;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(0, 0), ImVec2(w, h), p.header);
  draw->AddRectFilled(ImVec2(0, h), ImVec2(w, h + stripe), p.stripe);
  if (!touchui::HighContrast())
    draw->AddRectFilled(ImVec2(0, h + stripe), ImVec2(w, h + stripe * 1.6f), IM_COL32(0xE8, 0xB9, 0x2F, 0xFF));

  float title_x = margin;
  if (show_back) {
    const ImVec2 size(std::max(250.f * s, fonts_->bold->FontSize * 8.f), h - 28.f * s);
    ImGui::SetCursorScreenPos(ImVec2(margin, 14.f * s));
    std::string label = std::string("\xE2\x86\x90  ") + S("nav.home");
    if (Button("nav:home", label.c_str(), size, (int)touchui::ButtonKind::Surface, fonts_->bold)) {
      Go(Screen::Home);
    }
    title_x = margin * 2 + size.x;
  }
  if (title) {
    const float th = fonts_->title->FontSize;
    draw->AddText(fonts_->title, th, ImVec2(title_x, (h - th) * 0.5f), p.header_text, title);
  }
  ImGui::SetCursorScreenPos(ImVec2(0, h + stripe * 1.6f));
}

void KioskApp::DrawHome(int64_t now_ms) {
  (void)now_ms;
  const touchui::Palette& p = touchui::CurrentPalette();
  const float s = Scale();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float margin = 48.f * s;

  // Header: the commune and what the kiosk is for; text size and contrast on the right.
  DrawHeader(nullptr, false);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float header_h = std::max(112.f * s, fonts_->title->FontSize * 2.1f);
  const std::string commune = settings_->commune.empty() ? S("home.commune_default") : settings_->commune;
  const float name_px = fonts_->heading->FontSize;
  const float sub_px = fonts_->body->FontSize;
  const float block = name_px + sub_px * 1.25f;
  const float y0 = (header_h - block) * 0.5f;
  draw->AddText(fonts_->heading, name_px, ImVec2(margin, y0), p.header_text, commune.c_str());
  draw->AddText(fonts_->body, sub_px, ImVec2(margin, y0 + name_px * 1.1f), p.header_text,
                S("app.title"));
  {
    const ImVec2 size(std::max(210.f * s, fonts_->bold->FontSize * 6.5f), header_h - 28.f * s);
    float x = display.x - margin - size.x;
    ImGui::SetCursorScreenPos(ImVec2(x, 14.f * s));
    if (Button("home:contrast", S("home.contrast"), size, (int)touchui::ButtonKind::Surface, fonts_->bold)) {
      high_contrast_ = !high_contrast_;
      style_changed_ = true;
    }
    x -= size.x + 20.f * s;
    ImGui::SetCursorScreenPos(ImVec2(x, 14.f * s));
    if (Button("home:text_size", S("home.text_size"), size, (int)touchui::ButtonKind::Surface, fonts_->bold)) {
      text_size_ = text_size_ == touchui::TextSize::Normal  ? touchui::TextSize::Large
                   : text_size_ == touchui::TextSize::Large ? touchui::TextSize::ExtraLarge
                                                            : touchui::TextSize::Normal;
      style_changed_ = true;
    }
  }

  // Body: scrolls when large text makes it taller than the screen.
  const float footer_h = fonts_->body->FontSize * 2.4f;
  const float top = ImGui::GetCursorScreenPos().y;
  ImGui::SetCursorScreenPos(ImVec2(0, top));
  home_scroll_.Begin("##home", ImVec2(display.x, display.y - top - footer_h), *input_);
  const float width = display.x - 2 * margin;
  ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + margin * 0.75f));

  // The search field: looks like a field, acts as a button that opens the keyboard.
  {
    const float field_h = std::max(110.f * s, fonts_->heading->FontSize * 2.6f);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::InvisibleButton("##home_search", ImVec2(width, field_h));
    Target("home:search");
    const bool held = ImGui::IsItemActive();
    ImDrawList* d = ImGui::GetWindowDrawList();
    const ImVec2 end(pos.x + width, pos.y + field_h);
    d->AddRectFilled(pos, end, held ? p.surface_down : p.surface, p.rounding);
    d->AddRect(pos, end, p.primary, p.rounding, 0, p.border_width * 1.5f);
    const float button_w = std::max(260.f * s, fonts_->heading->FontSize * 6.f);
    const ImVec2 bpos(end.x - button_w - 10.f * s, pos.y + 10.f * s);
    d->AddRectFilled(bpos, ImVec2(end.x - 10.f * s, end.y - 10.f * s), p.primary, p.rounding * 0.8f);
    touchui::DrawCenteredText(d, fonts_->heading, fonts_->heading->FontSize, bpos,
                              ImVec2(end.x - 10.f * s, end.y - 10.f * s), p.primary_text,
                              S("home.search_button"));
    const float tp = fonts_->heading->FontSize;
    d->PushClipRect(pos, ImVec2(bpos.x - 10.f * s, end.y), true);
    d->AddText(fonts_->heading, tp, ImVec2(pos.x + 36.f * s, pos.y + (field_h - tp) * 0.5f), p.muted,
               S("home.search_placeholder"));
    d->PopClipRect();
    if (pressed) Go(Screen::Search);
  }

  // Tiles: three across, big enough for a thumb and a long Vietnamese title.
  struct TileSpec { Screen screen; const char* target; const char* title; const char* subtitle; ImU32 band; };
  const bool hc = touchui::HighContrast();
  const TileSpec tiles[] = {
      {Screen::Procedures, "home:procedures", "section.procedures.title", "section.procedures.subtitle", hc ? p.primary : IM_COL32(0x1B, 0x5C, 0xA8, 255)},
      {Screen::Laws, "home:laws", "section.laws.title", "section.laws.subtitle", hc ? p.primary : IM_COL32(0x8B, 0x1E, 0x2D, 255)},
      {Screen::Faq, "home:faq", "section.faq.title", "section.faq.subtitle", hc ? p.primary : IM_COL32(0x1E, 0x7F, 0x6E, 255)},
      {Screen::News, "home:news", "section.news.title", "section.news.subtitle", hc ? p.primary : IM_COL32(0xC7, 0x7C, 0x0E, 255)},
      {Screen::Learn, "home:learn", "section.learn.title", "section.learn.subtitle", hc ? p.primary : IM_COL32(0x5B, 0x3F, 0x8C, 255)},
      {Screen::Guide, "home:guide", "section.guide.title", "section.guide.subtitle", hc ? p.primary : IM_COL32(0x46, 0x5A, 0x70, 255)},
  };
  const int columns = text_size_ == touchui::TextSize::ExtraLarge ? 2 : 3;
  const float gap = 28.f * s;
  const float tile_w = (width - gap * (float)(columns - 1)) / (float)columns;
  const float tile_h = std::max(210.f * s, fonts_->heading->FontSize * 2.4f + fonts_->body->FontSize * 3.4f);
  ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + gap * 0.5f));
  const float row_x = ImGui::GetCursorPosX();
  for (size_t i = 0; i < std::size(tiles); ++i) {
    const int col = (int)(i % (size_t)columns);
    if (col > 0) ImGui::SameLine(0, gap);
    else ImGui::SetCursorPosX(row_x);
    if (touchui::Tile(tiles[i].target, S(tiles[i].title), S(tiles[i].subtitle), ImVec2(tile_w, tile_h),
                      tiles[i].band, fonts_->heading, fonts_->body))
      Go(tiles[i].screen);
    Target(tiles[i].target);
  }
  ImGui::Dummy(ImVec2(1, margin * 0.25f));
  home_scroll_.End();

  // Footer hint.
  const float fy = display.y - footer_h;
  draw->AddRectFilled(ImVec2(0, fy), display, touchui::HighContrast() ? p.background : IM_COL32(0xE4, 0xE9, 0xEF, 255));
  touchui::DrawCenteredText(draw, fonts_->body, fonts_->body->FontSize, ImVec2(margin, fy),
                            ImVec2(display.x - margin, display.y), p.muted, S("home.hint"));
}

}  // namespace kiosk
