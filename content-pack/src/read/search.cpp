// Search: the feature citizens use most (docs/search.md).
//
// [SECTION] Spelling variants (slips, raw keystrokes, southern forms)
// [SECTION] Query word roles
// [SECTION] Query analysis (words, prefix, synonyms, roles)
// [SECTION] Candidate retrieval (FTS5)
// [SECTION] Ranking (coverage, strength, tier, type, wording)
// [SECTION] Snippets and highlights
// [SECTION] Searcher::Run (exact, corrected, partial; strength checked per hit)
//
// The index holds folded text (fold.hpp), so accents never matter. The query becomes
// terms with roles: content terms (words, synonym phrases) must all match; intent and
// filler terms only add a little. Retrieval asks FTS5 twice, titles and keywords first,
// then everything, in rowid order with an early stop; the union is ranked by how many
// content terms an item holds, where (title, keywords, body: the hit's strength), how
// closely (the whole title, a phrase, scattered), then type and wording. A query whose
// content words find nothing in a title or keywords is retried with spelling and
// southern variants that exist in the pack's vocabulary.
#include <algorithm>
#include <climits>
#include <cmath>
#include <map>
#include <set>

#include "content-pack/fold.hpp"
#include "search_internal.hpp"

namespace pack {

namespace {

constexpr size_t kMaxQueryWords = 12;
constexpr size_t kMaxWordBytes = 40;
constexpr size_t kMaxVariantsPerWord = 4;    // spelling variants tried per word, most frequent first
constexpr size_t kMaxUnitsPerDocument = 3;   // articles (Điều) of one law in a result list
constexpr size_t kSnippetBytes = 220;
constexpr size_t kMaxSnippetSource = 16 * 1024;  // body bytes a snippet is looked for in
constexpr size_t kBodyScored = 40;           // body-only candidates whose text is read to rank them
constexpr size_t kMaxCompletions = 16;       // words a typed prefix stands for, most frequent first
constexpr size_t kDocCacheBytes = 4u << 20;  // rows kept with their folded forms between searches

}  // namespace

// [SECTION] Spelling variants

std::vector<std::string> SpellingVariants(const std::string& word) {
  std::set<std::string> out;
  if (word.empty() || word.size() > kMaxWordBytes) return {};

  // Raw keystrokes: Telex (dd, aa, aw, ee, oo, ow, uw, a tone letter at the end) and VNI
  // (digits inside a word) as typed on a keyboard without an input method.
  {
    std::string s = word;
    bool has_letter = std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    std::string no_digits;
    for (char c : s) if (!(c >= '1' && c <= '9') || !has_letter) no_digits += c;
    if (no_digits != s && !no_digits.empty()) out.insert(no_digits);
    std::string t;
    for (size_t i = 0; i < s.size(); ++i) {
      char c = s[i], n = i + 1 < s.size() ? s[i + 1] : '\0';
      if ((c == 'd' && n == 'd') || (c == 'a' && n == 'a') || (c == 'e' && n == 'e') || (c == 'o' && n == 'o')) {
        t += c; ++i; continue;
      }
      if (n == 'w' && (c == 'a' || c == 'o' || c == 'u')) { t += c; ++i; continue; }
      t += c;
    }
    std::string toned = t;
    if (t.size() > 1 && std::string("sfrxj").find(t.back()) != std::string::npos &&
        std::string("aeiouy").find(t[t.size() - 2]) != std::string::npos)
      toned = t.substr(0, t.size() - 1);
    else if (t.size() > 2 && std::string("sfrxj").find(t.back()) != std::string::npos)
      toned = t.substr(0, t.size() - 1);  // "thucj" -> "thuc": a tone after the final consonant
    for (const std::string& v : {t, toned}) if (v != word && !v.empty()) out.insert(v);
    // w after a vowel marks it (dangw = dăng); a w with no vowel before it is ư (tw = tư).
    if (toned.find('w') != std::string::npos) {
      std::string w;
      bool vowel_seen = false;
      for (char c : toned) {
        if (c == 'w') { if (!vowel_seen) w += 'u'; continue; }
        vowel_seen = vowel_seen || std::string("aeiouy").find(c) != std::string::npos;
        w += c;
      }
      if (!w.empty() && w != word) out.insert(w);
      if (w.size() > 1 && std::string("sfrxj").find(w.back()) != std::string::npos) out.insert(w.substr(0, w.size() - 1));
    }
    // Doubled letters from a bouncing key: "khaai" is handled above, "khaii" here.
    std::string collapsed;
    for (char c : s) if (collapsed.empty() || collapsed.back() != c) collapsed += c;
    if (collapsed != s) out.insert(collapsed);
  }

  // Onset and coda swaps, alone and together, then i/y.
  static const std::vector<std::vector<std::string>> kOnsets = {
      {"d", "v", "gi", "r"}, {"s", "x"}, {"tr", "ch"}, {"l", "n"}, {"g", "gh"}, {"ng", "ngh"}, {"c", "k"}};
  static const std::vector<std::vector<std::string>> kCodas = {{"n", "ng", "nh"}, {"t", "c", "ch"}};
  static const std::vector<std::string> kAllOnsets = {"ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch",
      "qu", "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"};
  static const std::vector<std::string> kAllCodas = {"ng", "nh", "ch", "c", "m", "n", "p", "t"};

  std::string onset;
  for (const auto& o : kAllOnsets)
    if (word.compare(0, o.size(), o) == 0 && word.size() > o.size()) { onset = o; break; }
  std::string rest = word.substr(onset.size());
  std::string coda;
  for (const auto& c : kAllCodas)
    if (rest.size() > c.size() && rest.compare(rest.size() - c.size(), c.size(), c) == 0) { coda = c; break; }
  std::string nucleus = rest.substr(0, rest.size() - coda.size());

  std::vector<std::string> onsets{onset}, codas{coda};
  for (const auto& cls : kOnsets)
    if (std::find(cls.begin(), cls.end(), onset) != cls.end())
      for (const auto& o : cls) if (o != onset) onsets.push_back(o);
  for (const auto& cls : kCodas)
    if (std::find(cls.begin(), cls.end(), coda) != cls.end())
      for (const auto& c : cls) if (c != coda) codas.push_back(c);
  std::vector<std::string> nuclei{nucleus};
  for (size_t i = 0; i < nucleus.size(); ++i) {
    if (nucleus[i] == 'i' || nucleus[i] == 'y') {
      std::string n = nucleus;
      n[i] = nucleus[i] == 'i' ? 'y' : 'i';
      nuclei.push_back(n);
    }
  }
  if (onset == "gi" && nucleus.empty()) nuclei.push_back("i");
  for (const auto& o : onsets)
    for (const auto& n : nuclei)
      for (const auto& c : codas) {
        std::string v = o + n + c;
        if (v != word && !n.empty()) out.insert(v);
      }
  return std::vector<std::string>(out.begin(), out.end());
}

std::vector<std::string> DialectVariants(const std::string& word) {
  // Southern rhyme -> standard rhyme, folded (ă, â, ơ, ê, ô, ư fold to their base letters).
  static const std::pair<std::string_view, std::string_view> kRhymes[] = {
      {"anh", "inh"},   // sanh, lãnh, chánh, tánh -> sinh, lĩnh, chính, tính
      {"inh", "enh"},   // bịnh, lịnh -> bệnh, lệnh
      {"on", "an"},     // nhơn, thơn -> nhân, thân (ơn for ân)
      {"uon", "oan"},   // huờn -> hoàn
      {"uoc", "uc"},    // phước -> phúc
      {"iet", "at"},    // thiệt -> thật
      {"ui", "oi"},     // tui, thúi -> tôi, thối
  };
  static const std::string_view kOnsets[] = {"ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu",
      "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"};
  std::vector<std::string> out;
  if (word.empty() || word.size() > kMaxWordBytes) return out;
  std::string_view onset;
  for (std::string_view o : kOnsets)
    if (word.size() > o.size() && std::string_view(word).substr(0, o.size()) == o) { onset = o; break; }
  std::string_view rest = std::string_view(word).substr(onset.size());
  for (const auto& [southern, standard] : kRhymes)
    if (rest == southern) out.push_back(std::string(onset) + std::string(standard));
  return out;
}

namespace {

using Cache = PackReader::SearchCache;

// [SECTION] Query word roles

// Words a citizen types around what they want, as folded phrases. Intent words ask about
// an aspect or an action ("bao lâu", "lệ phí", "làm", "xin"); filler carries nothing
// ("tôi muốn", "cho con", "được không"). Both weigh little and never decide what
// matches. A folded syllable stands for many words ("co" is có, cô, cơ; "dan" is dân,
// dẫn), so a syllable that is often part of a content word ("cơ sở", "công dân") is a
// role word only inside a phrase here, never alone.
const std::vector<std::pair<std::vector<std::string>, QueryRole>>& RolePhrases() {
  static const auto phrases = [] {
    const char* kFiller[] = {"toi", "tui", "gi", "nao", "vay", "a", "ah", "nhe", "oi", "ha", "ko",
        "khong", "duoc", "la", "thi", "cua", "cho", "o", "voi", "va", "phai", "biet", "khi", "neu", "se",
        "nhung", "cac", "mot", "nay", "hay", "dum", "giup", "vui long", "lam on", "toi muon", "tui muon",
        "minh muon", "em muon", "anh muon", "chi muon", "con muon", "muon hoi", "cho hoi", "xin hoi",
        "cho toi hoi", "cho em hoi", "hoi ve", "duoc khong", "co duoc khong", "duoc ko", "co phai", "the nao",
        "nhu the nao", "ra sao", "lam sao", "phai lam sao", "phai lam gi", "lam gi", "cho con", "cho be",
        "cho chau", "cho me", "cho ba", "cho bo", "cho cha", "cho ong", "cho ong ba", "cho vo", "cho chong", "cho em", "cho toi", "cua toi",
        "cua con", "thi co", "co khong", "co the", "huong dan", "la gi", "gi vay", "toi can", "em can",
        "minh can", "can gi", "can nhung gi", "o day"};
    const char* kIntent[] = {"lam", "xin", "nop", "phi", "tien", "giay", "mau", "don", "thu tuc", "lam thu tuc",
        "ho so", "giay to", "giay to gi", "can giay to gi", "le phi", "chi phi", "bao nhieu", "bao nhieu tien",
        "het bao nhieu", "ton bao nhieu", "mat bao nhieu", "bao lau", "mat bao lau", "bao gio", "khi nao",
        "may ngay", "bao nhieu ngay", "may thang", "bao nhieu thang", "may nam", "thoi gian", "thoi han", "o dau", "cho nao", "noi nao", "lam o dau", "nop o dau",
        "dieu kien", "mau don", "to khai", "lam giay", "xin giay", "nop ho so", "lam ho so", "o dau lam"};
    std::vector<std::pair<std::vector<std::string>, QueryRole>> out;
    for (auto [list, role] : {std::pair{std::begin(kFiller), QueryRole::Filler}, std::pair{std::begin(kIntent), QueryRole::Intent}}) {
      const char* const* end = role == QueryRole::Filler ? std::end(kFiller) : std::end(kIntent);
      for (const char* const* p = list; p != end; ++p) {
        std::vector<std::string> words;
        std::string text = *p;
        for (const Token& t : Tokenize(text)) words.push_back(text.substr(t.begin, t.end - t.begin));
        out.push_back({std::move(words), role});
      }
    }
    return out;
  }();
  return phrases;
}

// [SECTION] Query analysis

std::vector<std::string> QueryWords(std::string_view text) {
  std::string folded = Fold(text);
  std::vector<std::string> words;
  for (const Token& t : Tokenize(folded)) words.push_back(folded.substr(t.begin, t.end - t.begin));
  return words;
}

// Whether query word WORD (with its southern forms FORMS) stands for phrase word WANT:
// the same, or a southern form of it (sanh for sinh). *DIALECT is set when only the
// second is true.
bool SameOrDialect(const std::string& word, const std::vector<std::string>& forms, const std::string& want,
                   bool* dialect) {
  if (word == want) return true;
  for (const std::string& v : forms)
    if (v == want) { *dialect = true; return true; }
  return false;
}

// The query as groups: synonym phrases (the longest that starts at a word, from every
// group holding it, southern forms allowed), role phrases, and single content words.
std::vector<QueryGroup> AnalyseQuery(const Cache& cache, const std::vector<std::string>& words, bool prefix_last) {
  std::vector<std::vector<std::string>> forms;
  for (const std::string& w : words) forms.push_back(DialectVariants(w));
  // Longest synonym phrase at each position (0: none), and whether it needed a dialect form.
  auto synonym_at = [&](size_t i, std::vector<std::string>* alternatives_out, bool* dialect_out) -> size_t {
    size_t best_len = 0;
    for (const auto& group : cache.synonyms)
      for (const auto& phrase : group) {
        if (phrase.size() < best_len || i + phrase.size() > words.size()) continue;
        bool dialect = false, ok = true;
        for (size_t k = 0; k < phrase.size() && ok; ++k) ok = SameOrDialect(words[i + k], forms[i + k], phrase[k], &dialect);
        if (!ok) continue;
        if (phrase.size() > best_len) {
          best_len = phrase.size();
          if (alternatives_out) alternatives_out->clear();
          if (dialect_out) *dialect_out = dialect;
        } else if (dialect_out) {
          *dialect_out = *dialect_out && dialect;  // an exact match of the same length wins
        }
      }
    return best_len;
  };
  std::vector<QueryGroup> groups;
  size_t i = 0;
  while (i < words.size()) {
    bool dialect = false;
    size_t len = synonym_at(i, nullptr, &dialect);
    if (len > 0) {
      // Every group holding a phrase of that length that matches here contributes its phrases.
      QueryGroup g;
      g.synonym = true;
      g.dialect = dialect;
      std::set<std::vector<std::string>> seen;
      std::vector<std::string> typed(words.begin() + static_cast<long>(i), words.begin() + static_cast<long>(i + len));
      for (const auto& group : cache.synonyms) {
        const std::vector<std::string>* matched = nullptr;
        for (const auto& phrase : group) {
          if (phrase.size() != len) continue;
          bool d = false, ok = true;
          for (size_t k = 0; k < len && ok; ++k) ok = SameOrDialect(words[i + k], forms[i + k], phrase[k], &d);
          if (ok) { matched = &phrase; break; }
        }
        if (!matched) continue;
        if (seen.insert(*matched).second) g.alternatives.insert(g.alternatives.begin(), {*matched, false});
        for (const auto& phrase : group)
          if (seen.insert(phrase).second) g.alternatives.push_back({phrase, false});
      }
      groups.push_back(std::move(g));
      i += len;
      continue;
    }
    // A role phrase, the longest that does not swallow the start of a synonym phrase.
    size_t role_len = 0;
    QueryRole role = QueryRole::Content;
    for (const auto& [phrase, r] : RolePhrases()) {
      if (phrase.size() <= role_len || i + phrase.size() > words.size()) continue;
      if (!std::equal(phrase.begin(), phrase.end(), words.begin() + static_cast<long>(i))) continue;
      bool swallows = false;
      for (size_t k = 1; k < phrase.size() && !swallows; ++k) swallows = synonym_at(i + k, nullptr, nullptr) > 0;
      if (swallows) continue;
      role_len = phrase.size();
      role = r;
    }
    if (role_len > 0) {
      QueryGroup g;
      g.role = role;
      g.alternatives.push_back({std::vector<std::string>(words.begin() + static_cast<long>(i),
                                                         words.begin() + static_cast<long>(i + role_len)), false});
      groups.push_back(std::move(g));
      i += role_len;
      continue;
    }
    bool prefix = prefix_last && i + 1 == words.size();
    groups.push_back({{{{words[i]}, prefix}}, false});
    ++i;
  }
  // A query of role words only ("thủ tục", "lệ phí") searches for them.
  if (std::none_of(groups.begin(), groups.end(), [](const QueryGroup& g) { return g.role == QueryRole::Content; }))
    for (QueryGroup& g : groups) g.role = QueryRole::Content;
  return groups;
}

bool InLexicon(const Cache& cache, const std::string& word, bool prefix) {
  if (!prefix) return cache.lexicon.count(word) > 0;
  auto it = std::lower_bound(cache.sorted_words.begin(), cache.sorted_words.end(), word);
  return it != cache.sorted_words.end() && it->compare(0, word.size(), word) == 0;
}

// Adds vocabulary-backed spelling variants to every plain word group. Returns whether
// any group gained an alternative.
bool AddVariants(const Cache& cache, std::vector<QueryGroup>& groups) {
  bool changed = false;
  for (QueryGroup& g : groups) {
    if (g.role != QueryRole::Content) continue;
    if (g.synonym || g.alternatives.size() != 1 || g.alternatives[0].words.size() != 1) continue;
    const QueryPhrase original = g.alternatives[0];
    // Southern forms first and always: "sanh" means sinh even where "sản" is commoner.
    std::set<std::string> taken{original.words[0]};
    for (const std::string& v : DialectVariants(original.words[0]))
      if (cache.lexicon.count(v) && taken.insert(v).second) { g.alternatives.push_back({{v}, false}); changed = true; }
    std::vector<std::pair<int64_t, std::string>> found;
    for (const std::string& v : SpellingVariants(original.words[0])) {
      auto it = cache.lexicon.find(v);
      if (it != cache.lexicon.end() && !taken.count(v)) found.push_back({it->second.docs, v});
    }
    std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    if (found.size() > kMaxVariantsPerWord) found.resize(kMaxVariantsPerWord);
    for (const auto& [docs, v] : found) g.alternatives.push_back({{v}, false});
    changed = changed || !found.empty();
  }
  return changed;
}

// The words of the pack that start with PREFIX, most frequent first, at most kMaxCompletions.
std::vector<std::string> Completions(const Cache& cache, const std::string& prefix) {
  std::vector<std::pair<int64_t, const std::string*>> found;
  for (auto it = std::lower_bound(cache.sorted_words.begin(), cache.sorted_words.end(), prefix);
       it != cache.sorted_words.end() && it->compare(0, prefix.size(), prefix) == 0; ++it)
    found.push_back({cache.lexicon.at(*it).docs, &*it});
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (found.size() > kMaxCompletions) found.resize(kMaxCompletions);
  std::vector<std::string> out;
  for (const auto& [docs, word] : found) out.push_back(*word);
  return out;
}

// A prefix is searched as the words of the pack it completes to, not as an FTS5 prefix
// query: FTS5 gathers the whole doclist of every completion before returning a row,
// which for "đ" or "định" is most of the index.
std::string PhraseExpression(const Cache& cache, const QueryPhrase& phrase) {
  if (phrase.prefix && phrase.words.size() == 1) {
    std::vector<std::string> words = Completions(cache, phrase.words[0]);
    if (words.empty()) words.push_back(phrase.words[0]);  // matches nothing, as it should
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "\"" : " OR \"") + w + "\"";
    return out;
  }
  // The index keeps no positions: a phrase is searched as all of its words, and Score()
  // checks that they stand together.
  std::string out = "(";
  for (size_t i = 0; i < phrase.words.size(); ++i) out += (i ? " AND \"" : "\"") + phrase.words[i] + "\"";
  return out + ")";
}

// FTS5 query text. Words are [a-z0-9] and other letters only (folding turned every
// quote and operator into a space), so quoting them is enough to make any input safe.
// Only content groups decide what matches: intent and filler words are not asked for.
std::string FtsExpression(const Cache& cache, const std::vector<QueryGroup>& groups, bool any) {
  std::string out;
  for (const QueryGroup& g : groups) {
    if (g.role != QueryRole::Content || g.missing) continue;
    if (!out.empty()) out += any ? " OR " : " AND ";
    out += "(";
    for (size_t a = 0; a < g.alternatives.size(); ++a) out += (a ? " OR " : "") + PhraseExpression(cache, g.alternatives[a]);
    out += ")";
  }
  return out;
}

// [SECTION] Candidate retrieval

struct Candidate {
  int64_t rowid = 0;
  double body_score = 0;  // for body-only matches: query words per body length
  int64_t item = 0, unit = 0;
  int type_rank = 5;
  std::shared_ptr<SearchDoc> doc;  // title, keywords, body (read only for the hits that need it)
  int tier = 0;
  int coverage = 0;
  int title_extra = 0;  // title words the query did not match: fewer is a closer title
  SearchStrength strength = SearchStrength::Partial;
  int heading_content = 0;  // content groups in title and keywords
  int optional_title = 0;   // intent and filler groups in the title: a small bonus
  int alternative_rank = 0; // per content group, which of its phrases the title or keywords hold:
                            // 0 as typed, then the group's official term first; lower is closer
};

// A query split by role: content groups decide, the others only add a little.
struct QueryParts {
  std::vector<QueryGroup> content, optional;
  size_t missing = 0;  // content groups left out: no hit can be more than Partial
  explicit QueryParts(const std::vector<QueryGroup>& groups) {
    for (const QueryGroup& g : groups) {
      if (g.missing) ++missing;
      else (g.role == QueryRole::Content ? content : optional).push_back(g);
    }
  }
};

// [SECTION] Rows read lately

// Drops the least recently used rows while the cache is over its budget. Candidates of
// the running search hold their rows (shared_ptr), so nothing they use goes away.
void Trim(Cache& cache) {
  while (cache.doc_bytes > kDocCacheBytes && cache.docs.size() > 1) {
    const std::shared_ptr<SearchDoc>& last = cache.docs.back();
    cache.doc_bytes -= last->bytes;
    cache.doc_index.erase(last->rowid);
    cache.docs.pop_back();
  }
}

void Grow(Cache& cache, SearchDoc& d, size_t bytes) {
  d.bytes += bytes;
  if (cache.doc_index.count(d.rowid)) {
    cache.doc_bytes += bytes;
    Trim(cache);
  }
}

// Row ROWID of search_docs (without its body), from the cache or the pack. A row the
// pack lacks reads as an empty one, as it always has.
std::shared_ptr<SearchDoc> Doc(Cache& cache, int64_t rowid) {
  auto it = cache.doc_index.find(rowid);
  if (it != cache.doc_index.end()) {
    cache.docs.splice(cache.docs.begin(), cache.docs, it->second);
    return cache.docs.front();
  }
  auto d = std::make_shared<SearchDoc>();
  d->rowid = rowid;
  Statement& f = cache.fetch_doc;
  f.Reset();
  f.Bind(1, rowid);
  if (f.Step() == SQLITE_ROW) {
    d->item = f.Int(0);
    d->unit = f.Int(1);
    d->type_rank = static_cast<int>(std::clamp<int64_t>(f.Int(2), 0, 5));
    d->title = f.Text(3);
    d->keywords = f.Text(4);
  }
  f.Reset();
  d->bytes = sizeof(SearchDoc) + 64 + d->title.capacity() + d->keywords.capacity();
  cache.docs.push_front(d);
  cache.doc_index[rowid] = cache.docs.begin();
  cache.doc_bytes += d->bytes;
  Trim(cache);
  return d;
}

// Candidates come in rowid order, which the builder made the order of importance at
// equal strength (procedures first, short titles first), and the query stops after
// LIMIT rows: a common word costs no more than a rare one. (FTS5's bm25 would count every
// row holding each word first, which for a common word is most of the index.)
bool Retrieve(Cache& cache, Statement& stage, const std::string& expression, size_t limit,
              std::map<int64_t, Candidate>* out, std::string* error) {
  stage.Reset();
  stage.Bind(1, expression).Bind(2, static_cast<int64_t>(limit));
  int rc;
  std::vector<int64_t> fresh;
  while ((rc = stage.Step()) == SQLITE_ROW) {
    int64_t rowid = stage.Int(0);
    if (out->count(rowid) == 0) fresh.push_back(rowid);
  }
  stage.Reset();
  if (rc != SQLITE_DONE) {
    *error = "search failed: " + std::string(sqlite3_errmsg(sqlite3_db_handle(stage.get())));
    return false;
  }
  for (int64_t rowid : fresh) {
    Candidate& c = (*out)[rowid];
    c.rowid = rowid;
    c.doc = Doc(cache, rowid);
    c.item = c.doc->item;
    c.unit = c.doc->unit;
    c.type_rank = c.doc->type_rank;
  }
  return true;
}

const std::string& Body(Cache& cache, SearchDoc& d) {
  if (!d.body_loaded) {
    Statement& f = cache.fetch_body;
    f.Reset();
    f.Bind(1, d.rowid);
    if (f.Step() == SQLITE_ROW) d.body = f.Text(0);
    f.Reset();
    d.body_loaded = true;
    Grow(cache, d, d.body.capacity());
  }
  return d.body;
}
const std::string& Body(Cache& cache, Candidate& c) { return Body(cache, *c.doc); }

const FoldedWords& TitleWords(Cache& cache, SearchDoc& d) {
  if (!d.title_words) {
    d.title_words = std::make_unique<FoldedWords>(d.title);
    Grow(cache, d, d.title_words->Bytes());
  }
  return *d.title_words;
}

const FoldedWords& KeywordWords(Cache& cache, SearchDoc& d) {
  if (!d.keyword_words) {
    d.keyword_words = std::make_unique<FoldedWords>(d.keywords);
    Grow(cache, d, d.keyword_words->Bytes());
  }
  return *d.keyword_words;
}

// The words of the body's first kMaxSnippetSource bytes (what snippets and scores read).
const FoldedWords& BodyWords(Cache& cache, SearchDoc& d) {
  if (!d.body_words) {
    d.body_words = std::make_unique<FoldedWords>(std::string_view(Body(cache, d)).substr(0, kMaxSnippetSource));
    Grow(cache, d, d.body_words->Bytes());
  }
  return *d.body_words;
}

// Retrieval with the word being typed checked here rather than by FTS5. A short prefix
// ("c", "ph") stands for up to kMaxCompletions words, most of them in nearly every row
// ("của", "có", "pháp"), and FTS5 pays for such an OR of long doclists on every row it
// intersects. When the query's other content words are selective, the rows holding them
// are read (up to kSplitRows per row wanted) and each is kept only if its title, keywords
// or (for the whole index) body holds one of the words the prefix stands for: the same
// rows, in the same rowid order and with the same LIMIT, as the one FTS5 query gives.
// *DONE is false when that cannot be decided exactly here (no such group, too many
// rows, a body longer than what is folded); the caller then asks FTS5 as before.
constexpr size_t kSplitRows = 2;     // rows read per row wanted
constexpr size_t kSplitBodies = 40;  // bodies not yet folded that may be folded for it

bool RetrieveTypedWordHere(Cache& cache, Statement& stage, bool bodies, const std::vector<QueryGroup>& groups,
                           size_t limit, std::map<int64_t, Candidate>* out, std::string* error, bool* done) {
  *done = false;
  // The typed word: the last content group whose alternatives are single words, one of
  // them a prefix; and at least one other content group to select rows with.
  size_t typed = groups.size(), others = 0;
  for (size_t g = 0; g < groups.size(); ++g) {
    const QueryGroup& group = groups[g];
    if (group.role != QueryRole::Content || group.missing) continue;
    bool single = std::all_of(group.alternatives.begin(), group.alternatives.end(),
                              [](const QueryPhrase& p) { return p.words.size() == 1; });
    bool prefix = std::any_of(group.alternatives.begin(), group.alternatives.end(),
                              [](const QueryPhrase& p) { return p.prefix; });
    if (single && prefix) {
      if (typed < groups.size()) ++others;
      typed = g;
    } else {
      ++others;
    }
  }
  if (typed == groups.size() || others == 0) return true;
  // The words FTS5 would have been asked for (PhraseExpression).
  std::vector<std::string> wanted;
  for (const QueryPhrase& p : groups[typed].alternatives) {
    if (p.prefix) {
      std::vector<std::string> words = Completions(cache, p.words[0]);
      if (words.empty()) words.push_back(p.words[0]);
      wanted.insert(wanted.end(), words.begin(), words.end());
    } else {
      wanted.push_back(p.words[0]);
    }
  }
  const size_t cap = limit * kSplitRows;
  std::vector<QueryGroup> rest = groups;
  rest.erase(rest.begin() + static_cast<long>(typed));
  stage.Reset();
  stage.Bind(1, FtsExpression(cache, rest, false)).Bind(2, static_cast<int64_t>(cap));
  std::vector<int64_t> rows;
  int rc;
  while ((rc = stage.Step()) == SQLITE_ROW) rows.push_back(stage.Int(0));
  stage.Reset();
  if (rc != SQLITE_DONE) {
    *error = "search failed: " + std::string(sqlite3_errmsg(sqlite3_db_handle(stage.get())));
    return false;
  }
  auto holds = [&](const FoldedWords& w) {
    for (const Token& t : w.tokens) {
      std::string_view word(w.folded.text.data() + t.begin, t.end - t.begin);
      for (const std::string& x : wanted)
        if (word == x) return true;
    }
    return false;
  };
  if (rows.size() >= cap) return true;  // the other words are common too: FTS5 does it well
  std::vector<std::shared_ptr<SearchDoc>> kept;
  size_t folded = 0;
  for (int64_t rowid : rows) {
    if (kept.size() >= limit) break;
    std::shared_ptr<SearchDoc> d = Doc(cache, rowid);
    bool match = holds(TitleWords(cache, *d)) || holds(KeywordWords(cache, *d));
    if (!match && bodies) {
      if (!d->body_words && ++folded > kSplitBodies) return true;  // folding bodies costs more
      if (Body(cache, *d).size() > kMaxSnippetSource) return true;  // only its start is folded here
      match = holds(BodyWords(cache, *d));
    }
    if (match) kept.push_back(std::move(d));
  }
  for (auto& d : kept) {
    if (out->count(d->rowid)) continue;  // counted in the LIMIT, as FTS5 counts it
    Candidate& c = (*out)[d->rowid];
    c.rowid = d->rowid;
    c.item = d->item;
    c.unit = d->unit;
    c.type_rank = d->type_rank;
    c.doc = std::move(d);
  }
  *done = true;
  return true;
}

// Candidates of GROUPS from STAGE (the title index or the whole one): RetrieveTypedWordHere
// where it can decide, else one FTS5 query.
bool RetrieveGroups(Cache& cache, Statement& stage, bool bodies, const std::vector<QueryGroup>& groups, bool any,
                    const std::string& expression, size_t limit, std::map<int64_t, Candidate>* out, std::string* error) {
  if (!any) {
    bool done = false;
    if (!RetrieveTypedWordHere(cache, stage, bodies, groups, limit, out, error, &done)) return false;
    if (done) return true;
  }
  return Retrieve(cache, stage, expression, limit, out, error);
}

// [SECTION] Ranking

bool WordMatches(std::string_view text_word, const std::string& query_word, bool prefix) {
  if (prefix) return text_word.compare(0, query_word.size(), query_word) == 0;
  return text_word == query_word;
}

bool PhraseAt(const FoldedWords& w, size_t pos, const QueryPhrase& phrase) {
  if (pos + phrase.words.size() > w.tokens.size()) return false;
  for (size_t k = 0; k < phrase.words.size(); ++k) {
    std::string_view tw(w.folded.text.data() + w.tokens[pos + k].begin, w.tokens[pos + k].end - w.tokens[pos + k].begin);
    bool last = k + 1 == phrase.words.size();
    if (!WordMatches(tw, phrase.words[k], phrase.prefix && last)) return false;
  }
  return true;
}

// Every place where a group matches: (position, length, group index).
struct Match { size_t pos, len, group; };
std::vector<Match> FindMatches(const FoldedWords& w, const std::vector<QueryGroup>& groups) {
  std::vector<Match> matches;
  for (size_t pos = 0; pos < w.tokens.size(); ++pos)
    for (size_t g = 0; g < groups.size(); ++g)
      for (const QueryPhrase& alt : groups[g].alternatives)
        if (PhraseAt(w, pos, alt)) { matches.push_back({pos, alt.words.size(), g}); break; }
  return matches;
}

int DistinctGroups(const std::vector<Match>& matches) {
  std::set<size_t> g;
  for (const auto& m : matches) g.insert(m.group);
  return static_cast<int>(g.size());
}

// The groups matched one after another, in query order, somewhere in the text.
bool MatchesAsPhrase(const std::vector<Match>& matches, size_t group_count) {
  for (const Match& start : matches) {
    if (start.group != 0) continue;
    size_t pos = start.pos + start.len, g = 1;
    while (g < group_count) {
      auto next = std::find_if(matches.begin(), matches.end(), [&](const Match& m) { return m.pos == pos && m.group == g; });
      if (next == matches.end()) break;
      pos += next->len;
      ++g;
    }
    if (g == group_count) return true;
  }
  return false;
}

void Score(Cache& cache, Candidate& c, const QueryParts& q, bool any, bool read_body) {
  const FoldedWords& title = TitleWords(cache, *c.doc);
  const FoldedWords& keywords = KeywordWords(cache, *c.doc);
  auto title_matches = FindMatches(title, q.content);
  auto keyword_matches = FindMatches(keywords, q.content);
  auto title_optional = FindMatches(title, q.optional);
  int n = static_cast<int>(q.content.size());
  std::vector<Match> heading = title_matches;
  heading.insert(heading.end(), keyword_matches.begin(), keyword_matches.end());
  c.heading_content = DistinctGroups(heading);
  c.optional_title = DistinctGroups(title_optional);
  bool title_all = DistinctGroups(title_matches) == n;
  bool title_phrase = title_all && MatchesAsPhrase(title_matches, q.content.size());
  std::vector<bool> covered(title.tokens.size(), false);
  for (const auto* ms : {&title_matches, &title_optional})
    for (const auto& m : *ms)
      for (size_t k = m.pos; k < m.pos + m.len && k < covered.size(); ++k) covered[k] = true;
  size_t matched_len = static_cast<size_t>(std::count(covered.begin(), covered.end(), true));
  c.title_extra = static_cast<int>(title.tokens.size()) - static_cast<int>(std::min(matched_len, title.tokens.size()));
  if (title_phrase && matched_len == title.tokens.size()) c.tier = 4;          // the whole title
  else if (title_phrase) c.tier = 3;                                           // a phrase in the title
  else if (DistinctGroups(keyword_matches) == n && MatchesAsPhrase(keyword_matches, q.content.size())) c.tier = 2;
  else if (title_all) c.tier = 1;
  else c.tier = 0;
  // Strength: where every content group was found. An AND query (not `any`) found all of
  // them somewhere, so what is not in title or keywords is in the body; the hit's text
  // checks that again when the hit is made (Searcher::Run).
  // Closeness of wording: a title holding the phrase as typed, or a synonym group's
  // official term, beats one holding only a looser synonym ("hòa giải ở cơ sở" beats
  // "hòa giải viên" for that query).
  c.alternative_rank = 0;
  for (const QueryGroup& g : q.content) {
    int best = 64;
    for (const FoldedWords* w : {&title, &keywords}) {
      for (size_t a = 0; a < g.alternatives.size() && static_cast<int>(a) < best; ++a)
        for (size_t pos = 0; pos < w->tokens.size(); ++pos)
          if (PhraseAt(*w, pos, g.alternatives[a])) { best = static_cast<int>(a); break; }
      if (best < 64) break;  // the title speaks first
    }
    c.alternative_rank += best;
  }
  if (title_all) c.strength = SearchStrength::Title;
  else if (c.heading_content == n) c.strength = SearchStrength::Keyword;
  else if (!any) c.strength = SearchStrength::Body;
  else c.strength = SearchStrength::Partial;
  // Coverage: how many groups match anywhere; every group does unless `any`.
  if (!any || c.heading_content == n) {
    c.coverage = n;
  } else if (!read_body) {
    c.coverage = 3 * c.heading_content;  // at least what reading the body would give
  } else {
    const FoldedWords& body = BodyWords(cache, *c.doc);
    std::vector<Match> all = FindMatches(body, q.content);
    all.insert(all.end(), heading.begin(), heading.end());
    int found = DistinctGroups(all);
    c.coverage = found + 2 * c.heading_content;  // a word in the title or keywords counts three times
    if (found == n) c.strength = SearchStrength::Body;
  }
  if (q.missing > 0) c.strength = SearchStrength::Partial;  // a content word was left out
}

// How strongly a body speaks of the query: matches per square root of its length.
double BodyScore(Cache& cache, Candidate& c, const std::vector<QueryGroup>& groups) {  // content groups
  const FoldedWords& body = BodyWords(cache, *c.doc);
  size_t matches = FindMatches(body, groups).size();
  return static_cast<double>(std::min<size_t>(matches, 50)) / std::sqrt(static_cast<double>(body.tokens.size()) + 10.0);
}

// The order a citizen expects: more content words found; then where they were found
// (title, keywords, body); then how closely (the whole title, a phrase, scattered); then
// a procedure before an answer before a document or article, the title with more of the
// query's other words, the shorter title. Filler never outweighs a content word.
bool Better(const Candidate& a, const Candidate& b) {
  if (a.coverage != b.coverage) return a.coverage > b.coverage;
  if (a.strength != b.strength) return a.strength < b.strength;
  if (a.tier != b.tier) return a.tier > b.tier;
  static const double kTypeWeight[] = {1.5, 1.25, 1.1, 1.0, 0.9, 0.8};
  if (a.tier > 0 || a.strength == SearchStrength::Title || a.strength == SearchStrength::Keyword) {
    if (a.type_rank != b.type_rank) return a.type_rank < b.type_rank;
    if (a.alternative_rank != b.alternative_rank) return a.alternative_rank < b.alternative_rank;
    if (a.optional_title != b.optional_title) return a.optional_title > b.optional_title;
    if (a.title_extra != b.title_extra) return a.title_extra < b.title_extra;
  } else {
    if (a.heading_content != b.heading_content) return a.heading_content > b.heading_content;
    double sa = a.body_score * kTypeWeight[a.type_rank], sb = b.body_score * kTypeWeight[b.type_rank];
    if (sa != sb) return sa > sb;
  }
  return a.rowid < b.rowid;
}

// [SECTION] Snippets and highlights

std::vector<Highlight> HighlightsIn(const FoldedWords& w, const std::vector<Match>& matches, size_t first_token,
                                    size_t end_token, uint32_t base, uint32_t shift) {
  std::vector<Highlight> out;
  for (const Match& m : matches) {
    if (m.pos < first_token || m.pos + m.len > end_token) continue;
    uint32_t b = w.folded.source_offset[w.tokens[m.pos].begin];
    uint32_t e = w.folded.source_offset[w.tokens[m.pos + m.len - 1].end];
    // Neighbouring words read as one highlight ("kết hôn", not "kết" "hôn").
    if (!out.empty() && out.back().end + 1 >= b - base + shift) { out.back().end = std::max(out.back().end, e - base + shift); continue; }
    out.push_back({b - base + shift, e - base + shift});
  }
  return out;
}

// SOURCE is the first kMaxSnippetSource bytes of a body of BODY_SIZE bytes, W its words.
void MakeSnippet(std::string_view source, size_t body_size, const FoldedWords& w, const std::vector<QueryGroup>& groups,
                 SearchHit* hit) {
  if (w.tokens.empty()) return;
  std::vector<Match> matches = FindMatches(w, groups);
  // The window with the most distinct groups; it starts a few words before its first match.
  size_t best_start = 0;
  int best_groups = -1;
  for (const Match& m : matches) {
    std::set<size_t> seen;
    for (const Match& o : matches)
      if (o.pos >= m.pos && o.pos < m.pos + 24) seen.insert(o.group);
    if (static_cast<int>(seen.size()) > best_groups) { best_groups = static_cast<int>(seen.size()); best_start = m.pos; }
  }
  size_t first = best_start >= 5 ? best_start - 5 : 0;
  uint32_t begin = w.folded.source_offset[w.tokens[first].begin];
  size_t last = first;
  while (last + 1 < w.tokens.size() && w.folded.source_offset[w.tokens[last + 1].end] - begin <= kSnippetBytes) ++last;
  uint32_t end = w.folded.source_offset[w.tokens[last].end];
  // Include closing punctuation right after the last word ("khai sinh." reads better).
  while (end < source.size() && (source[end] == '.' || source[end] == ',' || source[end] == ')' || source[end] == ';')) ++end;
  std::string prefix = first > 0 ? "… " : "";
  std::string snippet = prefix + std::string(source.substr(begin, end - begin));
  for (char& c : snippet) if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (last + 1 < w.tokens.size() || source.size() < body_size) snippet += " …";
  hit->snippet = std::move(snippet);
  hit->snippet_highlights = HighlightsIn(w, matches, first, last + 1, begin, static_cast<uint32_t>(prefix.size()));
}

std::string DisplayWord(const Cache& cache, const std::string& folded) {
  auto it = cache.lexicon.find(folded);
  return it == cache.lexicon.end() ? folded : it->second.display;
}

// For a corrected query: per group, the one spelling the best hit contains (the first
// alternative when it contains none, or when there is no hit). Never drops a group.
// `written` gets, per kept group, the words as the hit writes them ("lý lịch tư pháp"),
// or "" when the hit lacks them.
std::vector<QueryGroup> ChosenSpellings(Cache& cache, const std::vector<QueryGroup>& groups, Candidate* top,
                                        std::vector<std::string>* written) {
  // The title and keywords speak first: "dung" in a body must not outvote "rừng" in a title.
  std::string heading_text = top ? top->doc->title + "\n" + top->doc->keywords : std::string();
  FoldedWords heading(heading_text);
  static const FoldedWords kNoBody{std::string_view()};
  static const std::string kNoText;
  const FoldedWords& body = top ? BodyWords(cache, *top->doc) : kNoBody;
  const std::string& body_text = top ? Body(cache, *top->doc) : kNoText;  // offsets in body are within it
  std::vector<QueryGroup> out;
  for (const QueryGroup& g : groups) {
    const QueryPhrase* chosen = nullptr;
    std::string as_written;
    // A synonym group is shown as the phrase the citizen typed (its first alternative,
    // southern forms already made standard), never as another phrase of the group.
    size_t considered = g.synonym ? 1 : g.alternatives.size();
    const FoldedWords& heading_words = heading;
    const std::string& heading_source = heading_text;
    for (auto [text, source] : {std::pair{&heading_words, &heading_source}, std::pair{&body, &body_text}}) {
      for (size_t a = 0; a < considered; ++a) {
        const QueryPhrase& alt = g.alternatives[a];
        for (size_t pos = 0; pos < text->tokens.size() && !chosen; ++pos) {
          if (!PhraseAt(*text, pos, alt)) continue;
          chosen = &alt;
          uint32_t b = text->folded.source_offset[text->tokens[pos].begin];
          uint32_t e = text->folded.source_offset[text->tokens[pos + alt.words.size() - 1].end];
          // A prefix is written out only where the hit has exactly that word ("pháp" for
          // "phap"), not a longer completion the citizen did not type.
          size_t last = pos + alt.words.size() - 1;
          if (!alt.prefix || text->Word(last) == alt.words.back())
            as_written = Lowercase(std::string_view(*source).substr(b, e - b));
        }
        if (chosen) break;
      }
      if (chosen) break;
    }
    QueryGroup kept = g;
    if (!g.synonym) kept.alternatives = {chosen ? *chosen : g.alternatives[0]};  // synonyms keep them all
    out.push_back(std::move(kept));
    written->push_back(as_written);
  }
  return out;
}

// The query as searched, written as the pack writes it ("đăng ký kết hôn"): as the best
// hit has it where possible, else each word in its most frequent spelling.
std::string DisplayQuery(const Cache& cache, const std::vector<QueryGroup>& chosen,
                         const std::vector<std::string>& written) {
  std::string out;
  for (size_t g = 0; g < chosen.size(); ++g) {
    if (g < written.size() && !written[g].empty()) {
      out += (out.empty() ? "" : " ") + written[g];
      continue;
    }
    for (const std::string& word : chosen[g].alternatives[0].words)
      out += (out.empty() ? "" : " ") + (chosen[g].alternatives[0].prefix ? word : DisplayWord(cache, word));
  }
  return out;
}

Expected<std::unique_ptr<Cache>> LoadCache(sqlite3* db) {
  auto cache = std::make_unique<Cache>();
  Statement lex(db, "SELECT folded, display, docs FROM lexicon");
  int rc;
  while ((rc = lex.Step()) == SQLITE_ROW) {
    std::string folded = lex.Text(0);
    cache->sorted_words.push_back(folded);
    cache->lexicon[std::move(folded)] = {lex.Text(1), lex.Int(2)};
  }
  if (!lex.ok() || rc != SQLITE_DONE) return Expected<std::unique_ptr<Cache>>::Fail(std::string("reading the lexicon: ") + sqlite3_errmsg(db));
  std::sort(cache->sorted_words.begin(), cache->sorted_words.end());
  Statement syn(db, "SELECT grp, folded FROM synonyms ORDER BY grp, ord");
  int64_t current = -1;
  while ((rc = syn.Step()) == SQLITE_ROW) {
    if (syn.Int(0) != current) { current = syn.Int(0); cache->synonyms.emplace_back(); }
    std::vector<std::string> words = QueryWords(syn.Text(1));
    if (!words.empty() && words.size() <= kMaxQueryWords) cache->synonyms.back().push_back(std::move(words));
  }
  if (!syn.ok() || rc != SQLITE_DONE) return Expected<std::unique_ptr<Cache>>::Fail(std::string("reading synonyms: ") + sqlite3_errmsg(db));
  bool ok = cache->fts_all.Prepare(db, "SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 LIMIT ?2") &&
            cache->fts_title.Prepare(db, "SELECT rowid FROM search_title_fts WHERE search_title_fts MATCH ?1 LIMIT ?2") &&
            cache->fetch_doc.Prepare(db, "SELECT item, unit, type_rank, title, keywords FROM search_docs WHERE rowid = ?") &&
            cache->fetch_body.Prepare(db, "SELECT body FROM search_docs WHERE rowid = ?") &&
            cache->item_info.Prepare(db, "SELECT i.id, i.type, i.title, i.field, u.anchor FROM items i "
                                         "LEFT JOIN legal_units u ON u.id = ?2 WHERE i.rowid = ?1");
  if (!ok) return Expected<std::unique_ptr<Cache>>::Fail(std::string("preparing search: ") + sqlite3_errmsg(db));
  return cache;
}

}  // namespace

// [SECTION] Searcher::Run

std::string_view SearchStrengthName(SearchStrength strength) {
  static constexpr std::string_view kNames[] = {"title", "keyword", "body", "partial"};
  return kNames[static_cast<int>(strength)];
}

std::string_view QueryRoleName(QueryRole role) {
  static constexpr std::string_view kNames[] = {"content", "intent", "filler"};
  return kNames[static_cast<int>(role)];
}

Expected<SearchResult> Searcher::Run(PackReader& reader, std::string_view query, const SearchOptions& options) {
  using R = Expected<SearchResult>;
  if (!reader.search_cache_) {
    auto cache = LoadCache(reader.db_);
    if (!cache) return R::Fail(reader.path_ + ": cannot search: " + cache.error());
    reader.search_cache_ = std::move(cache.value());
  }
  Cache& cache = *reader.search_cache_;
  SearchResult result;
  std::vector<std::string> words = QueryWords(query);
  words.erase(std::remove_if(words.begin(), words.end(), [](const std::string& w) { return w.size() > kMaxWordBytes; }),
              words.end());
  if (words.size() > kMaxQueryWords) words.resize(kMaxQueryWords);
  if (words.empty() || options.limit <= 0) return result;
  bool ends_with_space = !query.empty() && (query.back() == ' ' || query.back() == '\t' || query.back() == '\n');
  bool prefix_last = options.prefix_last && !ends_with_space;
  size_t limit = static_cast<size_t>(std::min(options.limit, 200));
  size_t title_fetch = std::max<size_t>(limit * 5, 100);
  size_t all_fetch = std::max<size_t>(limit * 5 / 2, 50);

  struct Attempt {
    std::vector<QueryGroup> groups;
    std::vector<Candidate> ranked;
    bool any = false;
  };
  std::string error;
  // title_only: a retry that only matters if it finds a title match (the first attempt
  // already found body matches) need not read bodies.
  auto attempt = [&](std::vector<QueryGroup> groups, bool any, bool title_only = false) -> std::optional<Attempt> {
    Attempt a{std::move(groups), {}, any};
    QueryParts parts(a.groups);
    std::map<int64_t, Candidate> candidates;
    std::string expression = FtsExpression(cache, a.groups, any);
    // Titles and keywords first. Bodies only when titles do not fill the page, and never
    // for a one-letter prefix ("k"), which is too short to search bodies with.
    if (!RetrieveGroups(cache, cache.fts_title, false, a.groups, any, expression, title_fetch, &candidates, &error))
      return std::nullopt;
    size_t strong = 0, bodies_read = 0;
    for (auto& [rowid, c] : candidates) {
      Score(cache, c, parts, any, any && bodies_read++ < kBodyScored);
      strong += c.tier > 0;
    }
    bool short_prefix = std::any_of(parts.content.begin(), parts.content.end(), [](const QueryGroup& g) {
      return std::any_of(g.alternatives.begin(), g.alternatives.end(),
                         [](const QueryPhrase& p) { return p.prefix && p.words.back().size() < 2; });
    });
    if (strong < limit && !short_prefix && !title_only) {
      std::map<int64_t, Candidate> more;
      if (!RetrieveGroups(cache, cache.fts_all, true, a.groups, any, expression, all_fetch, &more, &error))
        return std::nullopt;
      size_t body_scored = 0;
      for (auto& [rowid, c] : more) {  // rowid order: the most important first
        if (candidates.count(rowid)) continue;
        Score(cache, c, parts, any, any && body_scored < kBodyScored);
        if (c.tier == 0 && body_scored++ < kBodyScored) c.body_score = BodyScore(cache, c, parts.content);
        candidates.emplace(rowid, std::move(c));
      }
    }
    for (auto& [rowid, c] : candidates) a.ranked.push_back(std::move(c));
    std::sort(a.ranked.begin(), a.ranked.end(), Better);
    return a;
  };

  std::vector<QueryGroup> groups = AnalyseQuery(cache, words, prefix_last);
  auto exact = attempt(groups, false);
  if (!exact) return R::Fail(error);
  Attempt chosen = std::move(*exact);
  bool dialect = std::any_of(groups.begin(), groups.end(), [](const QueryGroup& g) { return g.dialect; });
  result.match = dialect ? SearchMatch::Corrected : SearchMatch::Exact;
  bool exact_chosen = true;

  // Forgiving: when the content words as typed find nothing, or nothing in a title or
  // keywords, try them with spelling variants (southern forms first); when even that
  // finds nothing, the words the pack knows at all, and then any of them (Partial). The
  // first attempt with a title or keyword match wins; else the first that found anything.
  // No attempt drops a content word silently: hits that lack one say so (Partial strength).
  auto strong = [](const Attempt& a) {
    return !a.ranked.empty() && (a.ranked.front().strength == SearchStrength::Title ||
                                 a.ranked.front().strength == SearchStrength::Keyword);
  };
  auto consider = [&](std::vector<QueryGroup> gs, bool any, SearchMatch label, bool title_only) -> bool {
    if (gs.empty() || strong(chosen)) return true;
    auto a = attempt(std::move(gs), any, title_only || !chosen.ranked.empty());
    if (!a) return false;
    if (!a->ranked.empty() && (chosen.ranked.empty() || (strong(*a) && !strong(chosen)))) {
      chosen = std::move(*a);
      result.match = label;
      exact_chosen = false;
    }
    return true;
  };
  // A slip can make other real words ("dang ky dam ho": đảm, hộ scattered in a title):
  // when the words as typed are only scattered, a correction that makes them a phrase in
  // a title wins.
  if (options.forgiving && strong(chosen) && chosen.ranked.front().tier <= 1) {
    std::vector<QueryGroup> corrected = groups;
    if (AddVariants(cache, corrected)) {
      auto a = attempt(std::move(corrected), false, true);
      if (!a) return R::Fail(error);
      if (!a->ranked.empty() && a->ranked.front().tier >= 3) {
        chosen = std::move(*a);
        result.match = SearchMatch::Corrected;
        exact_chosen = false;
      }
    }
  }
  if (options.forgiving && !strong(chosen)) {
    std::vector<QueryGroup> corrected = groups;
    bool has_variants = AddVariants(cache, corrected);
    // Titles first (cheap, and a slip in a title word is the common case); bodies only
    // when no title matched at all.
    bool ok = true;
    for (bool title_only : {true, false}) {
      if (!ok || strong(chosen) || (!title_only && !chosen.ranked.empty())) break;
      ok = !has_variants || consider(corrected, false, SearchMatch::Corrected, title_only);
    }
    if (ok && chosen.ranked.empty()) {
      std::vector<QueryGroup> known;
      size_t content = 0, known_content = 0;
      for (const QueryGroup& g : corrected) {
        bool is_known = std::any_of(g.alternatives.begin(), g.alternatives.end(), [&](const QueryPhrase& p) {
          return std::all_of(p.words.begin(), p.words.end(), [&](const std::string& w) { return InLexicon(cache, w, p.prefix); });
        });
        if (g.role == QueryRole::Content) { ++content; known_content += is_known; }
        known.push_back(g);
        if (!is_known && g.role == QueryRole::Content) known.back().missing = true;
      }
      if (known_content > 0 && known_content < content) ok = consider(known, false, SearchMatch::Partial, false);
      // Any of the content words: hits that lack some are Partial (Score says so).
      if (ok && chosen.ranked.empty() && content > 1) ok = consider(corrected, true, SearchMatch::Partial, false);
    }
    if (!ok) return R::Fail(error);
  }
  QueryParts parts(chosen.groups);
  // The words the best hit was found with, written as it writes them ("đăng ký kết hôn").
  std::vector<std::string> written;
  std::vector<QueryGroup> shown_all =
      ChosenSpellings(cache, chosen.groups, chosen.ranked.empty() ? nullptr : &chosen.ranked.front(), &written);
  std::vector<QueryGroup> shown_content;
  std::vector<std::string> written_content;
  for (size_t g = 0; g < shown_all.size(); ++g) {
    std::string text = DisplayQuery(cache, {shown_all[g]}, {written[g]});
    result.terms.push_back({text, shown_all[g].role});
    if (shown_all[g].role != QueryRole::Content) continue;
    result.content_words.push_back(text);
    shown_content.push_back(shown_all[g]);
    written_content.push_back(written[g]);
  }
  if (chosen.ranked.empty()) {
    result.match = SearchMatch::None;
    return result;
  }
  // Highlights show what was searched: for a corrected query, the spellings it settled on.
  std::vector<QueryGroup> shown = chosen.groups;
  if (result.match != SearchMatch::Exact) {
    shown = shown_content;
    shown.insert(shown.end(), parts.optional.begin(), parts.optional.end());
  }

  // Hits: at most a few articles of one law, then titles, snippets and highlights.
  std::map<int64_t, size_t> units_per_document;
  Statement& item_info = cache.item_info;
  result.best_strength = SearchStrength::Partial;
  for (Candidate& c : chosen.ranked) {
    if (result.hits.size() >= limit) break;
    if (c.unit && ++units_per_document[c.item] > kMaxUnitsPerDocument) continue;
    item_info.Reset();
    item_info.Bind(1, c.item).Bind(2, c.unit);
    if (item_info.Step() != SQLITE_ROW) continue;
    auto type = ParseItemType(item_info.Text(1));
    if (!type) continue;
    SearchHit hit;
    hit.type = *type;
    hit.item_id = item_info.Text(0);
    hit.unit = c.unit;
    hit.anchor = c.unit ? item_info.Text(4) : std::string();
    hit.title = c.doc->title;
    hit.context = c.unit ? item_info.Text(2) : item_info.Text(3);
    hit.score = static_cast<double>(c.tier) * 1000.0 + c.coverage * 100.0 + c.body_score;
    const FoldedWords& title = TitleWords(cache, *c.doc);
    hit.title_highlights = HighlightsIn(title, FindMatches(title, shown), 0, title.tokens.size(), 0, 0);
    const std::string& body = Body(cache, c);
    std::string_view source = std::string_view(body).substr(0, kMaxSnippetSource);
    const FoldedWords& body_words = BodyWords(cache, *c.doc);
    MakeSnippet(source, body.size(), body_words, shown, &hit);
    // Strength, checked on the hit's own text: a word matched by the index but not as the
    // phrase asked for, or only past the part of a long body read here, is not claimed.
    hit.strength = c.strength;
    if (c.strength == SearchStrength::Body || c.strength == SearchStrength::Partial) {
      const FoldedWords& keywords = KeywordWords(cache, *c.doc);
      std::vector<Match> all = FindMatches(body_words, parts.content);
      for (const auto* w : {&title, &keywords}) {
        auto more = FindMatches(*w, parts.content);
        all.insert(all.end(), more.begin(), more.end());
      }
      bool every = DistinctGroups(all) == static_cast<int>(parts.content.size());
      bool unread = body.size() > source.size() && !chosen.any;
      hit.strength = every || (unread && c.strength == SearchStrength::Body) ? SearchStrength::Body : SearchStrength::Partial;
      if (parts.missing > 0) hit.strength = SearchStrength::Partial;
    }
    if (hit.strength < result.best_strength) result.best_strength = hit.strength;
    // Exact means every word typed is in the best hit, role words too; else Partial.
    if (result.hits.empty() && exact_chosen && result.match == SearchMatch::Exact && !parts.optional.empty()) {
      const FoldedWords& keywords = KeywordWords(cache, *c.doc);
      std::vector<Match> all = FindMatches(body_words, parts.optional);
      for (const auto* w : {&title, &keywords}) {
        auto more = FindMatches(*w, parts.optional);
        all.insert(all.end(), more.begin(), more.end());
      }
      if (DistinctGroups(all) < static_cast<int>(parts.optional.size())) result.match = SearchMatch::Partial;
    }
    result.hits.push_back(std::move(hit));
  }
  item_info.Reset();
  // Corrected: the whole query with its corrections ("giấy khai sinh cho con"); Partial:
  // the content words that were searched ("lý lịch tư pháp"), never fewer.
  if (result.match == SearchMatch::Corrected) result.corrected_query = DisplayQuery(cache, shown_all, written);
  else if (result.match == SearchMatch::Partial) result.corrected_query = DisplayQuery(cache, shown_content, written_content);
  return result;
}

}  // namespace pack
