// tests/bench/content-pack/bench_smoke_test.cpp: proves that the content-pack benchmark
// programs work (gen-pack-source, bench-search), on a --small source so the suite stays
// quick. It checks what they write and print and how they fail; it never asserts on time:
// the figures are for people (docs/benchmarks.md).

#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const std::string kBin = std::string(KIOSK_BINARY_DIR) + "/bin/";

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "bench-smoke-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

struct Run { int status = -1; std::string output; };

// Runs a shell command line with stderr folded into stdout.
Run Shell(const std::string& command) {
  Run r;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.output.append(buf, n);
  int status = pclose(p);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Relative path -> content, for every regular file below ROOT.
std::map<std::string, std::string> Tree(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (auto& e : fs::recursive_directory_iterator(root))
    if (e.is_regular_file()) files[fs::relative(e.path(), root).string()] = Slurp(e.path());
  return files;
}

}  // namespace

TEST_CASE("gen-pack-source --small writes a complete source, the same bytes for the same seed") {
  TempDir tmp;
  Run a = Shell(kBin + "gen-pack-source " + (tmp / "a") + " --small --seed 7");
  REQUIRE_MESSAGE(a.status == 0, a.output);
  Run b = Shell(kBin + "gen-pack-source " + (tmp / "b") + " --small --seed 7");
  REQUIRE_MESSAGE(b.status == 0, b.output);
  auto tree_a = Tree(tmp / "a");
  CHECK(tree_a == Tree(tmp / "b"));

  size_t procedures = 0, documents = 0, faqs = 0;
  std::string a_document;
  for (auto& [path, content] : tree_a) {
    if (content.find("\ntype: procedure\n") != std::string::npos) ++procedures;
    if (content.find("\ntype: document\n") != std::string::npos) { ++documents; a_document = content; }
    if (content.find("\ntype: faq\n") != std::string::npos) ++faqs;
  }
  CHECK(procedures == 60);
  CHECK(documents == 8);
  CHECK(faqs == 300);
  CHECK(tree_a.count("pack.yaml") == 1);
  // The legal structure the builder must recognise.
  CHECK(a_document.find("Chương I") != std::string::npos);
  CHECK(a_document.find("Điều 1. ") != std::string::npos);
  CHECK(a_document.find("Điều 20. ") != std::string::npos);
  CHECK(a_document.find("\n1. ") != std::string::npos);
  CHECK(a_document.find("\na) ") != std::string::npos);

  Run c = Shell(kBin + "gen-pack-source " + (tmp / "c") + " --small --seed 8");
  REQUIRE_MESSAGE(c.status == 0, c.output);
  CHECK(Tree(tmp / "c") != tree_a);

  // Sizes given with --small win; --images adds PNG forms that procedures reference.
  Run d = Shell(kBin + "gen-pack-source " + (tmp / "d") +
                " --small --procedures 5 --documents 1 --articles-per-document 3 --faqs 2 --images");
  REQUIRE_MESSAGE(d.status == 0, d.output);
  auto tree_d = Tree(tmp / "d");
  size_t md = 0, png = 0;
  bool form_referenced = false;
  for (auto& [path, content] : tree_d) {
    if (path.ends_with(".md")) ++md;
    if (path.ends_with(".png")) { ++png; CHECK(content.substr(1, 3) == "PNG"); }
    if (content.find("form: \"bieu-mau/") != std::string::npos) form_referenced = true;
  }
  CHECK(md == 8);
  CHECK(png >= 1);
  CHECK(form_referenced);
}

TEST_CASE("bench-search builds a small pack and prints its figures") {
  TempDir tmp;
  Run gen = Shell(kBin + "gen-pack-source " + (tmp / "src") + " --small --images");
  REQUIRE_MESSAGE(gen.status == 0, gen.output);
  Run bench = Shell(kBin + "bench-search --source " + (tmp / "src") + " --out " + (tmp / "pack.sqlite") +
                    " --queries 60 --warmup 10 --slowest 3 --dump-queries " + (tmp / "queries.tsv"));
  INFO(bench.output);
  REQUIRE(bench.status == 0);
  for (const char* expected : {"machine:", "build time:", "pack:", "PackReader::Search", "plain FTS5 MATCH",
                               "ratio Search / plain", "by query form", "3 slowest Search queries",
                               "peak RSS", "RESULT search_p50_ms="})
    CHECK_MESSAGE(bench.output.find(expected) != std::string::npos, expected);
  CHECK(fs::file_size(tmp / "pack.sqlite") > 0);
  CHECK_FALSE(fs::exists(tmp / "pack.sqlite.plain-fts.tmp"));  // the floor's temp file is gone

  std::ifstream tsv(tmp / "queries.tsv");
  std::string line;
  size_t lines = 0;
  while (std::getline(tsv, line)) ++lines;
  CHECK(lines == 61);  // header + one line per query

  // The same pack taken as it is: no build.
  Run again = Shell(kBin + "bench-search --pack " + (tmp / "pack.sqlite") + " --queries 20 --warmup 0");
  INFO(again.output);
  CHECK(again.status == 0);
  CHECK(again.output.find("build time:") == std::string::npos);
  CHECK(again.output.find("n=20") != std::string::npos);

  // A dumped TSV (or a plain list) replays exactly those queries.
  Run replay = Shell(kBin + "bench-search --pack " + (tmp / "pack.sqlite") + " --queries-from " +
                     (tmp / "queries.tsv") + " --warmup 0");
  INFO(replay.output);
  CHECK(replay.status == 0);
  CHECK(replay.output.find("queries: 60 ") != std::string::npos);
  std::ofstream(tmp / "two.txt") << "đăng ký khai sinh\nchung thuc ban sao\n";
  Run two = Shell(kBin + "bench-search --pack " + (tmp / "pack.sqlite") + " --queries-from " + (tmp / "two.txt"));
  CHECK(two.status == 0);
  CHECK(two.output.find("queries: 2 ") != std::string::npos);
  Run none = Shell(kBin + "bench-search --pack " + (tmp / "pack.sqlite") + " --queries-from " + (tmp / "nothing.txt"));
  CHECK(none.status == 1);
  CHECK(none.output.find("cannot read queries") != std::string::npos);
}

TEST_CASE("gen-pack-source refuses to replace a folder it did not make, and bad options") {
  TempDir tmp;
  fs::create_directories(tmp / "authors");
  std::ofstream(tmp / "authors/keep.md") << "an author's file\n";
  Run r = Shell(kBin + "gen-pack-source " + (tmp / "authors") + " --small");
  CHECK(r.status != 0);
  CHECK(r.output.find("refusing") != std::string::npos);
  CHECK(fs::exists(tmp / "authors/keep.md"));

  Run bad_number = Shell(kBin + "gen-pack-source " + (tmp / "x") + " --procedures many");
  CHECK(bad_number.status == 2);
  CHECK(bad_number.output.find("--procedures") != std::string::npos);
  Run unknown = Shell(kBin + "gen-pack-source " + (tmp / "x") + " --colour");
  CHECK(unknown.status == 2);
  Run no_dir = Shell(kBin + "gen-pack-source");
  CHECK(no_dir.status == 2);
  Run no_words = Shell(kBin + "gen-pack-source " + (tmp / "x") + " --dictionary " + (tmp / "missing.dic"));
  CHECK(no_words.status == 1);
  CHECK(no_words.output.find("cannot open word list") != std::string::npos);
}

TEST_CASE("bench-search fails clearly on a missing pack, a file that is not a pack and a failing build") {
  TempDir tmp;
  Run missing = Shell(kBin + "bench-search --pack " + (tmp / "missing.sqlite"));
  CHECK(missing.status == 1);
  CHECK(missing.output.find("cannot read") != std::string::npos);

  std::ofstream(tmp / "notes.txt") << "not a pack at all\n";
  Run not_pack = Shell(kBin + "bench-search --pack " + (tmp / "notes.txt"));
  CHECK(not_pack.status == 1);
  CHECK(not_pack.output.find("cannot open the pack") != std::string::npos);

  fs::create_directories(tmp / "broken");  // no pack.yaml: the builder must refuse
  Run broken = Shell(kBin + "bench-search --source " + (tmp / "broken") + " --out " + (tmp / "broken.sqlite"));
  CHECK(broken.status == 1);
  CHECK(broken.output.find("the build failed") != std::string::npos);

  Run neither = Shell(kBin + "bench-search");
  CHECK(neither.status == 2);
  Run both = Shell(kBin + "bench-search --pack a --source b");
  CHECK(both.status == 2);
}
