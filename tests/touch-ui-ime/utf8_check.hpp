// tests/touch-ui-ime/utf8_check.hpp: is a byte string valid UTF-8? For the composer's
// tests and its fuzz target (whatever is typed, the text stays valid UTF-8).
#pragma once

#include <utf8proc.h>

#include <cstddef>
#include <string>

inline bool IsValidUtf8(const std::string& text) {
  utf8proc_int32_t c = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()) + pos,
                              static_cast<utf8proc_ssize_t>(text.size() - pos), &c);
    if (n <= 0) return false;
    pos += static_cast<std::size_t>(n);
  }
  return true;
}
