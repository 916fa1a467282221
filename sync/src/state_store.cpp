// sync/src/state_store.cpp: the trusted state and run history in DATA_DIR/state.sqlite.
#include "state_store.hpp"

#include <sqlite3.h>

#include <ctime>

#include "content-pack/portal.hpp"

namespace kiosk::sync {
namespace {

std::string Column(sqlite3_stmt* st, int i) {
  const unsigned char* t = sqlite3_column_text(st, i);
  return t ? reinterpret_cast<const char*>(t) : "";
}

struct Statement {
  sqlite3_stmt* st = nullptr;
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &st, nullptr); }
  ~Statement() { sqlite3_finalize(st); }
  void Bind(int i, const std::string& v) { sqlite3_bind_text(st, i, v.c_str(), -1, SQLITE_TRANSIENT); }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(st, i, v); }
};

}  // namespace

pack::Expected<std::unique_ptr<StateStore>> StateStore::Open(const std::string& data_dir,
                                                             const std::string& pack_id) {
  using R = pack::Expected<std::unique_ptr<StateStore>>;
  std::unique_ptr<StateStore> store(new StateStore());
  store->pack_id_ = pack_id;
  const std::string path = data_dir + "/state.sqlite";
  if (sqlite3_open_v2(path.c_str(), &store->db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK)
    return R::Fail("cannot open " + path + ": " + (store->db_ ? sqlite3_errmsg(store->db_) : "out of memory"));
  sqlite3_busy_timeout(store->db_, 10000);
  // synchronous=FULL: the trusted version must survive a power cut right after a run.
  if (!store->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;") || !store->Exec(kStateSchema))
    return R::Fail("cannot use " + path + ": " + store->error_);
  Statement st(store->db_, "INSERT OR IGNORE INTO trusted(pack_id) VALUES(?)");
  st.Bind(1, pack_id);
  if (sqlite3_step(st.st) != SQLITE_DONE)
    return R::Fail("cannot write " + path + ": " + sqlite3_errmsg(store->db_));
  return R(std::move(store));
}

StateStore::~StateStore() { sqlite3_close(db_); }

bool StateStore::Exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    error_ = msg ? msg : "sqlite error";
    sqlite3_free(msg);
    return false;
  }
  return true;
}

TrustedState StateStore::Trusted() {
  TrustedState t;
  Statement st(db_,
               "SELECT version, expires, manifest, manifest_sha256, frozen, frozen_reason, held_version "
               "FROM trusted WHERE pack_id = ?");
  st.Bind(1, pack_id_);
  if (sqlite3_step(st.st) == SQLITE_ROW) {
    t.version = sqlite3_column_int64(st.st, 0);
    t.expires = Column(st.st, 1);
    t.manifest = Column(st.st, 2);
    t.manifest_sha256 = Column(st.st, 3);
    t.frozen = sqlite3_column_int(st.st, 4) != 0;
    t.frozen_reason = Column(st.st, 5);
    t.held_version = sqlite3_column_int64(st.st, 6);
  }
  return t;
}

bool StateStore::SaveTrusted(const TrustedState& t) {
  Statement st(db_,
               "UPDATE trusted SET version = ?, expires = ?, manifest = ?, manifest_sha256 = ?, frozen = ?, "
               "frozen_reason = ?, held_version = ?, updated = ? WHERE pack_id = ?");
  st.Bind(1, t.version);
  st.Bind(2, t.expires);
  st.Bind(3, t.manifest);
  st.Bind(4, t.manifest_sha256);
  st.Bind(5, int64_t{t.frozen ? 1 : 0});
  st.Bind(6, t.frozen_reason);
  st.Bind(7, t.held_version);
  st.Bind(8, pack::portal::FormatUtc(std::time(nullptr)));
  st.Bind(9, pack_id_);
  if (sqlite3_step(st.st) != SQLITE_DONE) {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

HttpValidators StateStore::Validators(const std::string& url) {
  HttpValidators v;
  Statement st(db_, "SELECT etag, last_modified, manifest_sha256 FROM http_cache WHERE url = ?");
  st.Bind(1, url);
  if (sqlite3_step(st.st) == SQLITE_ROW) {
    v.etag = Column(st.st, 0);
    v.last_modified = Column(st.st, 1);
    v.manifest_sha256 = Column(st.st, 2);
  }
  return v;
}

bool StateStore::SaveValidators(const std::string& url, const HttpValidators& v) {
  Statement st(db_,
               "INSERT INTO http_cache(url, etag, last_modified, manifest_sha256) VALUES(?,?,?,?) "
               "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
               "manifest_sha256 = excluded.manifest_sha256");
  st.Bind(1, url);
  st.Bind(2, v.etag);
  st.Bind(3, v.last_modified);
  st.Bind(4, v.manifest_sha256);
  if (sqlite3_step(st.st) != SQLITE_DONE) {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

bool StateStore::RecordRun(const std::string& result, int64_t from_version, int64_t to_version, int64_t bytes,
                           const std::string& source, const std::string& error, const std::string& note) {
  Statement st(db_,
               "INSERT INTO runs(time, result, from_version, to_version, bytes, source, error, note) "
               "VALUES(?,?,?,?,?,?,?,?)");
  st.Bind(1, pack::portal::FormatUtc(std::time(nullptr)));
  st.Bind(2, result);
  st.Bind(3, from_version);
  st.Bind(4, to_version);
  st.Bind(5, bytes);
  st.Bind(6, source);
  st.Bind(7, error);
  st.Bind(8, note);
  if (sqlite3_step(st.st) != SQLITE_DONE) {
    error_ = sqlite3_errmsg(db_);
    return false;
  }
  // A kiosk runs for years: keep the history bounded.
  Exec("DELETE FROM runs WHERE id <= (SELECT MAX(id) FROM runs) - 1000");
  return true;
}

std::vector<RunRecord> StateStore::LastRuns(int limit) {
  std::vector<RunRecord> runs;
  Statement st(db_, "SELECT time, result, to_version, bytes, error, note, from_version FROM runs ORDER BY id DESC LIMIT ?");
  st.Bind(1, int64_t{limit});
  while (sqlite3_step(st.st) == SQLITE_ROW) {
    RunRecord r;
    r.time = Column(st.st, 0);
    r.result = Column(st.st, 1);
    r.version = sqlite3_column_int64(st.st, 2);
    r.bytes = sqlite3_column_int64(st.st, 3);
    r.error = Column(st.st, 4);
    r.note = Column(st.st, 5);
    r.from_version = sqlite3_column_int64(st.st, 6);
    runs.push_back(std::move(r));
  }
  return runs;
}

}  // namespace kiosk::sync
