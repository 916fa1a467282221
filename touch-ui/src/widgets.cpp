// touch-ui/widgets.cpp: finger-sized buttons, tiles and centred text (see widgets.hpp).
#include "touch-ui/widgets.hpp"

#include <imgui_internal.h>

#include <string>
#include <vector>

#include "touch-ui/theme.hpp"

namespace touchui {

float DrawCenteredText(ImDrawList* draw, ImFont* font, float size, const ImVec2& box_min,
                       const ImVec2& box_max, ImU32 color, const char* text) {
  const char* end = text + strlen(text);
  const char* visible_end = ImGui::FindRenderedTextEnd(text, end);
  const float wrap = box_max.x - box_min.x;
  std::vector<std::pair<const char*, const char*>> lines;
  const char* s = text;
  while (s < visible_end) {
    const char* line_end = font->CalcWordWrapPositionA(size / font->FontSize, s, visible_end, wrap);
    if (line_end == s) line_end = s + 1;  // a word wider than the box: still progress
    const char* nl = (const char*)memchr(s, '\n', (size_t)(line_end - s));
    if (nl) line_end = nl;
    lines.push_back({s, line_end});
    s = line_end;
    while (s < visible_end && (*s == ' ' || *s == '\n')) ++s;
  }
  const float line_h = size * 1.15f;
  const float total = line_h * (float)lines.size();
  float y = box_min.y + ((box_max.y - box_min.y) - total) * 0.5f;
  for (auto& [a, b] : lines) {
    const ImVec2 sz = font->CalcTextSizeA(size, FLT_MAX, 0, a, b);
    draw->AddText(font, size, ImVec2(box_min.x + (wrap - sz.x) * 0.5f, y + (line_h - size) * 0.5f),
                  color, a, b);
    y += line_h;
  }
  return total;
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
  const float pad = font->FontSize * 0.5f;
  DrawCenteredText(draw, font, font->FontSize, ImVec2(pos.x + pad, pos.y), ImVec2(end.x - pad, end.y),
                   text, label);
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
  const float pad = title_font->FontSize * 0.6f;
  const float x0 = pos.x + band_w + pad, x1 = end.x - pad;
  const float wrap = x1 - x0;
  const ImVec2 tsize = title_font->CalcTextSizeA(title_font->FontSize, FLT_MAX, wrap, title);
  const ImVec2 ssize = subtitle_font->CalcTextSizeA(subtitle_font->FontSize, FLT_MAX, wrap, subtitle);
  const float gap = subtitle_font->FontSize * 0.35f;
  float y = pos.y + (size.y - tsize.y - gap - ssize.y) * 0.5f;
  draw->AddText(title_font, title_font->FontSize, ImVec2(x0, y), p.text, title, nullptr, wrap);
  y += tsize.y + gap;
  draw->AddText(subtitle_font, subtitle_font->FontSize, ImVec2(x0, y), p.muted, subtitle, nullptr, wrap);
  return pressed;
}

void Paragraph(const char* text, ImFont* font, ImU32 color) {
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, color);
  // The caller's wrap position (PushTextWrapPos) holds; without one, the window's edge.
  const bool own_wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0;
  if (own_wrap) ImGui::PushTextWrapPos(0.f);
  ImGui::TextUnformatted(text);
  if (own_wrap) ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace touchui
