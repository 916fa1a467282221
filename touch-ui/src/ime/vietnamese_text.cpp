// Vietnamese letters <-> precomposed code points, built once from Unicode data with
// utf8proc (base letter + combining marks -> NFC) rather than typed by hand, so the 144
// toned vowels cannot contain a typo. Also UTF-8 decoding, NFC and grapheme helpers.
#include "vietnamese_text.hpp"

#include <utf8proc.h>

#include <array>
#include <cstdlib>
#include <unordered_map>
#include <vector>

namespace touchui::ime_detail {
namespace {

struct VowelForm {
  char base;
  Mark mark;
};
// The twelve Vietnamese vowels: a ă â e ê i o ô ơ u ư y.
constexpr std::array<VowelForm, 12> kVowelForms = {{
    {'a', Mark::None}, {'a', Mark::Breve}, {'a', Mark::Hat}, {'e', Mark::None},
    {'e', Mark::Hat},  {'i', Mark::None},  {'o', Mark::None}, {'o', Mark::Hat},
    {'o', Mark::Horn}, {'u', Mark::None},  {'u', Mark::Horn}, {'y', Mark::None},
}};
constexpr int kToneCount = 6;

char32_t CombiningMark(Mark mark) {
  switch (mark) {
    case Mark::Hat: return 0x0302;
    case Mark::Breve: return 0x0306;
    case Mark::Horn: return 0x031B;
    default: return 0;
  }
}

char32_t CombiningTone(Tone tone) {
  switch (tone) {
    case Tone::Acute: return 0x0301;
    case Tone::Grave: return 0x0300;
    case Tone::Hook: return 0x0309;
    case Tone::Tilde: return 0x0303;
    case Tone::Dot: return 0x0323;
    default: return 0;
  }
}

int FormIndex(char base, Mark mark) {
  for (std::size_t i = 0; i < kVowelForms.size(); ++i)
    if (kVowelForms[i].base == base && kVowelForms[i].mark == mark) return static_cast<int>(i);
  return -1;
}

struct LetterTable {
  char32_t code_points[kVowelForms.size()][kToneCount][2] = {};  // [form][tone][upper]
  std::unordered_map<char32_t, ParsedLetter> parse;

  LetterTable() {
    for (std::size_t f = 0; f < kVowelForms.size(); ++f) {
      for (int t = 0; t < kToneCount; ++t) {
        for (int upper = 0; upper < 2; ++upper) {
          std::u32string decomposed;
          decomposed += static_cast<char32_t>(upper ? kVowelForms[f].base - 'a' + 'A'
                                                    : kVowelForms[f].base);
          if (char32_t m = CombiningMark(kVowelForms[f].mark)) decomposed += m;
          if (char32_t c = CombiningTone(static_cast<Tone>(t))) decomposed += c;
          std::string utf8;
          for (char32_t c : decomposed) AppendUtf8(utf8, c);
          std::string nfc = NormalizeNfc(utf8);
          char32_t composed = 0;
          // Every Vietnamese letter has a precomposed form; anything else means a broken
          // utf8proc, and the composer must not silently emit decomposed text.
          if (DecodeUtf8(nfc, 0, composed) != nfc.size()) std::abort();
          code_points[f][t][upper] = composed;
          parse[composed] = ParsedLetter{
              Letter{kVowelForms[f].base, kVowelForms[f].mark, upper == 1, false},
              static_cast<Tone>(t)};
        }
      }
    }
    parse[U'đ'] = ParsedLetter{Letter{'d', Mark::Stroke, false, false}, Tone::None};
    parse[U'Đ'] = ParsedLetter{Letter{'d', Mark::Stroke, true, false}, Tone::None};
  }
};

const LetterTable& Table() {
  static const LetterTable table;
  return table;
}

}  // namespace

char32_t RenderLetter(const Letter& letter, Tone tone) {
  if (letter.mark == Mark::Stroke) return letter.upper ? U'Đ' : U'đ';
  if (IsVowel(letter)) {
    int form = FormIndex(letter.base, letter.mark);
    if (form >= 0)
      return Table().code_points[form][static_cast<int>(tone)][letter.upper ? 1 : 0];
  }
  return static_cast<char32_t>(letter.upper ? letter.base - 'a' + 'A' : letter.base);
}

std::optional<ParsedLetter> ParseLetter(char32_t code_point) {
  if (code_point >= 'a' && code_point <= 'z')
    return ParsedLetter{Letter{static_cast<char>(code_point), Mark::None, false, false}};
  if (code_point >= 'A' && code_point <= 'Z')
    return ParsedLetter{
        Letter{static_cast<char>(code_point - 'A' + 'a'), Mark::None, true, false}};
  if (code_point < 0x80) return std::nullopt;
  const auto& parse = Table().parse;
  auto found = parse.find(code_point);
  if (found == parse.end()) return std::nullopt;
  return found->second;
}

std::size_t DecodeUtf8(std::string_view text, std::size_t pos, char32_t& code_point) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(pos);
  code_point = kReplacementCharacter;
  if (lead < 0x80) {
    code_point = lead;
    return 1;
  }
  std::size_t length = 0;
  char32_t value = 0;
  char32_t minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, value = lead & 0x1F, minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, value = lead & 0x0F, minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, value = lead & 0x07, minimum = 0x10000;
  } else {
    return 1;
  }
  if (pos + length > text.size()) return 1;
  for (std::size_t i = 1; i < length; ++i) {
    unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) return 1;
    value = (value << 6) | (next & 0x3F);
  }
  if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 1;
  code_point = value;
  return length;
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool IsControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

std::string NormalizeNfc(std::string_view utf8) {
  utf8proc_uint8_t* mapped = nullptr;
  utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                   static_cast<utf8proc_ssize_t>(utf8.size()), &mapped,
                   static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (length < 0 || mapped == nullptr) {
    std::free(mapped);
    return std::string(utf8);
  }
  std::string result(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
  std::free(mapped);
  return result;
}

std::size_t LastGraphemeStart(std::string_view text) {
  std::size_t window = text.size();
  for (int count = 0; window > 0 && count < 64; ++count) {
    --window;
    while (window > 0 && (static_cast<unsigned char>(text[window]) & 0xC0) == 0x80) --window;
  }
  std::size_t last_break = window;
  utf8proc_int32_t state = 0;
  char32_t previous = 0;
  bool first = true;
  for (std::size_t pos = window; pos < text.size();) {
    char32_t c = 0;
    std::size_t length = DecodeUtf8(text, pos, c);
    if (!first &&
        utf8proc_grapheme_break_stateful(static_cast<utf8proc_int32_t>(previous),
                                         static_cast<utf8proc_int32_t>(c), &state))
      last_break = pos;
    first = false;
    previous = c;
    pos += length;
  }
  return last_break;
}

}  // namespace touchui::ime_detail
