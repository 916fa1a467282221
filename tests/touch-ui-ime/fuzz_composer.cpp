// libFuzzer target for VietnameseComposer (built with -DKIOSK_FUZZ=ON and clang).
// Byte 0 picks method and tone style; then each byte is a key (UTF-8 decoded by Keys),
// except 0x01 Commit, 0x02 SetText(Text()), 0x03 toggle tone style, 0x04 next method.
// Checks after every step: valid UTF-8, ComposingBegin inside the text, SetText(Text())
// changes nothing, Backspace never grows the text; at the end: NFC.
#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <string>

#include "touch-ui/vietnamese_input.hpp"
#include "utf8_check.hpp"

namespace {

void Require(bool condition) {
  if (!condition) std::abort();
}


}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using touchui::InputMethod;
  using touchui::ToneStyle;
  if (size == 0) return 0;
  const InputMethod methods[] = {InputMethod::Telex, InputMethod::Vni, InputMethod::Plain};
  int method = data[0] % 3;
  ToneStyle style = (data[0] & 4) ? ToneStyle::Old : ToneStyle::New;
  touchui::VietnameseComposer composer(methods[method], style);
  std::string pending;
  const auto flush = [&] {
    const std::size_t before = composer.Text().size();
    const bool only_backspace = pending == "\x08";
    composer.Keys(pending);
    if (only_backspace) Require(composer.Text().size() <= before);
    pending.clear();
  };
  for (std::size_t i = 1; i < size; ++i) {
    const char byte = static_cast<char>(data[i]);
    if (byte >= 0x01 && byte <= 0x04) {
      flush();
      if (byte == 0x01) composer.Commit();
      if (byte == 0x02) {
        const std::string text = composer.Text();
        composer.SetText(text);
        Require(composer.Text() == text);
      }
      if (byte == 0x03) {
        style = style == ToneStyle::New ? ToneStyle::Old : ToneStyle::New;
        composer.SetToneStyle(style);
      }
      if (byte == 0x04) composer.SetMethod(methods[method = (method + 1) % 3]);
    } else {
      pending += byte;
      if (byte == 0x08 || (data[i] < 0x80 && pending.size() > 8)) flush();
    }
    Require(IsValidUtf8(composer.Text()));
    Require(composer.ComposingBegin() <= composer.Text().size());
  }
  flush();
  const std::string& text = composer.Text();
  Require(IsValidUtf8(text));
  utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
  Require(nfc != nullptr && text == reinterpret_cast<const char*>(nfc));
  std::free(nfc);
  return 0;
}
