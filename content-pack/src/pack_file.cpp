// pack_file.cpp: a pack file written atomically and reproducibly (pack_file.hpp).
#include "pack_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "content-pack/pack_reader.hpp"
#include "schema.hpp"
#include "build/search_index.hpp"
#include "sql.hpp"

namespace fs = std::filesystem;

namespace pack {
namespace {

bool FsyncPath(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

// A writer killed (kill -9, power cut) leaves its temporaries ".NAME.build-PID" and
// ".NAME.tmp-PID" beside the output; the next write of NAME removes those whose process
// is gone.
void RemoveStaleTemporaries(const fs::path& dir, const std::string& name) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string file = entry.path().filename().string();
    for (const std::string& prefix : {"." + name + ".build-", "." + name + ".tmp-"}) {
      if (file.rfind(prefix, 0) != 0) continue;
      char* end = nullptr;
      long pid = std::strtol(file.c_str() + prefix.size(), &end, 10);
      if (*end != '\0' || pid <= 0) continue;
      if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove(entry.path(), ec);
    }
  }
}

bool FillPack(sqlite3* db, const ContentWriter& fill, std::string* error) {
  const std::string setup = "PRAGMA page_size=4096; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                            "PRAGMA application_id=" + std::to_string(kApplicationId) +
                            "; PRAGMA user_version=" + std::to_string(kSchemaVersion) + ";";
  if (!ExecSql(db, setup, error) || !ExecSql(db, kSchemaSql, error) || !ExecSql(db, "BEGIN", error)) return false;
  if (!fill(db, error)) return false;
  return ExecSql(db, "COMMIT", error) && DeriveSearchIndex(db, error);
}

}  // namespace

bool WritePackFile(const std::string& output, const ContentWriter& fill, std::string* error) {
  fs::path out_path(output);
  fs::path dir = out_path.has_parent_path() ? out_path.parent_path() : fs::path(".");
  std::string stem = (dir / ("." + out_path.filename().string())).string();
  std::string work = stem + ".build-" + std::to_string(::getpid());
  std::string vacuumed = stem + ".tmp-" + std::to_string(::getpid());
  auto cleanup = [&] {
    std::error_code ec;
    fs::remove(work, ec);
    fs::remove(vacuumed, ec);
  };
  RemoveStaleTemporaries(dir, out_path.filename().string());
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(work.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    *error = "cannot create " + work + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_close(db);
    cleanup();
    return false;
  }
  bool ok = FillPack(db, fill, error);
  if (!ok) {
    // Our disk, not the content: say so the way a technician reads it.
    const int code = sqlite3_errcode(db) & 0xff;
    const int sys = sqlite3_system_errno(db);
    if (code == SQLITE_FULL || code == SQLITE_IOERR)
      *error = "cannot write " + work + ": " + (sys != 0 ? std::string(std::strerror(sys)) + " (" + *error + ")" : *error);
    else
      *error = "cannot build the pack: " + *error;
  }
  if (ok) {
    Statement vacuum(db, "VACUUM INTO ?");
    vacuum.Bind(1, vacuumed);
    if (vacuum.Step() != SQLITE_DONE) {
      *error = std::string("cannot write ") + vacuumed + ": " + sqlite3_errmsg(db);
      ok = false;
    }
  }
  sqlite3_close(db);
  if (ok && !FsyncPath(vacuumed, false)) { *error = "cannot flush " + vacuumed + " to disk"; ok = false; }
  if (ok && std::rename(vacuumed.c_str(), output.c_str()) != 0) {
    *error = "cannot rename " + vacuumed + " to " + output + ": " + std::strerror(errno);
    ok = false;
  }
  if (ok) FsyncPath(dir.string(), true);
  cleanup();
  return ok;
}

}  // namespace pack
