// content-pack/pack_reader.hpp: the read-only view of a pack that the kiosk uses.
//
// A pack is one SQLite file, opened read-only and immutable. Opening checks that the
// file is a pack at all (application_id), that its schema is not newer than this code
// (PRAGMA user_version) and that its tables are there; every later call can still meet
// a corrupt page, so every call returns an error instead of crashing. Not thread-safe:
// one PackReader per thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content-pack/expected.hpp"  // pack::Expected, re-exported for the reader's users
#include "content-pack/model.hpp"
#include "content-pack/search.hpp"

struct sqlite3;

namespace pack {

inline constexpr int kSchemaVersion = 1;
inline constexpr int32_t kApplicationId = 0x4C4B504B;  // "LKPK": legal kiosk pack

class PackReader {
 public:
  // Opens PATH read-only. Fails with a clear message for a missing file, a file that is
  // not SQLite, a SQLite file that is not a pack, a newer schema, or missing tables.
  static Expected<std::unique_ptr<PackReader>> Open(const std::string& path);
  ~PackReader();
  PackReader(const PackReader&) = delete;
  PackReader& operator=(const PackReader&) = delete;

  const PackMeta& Meta() const { return meta_; }
  const std::string& Path() const { return path_; }

  // Full integrity check (PRAGMA quick_check): "ok" or what is wrong.
  Expected<bool> QuickCheck();

  Expected<std::vector<FieldCount>> Fields();                  // per field and type
  Expected<std::vector<std::pair<ItemType, int64_t>>> CountsByType();
  // Items of TYPE (all types when nullopt), in FIELD when non-empty; sorted by title.
  Expected<std::vector<ItemSummary>> Items(std::optional<ItemType> type,
                                           std::string_view field = {});
  Expected<Item> GetItem(std::string_view id);
  // Articles (tin tức) newest first (by date, undated last, then title), without their
  // bodies: what the news list shows.
  struct ArticleEntry { ItemSummary summary; Article article; };
  Expected<std::vector<ArticleEntry>> Articles();
  // Announcements whose [from, until] window contains DATE (YYYY-MM-DD).
  Expected<std::vector<ItemSummary>> ActiveAnnouncements(std::string_view date);
  // A document's units in document order (parents before children).
  Expected<std::vector<LegalUnit>> Units(std::string_view document_id);
  Expected<std::vector<ImageInfo>> Images();
  Expected<ImageInfo> GetImageInfo(int64_t image_id);
  Expected<std::string> ImageData(int64_t image_id);            // encoded PNG/JPEG bytes

  Expected<SearchResult> Search(std::string_view query, const SearchOptions& options = {});

  sqlite3* Db() { return db_; }  // for tools and tests that need raw SQL

  struct SearchCache;  // opaque: what search loads once per open pack

 private:
  PackReader() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
  PackMeta meta_;
  int query_budget_ = 0;  // progress-handler calls since the current query began
  std::unique_ptr<SearchCache> search_cache_;
  friend class Searcher;
};

}  // namespace pack
