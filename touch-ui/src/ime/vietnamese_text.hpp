// Private to touch_ui_ime: Vietnamese letters <-> precomposed code points, and the few
// UTF-8 / Unicode operations the composer needs (decode, encode, NFC, graphemes).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "touch-ui/vietnamese_input.hpp"

namespace touchui::ime_detail {

inline bool IsVowel(const Letter& letter) {
  switch (letter.base) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return true;
    default: return false;
  }
}

// The precomposed (NFC) code point of a letter with a tone; the tone is ignored on
// consonants. A vowel/mark pair that Vietnamese lacks never reaches this function.
char32_t RenderLetter(const Letter& letter, Tone tone);

struct ParsedLetter {
  Letter letter;
  Tone tone = Tone::None;
};
// ASCII letters and every precomposed Vietnamese letter (àáảãạ ... đ Đ); nullopt for
// anything else, so `é` from a foreign word is not a Vietnamese letter.
std::optional<ParsedLetter> ParseLetter(char32_t code_point);

constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes one code point at `pos` (pos < text.size()); returns the bytes consumed (>= 1).
// Overlong forms, surrogates, values above U+10FFFF and truncated sequences give
// U+FFFD for one byte, so every byte of hostile input is accounted for.
std::size_t DecodeUtf8(std::string_view text, std::size_t pos, char32_t& code_point);
void AppendUtf8(std::string& out, char32_t code_point);

bool IsControl(char32_t code_point);  // C0, DEL, C1

// NFC of valid UTF-8 (returned unchanged if utf8proc refuses it).
std::string NormalizeNfc(std::string_view utf8);
// Byte offset where the last extended grapheme cluster of valid UTF-8 `text` starts
// (0 for empty text). Looks back at most 64 code points, enough for any real text.
std::size_t LastGraphemeStart(std::string_view text);

}  // namespace touchui::ime_detail
