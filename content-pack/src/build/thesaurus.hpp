// thesaurus.hpp (internal): the thesaurus shipped with content-pack
// (content-pack/data/thesaurus.tsv, compiled in), merged into every pack at build.
//
// Each line of the file is one synonym group: what citizens say beside the official
// term, with a source column saying where the entry comes from. The builder writes the
// pack's own `synonyms` (pack.yaml) first and then every thesaurus group not already
// there, so a pack extends the thesaurus and never loses it. The groups are content
// (the `synonyms` table), so a content stream carries them and a rebuild gives the
// same bytes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pack {

struct ThesaurusEntry {
  std::vector<std::string> phrases;  // NFC; the official term first
  std::string source;                // where the entry comes from
  int line = 0;                      // 1-based, in the file
};

// Parses thesaurus text (format in the file's header). Every problem goes to ERRORS as
// "line N: message" and skips that line.
std::vector<ThesaurusEntry> ParseThesaurus(std::string_view text, std::vector<std::string>* errors);

// The thesaurus compiled into this program (content-pack/data/thesaurus.tsv).
std::string_view ThesaurusText();
const std::vector<ThesaurusEntry>& Thesaurus();

// Appends to GROUPS (a pack's synonym groups, NFC) every thesaurus group, extended by the
// phrases of each pack group that shares a phrase with it, unless exactly that group
// (folded) is already there.
void MergeThesaurus(std::vector<std::vector<std::string>>* groups);

}  // namespace pack
