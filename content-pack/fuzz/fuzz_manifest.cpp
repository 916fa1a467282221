// Fuzz target: the portal manifest parser, the trusted-comment check and the text
// safety helpers (issue 10). A manifest is parsed before its content is trusted by
// anything but its signature, and a leaked key can sign any bytes: any input must give
// a Manifest or an error, never a crash, and a parsed manifest must survive its own
// round trip. The first line of the input is also used as a trusted comment and as
// hostile text for ValidUtf8 / PrintableText / DumpJson.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "content-pack/portal.hpp"
#include "content-pack/text_safety.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const std::string_view first_line = bytes.substr(0, bytes.find('\n'));
  const std::string valid = pack::ValidUtf8(bytes);
  if (pack::ValidUtf8(valid) != valid) std::abort();  // idempotent: the output is valid
  const std::string shown = pack::PrintableText(first_line);
  for (unsigned char c : shown)
    if (c < 0x20 || c == 0x7f) std::abort();  // no control byte survives
  (void)pack::DumpJson(nlohmann::json{{"text", std::string(bytes)}});
  auto parsed = pack::portal::ParseManifest(bytes);
  if (parsed.ok()) {
    (void)pack::portal::CheckTrustedComment(first_line, *parsed);
    // What the publisher would write for it parses to the same manifest.
    auto again = pack::portal::ParseManifest(pack::portal::ManifestToJson(*parsed));
    if (!again.ok() || again->version != parsed->version || again->raw_size != parsed->raw_size ||
        again->pack.url != parsed->pack.url || again->deltas.size() != parsed->deltas.size())
      std::abort();
  }
  return 0;
}
