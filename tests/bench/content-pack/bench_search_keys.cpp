// tests/bench/content-pack/bench-search-keys: PackReader::Search over the text a citizen
// has typed after every key, as the kiosk's search screen asks it (limit 30, prefix_last,
// forgiving), in the order typed, so the searcher's caches see what they see in the kiosk.
//
//   bench-search-keys PACK SCRIPT [--passes N] [--limit N] [--results FILE] [--times FILE]
//
// SCRIPT is a bench-ui search script (its `type TEXT` lines; every prefix of TEXT is one
// key) or a file of queries, one a line. Prints the wall and thread CPU time per key
// (p50/p95/max, the fastest of N passes) and the slowest keys; never asserts. --results
// writes every key's match kind, corrected query and hits (to compare two builds: the
// same file means the same results); --times every key's CPU ms.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "content-pack/pack_reader.hpp"

namespace {
double CpuMs() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}
double WallMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v[size_t(q * double(v.size() - 1) + 0.5)];
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench-search-keys PACK SCRIPT [--passes N] [--limit N] [--results FILE] [--times FILE]\n");
    return 2;
  }
  int passes = 3, limit = 30;
  std::string results_path, times_path;
  for (int i = 3; i < argc; ++i) {
    const std::string a = argv[i];
    if (i + 1 >= argc) { std::fprintf(stderr, "bench-search-keys: %s needs a value\n", a.c_str()); return 2; }
    if (a == "--passes") passes = std::max(1, std::atoi(argv[++i]));
    else if (a == "--limit") limit = std::max(1, std::atoi(argv[++i]));
    else if (a == "--results") results_path = argv[++i];
    else if (a == "--times") times_path = argv[++i];
    else { std::fprintf(stderr, "bench-search-keys: unknown argument '%s'\n", a.c_str()); return 2; }
  }
  auto reader = pack::PackReader::Open(argv[1]);
  if (!reader) { std::fprintf(stderr, "bench-search-keys: %s\n", reader.error().c_str()); return 1; }
  std::ifstream in(argv[2]);
  if (!in) { std::fprintf(stderr, "bench-search-keys: cannot read %s\n", argv[2]); return 1; }
  std::vector<std::string> keys;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("type ", 0) == 0) {
      const std::string text = line.substr(5);
      for (size_t n = 1; n <= text.size(); ++n) keys.push_back(text.substr(0, n));
    } else if (!line.empty() && line.rfind("key ", 0) != 0) {
      keys.push_back(line);
    }
  }
  if (keys.empty()) { std::fprintf(stderr, "bench-search-keys: no queries in %s\n", argv[2]); return 1; }
  pack::SearchOptions options;
  options.limit = limit;
  const double w0 = WallMs(), c0 = CpuMs();
  (void)(*reader)->Search("a", options);  // loads the vocabulary, as the first key does
  std::printf("first search (loads the vocabulary): %.1f ms wall, %.1f ms CPU\n", WallMs() - w0, CpuMs() - c0);
  std::vector<double> wall(keys.size(), 1e300), cpu(keys.size(), 1e300);
  std::ofstream results;
  if (!results_path.empty()) results.open(results_path);
  for (int pass = 0; pass < passes; ++pass)
    for (size_t i = 0; i < keys.size(); ++i) {
      const double w = WallMs(), c = CpuMs();
      auto r = (*reader)->Search(keys[i], options);
      wall[i] = std::min(wall[i], WallMs() - w);
      cpu[i] = std::min(cpu[i], CpuMs() - c);
      if (pass == 0 && results.is_open()) {
        results << keys[i] << "\t" << (r ? int(r->match) : -1) << "\t" << (r ? r->corrected_query : r.error()) << "\t";
        if (r) for (const auto& h : r->hits) results << h.item_id << (h.unit ? "#" + h.anchor : "") << " ";
        results << "\n";
      }
    }
  if (!times_path.empty()) {
    std::ofstream t(times_path);
    for (size_t i = 0; i < keys.size(); ++i) t << keys[i] << "\t" << cpu[i] << "\n";
  }
  double load[3] = {0, 0, 0};
  if (FILE* f = std::fopen("/proc/loadavg", "r")) {
    if (std::fscanf(f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3) load[0] = -1;
    std::fclose(f);
  }
  std::printf("%zu keys, fastest of %d passes, limit %d (load average %.2f %.2f %.2f)\n", keys.size(), passes, limit,
              load[0], load[1], load[2]);
  std::printf("  wall: p50 %.2f ms, p95 %.2f ms, max %.2f ms\n", Percentile(wall, 0.5), Percentile(wall, 0.95),
              Percentile(wall, 1));
  std::printf("  CPU:  p50 %.2f ms, p95 %.2f ms, max %.2f ms\n", Percentile(cpu, 0.5), Percentile(cpu, 0.95),
              Percentile(cpu, 1));
  std::vector<size_t> order(keys.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cpu[a] > cpu[b]; });
  std::printf("slowest keys (CPU ms):\n");
  for (size_t k = 0; k < std::min<size_t>(10, order.size()); ++k)
    std::printf("  %6.2f  \"%s\"\n", cpu[order[k]], keys[order[k]].c_str());
  return 0;
}
