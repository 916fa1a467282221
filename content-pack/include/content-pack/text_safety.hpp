// content-pack/text_safety.hpp: text from outside (a portal's headers, a pack's strings,
// a stored error) made safe for where it goes next. Any byte string may arrive; JSON
// output needs valid UTF-8 (nlohmann's dump throws on anything else), and a terminal or
// the journal must not receive escape sequences or line breaks that forge log lines.
// Used by `content-pack`, `kiosk-sync` and the kiosk's --dump-state.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace pack {

// BYTES as valid UTF-8: each byte that does not start a well-formed sequence (overlong,
// surrogate, beyond U+10FFFF, truncated) becomes U+FFFD. Valid text is returned as is.
std::string ValidUtf8(std::string_view bytes);

// BYTES for one line of a terminal or the journal: ValidUtf8, and every control
// character (C0 incl. CR, LF and ESC, DEL, C1) becomes "\xNN" in ASCII, so a hostile
// server cannot clear a screen, colour text or start a fake log line.
std::string PrintableText(std::string_view bytes);

// nlohmann's dump that never throws: invalid UTF-8 in any string becomes U+FFFD.
inline std::string DumpJson(const nlohmann::json& doc, int indent = -1) {
  return doc.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace pack
