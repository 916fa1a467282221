// tests/bench/sync/bench_smoke_test.cpp: bench-sync runs end to end on a small pack and
// prints its figures (asserts that it works, never on the figures or on time).
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

TEST_CASE("bench-sync prints delta, zsync and install figures for a small pack") {
  namespace fs = std::filesystem;
  const fs::path work = fs::temp_directory_path() / ("bench-sync-smoke-" + std::to_string(::getpid()));
  const fs::path out = work.string() + ".log";
  const std::string cmd = std::string(KIOSK_BINARY_DIR) + "/bin/bench-sync --work " + work.string() +
                          " --items 300 --words 30 --install-mb 4 --level 3 > " + out.string() + " 2>&1";
  const int rc = std::system(cmd.c_str());
  std::ifstream in(out);
  std::stringstream text;
  text << in.rdbuf();
  INFO(text.str());
  CHECK(rc == 0);
  CHECK(text.str().find("1% items") != std::string::npos);
  CHECK(text.str().find("10% items") != std::string::npos);
  CHECK(text.str().find("PRAGMA quick_check") != std::string::npos);
  CHECK(text.str().find("content delta") != std::string::npos);
  CHECK(text.str().find("same bytes") != std::string::npos);
  CHECK_FALSE(fs::exists(work));  // the benchmark cleans up after itself
  fs::remove(out);
}
