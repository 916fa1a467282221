// content-pack/rebuild.hpp: a pack as its content alone, and the pack rebuilt from it.
//
// Nearly half of a pack is its search index, and an edit to a few items moves index
// bytes all over the file, so a binary delta between two packs is large. A *content
// stream* is the pack without everything derived from it (search_docs, the FTS5 tables,
// the lexicon): every content table in schema order, rows in primary-key order, values
// as they are stored. Deltas between two content streams are small, and a kiosk turns
// the new stream back into the very same pack, byte for byte: RebuildPack loads the
// content and derives the index with the same code `content-pack build` uses. The kiosk
// still checks the result against the signed sha256 of the whole pack, so a rebuild by
// different code (see IndexRecipe) can fail that check but never install a wrong pack.
//
// Stream format 1 (all integers are unsigned LEB128 varints):
//   "LKPK content\n", format, schema version, table count, then per table:
//   name length, name, column count, row count, and row by row each value as a tag byte
//   (0 NULL, 1 integer as zigzag varint, 2 real as 8 bytes little-endian IEEE 754,
//   3 text and 4 blob as length + bytes). Nothing may follow the last table.
#pragma once

#include <cstdint>
#include <string>

#include "content-pack/expected.hpp"

namespace pack {

inline constexpr int kContentStreamFormat = 1;

struct FileDigest {
  int64_t size = 0;
  std::string sha256;  // lowercase hex
};

// Writes the content stream of the pack at PACK_PATH to OUT_PATH (temp file, fsync,
// rename). Fails for a file that is not a pack of this schema version, or a write error.
Expected<FileDigest> WriteContentStream(const std::string& pack_path, const std::string& out_path);

// Rebuilds the pack described by the content stream at STREAM_PATH into OUT_PATH,
// completely or not at all. Hostile or damaged streams fail with a message naming the
// table and row; nothing is left at OUT_PATH then.
Expected<FileDigest> RebuildPack(const std::string& stream_path, const std::string& out_path);

// Names the code that derives a pack's search index ("index/1 schema/1 sqlite/3.40.1
// utf8proc/2.8.0 md4c/0.4.8"): a pack rebuilt where this string is the same as where it
// was built has the same bytes. The publisher writes it into the manifest; a kiosk with
// another recipe takes a whole-pack delta instead of a content delta.
std::string IndexRecipe();

}  // namespace pack
