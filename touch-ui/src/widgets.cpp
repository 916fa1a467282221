// touch-ui/widgets.cpp: finger-sized buttons, tiles and centred text (see widgets.hpp).
// All text goes through text_layout.hpp: no word is ever split, labels shrink to fit.
#include "touch-ui/widgets.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <string_view>

#include "touch-ui/text_layout.hpp"
#include "touch-ui/theme.hpp"

namespace touchui {
namespace {
constexpr float kButtonLineSpacing = 1.15f;  // labels: a little tighter than running text
}  // namespace

float DrawCenteredText(ImDrawList* draw, ImFont* font, float size, const ImVec2& box_min,
                       const ImVec2& box_max, ImU32 color, const char* text) {
  const std::string_view visible(text, (size_t)(ImGui::FindRenderedTextEnd(text) - text));
  const float width = box_max.x - box_min.x;
  const TextBlock block =
      FitText(font, size, visible, width, box_max.y - box_min.y, kMinTextScale, kButtonLineSpacing);
  // Centred vertically; a block that cannot fit even at the floor spills evenly.
  const float y = box_min.y + ((box_max.y - box_min.y) - block.height) * 0.5f;
  DrawTextBlock(draw, font, block, visible, ImVec2(box_min.x, y), width, color, TextAlign::Center);
  return block.height;
}

bool TouchButton(const char* label, ImVec2 size, ButtonKind kind, ImFont* font) {
  const Palette& p = CurrentPalette();
  if (!font) font = ImGui::GetFont();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton(label, size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + size.x, pos.y + size.y);
  ImU32 fill = p.primary, text = p.primary_text, border = 0;
  switch (kind) {
    case ButtonKind::Primary:
      fill = held ? p.primary_down : p.primary;
      text = p.primary_text;
      border = HighContrast() ? p.border : 0;
      break;
    case ButtonKind::Surface:
      fill = held ? p.surface_down : p.surface;
      text = p.text;
      border = p.border;
      break;
    case ButtonKind::Quiet:
      fill = held ? p.surface_down : p.background;
      text = HighContrast() ? p.text : p.primary;
      border = HighContrast() ? p.border : p.primary;
      break;
  }
  draw->AddRectFilled(pos, end, fill, p.rounding);
  if (border) draw->AddRect(pos, end, border, p.rounding, 0, p.border_width);
  // Room for the border and a little air; a label taller than the rest shrinks (FitText).
  const float pad_x = font->FontSize * 0.5f;
  const float pad_y = std::min(font->FontSize * 0.15f, size.y * 0.1f) + p.border_width;
  DrawCenteredText(draw, font, font->FontSize, ImVec2(pos.x + pad_x, pos.y + pad_y),
                   ImVec2(end.x - pad_x, end.y - pad_y), text, label);
  return pressed;
}

bool Tile(const char* id, const char* title, const char* subtitle, ImVec2 size, ImU32 band,
          ImFont* title_font, ImFont* subtitle_font) {
  const Palette& p = CurrentPalette();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool pressed = ImGui::InvisibleButton(id, size);
  const bool held = ImGui::IsItemActive();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + size.x, pos.y + size.y);
  draw->AddRectFilled(pos, end, held ? p.surface_down : p.surface, p.rounding);
  draw->AddRect(pos, end, p.border, p.rounding, 0, p.border_width);
  const float band_w = size.y * 0.16f;
  draw->AddRectFilled(pos, ImVec2(pos.x + band_w, end.y), band, p.rounding,
                      ImDrawFlags_RoundCornersLeft);
  const std::string_view t(title), st(subtitle ? subtitle : "");
  // Title and subtitle (and the padding) shrink together, in 5 % steps to the floor,
  // until both fit.
  TextBlock tb, sb;
  float x0 = 0, wrap = 0, gap = 0, room = 0;
  for (float scale = 1.f;; scale -= 0.05f) {
    const float s = std::max(scale, kMinTextScale);
    const float pad = std::round(title_font->FontSize * 0.6f * s);
    x0 = pos.x + band_w + pad;
    wrap = std::max(1.f, end.x - pad - x0);
    gap = subtitle_font->FontSize * 0.35f * s;
    room = size.y - 2.f * std::min(pad, size.y * 0.1f);
    tb = LayoutText(title_font, title_font->FontSize * s, t, wrap, kButtonLineSpacing);
    sb = LayoutText(subtitle_font, subtitle_font->FontSize * s, st, wrap, kButtonLineSpacing);
    if ((tb.fits && sb.fits && tb.height + gap + sb.height <= room) || s <= kMinTextScale) break;
  }
  // A word still wider than the tile at the floor: only now broken (FitText's last resort).
  if (!tb.fits) tb = FitText(title_font, tb.size, t, wrap, FLT_MAX, 1.f, kButtonLineSpacing);
  if (!sb.fits) sb = FitText(subtitle_font, sb.size, st, wrap, FLT_MAX, 1.f, kButtonLineSpacing);
  // Still too tall: the title is what the tile is; the subtitle gives way.
  if (tb.height + gap + sb.height > room) {
    sb = TextBlock{};
    gap = 0;
  }
  float y = pos.y + (size.y - tb.height - gap - sb.height) * 0.5f;
  DrawTextBlock(draw, title_font, tb, t, ImVec2(x0, y), wrap, p.text);
  y += tb.height + gap;
  DrawTextBlock(draw, subtitle_font, sb, st, ImVec2(x0, y), wrap, p.muted);
  return pressed;
}

void Paragraph(const char* text, ImFont* font, ImU32 color) {
  ImGuiWindow* window = ImGui::GetCurrentWindow();
  if (!font) font = ImGui::GetFont();
  // The caller's wrap position (PushTextWrapPos) holds; without one, the window's edge.
  const ImVec2 pos = window->DC.CursorPos;
  const float wrap_pos = window->DC.TextWrapPos < 0 ? 0.f : window->DC.TextWrapPos;
  const float width = std::max(1.f, ImGui::CalcWrapWidthForPos(pos, wrap_pos));
  const std::string_view s(text);
  const TextBlock block = FitText(font, font->FontSize, s, width);
  const ImRect bb(pos, ImVec2(pos.x + width, pos.y + block.height));
  ImGui::ItemSize(bb);
  if (!ImGui::ItemAdd(bb, 0)) return;  // clipped: nothing to draw
  DrawTextBlock(window->DrawList, font, block, s, pos, width, color);
}

}  // namespace touchui
