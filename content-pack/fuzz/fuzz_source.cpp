// Fuzz target: the source parsers (front matter, YAML, Markdown, legal structure).
// Author files are typed by hand and exported by other tools; any bytes must give items
// or diagnostics, never a crash or a hang.
#include <cstdint>
#include <string_view>

#include "content-pack/fold.hpp"
#include "build/source.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  pack::Diagnostics diagnostics;
  pack::ParsedItem item;
  if (pack::ParseItemFile("fuzz/item.md", bytes, &item, &diagnostics)) {
    std::string preamble;
    (void)pack::ParseLegalStructure(item.item.body, &preamble);
    (void)pack::MarkdownToPlainText(item.item.body);
  }
  pack::PackSource source;
  (void)pack::ParsePackYaml("pack.yaml", bytes, &source, &diagnostics);
  std::string preamble;
  (void)pack::ParseLegalStructure(bytes, &preamble);
  (void)pack::FindMarkdownLinks(bytes);
  (void)pack::MarkdownToPlainText(bytes);
  (void)pack::FoldWithOffsets(bytes);
  (void)pack::ToNfc(bytes);
  return 0;
}
