// touch-ui/widgets.hpp: finger-sized widgets drawn in the theme's colours.
//
// Every widget here is at least 12 mm tall at the sizes the kiosk uses, fires on release
// over the item (ImGui's default), and so never fires when the finger started a drag
// (see touch_input.hpp).
#pragma once

#include <imgui.h>

namespace touchui {

enum class ButtonKind {
  Primary,    // filled with the primary colour: the main action of a screen
  Surface,    // a white card with a border: tiles, list rows, keys
  Quiet,      // border only: secondary actions (back, cancel)
};

// A button of SIZE with LABEL centred and wrapped in FONT (null: current). "##id"
// suffixes work as in ImGui. Returns true on the frame it is activated.
bool TouchButton(const char* label, ImVec2 size, ButtonKind kind = ButtonKind::Primary,
                 ImFont* font = nullptr);

// A home-screen tile: a coloured band with a symbol letter, a title and a subtitle.
bool Tile(const char* id, const char* title, const char* subtitle, ImVec2 size, ImU32 band,
          ImFont* title_font, ImFont* subtitle_font);

// Draws TEXT wrapped to BOX's width, each line centred horizontally, the block centred
// vertically. Returns the height used.
float DrawCenteredText(ImDrawList* draw, ImFont* font, float size, const ImVec2& box_min,
                       const ImVec2& box_max, ImU32 color, const char* text);

// Wrapped text at the cursor in FONT and COLOR (a paragraph), wrapped at the caller's
// PushTextWrapPos or else at the window's edge.
void Paragraph(const char* text, ImFont* font, ImU32 color);

}  // namespace touchui
