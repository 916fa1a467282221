// tests/sync/publish_test.cpp: `content-pack publish` writes the portal tree of the
// protocol: manifest fields, signature, packs, deltas a stock zstd can apply, keep/prune,
// versions only grow, re-signing the same version.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>

#include "content-pack/portal.hpp"
#include "content-pack/rebuild.hpp"
#include "harness.hpp"

using namespace synctest;
namespace portal = pack::portal;

namespace {

// Packs DIR/p1.sqlite .. pCOUNT.sqlite of ITEMS FAQ items; version V changes V - 1 items.
void BuildVersions(const TempDir& dir, int count, int items) {
  for (int v = 1; v <= count; ++v) {
    MakeSource(dir / ("src" + std::to_string(v)), "vn-test-sync", items, v - 1, v);
    BuildPack(dir / ("src" + std::to_string(v)), dir / ("p" + std::to_string(v) + ".sqlite"), v);
  }
}

portal::Manifest ReadManifest(const std::string& folder) {
  auto m = portal::ParseManifest(ReadFile(folder + "/manifest.json"));
  REQUIRE_MESSAGE(m.ok(), m.error());
  return *m;
}

}  // namespace

TEST_CASE("publish: manifest fields, deltas from kept versions, pruning and growing versions") {
  TempDir dir;
  KeyPair key = MakeKeys(dir.Path(), "province");
  const std::string folder = dir / "portal/v1/vn-test-sync";
  BuildVersions(dir, 4, 60);
  Result r1 = Publish(dir / "p1.sqlite", key, dir / "portal", {"--expires-days", "7"});
  INFO(r1.err);
  REQUIRE(r1.exit_code == 0);
  portal::Manifest m1 = ReadManifest(folder);
  CHECK(m1.format == 1);
  CHECK(m1.pack_id == "vn-test-sync");
  CHECK(m1.version == 1);
  CHECK(m1.min_app_version == "0.1.0");
  CHECK(m1.deltas.empty());
  CHECK(m1.pack.url == "packs/1.sqlite.zst");
  CHECK(m1.pack.size == FileSize(folder + "/packs/1.sqlite.zst"));
  CHECK(m1.pack.sha256 == *portal::Sha256File(folder + "/packs/1.sqlite.zst"));
  CHECK(m1.raw_size == FileSize(dir / "p1.sqlite"));
  CHECK(m1.raw_sha256 == *portal::Sha256File(dir / "p1.sqlite"));
  std::time_t created = 0, expires = 0;
  REQUIRE(portal::ParseUtc(m1.created, created));
  REQUIRE(portal::ParseUtc(m1.expires, expires));
  CHECK(expires - created == 7 * 86400);
  CHECK(Run({"/usr/bin/minisign", "-Vm", folder + "/manifest.json", "-p", key.pub_file}).exit_code == 0);
  // The raw pack comes back from the published file with the stock zstd tool.
  CHECK(Run({"/usr/bin/zstd", "-q", "-d", folder + "/packs/1.sqlite.zst", "-o", dir / "back1.sqlite"}).exit_code == 0);
  CHECK(*portal::Sha256File(dir / "back1.sqlite") == m1.raw_sha256);

  for (int v = 2; v <= 4; ++v) {
    Result r = Publish(dir / ("p" + std::to_string(v) + ".sqlite"), key, dir / "portal", {"--keep", "2"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  portal::Manifest m4 = ReadManifest(folder);
  CHECK(m4.version == 4);
  REQUIRE(m4.deltas.size() == 2);
  CHECK(m4.deltas[0].from == 3);
  CHECK(m4.deltas[1].from == 2);
  for (const portal::DeltaRef& d : m4.deltas) {
    CHECK(d.file.size < m4.pack.size);
    CHECK(d.file.size == FileSize(folder + "/" + d.file.url));
    CHECK(d.file.sha256 == *portal::Sha256File(folder + "/" + d.file.url));
  }
  // A delta is what `zstd --patch-from` makes: the stock tool applies it.
  Result patched = Run({"/usr/bin/zstd", "-q", "-d", "--long=31", "--patch-from=" + dir / "p3.sqlite",
                        folder + "/deltas/3-4.zst", "-o", dir / "rebuilt4.sqlite"});
  INFO(patched.err);
  CHECK(patched.exit_code == 0);
  CHECK(*portal::Sha256File(dir / "rebuilt4.sqlite") == m4.raw_sha256);
  // And so does our client-side rebuild; a wrong base fails the raw hash.
  auto ours = portal::Decompress(folder + "/deltas/2-4.zst", dir / "p2.sqlite", dir / "ours4.sqlite", m4.raw_size);
  REQUIRE_MESSAGE(ours.ok(), ours.error());
  CHECK(ours->sha256 == m4.raw_sha256);
  auto wrong_base = portal::Decompress(folder + "/deltas/2-4.zst", dir / "p1.sqlite", dir / "bad4.sqlite", m4.raw_size);
  CHECK((!wrong_base.ok() || wrong_base->sha256 != m4.raw_sha256));
  // Content deltas: from the same kept versions, between content streams; by hand with
  // the stock zstd and `content-pack rebuild`, as docs/portal-protocol.md shows.
  REQUIRE(m4.content_deltas.size() == 2);
  CHECK(m4.recipe == pack::IndexRecipe());
  CHECK(m4.content_deltas[0].from == 3);
  CHECK(m4.content_deltas[1].from == 2);
  for (const portal::ContentDeltaRef& d : m4.content_deltas) {
    CHECK(d.file.url == "deltas/" + std::to_string(d.from) + "-4.content.zst");
    CHECK(d.file.size == FileSize(folder + "/" + d.file.url));
    CHECK(d.file.sha256 == *portal::Sha256File(folder + "/" + d.file.url));
    CHECK(d.file.size < m4.deltas[0].file.size);
  }
  const std::string cp = Bin("content-pack");
  REQUIRE(Run({cp, "content-stream", dir / "p3.sqlite", dir / "p3.content"}).exit_code == 0);
  CHECK(*portal::Sha256File(dir / "p3.content") == m4.content_deltas[0].from_sha256);
  Result by_hand = Run({"/usr/bin/zstd", "-q", "-d", "--long=31", "--patch-from=" + dir / "p3.content",
                        folder + "/deltas/3-4.content.zst", "-o", dir / "p4.content"});
  INFO(by_hand.err);
  REQUIRE(by_hand.exit_code == 0);
  CHECK(*portal::Sha256File(dir / "p4.content") == m4.content_sha256);
  CHECK(FileSize(dir / "p4.content") == m4.content_size);
  Result rebuilt = Run({cp, "rebuild", dir / "p4.content", dir / "content4.sqlite"});
  INFO(rebuilt.err);
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(*portal::Sha256File(dir / "content4.sqlite") == m4.raw_sha256);

  // Output cap: never more than declared.
  auto capped = portal::Decompress(folder + "/packs/4.sqlite.zst", "", dir / "cap.sqlite", m4.raw_size - 1);
  CHECK_FALSE(capped.ok());
  CHECK_FALSE(Exists(dir / "cap.sqlite"));

  // Kept: what manifests 4 and 3 name, and the bases 3 and 2. Pruned: pack 1, deltas to 2.
  CHECK(Exists(folder + "/packs/4.sqlite.zst"));
  CHECK(Exists(folder + "/packs/3.sqlite.zst"));
  CHECK(Exists(folder + "/packs/2.sqlite.zst"));
  CHECK(Exists(folder + "/deltas/2-3.zst"));  // named by the previous manifest
  CHECK_FALSE(Exists(folder + "/packs/1.sqlite.zst"));
  CHECK_FALSE(Exists(folder + "/deltas/1-2.zst"));
  CHECK_FALSE(Exists(folder + "/deltas/1-2.content.zst"));
  CHECK(Exists(folder + "/deltas/2-3.content.zst"));

  // Versions only grow; the same version with other content is refused; the same content
  // again only re-signs with a new expiry.
  Result lower = Publish(dir / "p3.sqlite", key, dir / "portal");
  CHECK(lower.exit_code == 1);
  CHECK(lower.err.find("lower") != std::string::npos);
  MakeSource(dir / "src4b", "vn-test-sync", 61, 0, 0);
  BuildPack(dir / "src4b", dir / "p4b.sqlite", 4);
  Result other = Publish(dir / "p4b.sqlite", key, dir / "portal");
  CHECK(other.exit_code == 1);
  CHECK(ReadManifest(folder).raw_sha256 == m4.raw_sha256);
  Result again = Publish(dir / "p4.sqlite", key, dir / "portal", {"--expires-days", "60"});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(again.out.find("re-signed") != std::string::npos);
  portal::Manifest m4b = ReadManifest(folder);
  CHECK(m4b.raw_sha256 == m4.raw_sha256);
  CHECK(m4b.deltas.size() == 2);
  CHECK(m4b.content_deltas.size() == 2);
  CHECK(m4b.content_sha256 == m4.content_sha256);
  CHECK(Run({"/usr/bin/minisign", "-Vm", folder + "/manifest.json", "-p", key.pub_file}).exit_code == 0);

  // Usage errors.
  CHECK(Run({Bin("content-pack"), "publish", dir / "p4.sqlite"}).exit_code == 2);
  CHECK(Publish(dir / "missing.sqlite", key, dir / "portal").exit_code == 1);
}

TEST_CASE("publish: a pack that does not rebuild from its content gets pack deltas only") {
  // E.g. a pack built by another version of content-pack: its derived index differs from
  // what this code derives. Here the lexicon is altered after the build.
  TempDir dir;
  KeyPair key = MakeKeys(dir.Path(), "province");
  const std::string folder = dir / "portal/v1/vn-test-sync";
  BuildVersions(dir, 2, 30);
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((dir / "p2.sqlite").c_str(), &db) == SQLITE_OK);
  CHECK(sqlite3_exec(db, "UPDATE lexicon SET docs = docs + 1", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  REQUIRE(Publish(dir / "p1.sqlite", key, dir / "portal").exit_code == 0);
  Result r = Publish(dir / "p2.sqlite", key, dir / "portal");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("warning: no content deltas") != std::string::npos);
  CHECK(r.err.find("does not rebuild from its content to the same bytes") != std::string::npos);
  portal::Manifest m = ReadManifest(folder);
  CHECK(m.content_deltas.empty());
  CHECK(m.recipe.empty());
  REQUIRE(m.deltas.size() == 1);
  CHECK_FALSE(Exists(folder + "/deltas/1-2.content.zst"));
  for (const auto& e : std::filesystem::directory_iterator(folder))
    CHECK_MESSAGE(e.path().filename().string().find(".tmp-") == std::string::npos, e.path());
}

TEST_CASE("publish: the manifest parser rejects hostile manifests") {
  portal::Manifest m;
  m.pack_id = "vn-x";
  m.version = 3;
  m.created = "2026-01-01T00:00:00Z";
  m.expires = "2026-02-01T00:00:00Z";
  m.pack = {"packs/3.sqlite.zst", 10, std::string(64, 'a')};
  m.raw_size = 20;
  m.raw_sha256 = std::string(64, 'b');
  m.deltas.push_back({2, {"deltas/2-3.zst", 5, std::string(64, 'c')}});
  auto good = portal::ParseManifest(portal::ManifestToJson(m));
  REQUIRE_MESSAGE(good.ok(), good.error());
  CHECK(good->deltas.size() == 1);

  auto with = [&](auto change) {
    nlohmann::json j = nlohmann::json::parse(portal::ManifestToJson(m));
    change(j);
    return portal::ParseManifest(j.dump());
  };
  CHECK_FALSE(with([](auto& j) { j["pack"]["url"] = "../../etc/passwd"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["pack"]["url"] = "http://evil.example/x"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["pack"]["size"] = -1; }).ok());
  CHECK_FALSE(with([](auto& j) { j["pack"]["sha256"] = "abc"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["version"] = "3"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["format"] = 2; }).ok());
  CHECK_FALSE(with([](auto& j) { j["expires"] = "tomorrow"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["deltas"][0]["from"] = 3; }).ok());
  CHECK_FALSE(with([](auto& j) { j.erase("raw"); }).ok());
  // Content deltas: round trip, and every field checked.
  m.recipe = "index/1 schema/1 sqlite/3.40.1";
  m.content_size = 30;
  m.content_sha256 = std::string(64, 'd');
  m.content_deltas.push_back({2, std::string(64, 'e'), {"deltas/2-3.content.zst", 4, std::string(64, 'f')}});
  auto with_content = portal::ParseManifest(portal::ManifestToJson(m));
  REQUIRE_MESSAGE(with_content.ok(), with_content.error());
  REQUIRE(with_content->content_deltas.size() == 1);
  CHECK(with_content->content_deltas[0].from_sha256 == std::string(64, 'e'));
  CHECK(with_content->content_deltas[0].file.url == "deltas/2-3.content.zst");
  CHECK(with_content->recipe == m.recipe);
  CHECK(with_content->content_size == 30);
  CHECK_FALSE(with([](auto& j) { j.erase("content"); }).ok());
  CHECK_FALSE(with([](auto& j) { j["content"] = "x"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["content"]["recipe"] = "tab\there"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["content"]["recipe"] = std::string(300, 'r'); }).ok());
  CHECK_FALSE(with([](auto& j) { j["content"]["size"] = 0; }).ok());
  CHECK_FALSE(with([](auto& j) { j["content"]["sha256"] = "nope"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["content_deltas"][0]["from_sha256"] = "nope"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["content_deltas"][0]["from"] = 3; }).ok());
  CHECK_FALSE(with([](auto& j) { j["content_deltas"][0]["url"] = "../x"; }).ok());
  CHECK_FALSE(with([](auto& j) { j["content_deltas"] = nlohmann::json::object(); }).ok());
  CHECK_FALSE(portal::ParseManifest("not json").ok());
  CHECK_FALSE(portal::ParseManifest("[]").ok());
  CHECK(portal::CompareAppVersions("0.10.0", "0.9.1") > 0);
  CHECK(portal::CompareAppVersions("1.2", "1.2.0") == 0);
}
