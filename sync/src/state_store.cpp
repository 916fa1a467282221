// sync/src/state_store.cpp: the trusted state and run history in DATA_DIR/state.sqlite,
// on content-pack's statement layer (content-pack/sql.hpp).
#include "state_store.hpp"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>

#include "content-pack/portal.hpp"
#include "content-pack/sql.hpp"

namespace kiosk::sync {
namespace {

using pack::Statement;

// The error of a failed step or prepare, for LastError().
std::string Why(sqlite3* db, const Statement& st) { return st.ok() ? sqlite3_errmsg(db) : st.error(); }

bool Healthy(sqlite3* db, std::string* why) {
  Statement check(db, "PRAGMA quick_check");
  if (!check.ok()) {
    *why = check.error();
    return false;
  }
  if (check.Step() != SQLITE_ROW) {
    *why = sqlite3_errmsg(db);
    return false;
  }
  const std::string verdict = check.Text(0);
  if (verdict != "ok") *why = verdict;
  return verdict == "ok";
}

}  // namespace

pack::Expected<std::unique_ptr<StateStore>> StateStore::Open(const std::string& path, const std::string& pack_id,
                                                             std::string* set_aside) {
  using R = pack::Expected<std::unique_ptr<StateStore>>;
  for (int attempt = 0;; ++attempt) {
    std::unique_ptr<StateStore> store(new StateStore());
    store->pack_id_ = pack_id;
    if (sqlite3_open_v2(path.c_str(), &store->db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_NOFOLLOW,
                        nullptr) != SQLITE_OK)
      return R::Fail("cannot open " + path + ": " + (store->db_ ? sqlite3_errmsg(store->db_) : "out of memory"));
    sqlite3_busy_timeout(store->db_, 10000);
    std::string why;
    // synchronous=FULL: the trusted version must survive a power cut right after a run.
    bool usable = store->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;") && Healthy(store->db_, &why);
    if (usable) {
      why.clear();
      usable = store->Exec(kStateSchema);
      // Databases made before the key binding: add the column (no-op error otherwise).
      Statement cols(store->db_, "SELECT 1 FROM pragma_table_info('trusted') WHERE name = 'key_id'");
      if (usable && cols.ok() && cols.Step() != SQLITE_ROW)
        usable = store->Exec("ALTER TABLE trusted ADD COLUMN key_id TEXT NOT NULL DEFAULT ''");
      if (usable) {
        if (pack_id.empty()) return R(std::move(store));  // the kiosk's admin lock only
        Statement st(store->db_, "INSERT OR IGNORE INTO trusted(pack_id) VALUES(?)");
        st.Bind(1, pack_id);
        if (st.Step() == SQLITE_DONE) return R(std::move(store));
      }
      return R::Fail("cannot use " + path + ": " + (store->error_.empty() ? sqlite3_errmsg(store->db_) : store->error_));
    }
    if (why.empty()) why = store->error_;
    const int code = sqlite3_errcode(store->db_);
    store.reset();
    // Only a database that is damaged is set aside; a full or read-only disk is not its fault.
    const bool damaged = code == SQLITE_NOTADB || code == SQLITE_CORRUPT || why.find("not a database") != std::string::npos ||
                         why.find("malformed") != std::string::npos || (code == SQLITE_OK || code == SQLITE_ROW);
    if (attempt > 0 || !damaged) return R::Fail("cannot use " + path + ": " + why);
    const std::string aside = path + ".bad-" + std::to_string(std::time(nullptr));
    if (::rename(path.c_str(), aside.c_str()) != 0) return R::Fail("cannot use " + path + ": " + why);
    ::rename((path + "-wal").c_str(), (aside + "-wal").c_str());
    ::unlink((path + "-shm").c_str());
    if (set_aside) *set_aside = path + " was damaged (" + why + "): set aside as " + aside + ", starting a new one";
  }
}

StateStore::~StateStore() { sqlite3_close(db_); }

bool StateStore::Exec(const char* sql) { return pack::ExecSql(db_, sql, &error_); }

bool StateStore::Trusted(TrustedState* out) {
  TrustedState& t = *out;
  t = TrustedState{};
  Statement st(db_,
               "SELECT version, expires, manifest, manifest_sha256, frozen, frozen_reason, held_version, key_id "
               "FROM trusted WHERE pack_id = ?");
  st.Bind(1, pack_id_);
  const int rc = st.Step();
  // A read that fails must not look like "nothing trusted yet": that would lower the
  // rollback floor to 0.
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    error_ = Why(db_, st);
    return false;
  }
  if (rc == SQLITE_ROW) {
    t.version = st.Int(0);
    t.expires = st.Text(1);
    t.manifest = st.Text(2);
    t.manifest_sha256 = st.Text(3);
    t.frozen = st.Int(4) != 0;
    t.frozen_reason = st.Text(5);
    t.held_version = st.Int(6);
    t.key_id = st.Text(7);
  }
  return true;
}

bool StateStore::SaveTrusted(const TrustedState& t) {
  Statement st(db_,
               "UPDATE trusted SET version = ?, expires = ?, manifest = ?, manifest_sha256 = ?, frozen = ?, "
               "frozen_reason = ?, held_version = ?, updated = ?, key_id = ? WHERE pack_id = ?");
  st.Bind(1, t.version).Bind(2, t.expires).Bind(3, t.manifest).Bind(4, t.manifest_sha256);
  st.Bind(5, int64_t{t.frozen ? 1 : 0}).Bind(6, t.frozen_reason).Bind(7, t.held_version);
  st.Bind(8, pack::portal::FormatUtc(std::time(nullptr))).Bind(9, t.key_id).Bind(10, pack_id_);
  return pack::RunStatement(db_, st, &error_);
}

std::optional<InstalledRecord> StateStore::Installed(int64_t version) {
  Statement st(db_, "SELECT sha256, key_id FROM installed WHERE pack_id = ? AND version = ?");
  st.Bind(1, pack_id_).Bind(2, version);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  return InstalledRecord{st.Text(0), st.Text(1)};
}

bool StateStore::SaveInstalled(int64_t version, const InstalledRecord& r) {
  Statement st(db_, "INSERT OR REPLACE INTO installed(pack_id, version, sha256, key_id) VALUES(?,?,?,?)");
  st.Bind(1, pack_id_).Bind(2, version).Bind(3, r.sha256).Bind(4, r.key_id);
  return pack::RunStatement(db_, st, &error_);
}

void StateStore::ForgetInstalled(int64_t version) {
  Statement st(db_, "DELETE FROM installed WHERE pack_id = ? AND version = ?");
  st.Bind(1, pack_id_).Bind(2, version);
  pack::RunStatement(db_, st, &error_);
}

HttpValidators StateStore::Validators(const std::string& url) {
  HttpValidators v;
  Statement st(db_, "SELECT etag, last_modified, manifest_sha256 FROM http_cache WHERE url = ?");
  st.Bind(1, url);
  if (st.Step() == SQLITE_ROW) {
    v.etag = st.Text(0);
    v.last_modified = st.Text(1);
    v.manifest_sha256 = st.Text(2);
  }
  return v;
}

bool StateStore::SaveValidators(const std::string& url, const HttpValidators& v) {
  Statement st(db_,
               "INSERT INTO http_cache(url, etag, last_modified, manifest_sha256) VALUES(?,?,?,?) "
               "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, "
               "manifest_sha256 = excluded.manifest_sha256");
  st.Bind(1, url).Bind(2, v.etag).Bind(3, v.last_modified).Bind(4, v.manifest_sha256);
  return pack::RunStatement(db_, st, &error_);
}

bool StateStore::RecordRun(const std::string& result, int64_t from_version, int64_t to_version, int64_t bytes,
                           const std::string& source, const std::string& error, const std::string& note) {
  Statement st(db_,
               "INSERT INTO runs(time, result, from_version, to_version, bytes, source, error, note) "
               "VALUES(?,?,?,?,?,?,?,?)");
  st.Bind(1, pack::portal::FormatUtc(std::time(nullptr))).Bind(2, result).Bind(3, from_version).Bind(4, to_version);
  st.Bind(5, bytes).Bind(6, source).Bind(7, error).Bind(8, note);
  if (!pack::RunStatement(db_, st, &error_)) return false;
  // A kiosk runs for years: keep the history bounded.
  Exec("DELETE FROM runs WHERE id <= (SELECT MAX(id) FROM runs) - 1000");
  return true;
}

std::vector<RunRecord> StateStore::LastRuns(int limit) {
  std::vector<RunRecord> runs;
  Statement st(db_, "SELECT time, result, to_version, bytes, error, note, from_version FROM runs ORDER BY id DESC LIMIT ?");
  st.Bind(1, int64_t{limit});
  while (st.Step() == SQLITE_ROW) {
    RunRecord r;
    r.time = st.Text(0);
    r.result = st.Text(1);
    r.version = st.Int(2);
    r.bytes = st.Int(3);
    r.error = st.Text(4);
    r.note = st.Text(5);
    r.from_version = st.Int(6);
    runs.push_back(std::move(r));
  }
  return runs;
}

bool StateStore::LoadAdminLock(AdminLockState* out) {
  Statement st(db_, "SELECT failures, locked_until FROM admin_lock WHERE id = 1");
  const int rc = st.Step();
  if (rc == SQLITE_ROW) {
    out->failures = static_cast<int>(std::max<int64_t>(0, std::min<int64_t>(st.Int(0), 1000)));
    out->locked_until = st.Int(1);
    return true;
  }
  if (rc == SQLITE_DONE) {
    *out = AdminLockState{};
    return true;
  }
  error_ = Why(db_, st);
  return false;
}

bool StateStore::SaveAdminLock(const AdminLockState& s) {
  Statement st(db_, "INSERT OR REPLACE INTO admin_lock(id, failures, locked_until) VALUES(1, ?, ?)");
  st.Bind(1, int64_t{s.failures}).Bind(2, s.locked_until);
  return pack::RunStatement(db_, st, &error_);
}

}  // namespace kiosk::sync
