// Whole-line entry points of the input engines: ComposeLine for scripts and tests, and
// RunImeFilter behind `kiosk ime telex|vni|plain` (stdin keystrokes -> stdout text).
#include <istream>
#include <ostream>

#include "touch-ui/vietnamese_input.hpp"

namespace touchui {
namespace {

std::string AsciiLower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return lower;
}

}  // namespace

std::optional<InputMethod> ParseInputMethod(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "telex") return InputMethod::Telex;
  if (lower == "vni") return InputMethod::Vni;
  if (lower == "plain") return InputMethod::Plain;
  return std::nullopt;
}

std::optional<ToneStyle> ParseToneStyle(std::string_view name) {
  const std::string lower = AsciiLower(name);
  if (lower == "new") return ToneStyle::New;
  if (lower == "old") return ToneStyle::Old;
  return std::nullopt;
}

std::string_view InputMethodName(InputMethod method) {
  switch (method) {
    case InputMethod::Telex: return "telex";
    case InputMethod::Vni: return "vni";
    case InputMethod::Plain: return "plain";
  }
  return "telex";
}

std::string_view ToneStyleName(ToneStyle style) {
  return style == ToneStyle::Old ? "old" : "new";
}

std::string ComposeLine(InputMethod method, ToneStyle style, std::string_view keystrokes) {
  VietnameseComposer composer(method, style);
  composer.Keys(keystrokes);
  return composer.Text();
}

int RunImeFilter(InputMethod method, ToneStyle style, std::istream& in, std::ostream& out) {
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    out << ComposeLine(method, style, line) << '\n';
    out.flush();  // one answer per line, at once: callers may talk to us interactively
    if (!out) return 1;
  }
  return in.bad() ? 1 : 0;
}

}  // namespace touchui
