// Vietnamese folding for search: the one place that decides what "the same word" means.
//
// Every character maps to a short folded string: letters lose tone and vowel marks and
// become lower case (utf8proc: decompose, strip marks, case fold), đ/Đ become d (no
// Unicode decomposition does that), letters and digits of other scripts stay, and
// everything else (punctuation, symbols, spaces) becomes one space. The results for the
// Latin and Vietnamese ranges are computed once into a table, since folding runs over
// every body at build time and over result text at query time.
#include "content-pack/fold.hpp"

#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <mutex>

#include "content-pack/utf8.hpp"

namespace pack {

namespace {

constexpr char32_t kTableSize = 0x2000;  // Latin, Latin Extended, Vietnamese (U+1EA0..)

std::string FoldCodepointSlow(char32_t cp) {
  if (cp == 0x0110 || cp == 0x0111) return "d";
  auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  switch (category) {
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
      return "";  // a combining mark of decomposed input: dropped like a precomposed one
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
      break;
    default:
      return " ";
  }
  utf8proc_int32_t buffer[8];
  int options = UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD;
  utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buffer, 8,
                                               static_cast<utf8proc_option_t>(options), nullptr);
  std::string out;
  if (n < 0 || n > 8) return out;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    if (buffer[i] == 0x0111) { out += 'd'; continue; }
    utf8proc_uint8_t bytes[4];
    utf8proc_ssize_t len = utf8proc_encode_char(buffer[i], bytes);
    out.append(reinterpret_cast<char*>(bytes), static_cast<size_t>(len));
  }
  return out;
}

const std::array<std::string, kTableSize>& FoldTable() {
  static std::array<std::string, kTableSize> table;
  static std::once_flag once;
  std::call_once(once, [] {
    for (char32_t cp = 0; cp < kTableSize; ++cp) table[cp] = FoldCodepointSlow(cp);
  });
  return table;
}

template <class Sink>
void FoldInto(std::string_view input, std::string& out, Sink&& mark) {
  const auto& table = FoldTable();
  out.reserve(input.size());
  size_t i = 0;
  while (i < input.size()) {
    unsigned char c = static_cast<unsigned char>(input[i]);
    size_t start = out.size();
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') out += static_cast<char>(c + 32);
      else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += static_cast<char>(c);
      else out += ' ';
      mark(start, out.size(), i);
      ++i;
      continue;
    }
    char32_t cp = 0;
    size_t len = DecodeUtf8(input, i, &cp);
    if (len == 0) {  // invalid byte: a separator, so it can never join two words
      out += ' ';
      mark(start, out.size(), i);
      ++i;
      continue;
    }
    if (cp < kTableSize) out += table[cp];
    else out += FoldCodepointSlow(cp);
    mark(start, out.size(), i);
    i += len;
  }
}

}  // namespace

std::string Fold(std::string_view utf8) {
  std::string out;
  FoldInto(utf8, out, [](size_t, size_t, size_t) {});
  return out;
}

FoldedText FoldWithOffsets(std::string_view utf8) {
  FoldedText folded;
  folded.source_offset.reserve(utf8.size() + 1);
  FoldInto(utf8, folded.text, [&](size_t begin, size_t end, size_t source) {
    for (size_t k = begin; k < end; ++k) folded.source_offset.push_back(static_cast<uint32_t>(source));
  });
  folded.source_offset.push_back(static_cast<uint32_t>(utf8.size()));
  return folded;
}

NfcResult ToNfc(std::string_view utf8) {
  NfcResult result;
  if (utf8.empty()) { result.ok = true; return result; }
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                                    static_cast<utf8proc_ssize_t>(utf8.size()), &mapped,
                                    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n >= 0 && mapped) {
    result.ok = true;
    result.text.assign(reinterpret_cast<char*>(mapped), static_cast<size_t>(n));
  }
  std::free(mapped);
  return result;
}

std::string Lowercase(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    char32_t cp = 0;
    size_t len = DecodeUtf8(s, i, &cp);
    if (len == 0) { ++i; continue; }
    utf8proc_uint8_t bytes[4];
    auto n = utf8proc_encode_char(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)), bytes);
    out.append(reinterpret_cast<char*>(bytes), static_cast<size_t>(n));
    i += len;
  }
  return out;
}

std::vector<Token> Tokenize(std::string_view folded) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t begin = i;
    while (i < folded.size() && folded[i] != ' ') ++i;
    if (i > begin) tokens.push_back({static_cast<uint32_t>(begin), static_cast<uint32_t>(i)});
  }
  return tokens;
}

}  // namespace pack
