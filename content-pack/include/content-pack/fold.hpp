// content-pack/fold.hpp: Vietnamese-aware text folding for search.
//
// Folding maps text to the form the index stores: NFD, tone and vowel marks removed,
// đ/Đ to d, lower case. "ĐĂNG KÝ", "Đăng ký" and "dang ky" all fold to "dang ky".
// SQLite's unicode61 tokenizer removes marks but leaves đ alone, hence this.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pack {

// Folded text, plus for every byte of it the byte offset in the input where the input
// character it came from starts (so a match in folded text maps back to accented text).
struct FoldedText {
  std::string text;
  std::vector<uint32_t> source_offset;  // size text.size() + 1; last = input size
};

std::string Fold(std::string_view utf8);
FoldedText FoldWithOffsets(std::string_view utf8);

// NFC normalisation (what the builder stores). Invalid UTF-8 yields an empty optional-like
// result: `ok` false and `text` empty.
struct NfcResult { bool ok = false; std::string text; };
NfcResult ToNfc(std::string_view utf8);

// Lower case, accents kept ("Đăng Ký" -> "đăng ký"): how a word is shown inside a sentence.
std::string Lowercase(std::string_view utf8);

// Words of folded text as the index sees them: runs of letters and digits.
struct Token { uint32_t begin = 0, end = 0; };
std::vector<Token> Tokenize(std::string_view folded);

}  // namespace pack
