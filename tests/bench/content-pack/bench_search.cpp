// tests/bench/content-pack/bench_search.cpp: `bench-search`, the benchmark of pack building
// and of search latency, beside the floor a plain SQLite FTS5 query sets.
//
//   bench-search (--source SRC [--out PACK] | --pack PACK) [--queries N] [--warmup N]
//                [--seed S] [--slowest N] [--content-pack EXE] [--dump-queries FILE]
//
// It prints (never asserts): the machine; the build time of `content-pack build` run as a
// child process (with --source) and the pack's size; then the latency of
// pack::PackReader::Search (default options, limit 20) over N realistic queries, and the
// latency of a plain FTS5 MATCH over the same original title + body text, with p50/p95/p99/
// max, their ratio, figures per query form, and the slowest queries; then peak RSS.
//
// Queries come from the pack's own titles and text and from the domain phrases citizens
// type, in the forms they type them: accented, unaccented, upper case, prefixes while
// typing, and slips / southern spellings (v/d/gi/r, s/x, tr/ch, final n/ng, t/c, i/y).
//
// [SECTION] Small helpers (time, text, processes)
// [SECTION] Query generation
// [SECTION] Plain FTS5 floor
// [SECTION] Report
// [SECTION] Main

#include <spawn.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>
#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "content-pack/fold.hpp"
#include "content-pack/pack_reader.hpp"
#include "domain_vocabulary.hpp"

extern char** environ;

namespace fs = std::filesystem;

namespace {

// [SECTION] Small helpers (time, text, processes)

using Clock = std::chrono::steady_clock;
double MillisSince(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread: what a query costs even when other processes crowd the CPUs
// (wall time then also counts the time spent waiting for one).
double ThreadCpuMillis() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a.empty() ? "unknown" : a + " " + b + " " + c;
}

std::vector<int32_t> CodePoints(std::string_view s) {
  std::vector<int32_t> cps;
  size_t i = 0;
  while (i < s.size()) {
    int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const uint8_t*>(s.data()) + i,
                              utf8proc_ssize_t(s.size() - i), &cp);
    if (n <= 0) { ++i; continue; }  // skip a broken byte; pack text is valid UTF-8 anyway
    cps.push_back(cp);
    i += size_t(n);
  }
  return cps;
}

std::string Encode(const std::vector<int32_t>& cps) {
  std::string out;
  for (int32_t cp : cps) {
    uint8_t buf[4];
    auto n = utf8proc_encode_char(cp, buf);
    out.append(reinterpret_cast<const char*>(buf), size_t(n));
  }
  return out;
}

std::string MapCase(std::string_view s, int32_t (*map)(int32_t)) {
  auto cps = CodePoints(s);
  for (auto& cp : cps) cp = map(cp);
  return Encode(cps);
}

bool IsWordChar(int32_t cp) {
  auto c = utf8proc_category(cp);
  return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
         (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
         (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

// Words as a citizen would retype them from a text: letters (digits only inside a word).
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::vector<int32_t> current;
  auto flush = [&] {
    bool has_letter = std::any_of(current.begin(), current.end(), [](int32_t cp) {
      auto c = utf8proc_category(cp);
      return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
    });
    if (has_letter) words.push_back(Encode(current));
    current.clear();
  };
  for (int32_t cp : CodePoints(text)) {
    if (IsWordChar(cp)) current.push_back(cp);
    else flush();
  }
  flush();
  return words;
}

std::string Join(const std::vector<std::string>& words, size_t from, size_t count) {
  std::string s;
  for (size_t i = from; i < from + count && i < words.size(); ++i) {
    if (!s.empty()) s.push_back(' ');
    s += words[i];
  }
  return s;
}

std::string FirstLineOf(const std::string& path, const std::string& key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key, 0) == 0) {
      auto colon = line.find(':');
      if (colon == std::string::npos) return line;
      auto v = line.substr(colon + 1);
      v.erase(0, v.find_first_not_of(" \t"));
      return v;
    }
  return "unknown";
}

std::string FormatBytes(uintmax_t bytes) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f MB (%ju bytes)", double(bytes) / 1e6, bytes);
  return buf;
}

struct ChildResult { bool started = false; int exit_status = -1; double millis = 0; std::string error; };

// Runs ARGV with stdout and stderr into LOG, so thousands of builder warnings do not
// drown the figures; the caller shows the log's tail when the child fails.
ChildResult RunChild(const std::vector<std::string>& argv, const std::string& log) {
  ChildResult r;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> cargv;
  for (auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  pid_t pid = 0;
  auto start = Clock::now();
  int rc = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) { r.error = "cannot start " + argv[0] + ": " + std::strerror(rc); return r; }
  r.started = true;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  r.millis = MillisSince(start);
  if (WIFEXITED(status)) r.exit_status = WEXITSTATUS(status);
  else r.error = "killed by signal " + std::to_string(WTERMSIG(status));
  return r;
}

std::string Tail(const std::string& path, size_t lines) {
  std::ifstream in(path);
  std::vector<std::string> all;
  std::string line;
  while (std::getline(in, line)) all.push_back(line);
  std::string out;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) out += "    " + all[i] + "\n";
  return out;
}

// [SECTION] Query generation

enum class QueryForm { Accented, Unaccented, Upper, Prefix, Slip };
constexpr const char* kFormNames[] = {"accented", "unaccented", "upper", "prefix", "slip"};

struct Query {
  std::string text;
  QueryForm form = QueryForm::Accented;
  std::string origin;  // "phrase", "title" or "body": where its words came from
  bool prefix = false; // the last word is cut short (a prefix query for the FTS5 floor)
};

// One slip of a folded (ASCII) word, the way southern speakers and hurried typists write
// it; nullopt when no rule applies.
std::optional<std::string> Slip(const std::string& w, bench::Random& rng) {
  std::vector<std::string> variants;
  auto starts = [&](std::string_view p) { return w.size() > p.size() && w.compare(0, p.size(), p) == 0; };
  auto ends = [&](std::string_view s) { return w.size() > s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0; };
  auto initial = [&](std::string_view from, std::string_view to) {
    if (starts(from)) variants.push_back(std::string(to) + w.substr(from.size()));
  };
  auto final_ = [&](std::string_view from, std::string_view to) {
    if (ends(from)) variants.push_back(w.substr(0, w.size() - from.size()) + std::string(to));
  };
  if (starts("tr")) initial("tr", "ch");
  else if (starts("ch")) initial("ch", "tr");
  else if (starts("gi")) { initial("gi", "d"); initial("gi", "r"); }
  else if (starts("d")) { initial("d", "v"); initial("d", "gi"); }
  else if (starts("v")) { initial("v", "d"); }
  else if (starts("r")) { initial("r", "g"); initial("r", "d"); }
  else if (starts("s")) initial("s", "x");
  else if (starts("x")) initial("x", "s");
  if (ends("ng")) final_("ng", "n");
  else if (ends("nh")) final_("nh", "n");
  else if (ends("n")) final_("n", "ng");
  if (ends("ch")) final_("ch", "t");
  else if (ends("c")) final_("c", "t");
  else if (ends("t")) final_("t", "c");
  if (ends("y")) final_("y", "i");
  else if (w.size() == 2 && ends("i")) final_("i", "y");
  if (variants.empty()) return std::nullopt;
  return variants[size_t(rng.Next() % variants.size())];
}

// Reads the text the pack indexes (search_docs keeps the original title and body).
class PackText {
 public:
  explicit PackText(sqlite3* db) : db_(db) {}
  ~PackText() {
    sqlite3_finalize(by_rowid_);
  }

  bool Open(std::string& error) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, "SELECT min(rowid), max(rowid), count(*) FROM search_docs", -1, &st, nullptr) != SQLITE_OK) {
      error = std::string("the pack has no readable search_docs table: ") + sqlite3_errmsg(db_);
      return false;
    }
    if (sqlite3_step(st) == SQLITE_ROW) {
      min_ = sqlite3_column_int64(st, 0);
      max_ = sqlite3_column_int64(st, 1);
      count_ = sqlite3_column_int64(st, 2);
    }
    sqlite3_finalize(st);
    if (count_ == 0) { error = "the pack's search_docs table is empty"; return false; }
    if (sqlite3_prepare_v2(db_, "SELECT title, body FROM search_docs WHERE rowid >= ? ORDER BY rowid LIMIT 1",
                           -1, &by_rowid_, nullptr) != SQLITE_OK) {
      error = std::string("search_docs has no title/body columns: ") + sqlite3_errmsg(db_);
      return false;
    }
    return true;
  }

  int64_t Count() const { return count_; }

  // The title and body of a random row.
  std::pair<std::string, std::string> RandomRow(bench::Random& rng) {
    sqlite3_reset(by_rowid_);
    sqlite3_bind_int64(by_rowid_, 1, rng.Range(min_, max_));
    std::pair<std::string, std::string> row;
    if (sqlite3_step(by_rowid_) == SQLITE_ROW) {
      auto text = [&](int c) {
        auto p = sqlite3_column_text(by_rowid_, c);
        return p ? std::string(reinterpret_cast<const char*>(p), size_t(sqlite3_column_bytes(by_rowid_, c))) : std::string();
      };
      row = {text(0), text(1)};
    }
    return row;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* by_rowid_ = nullptr;
  int64_t min_ = 0, max_ = 0, count_ = 0;
};

size_t PickLength(bench::Random& rng) {
  double x = rng.Unit();  // 1 word 15 %, 2: 30 %, 3: 25 %, 4: 18 %, 5: 12 %
  return x < 0.15 ? 1 : x < 0.45 ? 2 : x < 0.70 ? 3 : x < 0.88 ? 4 : 5;
}

// Words in accented lower case, 1-5 of them, from a domain phrase, a title or a body.
std::pair<std::vector<std::string>, std::string> PickWords(PackText& pack, bench::Random& rng) {
  double x = rng.Unit();
  std::vector<std::string> words;
  std::string origin;
  size_t want = PickLength(rng);
  if (x < 0.35) {
    origin = "phrase";
    const auto& field = rng.Pick(bench::DomainFields());
    std::string phrase(field.phrases[rng.Chance(0.4) ? 0 : rng.Next() % field.phrases.size()]);
    if (rng.Chance(0.25)) phrase = std::string(rng.Chance(0.5) ? "thủ tục " : "") + phrase + " " +
                                   std::string(rng.Pick(bench::QueryExtras()));
    words = Words(phrase);
    // Citizens type the start of a phrase more often than its middle.
    if (words.size() > 5 || rng.Chance(0.3)) {
      size_t n = std::min(want, words.size());
      size_t from = rng.Chance(0.6) ? 0 : size_t(rng.Next() % (words.size() - n + 1));
      words = std::vector<std::string>(words.begin() + long(from), words.begin() + long(from + n));
    }
  } else {
    for (int attempt = 0; attempt < 20 && words.empty(); ++attempt) {
      auto [title, body] = pack.RandomRow(rng);
      bool use_title = x < 0.75 || body.empty();
      origin = use_title ? "title" : "body";
      auto all = Words(use_title ? title : body);
      if (all.empty()) continue;
      size_t n = std::min(want, all.size());
      size_t from = size_t(rng.Next() % (all.size() - n + 1));
      words.assign(all.begin() + long(from), all.begin() + long(from + n));
    }
  }
  for (auto& w : words) w = MapCase(w, utf8proc_tolower);
  return {words, origin};
}

std::vector<Query> MakeQueries(PackText& pack, size_t count, uint64_t seed) {
  bench::Random rng(seed * 0x9E3779B97F4A7C15ull + 5);
  std::vector<Query> queries;
  while (queries.size() < count) {
    auto [words, origin] = PickWords(pack, rng);
    if (words.empty()) continue;
    Query q;
    q.origin = origin;
    std::string accented = Join(words, 0, words.size());
    double x = rng.Unit();
    if (x < 0.25) {
      q.form = QueryForm::Accented;
      q.text = accented;
    } else if (x < 0.50) {
      q.form = QueryForm::Unaccented;
      q.text = pack::Fold(accented);
    } else if (x < 0.60) {
      q.form = QueryForm::Upper;
      q.text = MapCase(rng.Chance(0.7) ? accented : pack::Fold(accented), utf8proc_toupper);
    } else if (x < 0.80) {
      q.form = QueryForm::Prefix;
      std::string base = rng.Chance(0.5) ? accented : pack::Fold(accented);
      auto cut = Words(base);
      auto last = CodePoints(cut.back());
      // A lone word is searched from its second letter on (one letter lists everything);
      // after other words a single letter is what people have typed ("dang k").
      int64_t shortest = cut.size() == 1 ? 2 : 1;
      if (int64_t(last.size()) <= shortest) { q.form = QueryForm::Accented; q.text = accented; }
      else {
        last.resize(size_t(rng.Range(shortest, int64_t(last.size()) - 1)));
        cut.back() = Encode(last);
        q.text = Join(cut, 0, cut.size());
        q.prefix = true;
      }
    } else {
      q.form = QueryForm::Slip;
      auto folded = Words(pack::Fold(accented));
      std::vector<size_t> order(folded.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[size_t(rng.Next() % i)]);
      int slips = rng.Chance(0.2) ? 2 : 1, done = 0;
      for (size_t i : order) {
        if (done == slips) break;
        if (auto s = Slip(folded[i], rng)) { folded[i] = *s; ++done; }
      }
      if (!done) continue;  // nothing to slip in these words: draw another query
      q.text = Join(folded, 0, folded.size());
    }
    queries.push_back(std::move(q));
  }
  return queries;
}

// Queries to replay (--queries-from): one a line, or a --dump-queries TSV (its first
// column is the query, the second its form), so a slow query can be rerun alone.
std::optional<std::vector<Query>> LoadQueries(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) { error = "cannot read queries from " + path; return std::nullopt; }
  std::vector<Query> queries;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.rfind("query\tform\t", 0) == 0) continue;
    Query q;
    auto tab = line.find('\t');
    q.text = line.substr(0, tab);
    q.origin = "file";
    if (tab != std::string::npos) {
      std::string form = line.substr(tab + 1, line.find('\t', tab + 1) - tab - 1);
      for (int f = 0; f < 5; ++f)
        if (form == kFormNames[f]) q.form = QueryForm(f);
      q.prefix = q.form == QueryForm::Prefix;
    }
    if (!Words(q.text).empty()) queries.push_back(std::move(q));
  }
  if (queries.empty()) { error = path + " holds no query"; return std::nullopt; }
  return queries;
}

// [SECTION] Plain FTS5 floor

// Each word double-quoted (so no word is FTS5 syntax), the last one with * when the
// query is a prefix.
std::string PlainFtsQuery(const Query& q) {
  std::vector<std::string> words;
  size_t i = 0;
  const std::string& t = q.text;
  while (i < t.size()) {
    while (i < t.size() && t[i] == ' ') ++i;
    size_t j = i;
    while (j < t.size() && t[j] != ' ') ++j;
    if (j > i) words.push_back(t.substr(i, j - i));
    i = j;
  }
  std::string out;
  for (size_t k = 0; k < words.size(); ++k) {
    if (k) out.push_back(' ');
    out.push_back('"');
    for (char c : words[k]) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
    if (q.prefix && k + 1 == words.size()) out.push_back('*');
  }
  return out;
}

class PlainFts {
 public:
  ~PlainFts() {
    sqlite3_finalize(match_);
    sqlite3_close(db_);
    if (!path_.empty()) {
      std::error_code ec;
      fs::remove(path_, ec);
      fs::remove(path_ + "-journal", ec);
    }
  }

  // Copies the original title + body of every search_docs row of PACK into a plain FTS5
  // table in a temporary file at PATH.
  bool Build(const std::string& pack_path, const std::string& path, std::string& error) {
    path_ = path;
    std::error_code ec;
    fs::remove(path_, ec);
    if (sqlite3_open(path_.c_str(), &db_) != SQLITE_OK) { error = "cannot create " + path_; return false; }
    std::string uri = "file:" + pack_path + "?mode=ro&immutable=1";
    char* quoted = sqlite3_mprintf("%Q", uri.c_str());
    std::string sql =
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE VIRTUAL TABLE plain USING fts5(title, body, tokenize='unicode61 remove_diacritics 2');"
        "ATTACH " + std::string(quoted) + " AS src;"
        "INSERT INTO plain(rowid, title, body) SELECT rowid, title, body FROM src.search_docs;"
        "INSERT INTO plain(plain) VALUES('optimize');"
        "DETACH src;";
    sqlite3_free(quoted);
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      error = std::string("building the plain FTS5 table failed: ") + (message ? message : "?");
      sqlite3_free(message);
      return false;
    }
    if (sqlite3_prepare_v2(db_, "SELECT rowid FROM plain WHERE plain MATCH ? ORDER BY rank LIMIT 20",
                           -1, &match_, nullptr) != SQLITE_OK) {
      error = std::string("preparing the plain FTS5 query failed: ") + sqlite3_errmsg(db_);
      return false;
    }
    return true;
  }

  // Runs one query to the end; the number of rows, or -1 when FTS5 rejects it.
  int Match(const std::string& fts_query) {
    sqlite3_reset(match_);
    sqlite3_bind_text(match_, 1, fts_query.c_str(), int(fts_query.size()), SQLITE_TRANSIENT);
    int rows = 0, rc;
    while ((rc = sqlite3_step(match_)) == SQLITE_ROW) ++rows;
    return rc == SQLITE_DONE ? rows : -1;
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* match_ = nullptr;
  std::string path_;
};

// [SECTION] Report

struct Timing {
  double millis = 1e300;  // wall time; the least over the passes
  double cpu_millis = 1e300;  // thread CPU time; the least over the passes
  int hits = 0;  // -1: the engine returned an error
  pack::SearchMatch match = pack::SearchMatch::None;
};

struct Percentiles { double p50 = 0, p95 = 0, p99 = 0, max = 0, mean = 0; size_t n = 0; };

Percentiles Summarise(std::vector<double> v) {
  Percentiles p;
  p.n = v.size();
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto rank = [&](double q) { return v[std::min(v.size() - 1, size_t(std::ceil(q * double(v.size()))) - 1)]; };
  p.p50 = rank(0.50);
  p.p95 = rank(0.95);
  p.p99 = rank(0.99);
  p.max = v.back();
  double sum = 0;
  for (double x : v) sum += x;
  p.mean = sum / double(v.size());
  return p;
}

void PrintRow(const char* label, const Percentiles& p) {
  std::printf("  %-22s n=%-5zu p50 %7.3f ms   p95 %7.3f ms   p99 %7.3f ms   max %8.3f ms   mean %7.3f ms\n",
              label, p.n, p.p50, p.p95, p.p99, p.max, p.mean);
}

const char* MatchName(pack::SearchMatch m) {
  switch (m) {
    case pack::SearchMatch::Exact: return "exact";
    case pack::SearchMatch::Corrected: return "corrected";
    case pack::SearchMatch::Partial: return "partial";
    case pack::SearchMatch::None: return "none";
  }
  return "?";
}

// [SECTION] Main

constexpr const char* kUsage =
    "usage: bench-search (--source SRC [--out PACK] | --pack PACK) [--queries N] [--warmup N]\n"
    "                    [--passes N] [--seed S] [--slowest N] [--content-pack EXE]\n"
    "                    [--dump-queries FILE] [--queries-from FILE]\n"
    "  --source SRC        build SRC with `content-pack build` (timed) into PACK\n"
    "                      (default: SRC.sqlite beside SRC); the builder's output goes to PACK.build.log\n"
    "  --pack PACK         use an existing pack; no build time\n"
    "  --queries N         timed queries (default 2000; at least 1000 for real figures)\n"
    "  --warmup N          untimed queries run first on each engine (default 200)\n"
    "  --seed S            query mix seed (default 1)\n"
    "  --slowest N         list the N slowest queries (default 10)\n"
    "  --passes N          time every query N times and keep its fastest (default 1;\n"
    "                      3 filters out other processes on a busy machine)\n"
    "  --content-pack EXE  the builder (default: content-pack beside this program)\n"
    "  --dump-queries FILE write every query with its form and both timings (TSV)\n"
    "  --queries-from FILE replay these queries instead (one a line, or a --dump-queries TSV)\n";

struct BenchOptions {
  std::string source, pack, content_pack, dump_queries, queries_from;
  int64_t queries = 2000, warmup = 200, seed = 1, slowest = 10, passes = 1;
};

bool ParseNumber(const std::string& s, int64_t& out) {
  if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos) return false;
  out = std::stoll(s);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  // Line by line even into a file: a long run shows how far it got.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  BenchOptions o;
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string out_pack;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= args.size()) { std::cerr << "bench-search: " << a << " needs a value\n"; std::exit(2); }
      return args[++i];
    };
    auto number = [&](int64_t& out) {
      std::string v = value();
      if (!ParseNumber(v, out)) { std::cerr << "bench-search: " << a << " needs a whole number, not '" << v << "'\n"; std::exit(2); }
    };
    if (a == "--source") o.source = value();
    else if (a == "--out") out_pack = value();
    else if (a == "--pack") o.pack = value();
    else if (a == "--queries") number(o.queries);
    else if (a == "--warmup") number(o.warmup);
    else if (a == "--seed") number(o.seed);
    else if (a == "--slowest") number(o.slowest);
    else if (a == "--passes") number(o.passes);
    else if (a == "--content-pack") o.content_pack = value();
    else if (a == "--dump-queries") o.dump_queries = value();
    else if (a == "--queries-from") o.queries_from = value();
    else if (a == "-h" || a == "--help") { std::cout << kUsage; return 0; }
    else { std::cerr << "bench-search: unexpected argument '" << a << "'\n" << kUsage; return 2; }
  }
  if (o.source.empty() == o.pack.empty()) {
    std::cerr << "bench-search: give exactly one of --source and --pack\n" << kUsage;
    return 2;
  }
  if (o.queries < 1) { std::cerr << "bench-search: --queries must be at least 1\n"; return 2; }
  if (o.passes < 1) { std::cerr << "bench-search: --passes must be at least 1\n"; return 2; }

  std::printf("== content-pack search benchmark ==\n");
  std::printf("machine: %u logical CPUs (nproc), CPU model: %s, SQLite %s\n",
              std::thread::hardware_concurrency(), FirstLineOf("/proc/cpuinfo", "model name").c_str(),
              sqlite3_libversion());

  // Build, timed, as a child process: what a province's publishing step costs.
  if (!o.source.empty()) {
    std::string src = fs::path(o.source).lexically_normal().string();
    while (src.size() > 1 && src.back() == '/') src.pop_back();
    o.pack = out_pack.empty() ? src + ".sqlite" : out_pack;
    if (o.content_pack.empty()) {
      std::error_code ec;
      o.content_pack = (fs::read_symlink("/proc/self/exe", ec).parent_path() / "content-pack").string();
    }
    std::string log = o.pack + ".build.log";
    std::printf("build: %s build %s -o %s --version 1\n", o.content_pack.c_str(), o.source.c_str(), o.pack.c_str());
    std::fflush(stdout);
    auto child = RunChild({o.content_pack, "build", o.source, "-o", o.pack, "--version", "1"}, log);
    if (!child.started || child.exit_status != 0) {
      std::fprintf(stderr, "bench-search: the build failed (%s); last lines of %s:\n%s",
                   child.error.empty() ? ("exit status " + std::to_string(child.exit_status)).c_str() : child.error.c_str(),
                   log.c_str(), Tail(log, 15).c_str());
      return 1;
    }
    rusage children{};
    getrusage(RUSAGE_CHILDREN, &children);
    std::printf("build time: %.2f s (builder peak RSS %.1f MB; its output in %s)\n",
                child.millis / 1000.0, double(children.ru_maxrss) / 1024.0, log.c_str());
  } else if (!out_pack.empty()) {
    std::cerr << "bench-search: --out only goes with --source\n";
    return 2;
  }
  std::error_code ec;
  auto pack_size = fs::file_size(o.pack, ec);
  if (ec) { std::fprintf(stderr, "bench-search: cannot read %s: %s\n", o.pack.c_str(), ec.message().c_str()); return 1; }
  std::printf("pack: %s, %s\n", o.pack.c_str(), FormatBytes(pack_size).c_str());

  auto open_start = Clock::now();
  auto reader = pack::PackReader::Open(o.pack);
  if (!reader) { std::fprintf(stderr, "bench-search: cannot open the pack: %s\n", reader.error().c_str()); return 1; }
  std::printf("open: %.2f ms\n", MillisSince(open_start));
  if (auto counts = (*reader)->CountsByType()) {
    std::printf("items:");
    for (auto& [type, n] : *counts) std::printf(" %s %lld", std::string(pack::ItemTypeName(type)).c_str(), (long long)n);
    std::printf("\n");
  }

  PackText text((*reader)->Db());
  std::string error;
  if (!text.Open(error)) { std::fprintf(stderr, "bench-search: %s\n", error.c_str()); return 1; }
  std::vector<Query> queries;
  if (!o.queries_from.empty()) {
    auto loaded = LoadQueries(o.queries_from, error);
    if (!loaded) { std::fprintf(stderr, "bench-search: %s\n", error.c_str()); return 1; }
    queries = std::move(*loaded);
  } else {
    queries = MakeQueries(text, size_t(o.queries), uint64_t(o.seed));
  }
  size_t by_form[5] = {};
  for (auto& q : queries) ++by_form[int(q.form)];
  std::printf("queries: %zu (accented %zu, unaccented %zu, upper %zu, prefix %zu, slip %zu), seed %lld; "
              "search_docs rows: %lld\n", queries.size(), by_form[0], by_form[1], by_form[2], by_form[3],
              by_form[4], (long long)o.seed, (long long)text.Count());

  auto plain_start = Clock::now();
  PlainFts plain;
  if (!plain.Build(o.pack, o.pack + ".plain-fts.tmp", error)) { std::fprintf(stderr, "bench-search: %s\n", error.c_str()); return 1; }
  std::printf("plain FTS5 floor: built over search_docs title + body in %.2f s (temporary file, removed at exit)\n",
              MillisSince(plain_start) / 1000.0);

  // Warm up both engines on the first queries: a kiosk searches a pack it has had open
  // for hours, so the figures are for warm caches.
  pack::SearchOptions search_options;  // defaults: limit 20, prefix_last, forgiving
  size_t warmup = std::min(size_t(o.warmup), queries.size());
  for (size_t i = 0; i < warmup; ++i) {
    (void)(*reader)->Search(queries[i].text, search_options);
    plain.Match(PlainFtsQuery(queries[i]));
  }

  // Each query goes to Search and then to the floor, so both meet the same machine load;
  // with several passes a query's figure is its fastest pass, which filters out the
  // moments other processes held the CPU.
  std::vector<Timing> search(queries.size()), floor(queries.size());
  size_t search_errors = 0, plain_errors = 0;
  std::string first_search_error;
  std::vector<std::string> fts_queries;
  for (auto& q : queries) fts_queries.push_back(PlainFtsQuery(q));
  std::string load_before = LoadAverage();
  auto measured_start = Clock::now();
  for (int64_t pass = 0; pass < o.passes; ++pass) {
    for (size_t i = 0; i < queries.size(); ++i) {
      double cpu = ThreadCpuMillis();
      auto start = Clock::now();
      auto result = (*reader)->Search(queries[i].text, search_options);
      search[i].millis = std::min(search[i].millis, MillisSince(start));
      search[i].cpu_millis = std::min(search[i].cpu_millis, ThreadCpuMillis() - cpu);
      if (result) { search[i].hits = int(result->hits.size()); search[i].match = result->match; }
      else { search[i].hits = -1; if (pass == 0 && !search_errors++) first_search_error = result.error(); }

      cpu = ThreadCpuMillis();
      start = Clock::now();
      floor[i].hits = plain.Match(fts_queries[i]);
      floor[i].millis = std::min(floor[i].millis, MillisSince(start));
      floor[i].cpu_millis = std::min(floor[i].cpu_millis, ThreadCpuMillis() - cpu);
      if (pass == 0 && floor[i].hits < 0) ++plain_errors;
    }
  }
  double measured_seconds = MillisSince(measured_start) / 1000.0;

  // PICK(i) chooses the queries a figure is about.
  auto all = [](size_t) { return true; };
  auto collect = [&](const std::vector<Timing>& t, auto pick, bool cpu = false) {
    std::vector<double> v;
    for (size_t i = 0; i < t.size(); ++i)
      if (pick(i)) v.push_back(cpu ? t[i].cpu_millis : t[i].millis);
    return Summarise(v);
  };
  auto with_hits = [&](const std::vector<Timing>& t, auto pick) {
    size_t n = 0, hit = 0;
    for (size_t i = 0; i < t.size(); ++i)
      if (pick(i)) { ++n; if (t[i].hits > 0) ++hit; }
    return n ? 100.0 * double(hit) / double(n) : 0.0;
  };
  auto print_group = [&](const std::string& label, auto pick) {
    Percentiles a = collect(search, pick), b = collect(floor, pick);
    Percentiles ac = collect(search, pick, true);
    if (!a.n) return;
    std::printf("  %-10s n=%-5zu Search p50 %7.3f p95 %7.3f max %8.3f ms (cpu p95 %7.3f), hits %5.1f %% | "
                "plain p50 %7.3f p95 %7.3f max %8.3f ms, hits %5.1f %%\n",
                label.c_str(), a.n, a.p50, a.p95, a.max, ac.p95, with_hits(search, pick), b.p50, b.p95, b.max,
                with_hits(floor, pick));
  };

  Percentiles s = collect(search, all), f = collect(floor, all);
  std::printf("\nsearch latency over %zu queries, wall time, %s (after %zu warm-up queries; "
              "%.1f s; load average %s before, %s after):\n", queries.size(),
              o.passes > 1 ? ("fastest of " + std::to_string(o.passes) + " passes").c_str() : "one pass",
              warmup, measured_seconds, load_before.c_str(), LoadAverage().c_str());
  PrintRow("PackReader::Search", s);
  PrintRow("plain FTS5 MATCH", f);
  Percentiles s_cpu = collect(search, all, true), f_cpu = collect(floor, all, true);
  PrintRow("Search, CPU time", s_cpu);
  PrintRow("plain FTS5, CPU time", f_cpu);
  std::printf("  ratio Search / plain:  p50 %.2fx   p95 %.2fx   p99 %.2fx   max %.2fx\n",
              s.p50 / f.p50, s.p95 / f.p95, s.p99 / f.p99, s.max / f.max);
  std::printf("  queries with at least one hit: Search %.1f %%, plain FTS5 %.1f %%\n", with_hits(search, all), with_hits(floor, all));
  std::map<std::string, size_t> matches;
  for (auto& t : search) matches[t.hits < 0 ? "error" : MatchName(t.match)]++;
  std::printf("  Search match kinds:");
  for (auto& [k, n] : matches) std::printf(" %s %zu", k.c_str(), n);
  std::printf("\n");
  if (search_errors) std::printf("  Search returned %zu errors; the first: %s\n", search_errors, first_search_error.c_str());
  if (plain_errors) std::printf("  plain FTS5 rejected %zu queries\n", plain_errors);

  std::printf("\nby query form (Search | plain FTS5):\n");
  for (int form = 0; form < 5; ++form)
    print_group(kFormNames[form], [&](size_t i) { return int(queries[i].form) == form; });
  std::printf("by where the words came from:\n");
  for (const char* origin : {"phrase", "title", "body", "file"})
    print_group(origin, [&](size_t i) { return queries[i].origin == origin; });
  std::printf("by number of words:\n");
  for (size_t n = 1; n <= 5; ++n)
    print_group(std::to_string(n) + (n == 1 ? " word" : " words"),
                [&](size_t i) { return Words(queries[i].text).size() == n; });

  std::vector<size_t> order(queries.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return search[a].millis > search[b].millis; });
  size_t slowest = std::min(size_t(o.slowest), order.size());
  std::printf("\n%zu slowest Search queries (wall ms, CPU ms, form, match, hits | the floor's wall ms and hits):\n", slowest);
  for (size_t k = 0; k < slowest; ++k) {
    size_t i = order[k];
    std::printf("  %8.3f ms (cpu %8.3f)  %-10s %-9s %2d hits | plain %7.3f ms %2d hits | \"%s\"\n", search[i].millis,
                search[i].cpu_millis, kFormNames[int(queries[i].form)], search[i].hits < 0 ? "error" : MatchName(search[i].match),
                std::max(search[i].hits, 0), floor[i].millis, std::max(floor[i].hits, 0), queries[i].text.c_str());
  }

  if (!o.dump_queries.empty()) {
    std::ofstream dump(o.dump_queries);
    dump << "query\tform\torigin\tsearch_ms\tsearch_cpu_ms\tsearch_hits\tmatch\tplain_ms\tplain_cpu_ms\tplain_hits\tplain_query\n";
    for (size_t i = 0; i < queries.size(); ++i)
      dump << queries[i].text << '\t' << kFormNames[int(queries[i].form)] << '\t' << queries[i].origin << '\t'
           << search[i].millis << '\t' << search[i].cpu_millis << '\t' << search[i].hits << '\t'
           << MatchName(search[i].match) << '\t' << floor[i].millis << '\t' << floor[i].cpu_millis << '\t'
           << floor[i].hits << '\t' << fts_queries[i] << '\n';
    std::printf("\nevery query and its timings: %s\n", o.dump_queries.c_str());
  }

  rusage self{};
  getrusage(RUSAGE_SELF, &self);
  std::printf("\npeak RSS of bench-search: %.1f MB\n", double(self.ru_maxrss) / 1024.0);
  std::printf("targets, wall time: Search p95 <= 5 ms: %s (%.3f ms); within 2x of plain FTS5 p95: %s (%.2fx)\n",
              s.p95 <= 5.0 ? "met" : "MISSED", s.p95, s.p95 <= 2.0 * f.p95 ? "met" : "MISSED", s.p95 / f.p95);
  std::printf("targets, CPU time:  Search p95 <= 5 ms: %s (%.3f ms); within 2x of plain FTS5 p95: %s (%.2fx)\n",
              s_cpu.p95 <= 5.0 ? "met" : "MISSED", s_cpu.p95, s_cpu.p95 <= 2.0 * f_cpu.p95 ? "met" : "MISSED",
              s_cpu.p95 / f_cpu.p95);
  double load = std::atof(LoadAverage().c_str());
  unsigned cpus = std::max(1u, std::thread::hardware_concurrency());
  if (load > double(cpus))
    std::printf("note: the machine was busy (load average %.1f on %u CPUs): wall times include waiting "
                "for a CPU; compare the CPU-time figures, or rerun on an idle machine\n", load, cpus);
  std::printf("RESULT search_p50_ms=%.3f search_p95_ms=%.3f search_p99_ms=%.3f search_max_ms=%.3f "
              "plain_p50_ms=%.3f plain_p95_ms=%.3f plain_p99_ms=%.3f plain_max_ms=%.3f "
              "search_cpu_p95_ms=%.3f plain_cpu_p95_ms=%.3f pack_bytes=%ju\n",
              s.p50, s.p95, s.p99, s.max, f.p50, f.p95, f.p99, f.max, s_cpu.p95, f_cpu.p95, pack_size);
  return 0;
}
