// Hostile packs and source folders from the attack review (issue 10): objects that are
// not the schema's tables, values no honest pack holds, bytes that are not text in JSON
// output, NUL bytes and symbolic links in a source folder. Each case failed on the code
// before the fix (docs/sync-fault-matrix.md, "Attack review").
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include "content-pack/pack_reader.hpp"
#include "content-pack/text_safety.hpp"
#include "pack_test_support.hpp"

using namespace testing;

namespace {

struct MiniPack {
  TempDir dir;
  std::string path;
  MiniPack() {
    auto src = CopyMiniSource(dir);
    path = dir / "mini.pack";
    auto r = Build(src, path);
    REQUIRE_MESSAGE(r.ok, Errors(r));
  }
};

void Exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE_MESSAGE(rc == SQLITE_OK, message);
}

bool HasDiagnostic(const pack::BuildReport& r, const std::string& file, int line, const std::string& words) {
  for (const auto& d : r.diagnostics)
    if (d.Format().find(line > 0 ? file + ":" + std::to_string(line) + ":" : file + ": ") != std::string::npos &&
        d.Format().find(words) != std::string::npos)
      return true;
  return false;
}

}  // namespace

TEST_CASE("hostile pack: a meta VIEW that computes huge rows is refused before it runs") {
  MiniPack p;
  // 20 MB per row here; the review's pack made 200 MB rows, every night, in kiosk-sync.
  Exec(p.path, "CREATE TABLE meta_real AS SELECT * FROM meta; DROP TABLE meta; "
               "CREATE VIEW meta(key, value) AS SELECT key, CASE WHEN key = 'title' THEN "
               "printf('%.*c', 20000000, 'x') ELSE value END FROM meta_real");
  auto opened = pack::PackReader::Open(p.path);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().find("'meta' is a view, expected a table") != std::string::npos);
}

TEST_CASE("hostile pack: a required table of another shape is refused") {
  MiniPack p;
  Exec(p.path, "ALTER TABLE items ADD COLUMN extra TEXT");
  auto opened = pack::PackReader::Open(p.path);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().find("'items' has other columns") != std::string::npos);
}

TEST_CASE("hostile pack: a meta value longer than 64 KiB is refused") {
  MiniPack p;
  Exec(p.path, "UPDATE meta SET value = printf('%.*c', 70000, 'x') WHERE key = 'publisher'");
  auto opened = pack::PackReader::Open(p.path);
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().find("longer than 65536 bytes") != std::string::npos);
  MiniPack q;
  Exec(q.path, "UPDATE meta SET value = printf('%.*c', 60000, 'x') WHERE key = 'publisher'");
  CHECK(pack::PackReader::Open(q.path).ok());
}

TEST_CASE("hostile pack: inspect --json and search --json print any bytes as valid JSON") {
  MiniPack p;
  // Not UTF-8 (0xFF) and a terminal escape, in the title and in a search document.
  Exec(p.path, "UPDATE meta SET value = CAST(X'4E6FFF1B5B324A' AS TEXT) WHERE key = 'title'; "
               "UPDATE search_docs SET title = CAST(X'C4906FFF6E67' AS TEXT)");
  auto inspect = Run({CONTENT_PACK_TOOL, "inspect", p.path, "--json"});
  INFO(inspect.err);
  CHECK(inspect.status == 0);  // 134 (abort) before the fix
  auto doc = nlohmann::json::parse(inspect.out, nullptr, false);
  REQUIRE_FALSE(doc.is_discarded());
  CHECK(doc["title"] == "No\xEF\xBF\xBD\x1B[2J");
  auto search = Run({CONTENT_PACK_TOOL, "search", p.path, "khai sinh", "--json"});
  INFO(search.err);
  CHECK(search.status == 0);
  CHECK_FALSE(nlohmann::json::parse(search.out, nullptr, false).is_discarded());
}

TEST_CASE("text safety: ValidUtf8 and PrintableText") {
  CHECK(pack::ValidUtf8("Đăng ký") == "Đăng ký");
  CHECK(pack::ValidUtf8("a\xff" "b") == "a\xEF\xBF\xBD" "b");
  CHECK(pack::ValidUtf8("\xC0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD");        // overlong NUL
  CHECK(pack::ValidUtf8("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
  CHECK(pack::ValidUtf8("\xF4\x90\x80\x80").find("\xF4") == std::string::npos);  // > U+10FFFF
  CHECK(pack::ValidUtf8("\xE1\xBA") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // truncated
  CHECK(pack::PrintableText("ok\x1b[2J\r\nfake line") == "ok\\x1B[2J\\x0D\\x0Afake line");
  CHECK(pack::PrintableText("\xC2\x9B" "1m") == "\\x9B1m");  // C1 CSI
  CHECK(pack::PrintableText("Thủ tục") == "Thủ tục");
  CHECK(pack::DumpJson(nlohmann::json{{"e", "\xff"}}) == "{\"e\":\"\xEF\xBF\xBD\"}");
}

TEST_CASE("hostile source: a NUL byte in an item or pack.yaml is refused with path:line") {
  TempDir dir;
  auto src = CopyMiniSource(dir);
  std::string text = ReadFile(src / "thu-tuc/khai-sinh.md");
  const size_t title = text.find("title: Đăng ký khai sinh");
  REQUIRE(title != std::string::npos);
  text.insert(title + 10, std::string(1, '\0'));
  WriteFile(src / "thu-tuc/khai-sinh.md", text);
  auto r = Build(src, dir / "out.pack");
  CHECK_FALSE(r.ok);
  CHECK(HasDiagnostic(r, "thu-tuc/khai-sinh.md", 4, "NUL byte"));
  // YAML's "\0" escape makes the same byte from plain text.
  TempDir dir2;
  auto src2 = CopyMiniSource(dir2);
  std::string escaped = ReadFile(src2 / "thu-tuc/khai-sinh.md");
  escaped.replace(escaped.find("title: Đăng ký khai sinh"), 27, "title: \"Đăng ký\\0 khai sinh\"");
  WriteFile(src2 / "thu-tuc/khai-sinh.md", escaped);
  auto r2 = Build(src2, dir2 / "out.pack");
  CHECK_FALSE(r2.ok);
  CHECK(HasDiagnostic(r2, "thu-tuc/khai-sinh.md", 4, "NUL"));
  TempDir dir3;
  auto src3 = CopyMiniSource(dir3);
  const std::string yaml = ReadFile(src3 / "pack.yaml");
  WriteFile(src3 / "pack.yaml", yaml + std::string("# \0\n", 4));
  auto r3 = Build(src3, dir3 / "out.pack");
  CHECK_FALSE(r3.ok);
  CHECK(HasDiagnostic(r3, "pack.yaml", 1 + static_cast<int>(std::count(yaml.begin(), yaml.end(), '\n')), "NUL byte"));
}

TEST_CASE("hostile source: symbolic links to files outside the source folder are refused") {
  TempDir dir;
  auto src = CopyMiniSource(dir);
  const auto outside = dir.path() / "outside.md";
  WriteFile(outside, ReadFile(src / "thu-tuc/khai-sinh.md"));
  fs::remove(src / "thu-tuc/khai-sinh.md");
  fs::create_symlink(outside, src / "thu-tuc/khai-sinh.md");
  auto r = Build(src, dir / "out.pack");
  CHECK_FALSE(r.ok);
  INFO(Errors(r));
  CHECK(HasDiagnostic(r, "thu-tuc/khai-sinh.md", 0, "symbolic link"));
  TempDir dir2;
  auto src2 = CopyMiniSource(dir2);
  WriteFile(dir2.path() / "pack.yaml", ReadFile(src2 / "pack.yaml"));
  fs::remove(src2 / "pack.yaml");
  fs::create_symlink(dir2.path() / "pack.yaml", src2 / "pack.yaml");
  auto r2 = Build(src2, dir2 / "out.pack");
  CHECK_FALSE(r2.ok);
  CHECK(HasDiagnostic(r2, "pack.yaml", 0, "symbolic link"));
}
