// Shared by the keystroke-table tests: a table row is keystrokes -> expected text, where
// '<' in the keystrokes stands for the backspace key (tests only; the engine itself
// types '<' as a character). Each row is typed into a fresh composer.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

#include "touch-ui/vietnamese_input.hpp"

namespace ime_test {

struct KeyCase {
  const char* keys;
  const char* expected;
};

inline std::string Type(touchui::InputMethod method, touchui::ToneStyle style,
                        std::string_view keys) {
  touchui::VietnameseComposer composer(method, style);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= keys.size(); ++i) {
    if (i == keys.size() || keys[i] == '<') {
      composer.Keys(keys.substr(start, i - start));
      if (i < keys.size()) composer.Backspace();
      start = i + 1;
    }
  }
  return composer.Text();
}

inline void CheckTable(touchui::InputMethod method, touchui::ToneStyle style,
                       const std::vector<KeyCase>& table) {
  for (const KeyCase& row : table) {
    INFO("keys: ", std::string(row.keys));
    CHECK(Type(method, style, row.keys) == std::string(row.expected));
  }
}

}  // namespace ime_test
