// utf8.cpp: the UTF-8 decoder (content-pack/utf8.hpp), on utf8proc_iterate.
#include "content-pack/utf8.hpp"

#include <utf8proc.h>

namespace pack {

size_t DecodeUtf8(std::string_view text, size_t at, char32_t* cp) {
  if (at >= text.size()) return 0;
  utf8proc_int32_t code = 0;
  auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + at),
                              static_cast<utf8proc_ssize_t>(text.size() - at), &code);
  if (len <= 0) return 0;
  *cp = static_cast<char32_t>(code);
  return static_cast<size_t>(len);
}

size_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  char32_t cp = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) { ++i; continue; }
    size_t len = DecodeUtf8(text, i, &cp);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace pack
