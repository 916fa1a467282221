// thesaurus.cpp: parsing and merging the shipped thesaurus (thesaurus.hpp).
#include "thesaurus.hpp"

#include <algorithm>
#include <set>

#include "content-pack/fold.hpp"
#include "content-pack/utf8.hpp"

namespace pack {

extern const std::string_view kThesaurusText;  // thesaurus_data.cpp, generated

namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::string FoldedPhrase(const std::string& phrase) {
  std::string f = Fold(phrase), out;
  for (const Token& t : Tokenize(f)) out += (out.empty() ? "" : " ") + f.substr(t.begin, t.end - t.begin);
  return out;
}

}  // namespace

std::vector<ThesaurusEntry> ParseThesaurus(std::string_view text, std::vector<std::string>* errors) {
  std::vector<ThesaurusEntry> out;
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    auto fail = [&](const std::string& message) { errors->push_back("line " + std::to_string(line_no) + ": " + message); };
    if (Trim(line).empty() || Trim(line)[0] == '#') continue;
    if (!IsValidUtf8(line)) { fail("not valid UTF-8"); continue; }
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos || line.find('\t', tab + 1) != std::string_view::npos) {
      fail("needs exactly two columns separated by one TAB: phrases, source");
      continue;
    }
    ThesaurusEntry entry;
    entry.line = line_no;
    entry.source = Trim(line.substr(tab + 1));
    if (entry.source.empty()) { fail("the source column is empty: say where the entry comes from"); continue; }
    std::string_view phrases = line.substr(0, tab);
    std::set<std::string> seen;
    bool ok = true;
    size_t p = 0;
    while (p <= phrases.size()) {
      size_t bar = phrases.find('|', p);
      if (bar == std::string_view::npos) bar = phrases.size();
      std::string phrase = Trim(phrases.substr(p, bar - p));
      p = bar + 1;
      NfcResult nfc = ToNfc(phrase);
      std::string folded = FoldedPhrase(phrase);
      if (phrase.empty() || folded.empty()) { fail("an empty phrase"); ok = false; break; }
      if (nfc.text != phrase) { fail("\"" + phrase + "\" is not NFC"); ok = false; break; }
      if (!seen.insert(folded).second) { fail("\"" + phrase + "\" twice in one group"); ok = false; break; }
      entry.phrases.push_back(phrase);
    }
    if (!ok) continue;
    if (entry.phrases.size() < 2) { fail("a group needs at least 2 phrases"); continue; }
    out.push_back(std::move(entry));
  }
  return out;
}

std::string_view ThesaurusText() { return kThesaurusText; }

const std::vector<ThesaurusEntry>& Thesaurus() {
  static const std::vector<ThesaurusEntry> entries = [] {
    std::vector<std::string> errors;  // a test keeps the shipped file free of them
    return ParseThesaurus(kThesaurusText, &errors);
  }();
  return entries;
}

void MergeThesaurus(std::vector<std::vector<std::string>>* groups) {
  std::set<std::vector<std::string>> present;
  auto key = [](const std::vector<std::string>& group) {
    std::vector<std::string> k;
    for (const auto& phrase : group) k.push_back(FoldedPhrase(phrase));
    return k;
  };
  for (const auto& g : *groups) present.insert(key(g));
  const std::vector<std::vector<std::string>> own = *groups;
  for (const ThesaurusEntry& e : Thesaurus()) {
    // A pack group that shares a phrase with the entry extends it with its other phrases
    // ("giấy sanh đẻ" beside "giấy khai sinh" then also finds "đăng ký khai sinh").
    std::vector<std::string> merged = e.phrases;
    std::set<std::string> folded;
    for (const auto& p : merged) folded.insert(FoldedPhrase(p));
    for (const auto& g : own) {
      bool shares = std::any_of(g.begin(), g.end(), [&](const std::string& p) { return folded.count(FoldedPhrase(p)) > 0; });
      if (!shares) continue;
      for (const auto& p : g)
        if (folded.insert(FoldedPhrase(p)).second) merged.push_back(p);
    }
    if (present.insert(key(merged)).second) groups->push_back(std::move(merged));
  }
}

}  // namespace pack
