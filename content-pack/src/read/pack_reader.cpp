// The read-only pack reader: opening with every check a hostile or broken file needs,
// and typed access to items, units and images. Search lives in search.cpp.
#include "content-pack/pack_reader.hpp"

#include <sqlite3.h>
#include <sys/stat.h>

#include <cstring>
#include <map>

#include "schema.hpp"
#include "search_internal.hpp"
#include "sql.hpp"
#include "content-pack/text_safety.hpp"

namespace pack {

namespace {

// A hostile file can hold a schema whose queries never end (recursive views, huge
// joins). Every statement gets a generous step budget; an honest query on the largest
// pack needs a small fraction of it.
constexpr int kProgressSteps = 1000;
constexpr int kMaxProgressCalls = 200'000;  // ~200 M virtual machine steps
// Limits on what a pack may hold: no honest value comes near them.
constexpr int kMaxValueBytes = 32 << 20;       // any single string or blob (SQLITE_LIMIT_LENGTH)
constexpr int64_t kMaxMetaValueBytes = 64 << 10;
constexpr size_t kMaxMetaRows = 1000;

int ProgressGuard(void* counter) {
  int* calls = static_cast<int*>(counter);
  return ++*calls > kMaxProgressCalls ? 1 : 0;
}

std::string UriEscape(const std::string& path) {
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::strchr("/-_.~", c)) out += static_cast<char>(c);
    else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// Required objects must be what our schema makes, not merely something that answers a
// SELECT: a hostile pack's `meta` as a VIEW can compute rows of hundreds of MB before
// any check sees them (attack review, issue 10). Tables are compared by kind and by
// their columns (name, declared type, NOT NULL, primary key) with the same objects in
// an in-memory database made from kSchemaSql; virtual tables by their SQL text.
struct ObjectShape {
  std::string type;     // "table" (also for virtual tables), "view", "index", ...
  std::string columns;  // "name type notnull pk|..." or, for a virtual table, its SQL
};

ObjectShape ShapeOf(sqlite3* db, const std::string& name) {
  ObjectShape shape;
  Statement kind(db, "SELECT type, coalesce(sql, '') FROM sqlite_schema WHERE name = ?1");
  kind.Bind(1, name);
  if (kind.Step() != SQLITE_ROW) return shape;
  shape.type = kind.Text(0);
  const std::string sql = kind.Text(1);
  if (sql.rfind("CREATE VIRTUAL TABLE", 0) == 0) {
    shape.type = "virtual";
    for (char c : sql)  // whitespace-insensitive
      if (c != ' ' && c != '\n' && c != '\t' && c != '\r') shape.columns += c;
    return shape;
  }
  Statement cols(db, "SELECT name, type, \"notnull\", pk FROM pragma_table_xinfo(?1)");
  cols.Bind(1, name);
  while (cols.Step() == SQLITE_ROW)
    shape.columns += cols.Text(0) + " " + cols.Text(1) + " " + std::to_string(cols.Int(2)) + " " +
                     std::to_string(cols.Int(3)) + "|";
  return shape;
}

const std::map<std::string, ObjectShape>& ExpectedShapes() {
  static const std::map<std::string, ObjectShape> shapes = [] {
    std::map<std::string, ObjectShape> out;
    sqlite3* db = nullptr;
    if (sqlite3_open(":memory:", &db) == SQLITE_OK && sqlite3_exec(db, kSchemaSql, nullptr, nullptr, nullptr) == SQLITE_OK)
      for (const char* table : kRequiredTables) out[table] = ShapeOf(db, table);
    sqlite3_close(db);
    return out;
  }();
  return shapes;
}

// Empty when NAME in DB has the expected shape, else what differs.
std::string ShapeProblem(sqlite3* db, const std::string& name) {
  const auto& expected = ExpectedShapes();
  auto it = expected.find(name);
  if (it == expected.end() || it->second.type.empty()) return "cannot be checked (schema reference missing)";
  const ObjectShape actual = ShapeOf(db, name);
  if (actual.type != it->second.type)
    return "is a " + (actual.type.empty() ? std::string("missing object") : actual.type) + ", expected a " + it->second.type;
  if (actual.columns != it->second.columns) return "has other columns than the schema's";
  return "";
}

}  // namespace


PackReader::~PackReader() {
  search_cache_.reset();
  sqlite3_close(db_);
}

Expected<std::unique_ptr<PackReader>> PackReader::Open(const std::string& path) {
  using Result = Expected<std::unique_ptr<PackReader>>;
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return Result::Fail(path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return Result::Fail(path + ": not a regular file");
  if (st.st_size < 512) return Result::Fail(path + ": not a content pack (file is too small to be one)");

  std::unique_ptr<PackReader> reader(new PackReader());
  reader->path_ = path;
  std::string uri = "file:" + UriEscape(path) + "?mode=ro&immutable=1";
  int rc = sqlite3_open_v2(uri.c_str(), &reader->db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
  if (rc != SQLITE_OK) return Result::Fail(path + ": cannot open: " + sqlite3_errstr(rc));
  sqlite3* db = reader->db_;
  sqlite3_limit(db, SQLITE_LIMIT_LENGTH, kMaxValueBytes);
  sqlite3_limit(db, SQLITE_LIMIT_SQL_LENGTH, 1 << 20);
  sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 1, nullptr);
  sqlite3_exec(db, "PRAGMA cell_size_check=ON", nullptr, nullptr, nullptr);
  sqlite3_progress_handler(db, kProgressSteps, ProgressGuard, &reader->query_budget_);

  Statement app(db, "PRAGMA application_id");
  if (!app.ok() || app.Step() != SQLITE_ROW) {
    std::string why = app.ok() ? sqlite3_errmsg(db) : app.error();
    if (why.find("not a database") != std::string::npos)
      return Result::Fail(path + ": not a content pack (not an SQLite database)");
    return Result::Fail(path + ": not a readable content pack: " + why);
  }
  if (app.Int(0) != kApplicationId)
    return Result::Fail(path + ": an SQLite database, but not a content pack (application_id " +
                        std::to_string(app.Int(0)) + ")");
  Statement version(db, "PRAGMA user_version");
  if (!version.ok() || version.Step() != SQLITE_ROW) return Result::Fail(path + ": cannot read the schema version");
  int64_t schema = version.Int(0);
  if (schema > kSchemaVersion)
    return Result::Fail(path + ": pack schema version " + std::to_string(schema) +
                        " is newer than this software reads (" + std::to_string(kSchemaVersion) +
                        "); update the kiosk software to use this pack");
  if (schema < 1) return Result::Fail(path + ": pack schema version " + std::to_string(schema) + " is not supported");

  for (const char* table : kRequiredTables) {
    Statement probe(db, std::string("SELECT 1 FROM ") + table + " LIMIT 0");
    if (!probe.ok()) return Result::Fail(path + ": damaged content pack: table '" + table + "' is missing or unreadable (" + probe.error() + ")");
    const std::string why = ShapeProblem(db, table);
    if (!why.empty()) return Result::Fail(path + ": not a content pack of this schema: '" + table + "' " + why);
  }
  // Meta values are short by nature; a long one is refused with a message that says so.
  Statement meta(db, "SELECT key, CASE WHEN length(CAST(value AS BLOB)) <= " + std::to_string(kMaxMetaValueBytes) +
                         " THEN value END, length(CAST(value AS BLOB)) FROM meta");
  std::map<std::string, std::string> values;
  int step;
  while ((step = meta.Step()) == SQLITE_ROW) {
    if (meta.Int(2) > kMaxMetaValueBytes || values.size() >= kMaxMetaRows)
      return Result::Fail(path + ": damaged content pack: metadata '" + ValidUtf8(meta.Text(0).substr(0, 64)) +
                          "' is longer than " + std::to_string(kMaxMetaValueBytes) + " bytes, or there are more than " +
                          std::to_string(kMaxMetaRows) + " metadata rows");
    values[meta.Text(0)] = meta.Text(1);
  }
  if (step != SQLITE_DONE) return Result::Fail(path + ": damaged content pack: cannot read metadata: " + sqlite3_errmsg(db));
  for (const char* key : {"id", "title", "version", "created"})
    if (!values.count(key)) return Result::Fail(path + ": damaged content pack: metadata has no '" + key + "'");
  PackMeta& m = reader->meta_;
  m.id = values["id"];
  m.title = values["title"];
  m.publisher = values["publisher"];
  m.language = values["language"];
  m.created = values["created"];
  m.schema_version = static_cast<int>(schema);
  char* end = nullptr;
  m.version = std::strtoll(values["version"].c_str(), &end, 10);
  if (values["version"].empty() || *end != '\0' || m.version < 1)
    return Result::Fail(path + ": damaged content pack: version '" + values["version"] + "' is not a positive integer");
  return Result(std::move(reader));
}

namespace {

template <class T>
Expected<T> SqlFail(sqlite3* db, std::string_view what) {
  return Expected<T>::Fail(std::string(what) + ": " + sqlite3_errmsg(db));
}

// Runs `st` to the end, calling row() for each row; fails on any error.
template <class F>
bool ForEachRow(Statement& st, F&& row) {
  if (!st.ok()) return false;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) row();
  return rc == SQLITE_DONE;
}

std::optional<UnitKind> ParseUnitKind(const std::string& name) {
  for (int k = 0; k <= static_cast<int>(UnitKind::Point); ++k)
    if (UnitKindName(static_cast<UnitKind>(k)) == name) return static_cast<UnitKind>(k);
  return std::nullopt;
}

}  // namespace

Expected<bool> PackReader::QuickCheck() {
  query_budget_ = -1'000'000'000;  // a full check of a large pack legitimately takes long
  Statement st(db_, "PRAGMA quick_check");
  std::string problems;
  bool ok = ForEachRow(st, [&] {
    std::string line = st.Text(0);
    if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
  });
  if (!ok) return Expected<bool>::Fail(path_ + ": integrity check failed: " + sqlite3_errmsg(db_));
  if (!problems.empty()) return Expected<bool>::Fail(path_ + ": integrity check failed: " + problems);
  return true;
}

Expected<std::vector<FieldCount>> PackReader::Fields() {
  query_budget_ = 0;
  Statement st(db_, "SELECT field, type, count(*) FROM items WHERE field <> '' GROUP BY field, type ORDER BY field, type");
  std::vector<FieldCount> out;
  bool ok = ForEachRow(st, [&] {
    if (auto type = ParseItemType(st.Text(1))) out.push_back({st.Text(0), *type, st.Int(2)});
  });
  if (!ok) return SqlFail<std::vector<FieldCount>>(db_, "reading fields");
  return out;
}

Expected<std::vector<std::pair<ItemType, int64_t>>> PackReader::CountsByType() {
  query_budget_ = 0;
  Statement st(db_, "SELECT type, count(*) FROM items GROUP BY type");
  std::map<ItemType, int64_t> counts;
  for (ItemType t : kAllItemTypes) counts[t] = 0;
  bool ok = ForEachRow(st, [&] {
    if (auto type = ParseItemType(st.Text(0))) counts[*type] = st.Int(1);
  });
  if (!ok) return SqlFail<std::vector<std::pair<ItemType, int64_t>>>(db_, "counting items");
  return std::vector<std::pair<ItemType, int64_t>>(counts.begin(), counts.end());
}

Expected<std::vector<ItemSummary>> PackReader::Items(std::optional<ItemType> type, std::string_view field) {
  query_budget_ = 0;
  std::string sql = "SELECT id, type, title, field, updated FROM items WHERE 1";
  if (type) sql += " AND type = ?1";
  if (!field.empty()) sql += " AND field = ?2";
  sql += " ORDER BY title COLLATE NOCASE, id";
  Statement st(db_, sql);
  if (type) st.Bind(1, ItemTypeName(*type));
  if (!field.empty()) st.Bind(2, field);
  std::vector<ItemSummary> out;
  bool ok = ForEachRow(st, [&] {
    if (auto t = ParseItemType(st.Text(1))) out.push_back({st.Text(0), *t, st.Text(2), st.Text(3), st.Text(4)});
  });
  if (!ok) return SqlFail<std::vector<ItemSummary>>(db_, "listing items");
  return out;
}

Expected<std::vector<PackReader::ArticleEntry>> PackReader::Articles() {
  query_budget_ = 0;
  Statement st(db_,
      "SELECT i.id, i.title, i.field, i.updated, a.date, a.summary, a.image FROM items i "
      "JOIN articles a ON a.item = i.rowid WHERE i.type = 'article' "
      "ORDER BY a.date = '', a.date DESC, i.title COLLATE NOCASE, i.id");
  std::vector<ArticleEntry> out;
  bool ok = ForEachRow(st, [&] {
    out.push_back({{st.Text(0), ItemType::Article, st.Text(1), st.Text(2), st.Text(3)},
                   {st.Text(4), st.Text(5), st.Int(6)}});
  });
  if (!ok) return SqlFail<std::vector<ArticleEntry>>(db_, "listing articles");
  return out;
}

Expected<std::vector<ItemSummary>> PackReader::ActiveAnnouncements(std::string_view date) {
  query_budget_ = 0;
  Statement st(db_,
      "SELECT i.id, i.type, i.title, i.field, i.updated FROM items i JOIN announcements a ON a.item = i.rowid "
      "WHERE (a.from_date = '' OR a.from_date <= ?1) AND (a.until_date = '' OR a.until_date >= ?1) "
      "ORDER BY a.from_date DESC, i.id");
  st.Bind(1, date);
  std::vector<ItemSummary> out;
  bool ok = ForEachRow(st, [&] { out.push_back({st.Text(0), ItemType::Announcement, st.Text(2), st.Text(3), st.Text(4)}); });
  if (!ok) return SqlFail<std::vector<ItemSummary>>(db_, "listing announcements");
  return out;
}

Expected<Item> PackReader::GetItem(std::string_view id) {
  using R = Expected<Item>;
  Statement st(db_, "SELECT rowid, type, title, field, updated, body FROM items WHERE id = ?");
  st.Bind(1, id);
  query_budget_ = 0;
  int rc = st.Step();
  if (rc == SQLITE_DONE) return R::Fail("no item with id '" + std::string(id) + "'");
  if (rc != SQLITE_ROW) return SqlFail<Item>(db_, "reading item '" + std::string(id) + "'");
  Item item;
  int64_t rowid = st.Int(0);
  auto type = ParseItemType(st.Text(1));
  if (!type) return R::Fail("item '" + std::string(id) + "' has an unknown type '" + st.Text(1) + "'");
  item.summary = {std::string(id), *type, st.Text(2), st.Text(3), st.Text(4)};
  item.body = st.Text(5);

  bool ok = true;
  auto rows = [&](const char* sql, auto&& fn) {
    Statement s(db_, sql);
    s.Bind(1, rowid);
    ok = ok && ForEachRow(s, [&] { fn(s); });
  };
  rows("SELECT keyword FROM item_keywords WHERE item = ? ORDER BY ord", [&](Statement& s) { item.keywords.push_back(s.Text(0)); });
  rows("SELECT href, target_item, target_image FROM item_links WHERE item = ? ORDER BY ord",
       [&](Statement& s) { item.links.push_back({s.Text(0), s.Text(1), s.Int(2)}); });
  switch (*type) {
    case ItemType::Procedure: {
      Procedure p;
      bool found = false;
      rows("SELECT code, level, agency, applicants, processing_time, fee, result, online_url FROM procedures WHERE item = ?",
           [&](Statement& s) {
             found = true;
             p.code = s.Text(0); p.level = s.Text(1); p.agency = s.Text(2); p.applicants = s.Text(3);
             p.processing_time = s.Text(4); p.fee = s.Text(5); p.result = s.Text(6); p.online_url = s.Text(7);
           });
      rows("SELECT how, time, fee, note FROM procedure_channels WHERE item = ? ORDER BY ord",
           [&](Statement& s) { p.channels.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3)}); });
      rows("SELECT name, form, form_image, copies FROM procedure_documents WHERE item = ? ORDER BY ord",
           [&](Statement& s) { p.documents.push_back({s.Text(0), s.Text(1), s.Int(2), s.Text(3)}); });
      rows("SELECT text FROM procedure_steps WHERE item = ? ORDER BY ord", [&](Statement& s) { p.steps.push_back(s.Text(0)); });
      rows("SELECT text FROM procedure_requirements WHERE item = ? ORDER BY ord", [&](Statement& s) { p.requirements.push_back(s.Text(0)); });
      rows("SELECT text, document_id FROM procedure_legal_basis WHERE item = ? ORDER BY ord",
           [&](Statement& s) {
             // A link to a unit is stored as "DOC_ID#ANCHOR" in document_id.
             std::string target = s.Text(1);
             const size_t hash = target.find('#');
             std::string anchor = hash == std::string::npos ? std::string() : target.substr(hash + 1);
             if (hash != std::string::npos) target.resize(hash);
             p.legal_basis.push_back({s.Text(0), std::move(target), std::move(anchor)});
           });
      if (ok && !found) return R::Fail("damaged pack: procedure '" + std::string(id) + "' has no procedure row");
      item.procedure = std::move(p);
      break;
    }
    case ItemType::Document: {
      Document d;
      rows("SELECT number, kind, issuer, issued, effective, status FROM documents WHERE item = ?", [&](Statement& s) {
        d = {s.Text(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5)};
      });
      item.document = std::move(d);
      break;
    }
    case ItemType::Article: {
      Article a;
      rows("SELECT date, summary, image FROM articles WHERE item = ?", [&](Statement& s) { a = {s.Text(0), s.Text(1), s.Int(2)}; });
      item.article = std::move(a);
      break;
    }
    case ItemType::Announcement: {
      Announcement a;
      rows("SELECT from_date, until_date, image FROM announcements WHERE item = ?",
           [&](Statement& s) { a = {s.Text(0), s.Text(1), s.Int(2)}; });
      item.announcement = std::move(a);
      break;
    }
    case ItemType::Quiz: {
      rows("SELECT question, answer, explain FROM quiz_questions WHERE item = ? ORDER BY ord", [&](Statement& s) {
        item.questions.push_back({s.Text(0), {}, static_cast<int>(s.Int(1)), s.Text(2)});
      });
      rows("SELECT question, text FROM quiz_choices WHERE item = ? ORDER BY question, ord", [&](Statement& s) {
        int64_t q = s.Int(0);
        if (q >= 0 && q < static_cast<int64_t>(item.questions.size())) item.questions[static_cast<size_t>(q)].choices.push_back(s.Text(1));
      });
      for (auto& q : item.questions)
        if (q.answer < 0 || q.answer >= static_cast<int>(q.choices.size()))
          return R::Fail("damaged pack: quiz '" + std::string(id) + "' has an answer outside its choices");
      break;
    }
    case ItemType::Faq: break;
  }
  if (!ok) return SqlFail<Item>(db_, "reading item '" + std::string(id) + "'");
  return item;
}

Expected<std::vector<LegalUnit>> PackReader::Units(std::string_view document_id) {
  query_budget_ = 0;
  Statement st(db_,
      "SELECT u.id, u.parent, u.ord, u.kind, u.label, u.title, u.text, u.anchor FROM legal_units u "
      "JOIN items i ON i.rowid = u.document WHERE i.id = ? ORDER BY u.id");
  st.Bind(1, document_id);
  std::vector<LegalUnit> out;
  bool ok = ForEachRow(st, [&] {
    LegalUnit u;
    u.id = st.Int(0);
    u.parent = st.Int(1);
    u.order = static_cast<int>(st.Int(2));
    u.kind = ParseUnitKind(st.Text(3)).value_or(UnitKind::Article);
    u.label = st.Text(4);
    u.title = st.Text(5);
    u.text = st.Text(6);
    u.anchor = st.Text(7);
    out.push_back(std::move(u));
  });
  if (!ok) return SqlFail<std::vector<LegalUnit>>(db_, "reading the units of '" + std::string(document_id) + "'");
  return out;
}

Expected<std::vector<ImageInfo>> PackReader::Images() {
  query_budget_ = 0;
  Statement st(db_, "SELECT id, path, width, height, format FROM images ORDER BY id");
  std::vector<ImageInfo> out;
  bool ok = ForEachRow(st, [&] {
    out.push_back({st.Int(0), st.Text(1), static_cast<int>(st.Int(2)), static_cast<int>(st.Int(3)), st.Text(4)});
  });
  if (!ok) return SqlFail<std::vector<ImageInfo>>(db_, "listing images");
  return out;
}

Expected<ImageInfo> PackReader::GetImageInfo(int64_t image_id) {
  Statement st(db_, "SELECT id, path, width, height, format FROM images WHERE id = ?");
  st.Bind(1, image_id);
  query_budget_ = 0;
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Expected<ImageInfo>::Fail("no image with id " + std::to_string(image_id));
  if (rc != SQLITE_ROW) return SqlFail<ImageInfo>(db_, "reading image " + std::to_string(image_id));
  return ImageInfo{st.Int(0), st.Text(1), static_cast<int>(st.Int(2)), static_cast<int>(st.Int(3)), st.Text(4)};
}

Expected<std::string> PackReader::ImageData(int64_t image_id) {
  Statement st(db_, "SELECT data FROM images WHERE id = ?");
  st.Bind(1, image_id);
  query_budget_ = 0;
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Expected<std::string>::Fail("no image with id " + std::to_string(image_id));
  if (rc != SQLITE_ROW) return SqlFail<std::string>(db_, "reading image " + std::to_string(image_id));
  return st.Blob(0);
}

Expected<SearchResult> PackReader::Search(std::string_view query, const SearchOptions& options) {
  query_budget_ = 0;
  return Searcher::Run(*this, query, options);
}

}  // namespace pack
