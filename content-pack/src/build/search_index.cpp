// search_index.cpp: the search rows, the two FTS5 indexes and the lexicon of a pack,
// derived from its content tables (search_index.hpp).
//
// [SECTION] Search rows
// [SECTION] Lexicon
// [SECTION] DeriveSearchIndex
//
// Everything here reads the database, never the source files: the same content gives
// the same index whether it came from `content-pack build` or from a content stream on
// a kiosk (rebuild.hpp). Keep it that way, and bump kIndexRecipe (search_index.hpp) when
// the output changes.
#include "search_index.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "content-pack/fold.hpp"
#include "content-pack/model.hpp"
#include "source.hpp"
#include "sql.hpp"

namespace pack {
namespace {

// [SECTION] Search rows

// How a type ranks at equal strength: a citizen looking for "kết hôn" wants the
// procedure first, then answers, then news, then the law's articles.
int TypeRank(std::optional<ItemType> type, bool unit) {
  if (unit) return 4;
  if (!type) return 5;
  switch (*type) {
    case ItemType::Procedure: return 0;
    case ItemType::Faq: return 1;
    case ItemType::Document: return 2;
    case ItemType::Article: return 3;
    case ItemType::Quiz: return 5;
    case ItemType::Announcement: return 5;
  }
  return 5;
}

struct SearchRow {
  int64_t item = 0;
  int64_t unit = 0;
  int type_rank = 0;
  std::string title, keywords, body;
};

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::optional<UnitKind> UnitKindFromName(std::string_view name) {
  for (UnitKind k : {UnitKind::Part, UnitKind::Chapter, UnitKind::Section, UnitKind::Subsection, UnitKind::Article,
                     UnitKind::Clause, UnitKind::Point})
    if (UnitKindName(k) == name) return k;
  return std::nullopt;
}

// The text of a unit and everything below it, as a citizen reads it. UNITS are one
// document's units in id order, `parent` as a 1-based index into UNITS (0: top level).
std::string UnitFullText(const std::vector<LegalUnit>& units, size_t index) {
  std::string out = units[index].text;
  // Children follow their parent in document order; descendants are contiguous.
  std::vector<int64_t> ancestors{static_cast<int64_t>(index) + 1};
  for (size_t j = index + 1; j < units.size(); ++j) {
    while (!ancestors.empty() && units[j].parent != ancestors.back()) ancestors.pop_back();
    if (ancestors.empty()) break;
    const LegalUnit& u = units[j];
    std::string line = u.kind == UnitKind::Clause ? u.label + ". " : u.kind == UnitKind::Point ? u.label + ") " : u.label + " ";
    out += (out.empty() ? "" : "\n") + line + (u.title.empty() ? u.text : u.title + (u.text.empty() ? "" : "\n" + u.text));
    ancestors.push_back(static_cast<int64_t>(j) + 1);
  }
  return out;
}

// Reads the search rows of every item, in item order, each item's legal articles
// right after it.
class RowReader {
 public:
  explicit RowReader(sqlite3* db)
      : items_(db, "SELECT rowid, type, title, field, body FROM items ORDER BY rowid"),
        keywords_(db, "SELECT keyword FROM item_keywords WHERE item = ? ORDER BY ord"),
        procedure_(db, "SELECT code, result, agency, applicants, processing_time, fee FROM procedures WHERE item = ?"),
        pdocs_(db, "SELECT name FROM procedure_documents WHERE item = ? ORDER BY ord"),
        steps_(db, "SELECT text FROM procedure_steps WHERE item = ? ORDER BY ord"),
        requirements_(db, "SELECT text FROM procedure_requirements WHERE item = ? ORDER BY ord"),
        article_(db, "SELECT summary FROM articles WHERE item = ?"),
        questions_(db, "SELECT ord, question, explain FROM quiz_questions WHERE item = ? ORDER BY ord"),
        choices_(db, "SELECT text FROM quiz_choices WHERE item = ? AND question = ? ORDER BY ord"),
        document_(db, "SELECT kind, number FROM documents WHERE item = ?"),
        units_(db, "SELECT id, parent, kind, label, title, text FROM legal_units WHERE document = ? ORDER BY id"),
        db_(db) {}

  bool Read(std::vector<SearchRow>* rows, std::string* error) {
    for (Statement* st : {&items_, &keywords_, &procedure_, &pdocs_, &steps_, &requirements_, &article_, &questions_,
                          &choices_, &document_, &units_})
      if (!st->ok()) { *error = st->error(); return false; }
    int rc;
    while ((rc = items_.Step()) == SQLITE_ROW) {
      const int64_t item = items_.Int(0);
      const std::optional<ItemType> type = ParseItemType(items_.Text(1));
      const std::string field = items_.Text(3), markdown = items_.Text(4);
      SearchRow row{item, 0, TypeRank(type, false), items_.Text(2), Join(Column(keywords_, item), ", "),
                    MarkdownToPlainText(markdown)};
      if (!field.empty()) row.keywords += (row.keywords.empty() ? "" : ", ") + field;

      procedure_.Bind(1, item);
      if (procedure_.Step() == SQLITE_ROW) {
        std::vector<std::string> extra{procedure_.Text(1), procedure_.Text(2), procedure_.Text(3), procedure_.Text(4),
                                       procedure_.Text(5)};
        for (auto* st : {&pdocs_, &steps_, &requirements_})
          for (std::string& text : Column(*st, item)) extra.push_back(std::move(text));
        row.keywords += (row.keywords.empty() ? "" : ", ") + procedure_.Text(0);
        row.body = Join({row.body, Join(extra, "\n")}, "\n");
      }
      procedure_.Reset();

      article_.Bind(1, item);
      if (article_.Step() == SQLITE_ROW) row.body = Join({article_.Text(0), row.body}, "\n");
      article_.Reset();

      questions_.Bind(1, item);
      while (questions_.Step() == SQLITE_ROW) {
        choices_.Bind(1, item).Bind(2, questions_.Int(0));
        std::vector<std::string> choices;
        while (choices_.Step() == SQLITE_ROW) choices.push_back(choices_.Text(0));
        choices_.Reset();
        row.body += "\n" + questions_.Text(1) + "\n" + Join(choices, "\n") + "\n" + questions_.Text(2);
      }
      questions_.Reset();

      std::vector<SearchRow> unit_rows;
      document_.Bind(1, item);
      if (document_.Step() == SQLITE_ROW) {
        row.keywords += (row.keywords.empty() ? "" : ", ") + Join({document_.Text(0), document_.Text(1)}, " ");
        ReadUnits(item, &unit_rows);
        // The item row carries what is not in an article: the preamble, or all of it
        // for a document without articles.
        if (!unit_rows.empty()) {
          std::string preamble;
          ParseLegalStructure(markdown, &preamble);
          row.body = MarkdownToPlainText(preamble);
        }
      }
      document_.Reset();

      rows->push_back(std::move(row));
      for (SearchRow& r : unit_rows) rows->push_back(std::move(r));
    }
    items_.Reset();
    if (rc != SQLITE_DONE) { *error = sqlite3_errmsg(db_); return false; }
    return true;
  }

 private:
  std::vector<std::string> Column(Statement& st, int64_t item) {
    std::vector<std::string> out;
    st.Bind(1, item);
    while (st.Step() == SQLITE_ROW) out.push_back(st.Text(0));
    st.Reset();
    return out;
  }

  void ReadUnits(int64_t document, std::vector<SearchRow>* unit_rows) {
    std::vector<LegalUnit> units;
    std::map<int64_t, int64_t> index_of;  // unit id -> 1-based index in UNITS
    units_.Bind(1, document);
    while (units_.Step() == SQLITE_ROW) {
      LegalUnit u;
      u.id = units_.Int(0);
      auto parent = index_of.find(units_.Int(1));
      u.parent = parent == index_of.end() ? 0 : parent->second;
      u.kind = UnitKindFromName(units_.Text(2)).value_or(UnitKind::Point);
      u.label = units_.Text(3);
      u.title = units_.Text(4);
      u.text = units_.Text(5);
      units.push_back(std::move(u));
      index_of[units.back().id] = static_cast<int64_t>(units.size());
    }
    units_.Reset();
    for (size_t i = 0; i < units.size(); ++i) {
      const LegalUnit& u = units[i];
      if (u.kind != UnitKind::Article) continue;
      unit_rows->push_back({document, u.id, TypeRank(std::nullopt, true), u.title.empty() ? u.label : u.label + ". " + u.title,
                            "", MarkdownToPlainText(UnitFullText(units, i))});
    }
  }

  Statement items_, keywords_, procedure_, pdocs_, steps_, requirements_, article_, questions_, choices_, document_,
      units_;
  sqlite3* db_;
};

// [SECTION] Lexicon

class Lexicon {
 public:
  // Counts each folded word once per search row and remembers how it was written.
  void AddRow(const std::string& text) {
    FoldedText folded = FoldWithOffsets(text);
    std::set<std::string> seen;
    for (const Token& t : Tokenize(folded.text)) {
      std::string word = folded.text.substr(t.begin, t.end - t.begin);
      if (word.size() > 40) continue;
      Entry& entry = words_[word];
      if (seen.insert(word).second) ++entry.docs;
      uint32_t b = folded.source_offset[t.begin], e = folded.source_offset[t.end];
      ++entry.spellings[Lowercase(std::string_view(text).substr(b, e - b))];
    }
  }
  template <class F> void ForEach(F&& f) const {
    for (const auto& [word, entry] : words_) {
      const std::string* best = &word;
      int best_count = 0;
      for (const auto& [spelling, count] : entry.spellings)
        if (count > best_count) { best = &spelling; best_count = count; }
      f(word, *best, entry.docs);
    }
  }

 private:
  struct Entry { int64_t docs = 0; std::map<std::string, int> spellings; };
  std::map<std::string, Entry> words_;
};

}  // namespace

// [SECTION] DeriveSearchIndex

bool DeriveSearchIndex(sqlite3* db, std::string* error) {
  if (!ExecSql(db, "BEGIN", error)) return false;
  auto fail = [&] {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return false;
  };
  std::vector<SearchRow> rows;
  {
    RowReader reader(db);
    if (!reader.Read(&rows, error)) return fail();
  }
  Lexicon lexicon;
  for (const SearchRow& row : rows) lexicon.AddRow(row.title + "\n" + row.keywords + "\n" + row.body);

  // Search rows are numbered in the order a citizen would rank them at equal strength:
  // by type (procedures first), then shorter titles first. Search reads candidates in
  // rowid order and stops early, so for a common word the first rows are the best ones.
  std::vector<size_t> order(rows.size());
  std::vector<size_t> title_words(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    order[i] = i;
    title_words[i] = Tokenize(Fold(rows[i].title)).size();
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (rows[a].type_rank != rows[b].type_rank) return rows[a].type_rank < rows[b].type_rank;
    return title_words[a] < title_words[b];
  });

  Statement sdoc(db, "INSERT INTO search_docs(rowid, item, unit, type_rank, title, keywords, body) VALUES(?,?,?,?,?,?,?)");
  Statement fts(db, "INSERT INTO search_fts(rowid, title, keywords, body) VALUES(?,?,?,?)");
  Statement title_fts(db, "INSERT INTO search_title_fts(rowid, title, keywords) VALUES(?,?,?)");
  Statement lex(db, "INSERT INTO lexicon(folded, display, docs) VALUES(?,?,?)");
  for (Statement* st : {&sdoc, &fts, &title_fts, &lex})
    if (!st->ok()) { *error = st->error(); return fail(); }
  int64_t rowid = 0;
  for (size_t i : order) {
    const SearchRow& row = rows[i];
    ++rowid;
    std::string title = Fold(row.title), keywords = Fold(row.keywords);
    sdoc.Bind(1, rowid).Bind(2, row.item).Bind(3, row.unit).Bind(4, row.type_rank)
        .Bind(5, row.title).Bind(6, row.keywords).Bind(7, row.body);
    fts.Bind(1, rowid).Bind(2, title).Bind(3, keywords).Bind(4, Fold(row.body));
    title_fts.Bind(1, rowid).Bind(2, title).Bind(3, keywords);
    if (!RunStatement(db, sdoc, error) || !RunStatement(db, fts, error) || !RunStatement(db, title_fts, error)) return fail();
  }
  bool ok = true;
  lexicon.ForEach([&](const std::string& word, const std::string& display, int64_t docs) {
    lex.Bind(1, word).Bind(2, display).Bind(3, docs);
    ok = ok && RunStatement(db, lex, error);
  });
  if (!ok) return fail();
  if (!ExecSql(db, "INSERT INTO search_fts(search_fts) VALUES('optimize')", error) ||
      !ExecSql(db, "INSERT INTO search_title_fts(search_title_fts) VALUES('optimize')", error) ||
      !ExecSql(db, "COMMIT", error))
    return fail();
  return true;
}

}  // namespace pack
