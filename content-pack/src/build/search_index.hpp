// search_index.hpp (internal): the pack's derived tables, made from its content tables.
//
// The search index (search_docs, search_fts, search_title_fts, lexicon) is a pure
// function of the content tables: the builder writes the content and then calls
// DeriveSearchIndex; a kiosk rebuilding a pack from a content stream (rebuild.hpp) loads
// the same content and calls the same function, so both end with the same bytes.
#pragma once

#include <string>

struct sqlite3;

namespace pack {

// Reads the content tables of DB (filled, committed) and writes the derived tables, in
// one transaction. False with *ERROR set on any SQLite error.
bool DeriveSearchIndex(sqlite3* db, std::string* error);

// IndexRecipe() (content-pack/rebuild.hpp, defined in portal/rebuild.cpp) names this
// code: bump kIndexRecipe whenever a change here (ranking order, folding, what text is
// indexed) changes the derived bytes.
inline constexpr int kIndexRecipe = 1;

}  // namespace pack
