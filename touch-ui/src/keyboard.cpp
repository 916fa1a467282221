// touch-ui/keyboard.cpp: layout, drawing and key handling of the on-screen keyboard
// (see keyboard.hpp).
#include "touch-ui/keyboard.hpp"

#include <imgui_internal.h>

#include <algorithm>

#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

namespace touchui {

OnScreenKeyboard::OnScreenKeyboard() {
  composer_.SetMethod(method_);
  composer_.SetToneStyle(tone_style_);
}

void OnScreenKeyboard::SetMethod(InputMethod method) {
  method_ = method;
  composer_.SetMethod(method);
}

void OnScreenKeyboard::SetToneStyle(ToneStyle style) {
  tone_style_ = style;
  composer_.SetToneStyle(style);
}

void OnScreenKeyboard::CycleMethod() {
  switch (method_) {
    case InputMethod::Telex: SetMethod(InputMethod::Vni); break;
    case InputMethod::Vni: SetMethod(InputMethod::Plain); break;
    case InputMethod::Plain: SetMethod(InputMethod::Telex); break;
  }
}

void OnScreenKeyboard::Clear() {
  composer_.Clear();
  shift_ = false;
}

std::string OnScreenKeyboard::Text() const { return composer_.Text(); }

void OnScreenKeyboard::TypeCodepoint(char32_t c) { composer_.Key(c); }

void OnScreenKeyboard::PressKey(const std::string& id) {
  if (id == "backspace") composer_.Backspace();
  else if (id == "clear") composer_.Clear();
  else if (id == "space") composer_.Key(U' ');
  else if (id == "shift") shift_ = !shift_;
  else if (id == "mode") CycleMethod();
  else if (id == "enter") {}
  else if (id.size() == 1) {
    char c = id[0];
    if (shift_ && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
    composer_.Key((char32_t)c);
    shift_ = false;  // one-shot, as on phones
  }
}

std::optional<ImVec2> OnScreenKeyboard::KeyCenter(const std::string& id) const {
  auto it = key_rects_.find(id);
  if (it == key_rects_.end()) return std::nullopt;
  return ImVec2((it->second.x + it->second.z) * 0.5f, (it->second.y + it->second.w) * 0.5f);
}

float OnScreenKeyboard::PreferredHeight(float width, float screen_height) {
  // Ten keys across; keys a little wider than tall; never more than 45% of the screen.
  const float key = width / 10.f;
  return std::min(key * 0.82f * 5.f, screen_height * 0.45f);
}

// STYLE: 0 letter/digit, 1 function key, 2 enter (primary).
bool OnScreenKeyboard::Key(const char* id, const char* label, ImVec2 pos, ImVec2 size,
                           ImFont* font, int style) {
  const Palette& p = CurrentPalette();
  key_rects_[id] = ImVec4(pos.x, pos.y, pos.x + size.x, pos.y + size.y);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(id);
  const bool pressed = ImGui::InvisibleButton("##key", size);
  const bool held = ImGui::IsItemActive();
  ImGui::PopID();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + size.x, pos.y + size.y);
  ImU32 fill, text;
  if (style == 2) {
    fill = held ? p.primary_down : p.primary;
    text = p.primary_text;
  } else {
    fill = held ? p.surface_down : (style == 1 ? p.background : p.surface);
    text = p.text;
  }
  const float r = p.rounding * 0.6f;
  draw->AddRectFilled(pos, end, fill, r);
  draw->AddRect(pos, end, p.border, r, 0, p.border_width);
  // The symbol keys (shift, backspace) draw their one glyph larger: it is small in the font.
  const bool symbol = (unsigned char)label[0] >= 0xE2 && label[3] == 0;
  const float px = font->FontSize * (symbol ? 1.5f : 1.f);
  DrawCenteredText(draw, font, px, ImVec2(pos.x + 4, pos.y), ImVec2(end.x - 4, end.y), text, label);
  return pressed;
}

bool OnScreenKeyboard::Draw(ImVec2 pos, ImVec2 size, const KeyboardLabels& labels,
                            const KeyboardFonts& fonts) {
  const Palette& p = CurrentPalette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                      HighContrast() ? p.background : IM_COL32(0xE4, 0xE9, 0xEF, 0xFF));
  const ImVec2 saved_cursor = ImGui::GetCursorScreenPos();

  const float gap = std::max(6.f, size.x * 0.006f);
  const float unit = (size.x - gap) / 10.f;           // ten key units across
  const float row_h = (size.y - gap) / 5.f;
  const ImVec2 key_size(unit - gap, row_h - gap);
  bool enter = false;
  ImFont* kf = fonts.keys ? fonts.keys : ImGui::GetFont();
  ImFont* lf = fonts.labels ? fonts.labels : ImGui::GetFont();

  auto row_y = [&](int row) { return pos.y + gap + row_h * (float)row; };
  auto letters = [&](int row, const char* keys, float indent_units) {
    float x = pos.x + gap + unit * indent_units;
    for (const char* k = keys; *k; ++k) {
      char id[2] = {*k, 0};
      char label[2] = {shift_ && *k >= 'a' && *k <= 'z' ? (char)(*k - 'a' + 'A') : *k, 0};
      if (Key(id, label, ImVec2(x, row_y(row)), key_size, kf, 0)) PressKey(id);
      x += unit;
    }
  };
  // Ten units a row. "-" and "/" type document numbers (NĐ-CP, 123/2015); "clear" erases
  // everything typed at once.
  letters(0, "1234567890", 0);
  letters(1, "qwertyuiop", 0);
  letters(2, "asdfghjkl-", 0);
  // Row 3: shift, z..m, "/", backspace.
  if (Key("shift", shift_ ? "\xE2\xAC\x86" : "\xE2\x87\xA7", ImVec2(pos.x + gap, row_y(3)), key_size, kf,
          shift_ ? 2 : 1))
    PressKey("shift");
  letters(3, "zxcvbnm/", 1);
  if (Key("backspace", "\xE2\x8C\xAB", ImVec2(pos.x + gap + unit * 9.f, row_y(3)), key_size, kf, 1))
    PressKey("backspace");
  // Row 4: mode, clear, space, enter.
  const char* mode_label = method_ == InputMethod::Telex ? labels.mode_telex.c_str()
                           : method_ == InputMethod::Vni ? labels.mode_vni.c_str()
                                                         : labels.mode_plain.c_str();
  if (Key("mode", mode_label, ImVec2(pos.x + gap, row_y(4)), ImVec2(unit * 2.f - gap, key_size.y), lf, 1))
    PressKey("mode");
  if (Key("clear", labels.clear.c_str(), ImVec2(pos.x + gap + unit * 2.f, row_y(4)),
          ImVec2(unit * 2.f - gap, key_size.y), lf, 1))
    PressKey("clear");
  if (Key("space", labels.space.c_str(), ImVec2(pos.x + gap + unit * 4.f, row_y(4)),
          ImVec2(unit * 3.5f - gap, key_size.y), lf, 0))
    PressKey("space");
  if (Key("enter", labels.enter.c_str(), ImVec2(pos.x + gap + unit * 7.5f, row_y(4)),
          ImVec2(unit * 2.5f - gap, key_size.y), lf, 2))
    enter = true;
  ImGui::SetCursorScreenPos(saved_cursor);
  return enter;
}

}  // namespace touchui
