// touch-ui/theme.hpp: the calm, official look and its high-contrast variant.
//
// Colours are named by role, not by hue, so screens draw with Palette().primary etc.
// and the high-contrast mode (white on black, yellow actions, thick borders) changes
// every screen at once.
#pragma once

#include <imgui.h>

namespace touchui {

struct Palette {
  ImU32 background;    // screen background
  ImU32 surface;       // cards, list rows, the keyboard's keys
  ImU32 surface_down;  // a card or key under the finger
  ImU32 header;        // top bar
  ImU32 header_text;
  ImU32 stripe;        // thin official accent under the header
  ImU32 primary;       // main action buttons
  ImU32 primary_down;
  ImU32 primary_text;
  ImU32 text;          // body text
  ImU32 muted;         // secondary text
  ImU32 border;
  ImU32 danger;        // warnings for the technician, the idle countdown ring
  ImU32 focus;         // the field being typed into
  float border_width;  // = 2 px at 1080p; 4 in high contrast
  float rounding;      // = 18 px at 1080p
};

// Sets ImGui's style for SCALE (display height / 1080) and remembers the palette.
void ApplyTheme(bool high_contrast, float scale);
const Palette& CurrentPalette();
bool HighContrast();

}  // namespace touchui
