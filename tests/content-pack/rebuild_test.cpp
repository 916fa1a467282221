// Content streams and rebuilt packs (content-pack/rebuild.hpp): a pack made again from its
// content alone must have the very bytes `content-pack build` wrote, since a kiosk
// checks them against the signed sha256; and a damaged or hostile stream must fail with a
// message naming where, leaving nothing behind.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <set>

#include "content-pack/pack_reader.hpp"
#include "content-pack/portal.hpp"
#include "content-pack/rebuild.hpp"
#include "pack_test_support.hpp"

using namespace testing;
namespace portal = pack::portal;

namespace {

std::string Sha(const fs::path& path) { return *portal::Sha256File(path.string()); }

// Names of the files in DIR (temporaries included).
std::set<std::string> Listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// Builds SRC, streams the pack, rebuilds it, and checks the bytes are the same.
void CheckRoundTrip(const TempDir& dir, const fs::path& src, const std::string& name) {
  const fs::path built = dir / (name + ".sqlite"), stream = dir / (name + ".content"),
                 rebuilt = dir / (name + ".rebuilt.sqlite");
  auto report = Build(src, built, 7);
  REQUIRE_MESSAGE(report.ok, Errors(report));
  auto digest = pack::WriteContentStream(built.string(), stream.string());
  REQUIRE_MESSAGE(digest.ok(), digest.error());
  CHECK(digest->size == static_cast<int64_t>(fs::file_size(stream)));
  CHECK(digest->sha256 == Sha(stream));
  auto again = pack::RebuildPack(stream.string(), rebuilt.string());
  REQUIRE_MESSAGE(again.ok(), again.error());
  CHECK_MESSAGE(again->sha256 == Sha(built), name << ": the rebuilt pack differs from the built one");
  CHECK(again->size == static_cast<int64_t>(fs::file_size(built)));
  CHECK(again->sha256 == Sha(rebuilt));
  // The stream of the rebuilt pack is the same stream.
  auto second = pack::WriteContentStream(rebuilt.string(), dir / (name + ".content2"));
  REQUIRE(second.ok());
  CHECK(second->sha256 == digest->sha256);
  // And it searches like the original.
  auto a = pack::PackReader::Open(built.string());
  auto b = pack::PackReader::Open(rebuilt.string());
  REQUIRE(a.ok());
  REQUIRE(b.ok());
  for (const char* q : {"khai sinh", "ket hon", "dieu 1", "chung thuc ban sao"}) {
    auto ra = (*a)->Search(q), rb = (*b)->Search(q);
    REQUIRE(ra.ok());
    REQUIRE(rb.ok());
    REQUIRE(ra->hits.size() == rb->hits.size());
    for (size_t i = 0; i < ra->hits.size(); ++i) {
      CHECK(ra->hits[i].item_id == rb->hits[i].item_id);
      CHECK(ra->hits[i].unit == rb->hits[i].unit);
    }
  }
}

}  // namespace

TEST_CASE("rebuild: the demo and the mini source rebuild from their content streams byte for byte") {
  TempDir dir;
  CheckRoundTrip(dir, MINI_SOURCE_DIR, "mini");
  CheckRoundTrip(dir, DEMO_SOURCE_DIR, "demo");

  // Edited content (a procedure changed, a FAQ added, a law article removed) as well.
  fs::path src = dir.path() / "edited";
  fs::copy(DEMO_SOURCE_DIR, src, fs::copy_options::recursive);
  int edited = 0;
  for (const auto& e : fs::recursive_directory_iterator(src)) {
    if (e.path().extension() != ".md" || e.path().filename() == "README.md") continue;
    std::string text = ReadFile(e.path());
    if (size_t at = text.find("\n## "); at != std::string::npos && edited < 5) {
      text.insert(at, "\nMột câu được thêm vào để kiểm tra việc dựng lại gói.\n");
      WriteFile(e.path(), text);
      ++edited;
    }
  }
  REQUIRE(edited == 5);
  WriteFile(src / "hoi-dap" / "them-moi.md",
            "---\nid: faq-them-moi\ntype: faq\ntitle: Làm lại căn cước ở đâu?\nfield: Căn cước\n---\n"
            "Tại công an xã, phường nơi cư trú.\n");
  CheckRoundTrip(dir, src, "edited");
}

TEST_CASE("rebuild: a stream only moves where the content moved") {
  // The point of content streams: a small edit is a small change of the stream, so the
  // delta between two streams is small (docs/portal-protocol.md has the measured sizes).
  TempDir dir;
  fs::path src = CopyMiniSource(dir);
  REQUIRE(Build(src, dir / "a.sqlite", 1).ok);
  std::string faq = ReadFile(src / "khac" / "hoi-dap.md");
  size_t at = faq.rfind("\n");
  REQUIRE(at != std::string::npos);
  WriteFile(src / "khac" / "hoi-dap.md", faq + "Thêm một dòng.\n");
  REQUIRE(Build(src, dir / "b.sqlite", 2).ok);
  REQUIRE(pack::WriteContentStream(dir / "a.sqlite", dir / "a.content").ok());
  REQUIRE(pack::WriteContentStream(dir / "b.sqlite", dir / "b.content").ok());
  const std::string a = ReadFile(dir / "a.content"), b = ReadFile(dir / "b.content");
  size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  const size_t changed = b.size() - prefix - suffix;
  MESSAGE("stream " << b.size() << " B, changed span " << changed << " B");
  // The version in meta and the FAQ's text are the only changes; they are apart, so
  // allow the span between them, but never most of the stream.
  CHECK(changed < b.size() / 2);
  CHECK(a != b);
}

TEST_CASE("rebuild: damaged and hostile streams fail with a message and leave nothing") {
  TempDir dir;
  REQUIRE(Build(CopyMiniSource(dir), dir / "p.sqlite", 3).ok);
  REQUIRE(pack::WriteContentStream(dir / "p.sqlite", dir / "p.content").ok());
  const std::string good = ReadFile(dir / "p.content");
  fs::create_directories(dir.path() / "out");
  const fs::path out = dir.path() / "out" / "r.sqlite";

  auto expect_failure = [&](const std::string& label, const std::string& bytes, const std::string& needle) {
    WriteFile(dir / "bad.content", bytes);
    auto r = pack::RebuildPack(dir / "bad.content", out.string());
    CHECK_MESSAGE(!r.ok(), label << ": a damaged stream rebuilt");
    if (!r.ok()) CHECK_MESSAGE(r.error().find(needle) != std::string::npos, label << ": " << r.error());
    CHECK_MESSAGE(Listing(dir.path() / "out").empty(), label << ": files left behind");
  };

  expect_failure("empty", "", "not a content stream");
  expect_failure("a pack is not a stream", ReadFile(dir / "p.sqlite"), "not a content stream");
  std::string s = good;
  s[13] = 9;  // format
  expect_failure("format", s, "format 9");
  s = good;
  s[14] = 2;  // schema version
  expect_failure("schema", s, "schema version 2");
  s = good;
  s[15] = 3;  // table count
  expect_failure("table count", s, "3 tables");
  s = good;
  s[17] = 'x';  // "meta" -> "xeta"
  expect_failure("table name", s, "table meta");
  s = good;
  s[21] = 3;  // meta's column count
  expect_failure("column count", s, "3 columns");
  expect_failure("trailing bytes", good + "x", "bytes after the last table");
  // Cut anywhere: each prefix fails (sampled, plus the last bytes one by one).
  for (size_t cut = 16; cut < good.size(); cut += std::max<size_t>(1, good.size() / 97))
    expect_failure("cut at " + std::to_string(cut), good.substr(0, cut), "content stream");
  for (size_t cut = good.size() - 8; cut < good.size(); ++cut)
    expect_failure("cut at " + std::to_string(cut), good.substr(0, cut), "content stream");
  // A huge row count with nothing behind it is refused, not looped over.
  s = good.substr(0, 22) + std::string("\xff\xff\xff\xff\xff\xff\xff\x7f", 8) + good.substr(23);
  expect_failure("row count", s, "impossible");

  // A good stream still rebuilds in the same folder afterwards.
  auto ok = pack::RebuildPack(dir / "p.content", out.string());
  REQUIRE_MESSAGE(ok.ok(), ok.error());
  CHECK(ok->sha256 == Sha(dir / "p.sqlite"));
  CHECK(Listing(dir.path() / "out") == std::set<std::string>{"r.sqlite"});
}

TEST_CASE("rebuild: streaming something that is not a pack is refused, and a full disk says so") {
  TempDir dir;
  WriteFile(dir / "not-a-pack.sqlite", std::string(4096, 'x'));
  auto r = pack::WriteContentStream(dir / "not-a-pack.sqlite", dir / "s.content");
  CHECK_FALSE(r.ok());
  CHECK(r.error().find("not a content pack") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "s.content"));
  CHECK_FALSE(pack::WriteContentStream(dir / "missing.sqlite", dir / "s.content").ok());

  REQUIRE(Build(CopyMiniSource(dir), dir / "p.sqlite", 1).ok);
  REQUIRE(pack::WriteContentStream(dir / "p.sqlite", dir / "p.content").ok());
  // A file size limit stands in for a full disk: the rebuild fails naming the write.
  const std::string cmd = "trap '' XFSZ; ulimit -f " + std::to_string(fs::file_size(dir / "p.sqlite") / 1024 / 2) +
                          "; exec " CONTENT_PACK_TOOL " rebuild " + dir / "p.content" + " " + dir / "out.sqlite";
  CommandResult full = Run({"/bin/bash", "-c", cmd});
  CHECK(full.status == 1);
  CHECK_MESSAGE(full.err.find("cannot write") != std::string::npos, full.err);
  CHECK_FALSE(fs::exists(dir / "out.sqlite"));
  for (const auto& name : Listing(dir.path())) CHECK_MESSAGE(name.find(".build-") == std::string::npos, name);
  // Writing a stream under the same limit: the stream is written in pieces, and the
  // error names the file, not the pack.
  const std::string stream_cmd = "trap '' XFSZ; ulimit -f 1; exec " CONTENT_PACK_TOOL " content-stream " +
                                 dir / "p.sqlite" + " " + dir / "small.content";
  CommandResult small = Run({"/bin/bash", "-c", stream_cmd});
  CHECK(small.status == 1);
  CHECK_MESSAGE(small.err.find("cannot write") != std::string::npos, small.err);
  CHECK_FALSE(fs::exists(dir / "small.content"));
  for (const auto& name : Listing(dir.path())) CHECK_MESSAGE(name.find(".tmp-") == std::string::npos, name);
}

TEST_CASE("rebuild: the index recipe names the code that makes the index") {
  const std::string recipe = pack::IndexRecipe();
  CHECK(recipe.find("index/") == 0);
  CHECK(recipe.find(" sqlite/" + std::string(sqlite3_libversion())) != std::string::npos);
  CHECK(recipe.find(" schema/" + std::to_string(pack::kSchemaVersion)) != std::string::npos);
  CHECK(recipe.find("md4c/unknown") == std::string::npos);
}
