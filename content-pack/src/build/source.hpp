// source.hpp (internal): author files parsed into items, before cross-references resolve.
//
// Parsing is pure: bytes in, items and diagnostics out, no file system. That keeps it
// testable and fuzzable (fuzz/fuzz_source.cpp) and lets the builder report every problem
// of every file in one run.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content-pack/diagnostic.hpp"
#include "content-pack/model.hpp"

namespace pack {

class Diagnostics {
 public:
  void Error(std::string_view path, int line, std::string message);
  void Warning(std::string_view path, int line, std::string message);
  const std::vector<Diagnostic>& List() const { return list_; }
  std::vector<Diagnostic>& List() { return list_; }
  bool HasErrors() const;
  void SortByPlace();

 private:
  std::vector<Diagnostic> list_;
};

// A path or id in an item that names something else in the pack; resolved by the builder.
struct PendingRef {
  enum class Kind { ArticleImage, AnnouncementImage, DocumentForm, BodyLink, LegalBasis };
  Kind kind = Kind::BodyLink;
  std::string target;  // as the author wrote it
  int line = 0;        // where, for messages
  size_t index = 0;    // which documents[] / links[] / legal_basis[] entry
};

struct ParsedItem {
  std::string path;    // relative to the source folder, '/' separated
  int id_line = 1;
  Item item;
  std::vector<PendingRef> refs;
};

struct PackSource {
  PackMeta meta;
  std::vector<std::vector<std::string>> synonyms;  // groups of phrases, NFC
};

// pack.yaml. Returns false (with diagnostics) when it cannot be used.
bool ParsePackYaml(std::string_view path, std::string_view bytes, PackSource* out,
                   Diagnostics* diagnostics);

// One item file. Returns false when the file yields no item; diagnostics say why.
bool ParseItemFile(std::string_view path, std::string_view bytes, ParsedItem* out,
                   Diagnostics* diagnostics);

bool IsValidId(std::string_view id);
bool IsValidDate(std::string_view date);  // YYYY-MM-DD, a real calendar day

// A link or image in Markdown, with its byte offset in the text (for line numbers).
struct MarkdownLink {
  std::string href;
  size_t offset = 0;
  bool image = false;
};
std::vector<MarkdownLink> FindMarkdownLinks(std::string_view markdown);
// Markdown to the plain text a citizen reads (for the search index and snippets).
std::string MarkdownToPlainText(std::string_view markdown);

// A legal document's body to its unit tree. Units come back in document order with
// `parent` holding the 1-based index of the parent in the returned vector (0 = top) and
// `id` unset; `preamble` gets the text before the first unit.
std::vector<LegalUnit> ParseLegalStructure(std::string_view body, std::string* preamble);

}  // namespace pack
