// tests/bench/ui/bench_ui.cpp: figures for the kiosk's screens on a large pack, each beside
// the floor (bench-ui-floor: a bare SDL window with a GL 3 context on the same driver);
// printed, never asserted. All runs are offscreen (Mesa llvmpipe here) at --window.
//
//   key press -> results   the large pack, search screen: realistic queries typed key by
//                          key on the on-screen keyboard (unaccented, as most citizens
//                          type), each key searched and drawn in the same frame; the kiosk's
//                          perf.search_frames: search, the rest of the UI build, GL, p50/p95
//   start to first frame   the large pack open; the kiosk's perf.first_frame_ms (main() to
//                          the first frame's glFinish), median of --starts runs, with the
//                          phases of the median run (perf.start_phases_ms); once before
//                          them with no font atlas cached in the data dir (a first start)
//   resident memory        the law pack (one document of 500 articles, 2,000 procedures):
//                          VmRSS after opening --procedures procedures' details (field lists
//                          on the way) and --articles articles, then after --more-screens
//                          more screens (field lists, details, contents jumps and
//                          next/previous article), with a checkpoint every ~200 screens
//   flick-scrolling        the 500-article law: frame time p50/p99 (build + GL + glFinish)
//                          and the UI build part, over --flicks flicks down and up
//   idle                   the kiosk on the real clock with the large pack open: frames
//                          drawn and CPU seconds over --idle-seconds after a 3 s settle
//
// The packs are built once and cached in --bench-dir (default BUILD/bench): the large one
// is the content-pack benchmark's (content-pack.sqlite, gen-pack-source defaults), the law
// pack ui-law-pack.sqlite. Delete them to rebuild (after a pack format change).
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../content-pack/domain_vocabulary.hpp"
#include "content-pack/pack_reader.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char kUsage[] =
    "usage: bench-ui [--kiosk PATH] [--floor PATH] [--bench-dir DIR] [--pack PACK] [--law-pack PACK]\n"
    "                [--queries N] [--procedures N] [--articles N] [--more-screens N] [--flicks N]\n"
    "                [--starts N] [--idle-seconds N] [--width W --height H] [--seed S] [--quick]\n"
    "                [--keep DIR]\n";

struct Options {
  std::string kiosk, floor, gen_source, content_pack;
  fs::path bench_dir;
  std::string pack, law_pack;
  int queries = 40, procedures = 100, articles = 50, more_screens = 1000, flicks = 24;
  int starts = 5, idle_seconds = 30, width = 1920, height = 1080;
  uint64_t seed = 8;
  bool quick = false;
  std::string keep;  // keep scripts and dumps here
};

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Tail(const std::string& text, size_t lines) {
  size_t at = text.size();
  while (lines-- > 0 && at > 0) {
    at = text.rfind('\n', at - 1);
    if (at == std::string::npos) return text;
  }
  return text.substr(at == text.size() ? at : at + 1);
}

// Runs ARGS with stdout and stderr into LOG; returns the exit status (-1 on a signal).
int Run(const std::vector<std::string>& args, const fs::path& log, pid_t* started = nullptr) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    if (!freopen(log.c_str(), "w", stdout)) _exit(126);
    dup2(fileno(stdout), 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  if (started) {
    *started = pid;
    return 0;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int WaitFor(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

[[noreturn]] void Fail(const std::string& why, const fs::path& log = {}) {
  std::fprintf(stderr, "bench-ui: %s\n", why.c_str());
  if (!log.empty()) std::fprintf(stderr, "--- last lines of %s:\n%s\n", log.c_str(), Tail(ReadFile(log), 15).c_str());
  std::exit(1);
}

double CpuSeconds(pid_t pid) {
  // /proc/PID/stat fields 14 and 15: utime and stime in clock ticks (all threads).
  std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(stat.substr(close + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::atol(field.c_str());
    if (i == 15) stime = std::atol(field.c_str());
  }
  return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

std::string LoadAverage() {
  std::istringstream in(ReadFile("/proc/loadavg"));
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

std::string CpuModel() {
  std::istringstream in(ReadFile("/proc/cpuinfo"));
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      size_t colon = line.find(':');
      return colon == std::string::npos ? line : line.substr(colon + 2);
    }
  return "?";
}

// "Đăng ký khai sinh" -> "dang ky khai sinh": what most citizens type on the keys.
std::string Unaccented(std::string_view text) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), (utf8proc_ssize_t)text.size(), &out,
               utf8proc_option_t(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  std::string folded = out ? reinterpret_cast<char*>(out) : "";
  std::free(out);
  std::string ascii;
  for (size_t i = 0; i < folded.size(); ++i) {
    unsigned char c = (unsigned char)folded[i];
    if (c == 0xC4 && i + 1 < folded.size() && (unsigned char)folded[i + 1] == 0x91) {  // đ
      ascii += 'd';
      ++i;
    } else if (std::isalpha(c)) {
      ascii += (char)c;
    } else if (c == ' ' && !ascii.empty() && ascii.back() != ' ') {
      ascii += ' ';
    }
  }
  while (!ascii.empty() && ascii.back() == ' ') ascii.pop_back();
  return ascii;
}

// Queries as citizens type them: a domain phrase, often cut short (results show while
// typing), sometimes with an everyday word added; letters and spaces only.
std::vector<std::string> MakeQueries(int n, uint64_t seed) {
  bench::Random rng(seed);
  std::vector<std::string> phrases, extras;
  for (const auto& f : bench::DomainFields())
    for (auto p : f.phrases) phrases.push_back(std::string(p));
  for (auto e : bench::QueryExtras()) extras.push_back(std::string(e));
  std::vector<std::string> out;
  while ((int)out.size() < n) {
    std::string q = rng.Pick(phrases);
    if (rng.Chance(0.25)) q = rng.Pick(extras) + " " + q;
    else if (rng.Chance(0.2)) q += " " + rng.Pick(extras);
    q = Unaccented(q);
    std::vector<std::string> words;
    std::istringstream in(q);
    for (std::string w; in >> w;) words.push_back(w);
    if (words.size() > 5) words.resize(5);
    if (words.size() > 2 && rng.Chance(0.3)) words.resize((size_t)rng.Range(2, (int64_t)words.size() - 1));
    q.clear();
    for (const auto& w : words) q += (q.empty() ? "" : " ") + w;
    if (!q.empty()) out.push_back(q);
  }
  return out;
}

struct PackFacts {
  std::string path;
  double mb = 0;
  int64_t items = 0;
  std::map<std::string, std::vector<std::string>> procedures;  // field -> ids, sorted by title
  std::string law_id;                                          // the document with most articles
  std::vector<std::string> articles;                           // its article anchors, in order
};

PackFacts ReadPack(const std::string& path, bool want_details) {
  PackFacts f;
  f.path = path;
  f.mb = (double)fs::file_size(path) / 1e6;
  auto reader = pack::PackReader::Open(path);
  if (!reader) Fail("cannot open " + path + ": " + reader.error() + " (delete it to rebuild it)");
  auto counts = (*reader)->CountsByType();
  if (counts)
    for (const auto& [type, n] : *counts) f.items += n;
  if (!want_details) return f;
  auto procs = (*reader)->Items(pack::ItemType::Procedure);
  if (!procs) Fail("cannot list procedures in " + path + ": " + procs.error());
  for (const auto& p : *procs) f.procedures[p.field].push_back(p.id);
  auto docs = (*reader)->Items(pack::ItemType::Document);
  if (!docs) Fail("cannot list documents in " + path + ": " + docs.error());
  for (const auto& d : *docs) {
    auto units = (*reader)->Units(d.id);
    if (!units) continue;
    std::vector<std::string> anchors;
    for (const auto& u : *units)
      if (u.kind == pack::UnitKind::Article) anchors.push_back(u.anchor);
    if (anchors.size() > f.articles.size()) {
      f.law_id = d.id;
      f.articles = anchors;
    }
  }
  return f;
}

// Builds PACK from a generated source unless it exists; returns its path.
std::string EnsurePack(const Options& o, const fs::path& pack, const fs::path& source,
                       const std::vector<std::string>& gen_args) {
  if (fs::exists(pack)) return pack.string();
  fs::create_directories(pack.parent_path());
  const auto t0 = std::chrono::steady_clock::now();
  if (!fs::exists(source / ".done")) {
    std::fprintf(stderr, "bench-ui: generating %s ...\n", source.c_str());
    std::error_code ec;
    fs::remove_all(source, ec);
    std::vector<std::string> args = {o.gen_source, source.string()};
    args.insert(args.end(), gen_args.begin(), gen_args.end());
    const fs::path log = pack.string() + ".gen.log";
    if (Run(args, log) != 0) Fail("gen-pack-source failed", log);
    std::ofstream(source / ".done") << "\n";
  }
  std::fprintf(stderr, "bench-ui: building %s (minutes on a busy machine) ...\n", pack.c_str());
  const fs::path tmp = pack.string() + ".tmp";
  const fs::path log = pack.string() + ".build.log";
  if (Run({o.content_pack, "build", source.string(), "-o", tmp.string(), "--version", "1"}, log) != 0)
    Fail("content-pack build failed", log);
  fs::rename(tmp, pack);
  std::fprintf(stderr, "bench-ui: built %s in %.0f s\n", pack.c_str(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  return pack.string();
}

class Bench {
 public:
  Bench(const Options& o, fs::path dir) : o_(o), dir_(std::move(dir)) {
    window_ = std::to_string(o.width) + "x" + std::to_string(o.height);
  }

  fs::path Config(const std::string& name, const std::string& pack) {
    const fs::path conf = dir_ / (name + ".conf");
    // A data directory as a kiosk has one: the font atlas is cached there between starts.
    fs::create_directories(DataDir());
    std::ofstream(conf) << "[sync]\ndata_dir = " << DataDir().string() << "\n\n"
                        << "[kiosk]\ncommune = UBND xã Vị Thủy\nattract_seconds = 0\n"
                        << "admin_state_file = " << (dir_ / "lock.json").string() << "\n"
                        << "pack = " << fs::absolute(pack).string() << "\n";
    return conf;
  }

  fs::path DataDir() const { return dir_ / "data"; }

  // Runs the kiosk on SCRIPT; returns its final state dump. Checks that the pack opened.
  json Script(const std::string& name, const fs::path& conf, const std::string& script) {
    const fs::path script_path = dir_ / (name + ".txt"), dump = dir_ / (name + ".json");
    const fs::path log = dir_ / (name + ".log"), shots = dir_ / (name + "-states");
    std::ofstream(script_path) << script;
    const int rc = Run({o_.kiosk, "--config", conf.string(), "--window", window_, "--script", script_path.string(),
                        "--screenshot-dir", shots.string(), "--dump-state", dump.string()},
                       log);
    if (rc != 0) Fail("kiosk run '" + name + "' failed (exit " + std::to_string(rc) + ")", log);
    json state = json::parse(ReadFile(dump), nullptr, false);
    if (state.is_discarded()) Fail("kiosk run '" + name + "' wrote no readable state dump", log);
    if (!state.contains("pack") || !state["pack"].contains("id"))
      Fail("kiosk run '" + name + "': the pack did not open: " + state.value("pack", json()).dump(), log);
    return state;
  }

  json State(const std::string& run, const std::string& name) {
    json s = json::parse(ReadFile(dir_ / (run + "-states") / (name + ".json")), nullptr, false);
    if (s.is_discarded()) Fail("no state '" + name + "' from run '" + run + "'");
    return s;
  }

  json Floor(int frames) {
    const fs::path log = dir_ / "floor.log";
    if (Run({o_.floor, "--window", window_, "--frames", std::to_string(frames)}, log) != 0)
      Fail("bench-ui-floor failed", log);
    json j = json::parse(ReadFile(log), nullptr, false);
    if (j.is_discarded()) Fail("bench-ui-floor printed no JSON", log);
    return j;
  }

  const std::string& Window() const { return window_; }
  const fs::path& Dir() const { return dir_; }

 private:
  const Options& o_;
  fs::path dir_;
  std::string window_;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

std::string Ms(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, v < 10 ? "%.2f ms" : v < 100 ? "%.1f ms" : "%.0f ms", v);
  return buf;
}

std::string Mib(double kb) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", kb / 1024.0);
  return buf;
}

void Row(const std::string& what, const std::string& kiosk, const std::string& floor, const std::string& target) {
  std::printf("  %-46s %-30s %-22s %s\n", what.c_str(), kiosk.c_str(), floor.c_str(), target.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  const fs::path self_dir = fs::absolute(fs::path(argv[0])).parent_path();
  o.kiosk = (self_dir / "kiosk").string();
  o.floor = (self_dir / "bench-ui-floor").string();
  o.gen_source = (self_dir / "gen-pack-source").string();
  o.content_pack = (self_dir / "content-pack").string();
  o.bench_dir = fs::path(KIOSK_BINARY_DIR) / "bench";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "bench-ui: %s needs a value\n%s", a.c_str(), kUsage);
        std::exit(2);
      }
      return argv[++i];
    };
    auto number = [&]() {
      const std::string v = next();
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end || n < 0 || n > 1000000) {
        std::fprintf(stderr, "bench-ui: %s wants a number (got '%s')\n", a.c_str(), v.c_str());
        std::exit(2);
      }
      return (int)n;
    };
    if (a == "--kiosk") o.kiosk = next();
    else if (a == "--floor") o.floor = next();
    else if (a == "--bench-dir") o.bench_dir = next();
    else if (a == "--pack") o.pack = next();
    else if (a == "--law-pack") o.law_pack = next();
    else if (a == "--queries") o.queries = number();
    else if (a == "--procedures") o.procedures = number();
    else if (a == "--articles") o.articles = number();
    else if (a == "--more-screens") o.more_screens = number();
    else if (a == "--flicks") o.flicks = number();
    else if (a == "--starts") o.starts = std::max(1, number());
    else if (a == "--idle-seconds") o.idle_seconds = number();
    else if (a == "--width") o.width = number();
    else if (a == "--height") o.height = number();
    else if (a == "--seed") o.seed = (uint64_t)number();
    else if (a == "--keep") o.keep = next();
    else if (a == "--quick") {
      // A smoke run: small packs, a few of everything (seconds, not minutes).
      o.quick = true;
      o.queries = 3, o.procedures = 4, o.articles = 4, o.more_screens = 12, o.flicks = 2;
      o.starts = 1, o.idle_seconds = 2;
    } else if (a == "--help" || a == "-h") {
      std::printf("%s", kUsage);
      return 0;
    } else {
      std::fprintf(stderr, "bench-ui: unknown argument '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }
  for (const std::string* exe : {&o.kiosk, &o.floor})
    if (access(exe->c_str(), X_OK) != 0) Fail(*exe + " is not an executable; build it first");

  // The packs.
  if (o.pack.empty()) {
    if (o.quick)
      o.pack = EnsurePack(o, o.bench_dir / "ui-quick-pack.sqlite", o.bench_dir / "ui-quick-source",
                          {"--small", "--documents", "2", "--articles-per-document", "40"});
    else
      o.pack = EnsurePack(o, o.bench_dir / "content-pack.sqlite", o.bench_dir / "content-pack-source", {});
  }
  if (o.law_pack.empty()) {
    if (o.quick) o.law_pack = o.pack;
    else
      o.law_pack = EnsurePack(o, o.bench_dir / "ui-law-pack.sqlite", o.bench_dir / "ui-law-source",
                              {"--documents", "1", "--articles-per-document", "500", "--faqs", "2000"});
  }
  const PackFacts large = ReadPack(o.pack, false);
  const PackFacts law = ReadPack(o.law_pack, true);
  if (law.articles.empty()) Fail(o.law_pack + " holds no document with articles");
  size_t law_procedures = 0;
  for (const auto& [field, ids] : law.procedures) law_procedures += ids.size();
  if (law_procedures == 0) Fail(o.law_pack + " holds no procedures");

  fs::path dir;
  if (!o.keep.empty()) {
    dir = fs::absolute(o.keep);
    fs::create_directories(dir);
  } else {
    char tmpl[] = "/tmp/bench-ui-XXXXXX";
    if (!mkdtemp(tmpl)) Fail("cannot make a temporary folder");
    dir = tmpl;
  }
  Bench b(o, dir);
  const fs::path large_conf = b.Config("large", o.pack), law_conf = b.Config("law", o.law_pack);
  const std::string load_before = LoadAverage();
  const auto wall0 = std::chrono::steady_clock::now();

  // 0. The floor: a bare window, 5 starts; frames and memory from the last.
  std::vector<double> floor_starts;
  json floor;
  for (int run = 0; run < o.starts; ++run) {
    floor = b.Floor(o.quick ? 30 : 300);
    floor_starts.push_back(floor["first_frame_ms"].get<double>());
  }

  // 1. Key press to results drawn, on the large pack. Every query on a fresh search screen
  //    (home, then the search tile), so every counted frame is a letter or a space typed.
  const std::vector<std::string> queries = MakeQueries(o.queries, o.seed);
  size_t keystrokes = 0;
  std::string search_script = "key home:search\n";
  for (size_t i = 0; i < queries.size(); ++i) {
    search_script += "type " + queries[i] + "\n";
    keystrokes += queries[i].size();
    if (i + 1 < queries.size()) search_script += "key nav:home\nkey home:search\n";
  }
  const json search = b.Script("search", large_conf, search_script);
  const json& sf = search["perf"]["search_frames"];

  // 2. Start to first frame with the large pack open.
  //    First once with no font atlas cached (a kiosk's first start after an install or a
  //    font update), then --starts times as every later start is.
  std::error_code ec;
  fs::remove_all(b.DataDir() / "cache", ec);
  const json cold_start = b.Script("start-cold", large_conf, "wait 10\n");
  std::vector<double> starts;
  std::vector<json> start_runs;
  for (int run = 0; run < o.starts; ++run) {
    start_runs.push_back(b.Script("start", large_conf, "wait 10\n"));
    starts.push_back(start_runs.back()["perf"]["first_frame_ms"].get<double>());
  }
  // The phases of the median run: where its time went.
  std::string phases;
  {
    std::vector<size_t> order(start_runs.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t c) { return starts[a] < starts[c]; });
    const json& p = start_runs[order[order.size() / 2]]["perf"];
    if (p.contains("start_phases_ms")) {
      const json& ph = p["start_phases_ms"];
      auto at = [&](const char* k) { return ph.contains(k) ? ph[k].get<double>() : 0.0; };
      char buf[256];
      std::snprintf(buf, sizeof buf, "window %.0f, pack %.0f, fonts %.0f + upload %.0f, build %.0f, GL %.0f",
                    at("window"), at("pack_open") - at("window"), at("font_atlas") - at("app"),
                    at("font_upload") - at("font_atlas"), at("first_frame_build") - at("app_start"),
                    at("first_frame") - at("first_frame_build"));
      phases = buf;
    }
  }

  // 3. Memory while browsing procedures and the law, then many more screens.
  //    Screens counted: a procedure's detail, a field's list, an article reached.
  bench::Random rng(o.seed * 7 + 1);
  std::vector<std::pair<std::string, std::vector<std::string>>> fields(law.procedures.begin(), law.procedures.end());
  size_t next_field = 0;
  std::map<std::string, size_t> next_in_field;
  std::string browse = "";
  int screens = 0;
  // N procedures' details, up to 6 per field, round the fields; returns the screens shown
  // (details and field lists).
  auto procedures = [&](int n) {
    int details = 0, shown = 0;
    browse += std::string(browse.empty() ? "" : "key nav:home\n") + "key home:procedures\n";
    while (details < n) {
      const auto& [field, ids] = fields[next_field++ % fields.size()];
      const bool list = fields.size() > 1;
      if (list) browse += "key field:" + field + "\n", ++shown;
      for (int k = 0; k < 6 && details < n; ++k, ++details, ++shown) {
        size_t& at = next_in_field[field];
        browse += "key item:" + ids[at++ % ids.size()] + "\nkey nav:back\n";
      }
      if (list) browse += "key nav:back\n";
    }
    return shown;
  };
  // N articles of the law: a jump through the contents, then a few next/previous.
  auto articles = [&](int n) {
    browse += std::string(browse.empty() ? "" : "key nav:home\n") + "key home:laws\nkey item:" + law.law_id + "\n";
    int shown = 0;
    while (shown < n) {
      browse += "key toc:" + law.articles[(size_t)rng.Range(0, (int64_t)law.articles.size() - 1)] + "\n";
      ++shown;
      for (int k = 0; k < 3 && shown < n; ++k, ++shown) browse += rng.Chance(0.75) ? "key unit:next\n" : "key unit:prev\n";
    }
    return shown;
  };
  screens += procedures(o.procedures);
  screens += articles(o.articles);
  browse += "state first\n";
  const int first_screens = screens;
  std::vector<std::pair<int, std::string>> checkpoints;
  for (int round = 0; screens - first_screens < o.more_screens; ++round) {
    const int left = o.more_screens - (screens - first_screens);
    const int chunk = std::min(left, o.quick ? 12 : 200);
    screens += procedures(chunk / 2);
    screens += articles(chunk - chunk / 2);
    browse += "state more-" + std::to_string(round) + "\n";
    checkpoints.push_back({screens, "more-" + std::to_string(round)});
  }
  const json browse_end = b.Script("browse", law_conf, browse);
  const double rss_first = b.State("browse", "first")["perf"]["resident_kb"].get<double>();
  std::vector<std::pair<int, double>> rss_more;
  for (const auto& [n, name] : checkpoints)
    rss_more.push_back({n, b.State("browse", name)["perf"]["resident_kb"].get<double>()});

  // 4. Flick-scrolling the law: down, then back up, each flick left to coast.
  std::string flick = "key home:laws\nkey item:" + law.law_id + "\n";
  const int x = o.width * 2 / 3, y_low = o.height * 7 / 8, y_high = o.height * 3 / 8;
  for (int i = 0; i < o.flicks; ++i) {
    const bool down = i < o.flicks * 3 / 4 || o.flicks < 2 ? true : false;
    flick += "drag " + std::to_string(x) + " " + std::to_string(down ? y_low : y_high) + " " + std::to_string(x) + " " +
             std::to_string(down ? y_high : y_low) + " 80\nwait 1200\n";
  }
  const json scrolled = b.Script("flick", law_conf, flick);

  // 5. Idle: interactive on the real clock; SIGTERM ends it and writes the dump.
  const fs::path idle_dump = dir / "idle.json";
  const auto t0 = std::chrono::steady_clock::now();
  pid_t pid = 0;
  Run({o.kiosk, "--config", large_conf.string(), "--offscreen", "--window", b.Window(), "--dump-state",
       idle_dump.string()},
      dir / "idle.log", &pid);
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const double cpu_before = CpuSeconds(pid);
  const double settle_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::this_thread::sleep_for(std::chrono::seconds(o.idle_seconds));
  const double cpu_after = CpuSeconds(pid);
  kill(pid, SIGTERM);
  WaitFor(pid);
  json idle = json::parse(ReadFile(idle_dump), nullptr, false);
  int idle_frames = -1;
  if (!idle.is_discarded()) {
    idle_frames = 0;
    for (const auto& at : idle["perf"]["recent_frame_real_ms"])
      if (at.get<double>() > settle_ms) ++idle_frames;
  }
  const double minutes = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count() / 60;

  // The table.
  const json& display = search["display"];
  std::printf("kiosk UI benchmark, %s, video driver %s, %s\n", b.Window().c_str(),
              display.value("driver", "?").c_str(), display.value("renderer", floor.value("renderer", "?")).c_str());
  std::printf("machine: %u CPUs (%s); load average %s before, %s after; %.1f min\n",
              std::thread::hardware_concurrency(), CpuModel().c_str(), load_before.c_str(), LoadAverage().c_str(),
              minutes);
  std::printf("large pack: %s (%.0f MB, %lld items)\n", large.path.c_str(), large.mb, (long long)large.items);
  std::printf("law pack:   %s (%.0f MB, %zu procedures; %s with %zu articles)\n\n", law.path.c_str(), law.mb,
              law_procedures, law.law_id.c_str(), law.articles.size());
  Row("figure", "kiosk", "floor", "target");
  auto pp = [](const json& j) { return "p50 " + Ms(j["p50"].get<double>()) + ", p95 " + Ms(j["p95"].get<double>()); };
  Row("key press -> results drawn (" + std::to_string(sf["count"].get<int>()) + " of " + std::to_string(keystrokes) +
          " keys)",
      pp(sf["total_ms"]), "frame p50 " + Ms(floor["frame_ms_p50"].get<double>()), "");
  Row("  search", pp(sf["search_ms"]), "", "");
  Row("  UI build (without search)", pp(sf["build_ms"]), "", "");
  if (sf.contains("search_build_ms"))
    Row("  search + UI build", pp(sf["search_build_ms"]), "", "p95 <= 8 ms");
  Row("  GL (render, swap, glFinish)", pp(sf["gl_ms"]), "p99 " + Ms(floor["frame_ms_p99"].get<double>()), "");
  std::sort(starts.begin(), starts.end());
  std::sort(floor_starts.begin(), floor_starts.end());
  char range[64];
  std::snprintf(range, sizeof range, " (%.0f..%.0f)", starts.front(), starts.back());
  char floor_range[64];
  std::snprintf(floor_range, sizeof floor_range, " (%.0f..%.0f)", floor_starts.front(), floor_starts.back());
  Row("start to first frame, median of " + std::to_string(o.starts), Ms(Median(starts)) + range,
      Ms(Median(floor_starts)) + floor_range, "<= 150 ms");
  if (!phases.empty()) Row("  of which (median run, ms)", phases, "", "");
  Row("  first start, font atlas not cached yet", Ms(cold_start["perf"]["first_frame_ms"].get<double>()), "", "");
  const double floor_kb = floor["resident_kb"].get<double>();
  char above[64];
  std::snprintf(above, sizeof above, " (floor + %.1f)", (rss_first - floor_kb) / 1024);
  Row("resident memory after " + std::to_string(o.procedures) + " procedures,", "", "", "");
  Row("  " + std::to_string(o.articles) + " articles (" + std::to_string(first_screens) + " screens)",
      Mib(rss_first) + above, Mib(floor_kb), "<= floor + 40 MiB");
  if (floor.contains("rss_anon_kb"))
    Row("  of which anonymous, mapped files", "", Mib(floor["rss_anon_kb"].get<double>()) + ", " +
        Mib(floor["rss_file_kb"].get<double>()), "");
  for (const auto& [n, kb] : rss_more) {
    char growth[64];
    std::snprintf(growth, sizeof growth, " (%+.1f)", (kb - rss_first) / 1024);
    Row("  after " + std::to_string(n - first_screens) + " more", Mib(kb) + growth, "",
        n == rss_more.back().first ? "no growth" : "");
  }
  Row("  at the end (VmRSS at exit)", Mib(browse_end["perf"]["resident_kb"].get<double>()), "", "");
  Row("flicking the law: frame p50, p99", Ms(scrolled["perf"]["frame_ms_p50"].get<double>()) + ", " +
                                               Ms(scrolled["perf"]["frame_ms_p99"].get<double>()),
      Ms(floor["frame_ms_p50"].get<double>()) + ", " + Ms(floor["frame_ms_p99"].get<double>()), "");
  Row("  UI build (no GL): p50, p99", Ms(scrolled["perf"]["frame_build_ms_p50"].get<double>()) + ", " +
                                          Ms(scrolled["perf"]["frame_build_ms_p99"].get<double>()),
      "", "");
  Row("  frames, px scrolled", std::to_string(scrolled["perf"]["frames_measured"].get<int>()) + ", " +
                                   std::to_string((long)scrolled["scroll"]["document"].value("offset", 0.0)) + " of " +
                                   std::to_string((long)scrolled["scroll"]["document"].value("max", 0.0)),
      "", "");
  char idle_line[64];
  std::snprintf(idle_line, sizeof idle_line, "%d frames, %.2f s CPU", idle_frames, cpu_after - cpu_before);
  Row("idle " + std::to_string(o.idle_seconds) + " s, large pack open", idle_line, "", "0 frames");
  if (o.keep.empty()) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  return 0;
}
