// rebuild.cpp: content streams and packs rebuilt from them (content-pack/rebuild.hpp).
//
// [SECTION] Writing a content stream
// [SECTION] Reading a content stream
// [SECTION] RebuildPack
#include "content-pack/rebuild.hpp"

#include <sqlite3.h>
#include <sys/stat.h>
#include <utf8proc.h>

#include <cstring>
#include <string_view>
#include <vector>

#include "build/search_index.hpp"  // kIndexRecipe
#include "content-pack/pack_reader.hpp"
#include "content-pack/portal.hpp"
#include "pack_file.hpp"
#include "zstd_files.hpp"
#include "schema.hpp"
#include "sql.hpp"

#ifndef KIOSK_MD4C_VERSION
#define KIOSK_MD4C_VERSION "unknown"
#endif

namespace pack {
namespace {

constexpr std::string_view kMagic = "LKPK content\n";

enum Tag : unsigned char { kNull = 0, kInteger = 1, kReal = 2, kText = 3, kBlob = 4 };

std::string Quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

// [SECTION] Writing a content stream

void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void PutBytes(std::string& out, std::string_view bytes) {
  PutVarint(out, bytes.size());
  out.append(bytes);
}

// The stream on its way to disk: appended to in memory, handed to the file and the hash
// in pieces of about 1 MiB, so a 150 MB stream never sits in memory whole.
class StreamSink {
 public:
  explicit StreamSink(portal::AtomicFile* file) : file_(file) {}
  std::string& buffer() { return buf_; }
  // Writes the buffer out once it is large (ALL: whatever it holds).
  bool Drain(bool all) {
    if (buf_.empty() || (!all && buf_.size() < (1u << 20))) return true;
    sha_.Update(buf_);
    size_ += static_cast<int64_t>(buf_.size());
    const bool ok = file_->Write(buf_);
    buf_.clear();
    return ok;
  }
  FileDigest Digest() { return {size_, sha_.HexDigest()}; }

 private:
  portal::AtomicFile* file_;
  std::string buf_;
  portal::Sha256 sha_;
  int64_t size_ = 0;
};

// Appends every row of TABLE in primary-key order (rowid order without one).
bool PutTable(sqlite3* db, const char* table, StreamSink& sink, std::string* error) {
  std::string& out = sink.buffer();
  Statement pk(db, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk");
  pk.Bind(1, std::string_view(table));
  std::string order;
  while (pk.Step() == SQLITE_ROW) order += (order.empty() ? "" : ", ") + Quoted(pk.Text(0));
  if (order.empty()) order = "rowid";
  Statement count(db, "SELECT count(*) FROM " + Quoted(table));
  Statement rows(db, "SELECT * FROM " + Quoted(table) + " ORDER BY " + order);
  if (!count.ok() || !rows.ok() || count.Step() != SQLITE_ROW) {
    *error = std::string("cannot read table ") + table + ": " + sqlite3_errmsg(db);
    return false;
  }
  const int columns = sqlite3_column_count(rows.get());
  PutBytes(out, table);
  PutVarint(out, static_cast<uint64_t>(columns));
  PutVarint(out, static_cast<uint64_t>(count.Int(0)));
  int64_t written = 0;
  int rc;
  while ((rc = rows.Step()) == SQLITE_ROW) {
    ++written;
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(rows.get(), c)) {
        case SQLITE_NULL: out.push_back(kNull); break;
        case SQLITE_INTEGER: {
          out.push_back(kInteger);
          int64_t v = rows.Int(c);
          PutVarint(out, (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
          break;
        }
        case SQLITE_FLOAT: {
          out.push_back(kReal);
          double d = rows.Double(c);
          uint64_t bits;
          std::memcpy(&bits, &d, sizeof bits);
          for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
          break;
        }
        case SQLITE_TEXT: out.push_back(kText); PutBytes(out, rows.Text(c)); break;
        default: out.push_back(kBlob); PutBytes(out, rows.Blob(c)); break;
      }
    }
    if (!sink.Drain(false)) return false;
  }
  if (rc != SQLITE_DONE || written != count.Int(0)) {
    *error = std::string("cannot read table ") + table + ": " + sqlite3_errmsg(db);
    return false;
  }
  return true;
}

// [SECTION] Reading a content stream

// Reads a stream that may be damaged or hostile: every read is bounds-checked, and the
// first problem stops it with a message saying where.
class StreamReader {
 public:
  explicit StreamReader(std::string_view data) : data_(data) {}

  bool Varint(uint64_t* v) {
    *v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return Fail("truncated");
      unsigned char b = static_cast<unsigned char>(data_[pos_++]);
      *v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return Fail("a number is too long");
  }
  bool Bytes(std::string_view* out) {
    uint64_t n;
    if (!Varint(&n)) return false;
    if (n > data_.size() - pos_) return Fail("truncated (a value runs past the end)");
    *out = data_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  bool Byte(unsigned char* b) {
    if (pos_ >= data_.size()) return Fail("truncated");
    *b = static_cast<unsigned char>(data_[pos_++]);
    return true;
  }
  bool Expect(std::string_view literal) {
    if (data_.substr(pos_, literal.size()) != literal) return false;
    pos_ += literal.size();
    return true;
  }
  bool Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message) + " at byte " + std::to_string(pos_);
    return false;
  }
  size_t Remaining() const { return data_.size() - pos_; }
  const std::string& error() const { return error_; }

 private:
  std::string_view data_;
  size_t pos_ = 0;
  std::string error_;
};

int ColumnCount(sqlite3* db, const char* table) {
  Statement st(db, "SELECT count(*) FROM pragma_table_info(?)");
  st.Bind(1, std::string_view(table));
  return st.Step() == SQLITE_ROW ? static_cast<int>(st.Int(0)) : -1;
}

// Inserts one table's rows from IN into DB (the fresh pack's schema).
bool LoadTable(sqlite3* db, const char* table, StreamReader& in, std::string* error) {
  auto fail = [&](const std::string& why) {
    *error = std::string("table ") + table + ": " + why;
    return false;
  };
  std::string_view name;
  uint64_t columns = 0, rows = 0;
  if (!in.Bytes(&name) || !in.Varint(&columns) || !in.Varint(&rows)) return fail(in.error());
  if (name != table) return fail("the stream has table \"" + std::string(name.substr(0, 64)) + "\" in its place");
  const int expected = ColumnCount(db, table);
  if (columns != static_cast<uint64_t>(expected))
    return fail("the stream has " + std::to_string(columns) + " columns, this schema " + std::to_string(expected));
  if (columns == 0 || rows > in.Remaining() / columns) return fail("row count " + std::to_string(rows) + " is impossible");
  std::string sql = "INSERT INTO " + Quoted(table) + " VALUES(";
  for (uint64_t c = 0; c < columns; ++c) sql += c ? ",?" : "?";
  Statement insert(db, sql + ")");
  if (!insert.ok()) return fail(insert.error());
  for (uint64_t r = 0; r < rows; ++r) {
    for (int c = 1; c <= static_cast<int>(columns); ++c) {
      unsigned char tag = 0;
      uint64_t v;
      std::string_view bytes;
      if (!in.Byte(&tag)) return fail("row " + std::to_string(r + 1) + ": " + in.error());
      bool ok = true;
      switch (tag) {
        case kNull: insert.BindNull(c); break;
        case kInteger:
          ok = in.Varint(&v);
          insert.Bind(c, static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)));
          break;
        case kReal: {
          uint64_t bits = 0;
          for (int i = 0; i < 8 && ok; ++i) {
            unsigned char b = 0;
            ok = in.Byte(&b);
            bits |= static_cast<uint64_t>(b) << (8 * i);
          }
          double d;
          std::memcpy(&d, &bits, sizeof d);
          sqlite3_bind_double(insert.get(), c, d);
          break;
        }
        case kText: ok = in.Bytes(&bytes); insert.Bind(c, bytes); break;
        case kBlob: ok = in.Bytes(&bytes); insert.BindBlob(c, bytes); break;
        default: return fail("row " + std::to_string(r + 1) + ": unknown value tag " + std::to_string(tag));
      }
      if (!ok) return fail("row " + std::to_string(r + 1) + ": " + in.error());
    }
    int rc = insert.Step();
    insert.Reset();
    if (rc != SQLITE_DONE) return fail("row " + std::to_string(r + 1) + ": " + sqlite3_errmsg(db));
  }
  return true;
}

}  // namespace

Expected<FileDigest> WriteContentStream(const std::string& pack_path, const std::string& out_path) {
  using R = Expected<FileDigest>;
  auto reader = PackReader::Open(pack_path);  // a pack at all, and not a newer schema
  if (!reader.ok()) return R::Fail(reader.error());
  if ((*reader)->Meta().schema_version != kSchemaVersion)
    return R::Fail(pack_path + ": schema version " + std::to_string((*reader)->Meta().schema_version) +
                   " cannot be streamed by this software (schema " + std::to_string(kSchemaVersion) + ")");
  reader->reset();
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(pack_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string why = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return R::Fail(pack_path + ": cannot open: " + why);
  }
  auto file = portal::AtomicFile::Create(out_path);
  if (!file.ok()) {
    sqlite3_close(db);
    return R::Fail(file.error());
  }
  StreamSink sink(file->get());
  std::string& out = sink.buffer();
  out = kMagic;
  PutVarint(out, kContentStreamFormat);
  PutVarint(out, kSchemaVersion);
  PutVarint(out, std::size(kContentTables));
  std::string error;
  bool ok = true;
  for (const char* table : kContentTables) ok = ok && PutTable(db, table, sink, &error);
  sqlite3_close(db);
  if (!(*file)->error().empty()) return R::Fail((*file)->error());  // our disk, not the pack
  if (!ok) return R::Fail(pack_path + ": " + error);
  if (!sink.Drain(true)) return R::Fail((*file)->error());
  auto committed = (*file)->Commit();
  if (!committed.ok()) return R::Fail(committed.error());
  return sink.Digest();
}

// [SECTION] RebuildPack

Expected<FileDigest> RebuildPack(const std::string& stream_path, const std::string& out_path) {
  using R = Expected<FileDigest>;
  auto mapped = portal::MappedFile::Open(stream_path);
  if (!mapped.ok()) return R::Fail(mapped.error());
  StreamReader in((*mapped)->View());
  const std::string where = stream_path + ": content stream: ";
  uint64_t format = 0, schema = 0, tables = 0;
  if (!in.Expect(kMagic)) return R::Fail(stream_path + ": not a content stream");
  if (!in.Varint(&format) || !in.Varint(&schema) || !in.Varint(&tables)) return R::Fail(where + in.error());
  if (format != kContentStreamFormat)
    return R::Fail(where + "format " + std::to_string(format) + " is not " + std::to_string(kContentStreamFormat));
  if (schema != kSchemaVersion)
    return R::Fail(where + "schema version " + std::to_string(schema) + ", this software builds " +
                   std::to_string(kSchemaVersion));
  if (tables != std::size(kContentTables))
    return R::Fail(where + std::to_string(tables) + " tables, expected " + std::to_string(std::size(kContentTables)));

  auto fill = [&](sqlite3* db, std::string* error) {
    for (const char* table : kContentTables)
      if (!LoadTable(db, table, in, error)) return false;
    if (in.Remaining() != 0) {
      *error = std::to_string(in.Remaining()) + " bytes after the last table";
      return false;
    }
    return true;
  };
  std::string error;
  if (!WritePackFile(out_path, fill, &error)) return R::Fail(error.starts_with("cannot write") ? error : where + error);
  auto sha = portal::Sha256File(out_path);
  if (!sha.ok()) return R::Fail(sha.error());
  struct stat st{};
  int64_t size = ::stat(out_path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
  return FileDigest{size, *sha};
}

std::string IndexRecipe() {
  return "index/" + std::to_string(kIndexRecipe) + " schema/" + std::to_string(kSchemaVersion) + " sqlite/" +
         sqlite3_libversion() + " utf8proc/" + utf8proc_version() + " md4c/" KIOSK_MD4C_VERSION;
}

}  // namespace pack
