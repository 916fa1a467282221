// VietnameseComposer as the UI uses it: NFC output, SetText, Commit, method and style
// switches, control and hostile keys, graphemes, long input, ComposeLine.
#include <doctest/doctest.h>
#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "ime_cases.hpp"
#include "touch-ui/vietnamese_input.hpp"
#include "utf8_check.hpp"

using touchui::ComposeLine;
using touchui::InputMethod;
using touchui::ToneStyle;
using touchui::VietnameseComposer;

namespace {


bool IsNfc(const std::string& text) {
  utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
  if (nfc == nullptr) return false;
  const bool same = text == reinterpret_cast<const char*>(nfc);
  std::free(nfc);
  return same;
}

void TypeAll(VietnameseComposer& composer, std::string_view keys) { composer.Keys(keys); }

}  // namespace

TEST_CASE("composer: output is NFC precomposed text") {
  for (const char* keys : {"Tooi muoons ddangw kys khai sinh cho con", "nguwowif thuowr",
                           "VIEETJ NAM", "khuyur ngoeoj quyts"}) {
    const std::string text = ComposeLine(InputMethod::Telex, ToneStyle::New, keys);
    CHECK(IsNfc(text));
    CHECK(IsValidUtf8(text));
  }
  // One code point per letter: "Việt" is 4 code points, 6 bytes.
  CHECK(ComposeLine(InputMethod::Telex, ToneStyle::New, "Vieetj").size() == 6);
}

TEST_CASE("composer: a combining mark typed after a letter composes (NFC)") {
  VietnameseComposer composer;
  composer.Key(U'a');
  composer.Key(0x0301);
  CHECK(composer.Text() == "á");
  composer.Key(U'e');
  composer.Key(0x0302);
  composer.Key(0x0323);
  CHECK(composer.Text() == "áệ");
  CHECK(IsNfc(composer.Text()));
}

TEST_CASE("composer: ready-made Vietnamese letter keys join the word") {
  VietnameseComposer composer;
  TypeAll(composer, "ti");
  composer.Key(U'ế');
  TypeAll(composer, "ng");
  CHECK(composer.Text() == "tiếng");
  composer.Key(U' ');
  composer.Key(U'đ');
  TypeAll(composer, "i");
  CHECK(composer.Text() == "tiếng đi");
  TypeAll(composer, "f");
  CHECK(composer.Text() == "tiếng đì");
  composer.Key(U'ư');
  CHECK(composer.Text() == "tiếng điừ");  // the tone goes where the rules say
}

TEST_CASE("composer: SetText re-opens the last word and cleans the text") {
  VietnameseComposer composer;
  composer.SetText("Xin chào Việt");
  CHECK(composer.Text() == "Xin chào Việt");
  CHECK(composer.ComposingBegin() == std::string("Xin chào ").size());
  composer.Key(U's');
  CHECK(composer.Text() == "Xin chào Viết");

  composer.SetText("Vie\xCC\x82\xCC\xA3t");  // NFD "Việt"
  CHECK(composer.Text() == "Việt");
  composer.SetText("a\x01\tb\nc\x7F");        // controls dropped
  CHECK(composer.Text() == "abc");
  composer.SetText("x\xFF\xC3y");              // invalid bytes become U+FFFD
  CHECK(composer.Text() == "x\xEF\xBF\xBD\xEF\xBF\xBDy");
  composer.SetText("");
  CHECK(composer.Text().empty());
  composer.Backspace();
  CHECK(composer.Text().empty());
}

TEST_CASE("composer: ComposingBegin marks the word being typed") {
  VietnameseComposer composer;
  TypeAll(composer, "Xin chaof");
  CHECK(composer.Text().substr(composer.ComposingBegin()) == "chào");
  composer.Key(U' ');
  CHECK(composer.ComposingBegin() == composer.Text().size());
}

TEST_CASE("composer: Commit settles the word") {
  VietnameseComposer composer;
  TypeAll(composer, "a");
  composer.Commit();
  TypeAll(composer, "s");
  CHECK(composer.Text() == "as");
  composer.Clear();
  CHECK(composer.Text().empty());
  TypeAll(composer, "as");
  CHECK(composer.Text() == "á");
}

TEST_CASE("composer: switching method and tone style") {
  VietnameseComposer composer(InputMethod::Plain);
  TypeAll(composer, "hoa");
  composer.SetMethod(InputMethod::Telex);
  TypeAll(composer, "f");
  CHECK(composer.Text() == "hoà");
  composer.SetToneStyle(ToneStyle::Old);
  CHECK(composer.Text() == "hòa");
  CHECK(composer.Style() == ToneStyle::Old);
  composer.SetMethod(InputMethod::Vni);
  TypeAll(composer, "1");
  CHECK(composer.Text() == "hóa");
  composer.SetMethod(InputMethod::Plain);
  TypeAll(composer, "s1");
  CHECK(composer.Text() == "hóas1");
  CHECK(composer.Method() == InputMethod::Plain);
}

TEST_CASE("composer: control characters and impossible code points are ignored") {
  VietnameseComposer composer;
  TypeAll(composer, "as");
  for (char32_t key : {char32_t{0}, char32_t{'\n'}, char32_t{'\t'}, char32_t{0x1B},
                       char32_t{0x7F}, char32_t{0x85}, char32_t{0xD800}, char32_t{0xDFFF},
                       char32_t{0x110000}, char32_t{0xFFFFFFFF}})
    composer.Key(key);
  CHECK(composer.Text() == "á");
  composer.Keys("\x08");  // BS in a keystroke string is the backspace key
  CHECK(composer.Text().empty());
}

TEST_CASE("composer: backspace removes a whole grapheme") {
  VietnameseComposer composer;
  composer.SetText("ab\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9");  // man ZWJ woman
  composer.Backspace();
  CHECK(composer.Text() == "ab");
  composer.SetText("x e\xE2\x83\x9D");  // e + combining enclosing circle
  composer.Backspace();
  CHECK(composer.Text() == "x ");
}

TEST_CASE("composer: random hostile keys never break the text") {
  std::mt19937 random(20261128);
  for (InputMethod method : {InputMethod::Telex, InputMethod::Vni, InputMethod::Plain}) {
    VietnameseComposer composer(method);
    static constexpr char32_t kInteresting[] = {
        'a', 'e', 'o', 'u', 'w', 'd', 's', 'f', 'r', 'x', 'j', 'z', 'q', 'g', 'i', 'y', 'n',
        'A', 'W', 'D', '0', '6', '7', '8', '9', '1', ' ', ',', 0x0301, 0x0323, U'ư', U'ệ',
        U'Đ', 0x200D, 0x1F600, 0xFFFD, 0x08, 0};
    for (int i = 0; i < 20000; ++i) {
      const auto pick = random() % (std::size(kInteresting) + 3);
      if (pick >= std::size(kInteresting))
        composer.Backspace();
      else
        composer.Key(kInteresting[pick]);
      if (random() % 5000 == 0) composer.SetToneStyle(random() % 2 ? ToneStyle::Old : ToneStyle::New);
    }
    CHECK(IsValidUtf8(composer.Text()));
    CHECK(IsNfc(composer.Text()));
    CHECK(composer.ComposingBegin() <= composer.Text().size());
  }
}

TEST_CASE("composer: random bytes as keystrokes give valid NFC UTF-8") {
  std::mt19937 random(7);
  std::string bytes;
  for (int i = 0; i < 50000; ++i) bytes += static_cast<char>(random() & 0xFF);
  for (InputMethod method : {InputMethod::Telex, InputMethod::Vni, InputMethod::Plain}) {
    const std::string text = ComposeLine(method, ToneStyle::New, bytes);
    CHECK(IsValidUtf8(text));
    CHECK(IsNfc(text));
  }
}

TEST_CASE("composer: very long lines stay linear") {
  // 200k keys in one word-less run and in words: finishes quickly because only the last
  // word (at most 12 letters) is ever rewritten. Not timed; a quadratic engine would
  // simply not finish in the suite's time budget.
  const std::string letters(200000, 'a');
  CHECK(ComposeLine(InputMethod::Telex, ToneStyle::New, letters).size() > 0);
  std::string words;
  for (int i = 0; i < 20000; ++i) words += "nguwowif ";
  const std::string text = ComposeLine(InputMethod::Telex, ToneStyle::New, words);
  CHECK(text.size() == 20000 * std::string("người ").size());
}

TEST_CASE("composer: method and style names") {
  CHECK(touchui::ParseInputMethod("telex") == InputMethod::Telex);
  CHECK(touchui::ParseInputMethod("VNI") == InputMethod::Vni);
  CHECK(touchui::ParseInputMethod("plain") == InputMethod::Plain);
  CHECK_FALSE(touchui::ParseInputMethod("vnii").has_value());
  CHECK_FALSE(touchui::ParseInputMethod("").has_value());
  CHECK(touchui::ParseToneStyle("Old") == ToneStyle::Old);
  CHECK(touchui::ParseToneStyle("new") == ToneStyle::New);
  CHECK_FALSE(touchui::ParseToneStyle("modern").has_value());
  CHECK(touchui::InputMethodName(InputMethod::Vni) == "vni");
  CHECK(touchui::ToneStyleName(ToneStyle::Old) == "old");
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

TEST_CASE("composer: fuzz target properties hold on seeded random input") {
  // The libFuzzer target's checks (valid UTF-8, SetText(Text()) is a no-op, backspace
  // never grows the text, NFC) on 3000 inputs mixing keys, controls and bytes.
  std::mt19937 random(42);
  static constexpr char kAlphabet[] = "aeouwdsfrjxzqgiyn AWDS0126789,\x01\x02\x03\x04\x08";
  for (int run = 0; run < 3000; ++run) {
    std::string input(1, static_cast<char>(random() & 0xFF));
    const int length = static_cast<int>(random() % 64);
    for (int i = 0; i < length; ++i)
      input += random() % 8 == 0 ? static_cast<char>(random() & 0xFF)
                                 : kAlphabet[random() % (sizeof kAlphabet - 1)];
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  }
  for (const char* seed : {"\x00Tooi muoons ddangw kys", "\x01Vie65t Nam 2024\x08\x08",
                           "\x04thuowr nguwoif\x02s\x03"})
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(seed), std::strlen(seed) + 1);
}
