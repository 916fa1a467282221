// sync/src/state_store.hpp: DATA_DIR/state.sqlite, the client's memory across runs and
// reboots: the trusted state (highest signed version accepted, its manifest and expiry,
// freeze and hold flags), HTTP validators per manifest url, and the run history.
// SQLite in WAL mode, so a kill -9 at any instant leaves the last committed state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "content-pack/pack_reader.hpp"
#include "sync/sync.hpp"

struct sqlite3;

namespace kiosk::sync {

// The schema (documented in docs/sync.md; kept here so there is one copy).
inline constexpr const char* kStateSchema = R"sql(
CREATE TABLE IF NOT EXISTS trusted(
  pack_id         TEXT PRIMARY KEY,
  version         INTEGER NOT NULL DEFAULT 0,  -- highest signed version accepted; never decreases
  expires         TEXT NOT NULL DEFAULT '',    -- expiry of that manifest (ISO 8601 UTC)
  manifest        TEXT NOT NULL DEFAULT '',    -- its JSON, so a 304 can finish an interrupted update
  manifest_sha256 TEXT NOT NULL DEFAULT '',
  frozen          INTEGER NOT NULL DEFAULT 0,  -- 1: every source served an expired manifest
  frozen_reason   TEXT NOT NULL DEFAULT '',
  held_version    INTEGER NOT NULL DEFAULT 0,  -- rolled back from; versions <= it are not reinstalled
  updated         TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS http_cache(
  url             TEXT PRIMARY KEY,            -- a manifest url (portal or mirror)
  etag            TEXT NOT NULL DEFAULT '',
  last_modified   TEXT NOT NULL DEFAULT '',
  manifest_sha256 TEXT NOT NULL                -- the verified manifest those validators name
);
CREATE TABLE IF NOT EXISTS runs(
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  time            TEXT NOT NULL,               -- ISO 8601 UTC, end of the run
  result          TEXT NOT NULL,               -- updated | current | failed | rollback
  from_version    INTEGER NOT NULL DEFAULT 0,
  to_version      INTEGER NOT NULL DEFAULT 0,
  bytes           INTEGER NOT NULL DEFAULT 0,  -- bytes received
  source          TEXT NOT NULL DEFAULT '',
  error           TEXT NOT NULL DEFAULT '',    -- empty unless failed: the exact cause
  note            TEXT NOT NULL DEFAULT ''     -- what happened, e.g. "installed version 7 from a delta"
);
)sql";

struct TrustedState {
  int64_t version = 0;
  std::string expires;
  std::string manifest;
  std::string manifest_sha256;
  bool frozen = false;
  std::string frozen_reason;
  int64_t held_version = 0;
};

struct HttpValidators {
  std::string etag;
  std::string last_modified;
  std::string manifest_sha256;
};

class StateStore {
 public:
  static pack::Expected<std::unique_ptr<StateStore>> Open(const std::string& data_dir, const std::string& pack_id);
  ~StateStore();

  TrustedState Trusted();
  bool SaveTrusted(const TrustedState& state);
  HttpValidators Validators(const std::string& url);
  bool SaveValidators(const std::string& url, const HttpValidators& v);
  bool RecordRun(const std::string& result, int64_t from_version, int64_t to_version, int64_t bytes,
                 const std::string& source, const std::string& error, const std::string& note = {});
  std::vector<RunRecord> LastRuns(int limit);
  const std::string& LastError() const { return error_; }

 private:
  StateStore() = default;
  bool Exec(const char* sql);
  sqlite3* db_ = nullptr;
  std::string pack_id_;
  std::string error_;
};

}  // namespace kiosk::sync
