// tests/touch-ui/strings_test.cpp: the strings file: lookups, lists, loud missing keys,
// and clear errors for broken files.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "touch-ui/strings.hpp"

namespace {
std::string WriteTemp(const std::string& content) {
  char path[] = "/tmp/touch-ui-strings-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  std::ofstream(path) << content;
  return path;
}
}  // namespace

TEST_CASE("strings: keys and lists are found and a missing key is loud") {
  const std::string path = WriteTemp(R"({"_comment": "x", "home.title": "Trang chủ", "list": ["a", "b"]})");
  touchui::Strings s;
  std::string error;
  REQUIRE(s.Load(path, &error));
  CHECK(std::string(s.Get("home.title")) == "Trang chủ");
  CHECK(s.GetList("list").size() == 2);
  CHECK_FALSE(s.Has("_comment"));
  CHECK(s.Missing().empty());
  CHECK(std::string(s.Get("no.such")) == "\xE2\x9F\xA6no.such\xE2\x9F\xA7");
  CHECK(s.Missing().count("no.such") == 1);
  std::remove(path.c_str());
}

TEST_CASE("strings: broken files fail with the path and the problem") {
  touchui::Strings s;
  std::string error;
  CHECK_FALSE(s.Load("/nonexistent/vi.json", &error));
  CHECK(error.find("/nonexistent/vi.json") != std::string::npos);
  for (const char* bad : {"[1, 2]", "{not json", R"({"a": 3})", R"({"a": ["x", 3]})"}) {
    const std::string path = WriteTemp(bad);
    error.clear();
    CHECK_FALSE(s.Load(path, &error));
    CHECK(error.find(path) != std::string::npos);
    std::remove(path.c_str());
  }
}
