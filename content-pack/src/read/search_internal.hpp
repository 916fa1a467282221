// search_internal.hpp (internal): the search engine behind PackReader::Search.
#pragma once

#include <list>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "content-pack/fold.hpp"
#include "content-pack/pack_reader.hpp"
#include "sql.hpp"

namespace pack {

// A phrase of folded words; `prefix` marks the last word as still being typed.
struct QueryPhrase {
  std::vector<std::string> words;
  bool prefix = false;
};

// One position of the query: any of its alternatives may match (the word as typed,
// its spelling variants, or the phrases of a synonym group).
struct QueryGroup {
  std::vector<QueryPhrase> alternatives;
  bool synonym = false;
  QueryRole role = QueryRole::Content;  // only content groups decide what matches
  bool dialect = false;  // a synonym phrase matched through a southern form ("khai sanh")
  bool missing = false;  // a content word the pack does not know, left out of a Partial search
};

// Folded words of a text with their tokens (for matching and for mapping back).
struct FoldedWords {
  FoldedText folded;
  std::vector<Token> tokens;
  std::string Word(size_t i) const { return folded.text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin); }
  explicit FoldedWords(std::string_view text) : folded(FoldWithOffsets(text)), tokens(Tokenize(folded.text)) {}
  size_t Bytes() const { return folded.text.capacity() + folded.source_offset.capacity() * 4 + tokens.capacity() * sizeof(Token); }
};

// One row of search_docs as the searcher reads it, with its folded forms made on first
// use. A pack is immutable, so a row read for one key press serves the next ones, which
// mostly find the same rows ("dang ky k", "dang ky kh", ...).
struct SearchDoc {
  int64_t rowid = 0, item = 0, unit = 0;
  int type_rank = 5;
  std::string title, keywords;
  std::string body;               // read on first use (bodies are long)
  bool body_loaded = false;
  std::unique_ptr<FoldedWords> title_words, keyword_words;
  std::unique_ptr<FoldedWords> body_words;  // of the body's first kMaxSnippetSource bytes
  size_t bytes = 0;               // what it holds, for the cache's budget
};

// What the searcher loads once per open pack: the vocabulary and synonyms.
struct PackReader::SearchCache {
  struct Word { std::string display; int64_t docs = 0; };
  std::unordered_map<std::string, Word> lexicon;   // folded word -> how it is written
  std::vector<std::string> sorted_words;           // for prefix look-ups
  std::vector<std::vector<std::vector<std::string>>> synonyms;  // group -> phrase -> words
  Statement fts_all, fts_title, fetch_doc, fetch_body, item_info;
  // Rows read lately, most recent first, within a byte budget (SearchDocs in search.cpp).
  std::list<std::shared_ptr<SearchDoc>> docs;
  std::unordered_map<int64_t, std::list<std::shared_ptr<SearchDoc>>::iterator> doc_index;
  size_t doc_bytes = 0;
};

class Searcher {
 public:
  static Expected<SearchResult> Run(PackReader& reader, std::string_view query, const SearchOptions& options);
};

// Spelling variants of one folded word that a citizen may have meant: southern and
// regional spellings (v/d/gi/r, s/x, tr/ch, l/n, final n/ng, t/c, nh/n, ch/t, i/y) and
// raw Telex/VNI keystrokes. Not filtered by vocabulary. Exposed for tests.
std::vector<std::string> SpellingVariants(const std::string& word);

// Southern and dialect spellings of one folded word, as the standard word they stand for:
// the rhymes southern speakers write for standard ones (sanh -> sinh, lanh -> linh,
// binh -> benh, nhon -> nhan, huon -> hoan, phuoc -> phuc, thiet -> that, tui -> toi).
// Not filtered by vocabulary. Exposed for tests.
std::vector<std::string> DialectVariants(const std::string& word);

}  // namespace pack
