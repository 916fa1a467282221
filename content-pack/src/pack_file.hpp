// pack_file.hpp (internal): writing a pack file, for the builder and for a rebuild
// from a content stream (rebuild.cpp). One path, so both give the same bytes.
#pragma once

#include <functional>
#include <string>

struct sqlite3;

namespace pack {

// Fills the content tables of a fresh pack database; the schema is in place and a
// transaction is open. False with *ERROR set on failure.
using ContentWriter = std::function<bool(sqlite3* db, std::string* error)>;

// Writes a new pack at OUTPUT, completely or not at all: a work database beside OUTPUT
// gets the schema, FILL writes the content, DeriveSearchIndex derives the search index,
// VACUUM INTO writes the compact final file, which is fsynced and renamed over OUTPUT
// (then the folder is fsynced). On failure nothing is left behind, and temporaries of a
// writer killed earlier (kill -9, power cut) are removed. The same content always gives
// the same bytes (with the same IndexRecipe()).
bool WritePackFile(const std::string& output, const ContentWriter& fill, std::string* error);

}  // namespace pack
