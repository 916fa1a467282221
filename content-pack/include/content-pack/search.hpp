// content-pack/search.hpp: what a search asks and what it returns.
//
// Search is the feature citizens use most, so it forgives: accents are optional both
// ways (đ folds to d), the last word is a prefix while typing, and a query that finds
// nothing is retried with common slips and southern spellings. Query words have roles
// (content words decide what matches; intent and filler words weigh little), and every
// hit says honestly where the content words were found (its strength). See docs/search.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "content-pack/model.hpp"

namespace pack {

// A byte range [begin, end) in a UTF-8 string of the result (title or snippet).
struct Highlight {
  uint32_t begin = 0;
  uint32_t end = 0;
};

// Where a hit holds all of the query's content words (docs/search.md, "Strength"). The
// kiosk shows title and keyword hits as answers, body and partial ones under a quieter
// heading, and says the topic is not in the kiosk when nothing is better than partial.
enum class SearchStrength {
  Title,    // every content word is in the title
  Keyword,  // every content word is in the title or the item's keywords (field, code, number)
  Body,     // every content word is somewhere in the item, not all in title and keywords
  Partial,  // some content words were not found in the item
};
std::string_view SearchStrengthName(SearchStrength strength);  // "title", "keyword", "body", "partial"

// What a query word does (docs/search.md, "Query words have roles").
enum class QueryRole {
  Content,  // decides what matches: "khai sinh", "kết hôn", "lý lịch tư pháp"
  Intent,   // asks about an aspect or an action: "làm", "xin", "thủ tục", "bao lâu", "lệ phí"
  Filler,   // carries no meaning for search: "tôi", "muốn", "cho con", "ở đâu", "được không"
};
std::string_view QueryRoleName(QueryRole role);  // "content", "intent", "filler"

struct QueryTerm {
  std::string text;          // the word or phrase as searched, accented as the pack writes it
                             // where it knows it ("lý lịch tư pháp"), else as typed, folded
  QueryRole role = QueryRole::Content;
};

struct SearchHit {
  ItemType type = ItemType::Faq;
  std::string item_id;       // the item's id
  int64_t unit = 0;          // a legal unit inside a document (its id), 0 for the whole item
  std::string anchor;        // the unit's anchor ("dieu-16"), empty for the whole item
  std::string title;         // what a list shows: the item title, or "Điều 16. …" for a unit
  std::string context;       // for a unit: the document's title; else the item's field
  std::string snippet;       // a short passage of the original accented text
  std::vector<Highlight> title_highlights;    // ranges in `title`
  std::vector<Highlight> snippet_highlights;  // ranges in `snippet`
  double score = 0;          // higher is better; only comparable within one result list
  SearchStrength strength = SearchStrength::Partial;  // where the content words were found

  // "item-id" or "item-id#anchor": what a deep link or a test names.
  std::string Ref() const { return anchor.empty() ? item_id : item_id + "#" + anchor; }
};

enum class SearchMatch {
  Exact,      // the words as typed (accents ignored)
  Corrected,  // nothing matched as typed; spelling variants did ("Kết quả cho: …")
  Partial,    // not every word could be matched; the best of the rest
  None,
};

struct SearchOptions {
  int limit = 20;              // results to return
  bool prefix_last = true;     // the last word is still being typed: match it as a prefix
  bool forgiving = true;       // retry with spelling variants when nothing matches
};

struct SearchResult {
  SearchMatch match = SearchMatch::None;
  std::string corrected_query; // when match is Corrected or Partial: the query searched,
                               // in accented form where the pack knows it
  std::vector<SearchHit> hits;
  // The query as search understood it: its terms in order with their roles (a synonym
  // phrase or a role phrase like "ở đâu" is one term), and the content terms alone. A
  // correction changes how a content term is spelled, never drops one.
  std::vector<QueryTerm> terms;
  std::vector<std::string> content_words;
  // The best strength among the hits (Partial when there are none): what the kiosk
  // needs to decide between "answers" and "this is not here".
  SearchStrength best_strength = SearchStrength::Partial;
};

}  // namespace pack
