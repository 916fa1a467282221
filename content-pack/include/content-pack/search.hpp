// content-pack/search.hpp: what a search asks and what it returns.
//
// Search is the feature citizens use most, so it forgives: accents are optional both
// ways (đ folds to d), the last word is a prefix while typing, and a query that finds
// nothing is retried with common slips and southern spellings. See docs/search.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content-pack/model.hpp"

namespace pack {

// A byte range [begin, end) in a UTF-8 string of the result (title or snippet).
struct Highlight {
  uint32_t begin = 0;
  uint32_t end = 0;
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
};

}  // namespace pack
