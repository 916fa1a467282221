// The content-pack command line: exit codes, human and JSON output.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "pack_test_support.hpp"

using namespace testing;

TEST_CASE("cli: build, inspect and search the demo pack") {
  TempDir dir;
  std::string pack_path = dir / "demo.pack";
  auto build = Run({CONTENT_PACK_TOOL, "build", DEMO_SOURCE_DIR, "-o", pack_path});
  INFO(build.err);
  REQUIRE(build.status == 0);
  CHECK(build.out.find("wrote") != std::string::npos);

  auto inspect = Run({CONTENT_PACK_TOOL, "inspect", pack_path, "--json"});
  REQUIRE(inspect.status == 0);
  auto meta = nlohmann::json::parse(inspect.out);
  CHECK(meta["id"] == "vn-hau-giang-tu-phap");
  // What the demo promises: at least 15 procedures, 4 documents, 5 articles, 10 FAQs,
  // a quiz, 2 announcements.
  CHECK(meta["counts"]["procedure"].get<int>() >= 15);
  CHECK(meta["counts"]["document"].get<int>() >= 4);
  CHECK(meta["counts"]["article"].get<int>() >= 5);
  CHECK(meta["counts"]["faq"].get<int>() >= 10);
  CHECK(meta["counts"]["quiz"].get<int>() >= 1);
  CHECK(meta["counts"]["announcement"].get<int>() >= 2);
  CHECK(meta["images"].get<int>() >= 2);

  auto human = Run({CONTENT_PACK_TOOL, "inspect", pack_path});
  CHECK(human.status == 0);
  CHECK(human.out.find("vn-hau-giang-tu-phap") != std::string::npos);

  auto search = Run({CONTENT_PACK_TOOL, "search", pack_path, "dang ky ket hong", "--json"});
  REQUIRE(search.status == 0);
  auto result = nlohmann::json::parse(search.out);
  CHECK(result["match"] == "corrected");
  CHECK(result["corrected_query"] == "đăng ký kết hôn");
  REQUIRE_FALSE(result["results"].empty());
  CHECK(result["results"][0]["id"] == "dang-ky-ket-hon");
  CHECK(result["results"][0]["type"] == "procedure");
  CHECK(result["results"][0]["strength"] == "title");
  CHECK(result["strength"] == "title");
  std::string content;
  for (const auto& w : result["content_words"]) content += (content.empty() ? "" : " ") + w.get<std::string>();
  CHECK(content == "đăng ký kết hôn");
  for (const auto& hit : result["results"]) {
    std::string strength = hit["strength"];
    CHECK((strength == "title" || strength == "keyword" || strength == "body" || strength == "partial"));
  }
  // A topic the demo pack does not cover: nothing claims to be an answer, and the roles show.
  auto absent = Run({CONTENT_PACK_TOOL, "search", pack_path, "tôi muốn đổi bằng lái xe", "--json"});
  REQUIRE(absent.status == 0);
  auto none = nlohmann::json::parse(absent.out);
  CHECK(none["strength"] == "partial");
  REQUIRE(none["terms"].size() >= 2);
  CHECK(none["terms"][0]["role"] == "filler");
  CHECK(none["terms"][0]["text"] == "tôi muốn");

  auto text = Run({CONTENT_PACK_TOOL, "search", pack_path, "trung thuc ban sao"});
  CHECK(text.status == 0);
  CHECK(text.out.rfind("Kết quả cho: chứng thực bản sao", 0) == 0);
}

TEST_CASE("cli: errors have exit status 1, usage mistakes 2") {
  TempDir dir;
  CHECK(Run({CONTENT_PACK_TOOL}).status == 2);
  CHECK(Run({CONTENT_PACK_TOOL, "frobnicate"}).status == 2);
  CHECK(Run({CONTENT_PACK_TOOL, "build", "only-source"}).status == 2);
  CHECK(Run({CONTENT_PACK_TOOL, "build", "x", "-o", "y", "--version", "zero"}).status == 2);
  auto missing = Run({CONTENT_PACK_TOOL, "inspect", dir / "none.pack"});
  CHECK(missing.status == 1);
  CHECK(missing.err.find("none.pack") != std::string::npos);
  WriteFile(dir.path() / "src" / "pack.yaml", "id: x\ntitle: X\npublisher: P\n");
  WriteFile(dir.path() / "src" / "a.md", "---\ntype: nope\nid: a\ntitle: A\n---\n");
  auto bad = Run({CONTENT_PACK_TOOL, "build", dir / "src", "-o", dir / "out.pack"});
  CHECK(bad.status == 1);
  CHECK(bad.err.find("a.md:2: unknown type 'nope'") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path() / "out.pack"));
}
