// touch-ui/theme.cpp: colours and ImGui style for the normal and high-contrast themes.
#include "touch-ui/theme.hpp"

namespace touchui {
namespace {
Palette g_palette;
bool g_high_contrast = false;

constexpr ImU32 Rgb(unsigned r, unsigned g, unsigned b) { return IM_COL32(r, g, b, 255); }

ImVec4 ToVec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
}  // namespace

void ApplyTheme(bool high_contrast, float scale) {
  g_high_contrast = high_contrast;
  Palette& p = g_palette;
  if (!high_contrast) {
    // Calm and official: the blue of public-service portals on a light paper ground, a
    // thin red-and-gold line as the one national note.
    p.background = Rgb(0xF3, 0xF5, 0xF8);
    p.surface = Rgb(0xFF, 0xFF, 0xFF);
    p.surface_down = Rgb(0xDC, 0xE6, 0xF2);
    p.header = Rgb(0x12, 0x3E, 0x74);
    p.header_text = Rgb(0xFF, 0xFF, 0xFF);
    p.stripe = Rgb(0xC8, 0x10, 0x2E);
    p.primary = Rgb(0x1B, 0x5C, 0xA8);
    p.primary_down = Rgb(0x12, 0x3E, 0x74);
    p.primary_text = Rgb(0xFF, 0xFF, 0xFF);
    p.text = Rgb(0x1A, 0x22, 0x2E);
    p.muted = Rgb(0x55, 0x60, 0x70);
    p.border = Rgb(0xC9, 0xD3, 0xDF);
    p.danger = Rgb(0xB4, 0x23, 0x18);
    p.focus = Rgb(0xE0, 0xA1, 0x00);
    p.border_width = 2.f * scale;
  } else {
    p.background = Rgb(0, 0, 0);
    p.surface = Rgb(0x10, 0x10, 0x10);
    p.surface_down = Rgb(0x40, 0x40, 0x00);
    p.header = Rgb(0, 0, 0);
    p.header_text = Rgb(0xFF, 0xFF, 0x00);
    p.stripe = Rgb(0xFF, 0xFF, 0xFF);
    p.primary = Rgb(0xFF, 0xE6, 0x00);
    p.primary_down = Rgb(0xFF, 0xFF, 0xFF);
    p.primary_text = Rgb(0, 0, 0);
    p.text = Rgb(0xFF, 0xFF, 0xFF);
    p.muted = Rgb(0xE0, 0xE0, 0xE0);
    p.border = Rgb(0xFF, 0xFF, 0xFF);
    p.danger = Rgb(0xFF, 0x60, 0x60);
    p.focus = Rgb(0x00, 0xFF, 0xFF);
    p.border_width = 4.f * scale;
  }
  p.rounding = 18.f * scale;

  ImGuiStyle style;  // fresh defaults, then ours: scaling twice must not compound
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.FrameRounding = p.rounding;
  style.FramePadding = ImVec2(24 * scale, 16 * scale);
  style.ItemSpacing = ImVec2(24 * scale, 24 * scale);
  style.ScrollbarSize = 0;
  style.AntiAliasedFill = style.AntiAliasedLines = true;
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ToVec(p.background);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = ToVec(p.surface);
  c[ImGuiCol_Text] = ToVec(p.text);
  c[ImGuiCol_TextDisabled] = ToVec(p.muted);
  c[ImGuiCol_Border] = ToVec(p.border);
  c[ImGuiCol_Button] = ToVec(p.primary);
  c[ImGuiCol_ButtonHovered] = ToVec(p.primary);
  c[ImGuiCol_ButtonActive] = ToVec(p.primary_down);
  c[ImGuiCol_FrameBg] = ToVec(p.surface);
  c[ImGuiCol_ScrollbarGrab] = high_contrast ? ImVec4(1, 1, 0, 1) : ImVec4(0.42f, 0.48f, 0.56f, 0.55f);
  c[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.55f);
  ImGui::GetStyle() = style;
}

const Palette& CurrentPalette() { return g_palette; }
bool HighContrast() { return g_high_contrast; }

}  // namespace touchui
