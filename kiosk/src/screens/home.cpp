// kiosk/screens/home.cpp: the home screen: the commune, a search field that opens the
// keyboard, and big tiles for the six sections, reflowed to the screen's width.
#include <algorithm>

#include "content.hpp"
#include "screens/screens.hpp"

namespace kiosk {
namespace {

const char* TextSizeLabelKey(touchui::TextSize size) {
  switch (size) {
    case touchui::TextSize::Normal: return "home.text_size_normal";
    case touchui::TextSize::Large: return "home.text_size_large";
    case touchui::TextSize::ExtraLarge: return "home.text_size_extra_large";
  }
  return "home.text_size_normal";
}

// A compact card of the current announcements, one tappable line each (item:ID): the
// label "Thông báo" on the left, the title beside it (below it on a narrow screen).
void DrawNotices(Ui& ui, const std::vector<pack::ItemSummary>& notices, float width) {
  const touchui::Palette& p = ui.P();
  const touchui::FontSet& f = ui.Fonts();
  const float s = ui.Scale();
  const bool hc = touchui::HighContrast();
  const ImU32 band = hc ? p.primary : IM_COL32(0xC7, 0x7C, 0x0E, 255);
  const float band_w = 14.f * s, pad = 22.f * s;
  const char* label = ui.S("home.announcements");
  const float label_w = f.bold->CalcTextSizeA(f.bold->FontSize, FLT_MAX, 0, label).x;
  const bool label_beside = width > label_w * 5.f;
  const float text_x = band_w + pad + (label_beside ? label_w + pad : 0);
  const float text_w = width - text_x - pad;
  const float row_min = std::max(ui.Backend().MmToPx(11.f), f.bold->FontSize * 2.2f);
  ImDrawList* d = ImGui::GetWindowDrawList();
  const ImVec2 card = ImGui::GetCursorScreenPos();
  const float label_h = label_beside ? 0 : f.bold->FontSize * 1.6f;
  if (!label_beside) {
    ImGui::Dummy(ImVec2(width, label_h));
  }
  for (size_t i = 0; i < notices.size() && i < 2; ++i) {
    const std::string& title = notices[i].title;
    const float h = std::max(row_min, TextHeight(f.bold, title, text_w) + pad);
    ImGui::SetCursorPosX(ui.Margin());
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const std::string target = "item:" + notices[i].id;
    if (ImGui::InvisibleButton(("##" + target).c_str(), ImVec2(width, h))) ui.Nav().Push(RouteForItem(notices[i]));
    ui.Target(target);
    if (ImGui::IsItemActive()) d->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h), p.surface_down);
    d->AddText(f.bold, f.bold->FontSize, ImVec2(pos.x + text_x, pos.y + (h - TextHeight(f.bold, title, text_w)) * 0.5f),
               p.text, title.c_str(), nullptr, text_w);
    if (i > 0) d->AddLine(ImVec2(pos.x + text_x, pos.y), ImVec2(pos.x + width - pad, pos.y), p.border, p.border_width);
  }
  const ImVec2 end(card.x + width, ImGui::GetCursorScreenPos().y);
  d->AddRect(card, end, band, p.rounding, 0, p.border_width * 1.5f);
  d->AddRectFilled(card, ImVec2(card.x + band_w, end.y), band, p.rounding, ImDrawFlags_RoundCornersLeft);
  const float label_y = label_beside ? card.y + (std::min(end.y - card.y, row_min) - f.bold->FontSize) * 0.5f
                                     : card.y + (label_h - f.bold->FontSize) * 0.5f + 4.f * s;
  d->AddText(f.bold, f.bold->FontSize, ImVec2(card.x + band_w + pad, label_y), band, label);
}

class HomeScreen final : public PageScreen {
 public:
  bool Dirty() const override { return scroll_.Offset() != 0; }

  void Draw(Ui& ui, int64_t now_ms) override {
    (void)now_ms;
    const touchui::Palette& p = ui.P();
    const touchui::FontSet& f = ui.Fonts();
    const float s = ui.Scale();
    const ImVec2 display = ui.Display();
    const float margin = ui.Margin();
    ImDrawList* draw = ImGui::GetWindowDrawList();

    // Header: the commune and what the kiosk is for; text size and contrast beside it when
    // they fit, else on a row of their own below.
    const std::string commune = ui.Config().commune.empty() ? ui.S("home.commune_default") : ui.Config().commune;
    const std::string size_label = std::string(ui.S("home.text_size")) + ": " + ui.S(TextSizeLabelKey(ui.Style().text_size));
    const char* contrast_label = ui.S("home.contrast");
    const float pad = 14.f * s;
    const float button_h = std::max(84.f * s, f.bold->FontSize * 2.4f);
    const float size_w = ui.HeaderButtonWidth(size_label), contrast_w = ui.HeaderButtonWidth(contrast_label);
    const float buttons_w = size_w + contrast_w + pad * 2;
    const float name_w = std::max(f.heading->CalcTextSizeA(f.heading->FontSize, FLT_MAX, 0, commune.c_str()).x,
                                  f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, 0, ui.S("app.title")).x);
    const bool buttons_below = margin + name_w + margin + buttons_w + margin > display.x;
    const float text_w = display.x - 2 * margin - (buttons_below ? 0 : buttons_w + margin);
    const float name_h = f.heading->CalcTextSizeA(f.heading->FontSize, FLT_MAX, text_w, commune.c_str()).y;
    const float sub_h = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, text_w, ui.S("app.title")).y;
    const float text_block = name_h + sub_h + 6.f * s;
    const float row_h = std::max(button_h + 2 * pad, text_block + 2 * pad);
    const float header_h = row_h + (buttons_below ? button_h + pad : 0);
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(display.x, header_h), p.header);
    const float stripe = 6.f * s;
    draw->AddRectFilled(ImVec2(0, header_h), ImVec2(display.x, header_h + stripe), p.stripe);
    if (!touchui::HighContrast())
      draw->AddRectFilled(ImVec2(0, header_h + stripe), ImVec2(display.x, header_h + stripe * 1.6f),
                          IM_COL32(0xE8, 0xB9, 0x2F, 0xFF));
    const float ty = (row_h - text_block) * 0.5f;
    draw->AddText(f.heading, f.heading->FontSize, ImVec2(margin, ty), p.header_text, commune.c_str(), nullptr, text_w);
    draw->AddText(f.body, f.body->FontSize, ImVec2(margin, ty + name_h + 6.f * s), p.header_text, ui.S("app.title"),
                  nullptr, text_w);
    {
      float x = buttons_below ? margin : display.x - margin - buttons_w;
      const float y = buttons_below ? row_h - pad : (row_h - button_h) * 0.5f;
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      if (ui.Button("home:text_size", size_label.c_str(), ImVec2(size_w, button_h), touchui::ButtonKind::Surface, f.bold)) {
        SessionStyle& st = ui.Style();
        st.text_size = st.text_size == touchui::TextSize::Normal  ? touchui::TextSize::Large
                       : st.text_size == touchui::TextSize::Large ? touchui::TextSize::ExtraLarge
                                                                  : touchui::TextSize::Normal;
        st.changed = true;
      }
      x += size_w + pad * 2;
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      if (ui.Button("home:contrast", contrast_label, ImVec2(contrast_w, button_h), touchui::ButtonKind::Surface, f.bold)) {
        ui.Style().high_contrast = !ui.Style().high_contrast;
        ui.Style().changed = true;
      }
    }

    // Body: scrolls when large text makes it taller than the screen.
    const float footer_h = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, display.x - 2 * margin, ui.S("home.hint")).y +
                           f.body->FontSize * 1.2f;
    const float top = header_h + stripe * 1.6f;
    ImGui::SetCursorScreenPos(ImVec2(0, top));
    ui.BeginScroll(scroll_, "##home", ImVec2(display.x, display.y - top - footer_h));
    const float width = display.x - 2 * margin;
    ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + margin * 0.6f));

    // The search field: looks like a field, acts as a button that opens the keyboard.
    {
      const char* button = ui.S("home.search_button");
      const float button_w = f.heading->CalcTextSizeA(f.heading->FontSize, FLT_MAX, 0, button).x + f.heading->FontSize * 1.6f;
      const float hint_w = width - button_w - 56.f * s;
      const float hint_h = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, hint_w, ui.S("home.search_placeholder")).y;
      const float field_h = std::max({110.f * s, f.heading->FontSize * 2.4f, hint_h + 40.f * s});
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      const bool pressed = ImGui::InvisibleButton("##home_search", ImVec2(width, field_h));
      ui.Target("home:search");
      const bool held = ImGui::IsItemActive();
      ImDrawList* d = ImGui::GetWindowDrawList();
      const ImVec2 end(pos.x + width, pos.y + field_h);
      d->AddRectFilled(pos, end, held ? p.surface_down : p.surface, p.rounding);
      d->AddRect(pos, end, p.primary, p.rounding, 0, p.border_width * 1.5f);
      const ImVec2 bpos(end.x - button_w - 10.f * s, pos.y + 10.f * s);
      d->AddRectFilled(bpos, ImVec2(end.x - 10.f * s, end.y - 10.f * s), p.primary, p.rounding * 0.8f);
      touchui::DrawCenteredText(d, f.heading, f.heading->FontSize, bpos, ImVec2(end.x - 10.f * s, end.y - 10.f * s),
                                p.primary_text, button);
      d->AddText(f.body, f.body->FontSize, ImVec2(pos.x + 28.f * s, pos.y + (field_h - hint_h) * 0.5f), p.muted,
                 ui.S("home.search_placeholder"), nullptr, hint_w);
      if (pressed) ui.Nav().Push(Route{"search", "", "", ""});
    }

    // Current announcements (their date window, the commune's date), newest first; the
    // attract loop shows them all, home the first two.
    const auto& notices = ui.Content().Announcements(ContentService::LocalDate(ui.Clock().WallSeconds()));
    if (!notices.empty()) {
      ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + 20.f * s));
      DrawNotices(ui, notices, width);
      ImGui::Dummy(ImVec2(1, 6.f * s));
    }

    // Tiles: as many across as fit a thumb and a long Vietnamese title (1 to 3).
    struct TileSpec { const char* screen; const char* target; const char* title; const char* subtitle; ImU32 band; };
    const bool hc = touchui::HighContrast();
    const TileSpec tiles[] = {
        {"procedures", "home:procedures", "section.procedures.title", "section.procedures.subtitle", hc ? p.primary : IM_COL32(0x1B, 0x5C, 0xA8, 255)},
        {"laws", "home:laws", "section.laws.title", "section.laws.subtitle", hc ? p.primary : IM_COL32(0x8B, 0x1E, 0x2D, 255)},
        {"faq", "home:faq", "section.faq.title", "section.faq.subtitle", hc ? p.primary : IM_COL32(0x1E, 0x7F, 0x6E, 255)},
        {"news", "home:news", "section.news.title", "section.news.subtitle", hc ? p.primary : IM_COL32(0xC7, 0x7C, 0x0E, 255)},
        {"learn", "home:learn", "section.learn.title", "section.learn.subtitle", hc ? p.primary : IM_COL32(0x5B, 0x3F, 0x8C, 255)},
        {"guide", "home:guide", "section.guide.title", "section.guide.subtitle", hc ? p.primary : IM_COL32(0x46, 0x5A, 0x70, 255)},
    };
    const float gap = 28.f * s;
    const float min_tile_w = std::max(440.f * s, f.heading->FontSize * 9.5f);
    const int columns = std::clamp((int)((width + gap) / (min_tile_w + gap)), 1, 3);
    const float tile_w = (width - gap * (float)(columns - 1)) / (float)columns;
    // One height for all tiles: the tallest title and subtitle, wrapped to the tile.
    float tile_h = 210.f * s;
    for (const TileSpec& t : tiles) {
      const float band_w = std::max(210.f * s, f.heading->FontSize * 2.4f) * 0.16f;
      const float pad_t = f.heading->FontSize * 0.6f;
      const float wrap = tile_w - band_w - 2 * pad_t;
      const float need = f.heading->CalcTextSizeA(f.heading->FontSize, FLT_MAX, wrap, ui.S(t.title)).y +
                         f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, wrap, ui.S(t.subtitle)).y +
                         f.body->FontSize * 0.35f + pad_t * 2;
      tile_h = std::max(tile_h, need);
    }
    ImGui::SetCursorPos(ImVec2(margin, ImGui::GetCursorPosY() + gap * 0.5f));
    for (size_t i = 0; i < std::size(tiles); ++i) {
      const int col = (int)(i % (size_t)columns);
      if (col > 0) ImGui::SameLine(0, gap);
      else ImGui::SetCursorPosX(margin);
      if (touchui::Tile(tiles[i].target, ui.S(tiles[i].title), ui.S(tiles[i].subtitle), ImVec2(tile_w, tile_h),
                        tiles[i].band, f.heading, f.body))
        ui.Nav().Push(Route{tiles[i].screen, "", "", ""});
      ui.Target(tiles[i].target);
    }
    ImGui::Dummy(ImVec2(1, margin * 0.25f));
    ui.EndScroll();

    // Footer hint.
    const float fy = display.y - footer_h;
    draw->AddRectFilled(ImVec2(0, fy), display, hc ? p.background : IM_COL32(0xE4, 0xE9, 0xEF, 255));
    touchui::DrawCenteredText(draw, f.body, f.body->FontSize, ImVec2(margin, fy), ImVec2(display.x - margin, display.y),
                              p.muted, ui.S("home.hint"));
  }
};

}  // namespace

std::unique_ptr<Screen> MakeHomeScreen() { return std::make_unique<HomeScreen>(); }

}  // namespace kiosk
