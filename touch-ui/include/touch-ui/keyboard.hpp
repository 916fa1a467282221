// touch-ui/keyboard.hpp: the on-screen keyboard with Vietnamese input.
//
// Big keys in a QWERTY layout (w included, Telex needs it), a digit row, shift,
// backspace, space, enter, and a mode key that cycles Telex -> VNI -> no accents.
// Keystrokes go to a VietnameseComposer (touch-ui/vietnamese_input.hpp), which owns the
// composed text. Key ids, used by scripted tests through KeyCenter(): the letters and
// digits themselves, and "backspace", "space", "enter", "shift", "mode".
#pragma once

#include <map>
#include <optional>
#include <string>

#include <imgui.h>

#include "touch-ui/vietnamese_input.hpp"

namespace touchui {

struct KeyboardLabels {
  std::string enter = "Enter";           // what enter does here ("Tìm kiếm")
  std::string space = "Space";
  std::string mode_telex = "Telex";
  std::string mode_vni = "VNI";
  std::string mode_plain = "Plain";      // no accents
  std::string clear = "Clear";           // erases everything typed
};

struct KeyboardFonts {
  ImFont* keys = nullptr;    // letters and digits (heading size)
  ImFont* labels = nullptr;  // space, enter, mode (bold body size)
};

class OnScreenKeyboard {
 public:
  OnScreenKeyboard();

  void SetMethod(InputMethod method);
  InputMethod Method() const { return method_; }
  void SetToneStyle(ToneStyle style);
  void CycleMethod();                     // Telex -> VNI -> Plain -> Telex

  // Draws the keyboard into [POS, POS+SIZE] of the current window's draw list and
  // handles its keys. Returns true on the frame enter was pressed.
  bool Draw(ImVec2 pos, ImVec2 size, const KeyboardLabels& labels, const KeyboardFonts& fonts);

  // Keystrokes from code (a physical keyboard, or a key id as above).
  void PressKey(const std::string& id);
  void TypeCodepoint(char32_t c);
  void Clear();

  std::string Text() const;               // the composed text, UTF-8 NFC
  bool Shift() const { return shift_; }
  // Centre of key ID on screen as drawn in the last frame (nullopt: no such key).
  std::optional<ImVec2> KeyCenter(const std::string& id) const;
  // Preferred height for WIDTH (keys about 1:1, capped for short screens).
  static float PreferredHeight(float width, float screen_height);

 private:
  bool Key(const char* id, const char* label, ImVec2 pos, ImVec2 size, ImFont* font, int style);

  VietnameseComposer composer_;
  InputMethod method_ = InputMethod::Telex;
  ToneStyle tone_style_ = ToneStyle::New;
  bool shift_ = false;
  std::map<std::string, ImVec4> key_rects_;  // id -> (x0, y0, x1, y1) of the last frame
};

}  // namespace touchui
