// kiosk/content.hpp: the one owner of the open content pack.
//
// At start it opens what the device layout says (sync/layout.hpp): the pack `current`
// points to, else the newest installed one that opens (a corrupt current falls back to
// the previous pack); with `pack = FILE` in [kiosk] it opens only that file. When no pack
// opens, Reader() is null and the kiosk shows its maintenance screen.
//
// A pack kiosk-sync installs while a citizen reads is not switched to under their
// finger: the app calls SwitchIfChanged() only at an idle reset (and on the maintenance
// screen, where no one is reading). A new pack that does not open leaves the old one in
// use.
//
// Screens ask through small caches (an item, a document's units, a list, a search) so a
// frame does no I/O except a query it has not asked before; every cache has a fixed
// size, so browsing a thousand screens does not grow memory.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "content-pack/pack_reader.hpp"
#include "log.hpp"

namespace kiosk {

class ContentService {
 public:
  // EXPLICIT_PACK: [kiosk] pack (a fixed file; no fallback). Otherwise SETTINGS_PATH's
  // device layout ([sync] data_dir, pack_id) says where packs are.
  ContentService(std::string explicit_pack, std::string settings_path, Log* log);

  // Opens the first pack that opens. False when none does (see Error()).
  bool Open();
  // At an idle moment: when the layout's first choice is not the open pack (kiosk-sync
  // installed another, or the open one vanished), opens it and switches; if it does not
  // open, keeps the current one (or tries the others when none is open). True if switched.
  bool SwitchIfChanged();

  pack::PackReader* Reader() { return reader_.get(); }
  bool HasPack() const { return reader_ != nullptr; }
  const std::string& Error() const { return error_; }   // why no pack is open
  const std::string& Path() const { return path_; }
  int64_t Switches() const { return switches_; }
  nlohmann::json DumpPack() const;                      // {id, version, path} or {error}

  // Cached queries. A failed query logs its error once and returns empty.
  const std::vector<pack::FieldCount>& Fields();
  const std::vector<pack::ItemSummary>& Items(pack::ItemType type, const std::string& field = {});
  const pack::Item* GetItem(const std::string& id);                // null if absent
  const std::vector<pack::LegalUnit>* Units(const std::string& document_id);
  const pack::SearchResult& Search(const std::string& query, int limit = 30);
  // Every legal document with its number, kind, issuer, dates and status (the laws list).
  struct DocumentEntry { pack::ItemSummary summary; pack::Document document; };
  const std::vector<DocumentEntry>& Documents();
  // The news list: articles newest first, without bodies.
  const std::vector<pack::PackReader::ArticleEntry>& Articles();
  // Announcements shown on DATE (YYYY-MM-DD, the commune's date: see LocalDate).
  const std::vector<pack::ItemSummary>& Announcements(const std::string& date);
  // The calendar date in Vietnam (Asia/Ho_Chi_Minh, UTC+7 all year, no summer time) at
  // WALL_SECONDS since the epoch, as YYYY-MM-DD; whatever time zone the system is set to.
  static std::string LocalDate(int64_t wall_seconds);
  // Milliseconds spent searching since the last call (the shell splits frame times).
  double TakeSearchMs() { const double ms = search_ms_; search_ms_ = 0; return ms; }
  // Item titles by id (for links) without loading whole items.
  std::optional<pack::ItemSummary> Summary(const std::string& id);

 private:
  struct Candidate { std::string path; };
  std::vector<Candidate> Candidates(std::string* why) const;
  bool TryOpen(const std::string& path, std::string* error);
  void ClearCaches();

  std::string explicit_pack_;
  std::string settings_path_;
  Log* log_;
  std::unique_ptr<pack::PackReader> reader_;
  std::string path_;
  std::string error_;
  int64_t switches_ = 0;
  std::string expected_pack_id_;

  // Caches (cleared when the pack changes).
  std::optional<std::vector<pack::FieldCount>> fields_;
  std::map<std::pair<int, std::string>, std::vector<pack::ItemSummary>> lists_;
  std::list<std::pair<std::string, pack::Item>> items_;                          // LRU, newest first
  std::list<std::pair<std::string, std::vector<pack::LegalUnit>>> units_;        // LRU
  std::map<std::string, pack::ItemSummary> summaries_;
  std::optional<std::vector<DocumentEntry>> documents_;
  std::optional<std::vector<pack::PackReader::ArticleEntry>> articles_;
  std::string announcements_date_;
  std::vector<pack::ItemSummary> announcements_;
  double search_ms_ = 0;
  std::string search_query_;
  int search_limit_ = 0;
  pack::SearchResult search_;
  std::vector<pack::FieldCount> empty_fields_;
  std::vector<pack::ItemSummary> empty_list_;
};

}  // namespace kiosk
