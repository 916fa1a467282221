// touch-ui/widgets.hpp: finger-sized widgets drawn in the theme's colours.
//
// Every widget here is at least 12 mm tall at the sizes the kiosk uses, fires on release
// over the item (ImGui's default), and so never fires when the finger started a drag
// (see touch_input.hpp). Text in every widget is laid out by text_layout.hpp: a word is
// never split across lines, and a label too big for its box shrinks (to 70 % at most)
// instead of being clipped.
#pragma once

#include <imgui.h>

namespace touchui {

enum class ButtonKind {
  Primary,    // filled with the primary colour: the main action of a screen
  Surface,    // a white card with a border: tiles, list rows, keys
  Quiet,      // border only: secondary actions (back, cancel)
};

// A button of SIZE with LABEL centred and wrapped in FONT (null: current), shrunk to
// fit the button's height when it must. "##id"
// suffixes work as in ImGui. Returns true on the frame it is activated.
bool TouchButton(const char* label, ImVec2 size, ButtonKind kind = ButtonKind::Primary,
                 ImFont* font = nullptr);

// A home-screen tile: a coloured band, a title and a subtitle (both shrink together to
// fit the tile; when even 70 % is too tall, the subtitle is left out).
bool Tile(const char* id, const char* title, const char* subtitle, ImVec2 size, ImU32 band,
          ImFont* title_font, ImFont* subtitle_font);

// Draws TEXT ("##" hides the rest, as in ImGui) fitted to BOX (FitText: shrinks to fit
// the box's height, words kept whole), each line centred horizontally, the block centred
// vertically. Returns the height used.
float DrawCenteredText(ImDrawList* draw, ImFont* font, float size, const ImVec2& box_min,
                       const ImVec2& box_max, ImU32 color, const char* text);

// Wrapped text at the cursor in FONT (null: current) and COLOR (a paragraph), wrapped at
// the caller's PushTextWrapPos or else at the window's edge; lines kLineSpacing apart.
// Its height for layout: WrappedTextHeight(font, font->FontSize, text, width).
void Paragraph(const char* text, ImFont* font, ImU32 color);

}  // namespace touchui
