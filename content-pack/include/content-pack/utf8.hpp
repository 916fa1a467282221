// content-pack/utf8.hpp: the one UTF-8 decoder of content-pack (utf8proc underneath).
//
// Strict: overlong forms, surrogates, code points above U+10FFFF and truncated
// sequences are invalid. Folding, NFC checks and the source parser all decode here.
#pragma once

#include <cstddef>
#include <string_view>

namespace pack {

// Decodes the UTF-8 sequence that starts at TEXT[AT] into *CP; returns its length in
// bytes, or 0 when the bytes there are not valid UTF-8 (then *CP is unspecified).
size_t DecodeUtf8(std::string_view text, size_t at, char32_t* cp);

// Offset of the first byte of TEXT that does not start a valid sequence, or npos.
size_t FirstInvalidUtf8(std::string_view text);

inline bool IsValidUtf8(std::string_view text) { return FirstInvalidUtf8(text) == std::string_view::npos; }

}  // namespace pack
