// kiosk/content.cpp: opening, falling back, switching and caching packs (content.hpp).
#include "content.hpp"

#include <limits.h>
#include <stdlib.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "sync/layout.hpp"

namespace kiosk {
namespace {
constexpr size_t kItemCacheSize = 48;   // items (a procedure is a few KB)
constexpr size_t kUnitCacheSize = 4;    // documents' unit lists (a 500-article law ~1 MB)
constexpr size_t kListCacheSize = 32;   // lists by (type, field)
constexpr size_t kSummaryCacheSize = 512;

std::string RealPath(const std::string& path) {
  char buf[PATH_MAX];
  return ::realpath(path.c_str(), buf) ? std::string(buf) : path;
}
}  // namespace

ContentService::ContentService(std::string explicit_pack, std::string settings_path, Log* log)
    : explicit_pack_(std::move(explicit_pack)), settings_path_(std::move(settings_path)), log_(log) {}

std::vector<ContentService::Candidate> ContentService::Candidates(std::string* why) const {
  std::vector<Candidate> out;
  if (!explicit_pack_.empty()) {
    out.push_back({RealPath(explicit_pack_)});
    return out;
  }
  auto device = kiosk::sync::LoadDeviceSettings(settings_path_);
  if (!device.ok()) {
    *why = device.error();
    return out;
  }
  for (const auto& p : kiosk::sync::PacksToTry(*device)) out.push_back({p.path});
  if (out.empty())
    *why = device->pack_id.empty() ? "no [sync] pack_id in the settings and no [kiosk] pack"
                                   : "no pack of " + device->pack_id + " installed in " + device->data_dir + "/packs";
  return out;
}

bool ContentService::TryOpen(const std::string& path, std::string* error) {
  auto opened = pack::PackReader::Open(path);
  if (!opened.ok()) {
    *error = opened.error();
    return false;
  }
  reader_ = std::move(*opened);
  path_ = path;
  error_.clear();
  ClearCaches();
  log_->Info("content: opened pack " + reader_->Meta().id + " v" + std::to_string(reader_->Meta().version) +
             " at " + path);
  return true;
}

bool ContentService::Open() {
  std::string why;
  const auto candidates = Candidates(&why);
  std::string errors;
  for (const auto& c : candidates) {
    std::string error;
    if (TryOpen(c.path, &error)) {
      if (!errors.empty()) log_->Warn("content: fell back to " + c.path + " because " + errors);
      return true;
    }
    log_->Error("content: cannot open pack " + c.path + ": " + error);
    errors += (errors.empty() ? "" : "; ") + c.path + ": " + error;
  }
  reader_.reset();
  path_.clear();
  ClearCaches();
  error_ = errors.empty() ? why : errors;
  log_->Error("content: no pack opens: " + error_);
  return false;
}

bool ContentService::SwitchIfChanged() {
  std::string why;
  const auto candidates = Candidates(&why);
  if (candidates.empty()) return false;  // keep what is open: nothing better is there
  if (reader_ && candidates.front().path == path_) return false;
  if (!reader_) {
    const bool opened = Open();
    if (opened) ++switches_;
    return opened;
  }
  std::string error;
  std::unique_ptr<pack::PackReader> old = std::move(reader_);
  const std::string old_path = path_;
  if (TryOpen(candidates.front().path, &error)) {
    ++switches_;
    log_->Info("content: switched from " + old_path + " to " + path_ + " at an idle reset");
    return true;
  }
  reader_ = std::move(old);
  path_ = old_path;
  log_->Error("content: new pack " + candidates.front().path + " does not open (" + error +
              "); staying on " + old_path);
  return false;
}

nlohmann::json ContentService::DumpPack() const {
  if (!reader_) return {{"error", error_}};
  const pack::PackMeta& m = reader_->Meta();
  return {{"id", m.id}, {"version", m.version}, {"path", path_}};
}

void ContentService::ClearCaches() {
  fields_.reset();
  lists_.clear();
  items_.clear();
  units_.clear();
  summaries_.clear();
  documents_.reset();
  articles_.reset();
  announcements_date_.clear();
  announcements_.clear();
  search_query_.clear();
  search_limit_ = 0;
  search_ = {};
}

const std::vector<pack::FieldCount>& ContentService::Fields() {
  if (!reader_) return empty_fields_;
  if (!fields_) {
    auto r = reader_->Fields();
    if (!r.ok()) log_->Error("content: fields: " + r.error());
    fields_ = r.ok() ? std::move(*r) : std::vector<pack::FieldCount>{};
  }
  return *fields_;
}

const std::vector<pack::ItemSummary>& ContentService::Items(pack::ItemType type, const std::string& field) {
  if (!reader_) return empty_list_;
  const auto key = std::make_pair((int)type, field);
  auto it = lists_.find(key);
  if (it != lists_.end()) return it->second;
  if (lists_.size() >= kListCacheSize) lists_.clear();
  auto r = reader_->Items(type, field);
  if (!r.ok()) log_->Error("content: list: " + r.error());
  return lists_[key] = r.ok() ? std::move(*r) : std::vector<pack::ItemSummary>{};
}

namespace {

// A least-recently-used cache as a list, newest first: the entry for KEY, loaded by LOAD
// (an Expected) on a miss; null when LOAD fails (its error goes to WHAT's log line).
template <class V, class Load>
const V* CachedOrLoad(std::list<std::pair<std::string, V>>& cache, size_t capacity, const std::string& key,
                      Load load, Log* log, const std::string& what) {
  for (auto it = cache.begin(); it != cache.end(); ++it)
    if (it->first == key) {
      cache.splice(cache.begin(), cache, it);
      return &cache.front().second;
    }
  auto r = load();
  if (!r.ok()) {
    log->Warn("content: " + what + ": " + r.error());
    return nullptr;
  }
  cache.emplace_front(key, std::move(*r));
  if (cache.size() > capacity) cache.pop_back();
  return &cache.front().second;
}

}  // namespace

const pack::Item* ContentService::GetItem(const std::string& id) {
  if (!reader_) return nullptr;
  return CachedOrLoad(items_, kItemCacheSize, id, [&] { return reader_->GetItem(id); }, log_, "item " + id);
}

const std::vector<pack::LegalUnit>* ContentService::Units(const std::string& document_id) {
  if (!reader_) return nullptr;
  return CachedOrLoad(units_, kUnitCacheSize, document_id, [&] { return reader_->Units(document_id); }, log_,
                      "units of " + document_id);
}

const pack::SearchResult& ContentService::Search(const std::string& query, int limit) {
  if (!reader_) {
    search_ = {};
    return search_;
  }
  if (query == search_query_ && limit == search_limit_) return search_;
  pack::SearchOptions options;
  options.limit = limit;
  const auto started = std::chrono::steady_clock::now();
  auto r = reader_->Search(query, options);
  search_ms_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  if (!r.ok()) log_->Warn("content: search: " + r.error());
  search_ = r.ok() ? std::move(*r) : pack::SearchResult{};
  search_query_ = query;
  search_limit_ = limit;
  return search_;
}

std::optional<pack::ItemSummary> ContentService::Summary(const std::string& id) {
  if (!reader_) return std::nullopt;
  auto it = summaries_.find(id);
  if (it != summaries_.end()) return it->second;
  const pack::Item* item = GetItem(id);
  if (!item) return std::nullopt;
  if (summaries_.size() >= kSummaryCacheSize) summaries_.clear();
  summaries_[id] = item->summary;
  return item->summary;
}

}  // namespace kiosk

namespace kiosk {

const std::vector<ContentService::DocumentEntry>& ContentService::Documents() {
  static const std::vector<DocumentEntry> kNone;
  if (!reader_) return kNone;
  if (!documents_) {
    documents_.emplace();
    // Once per pack: each document's typed fields (GetItem reads the body too, which a
    // list does not need; a pack has tens of documents, not thousands).
    for (const pack::ItemSummary& s : Items(pack::ItemType::Document)) {
      auto r = reader_->GetItem(s.id);
      if (!r.ok() || !r->document) continue;
      documents_->push_back({s, *r->document});
    }
  }
  return *documents_;
}

const std::vector<pack::PackReader::ArticleEntry>& ContentService::Articles() {
  static const std::vector<pack::PackReader::ArticleEntry> kNone;
  if (!reader_) return kNone;
  if (!articles_) {
    auto r = reader_->Articles();
    if (!r.ok()) log_->Warn("listing articles: " + r.error());
    articles_ = r.ok() ? std::move(*r) : std::vector<pack::PackReader::ArticleEntry>{};
  }
  return *articles_;
}

const std::vector<pack::ItemSummary>& ContentService::Announcements(const std::string& date) {
  if (!reader_) {
    announcements_.clear();
    announcements_date_.clear();
    return announcements_;
  }
  if (date != announcements_date_) {
    announcements_date_ = date;
    auto r = reader_->ActiveAnnouncements(date);
    if (!r.ok()) log_->Warn("listing announcements: " + r.error());
    announcements_ = r.ok() ? std::move(*r) : std::vector<pack::ItemSummary>{};
  }
  return announcements_;
}

std::string ContentService::LocalDate(int64_t wall_seconds) {
  const time_t t = (time_t)(wall_seconds + 7 * 3600);
  struct tm tm {};
  gmtime_r(&t, &tm);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

}  // namespace kiosk
