// tests/sync/client_test.cpp: kiosk-sync against a real nginx (and file://) serving a
// portal made by `content-pack publish`: full and delta updates, conditional GET,
// already current, rollback, resume, and every refusal the TUF rules demand, each of
// which must leave the installed pack exactly as it was.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <thread>
#include <nlohmann/json.hpp>

#include "content-pack/portal.hpp"
#include "harness.hpp"
#include "sync/settings.hpp"
#include "sync/sync.hpp"

using namespace synctest;
namespace portal = pack::portal;
using json = nlohmann::json;

namespace {

constexpr const char* kPackId = "vn-test-sync";

// A test world: keys, pack versions built on demand, a portal tree, a data dir.
struct World {
  TempDir dir;
  KeyPair key = MakeKeys(dir.Path(), "province");
  std::string portal_dir = dir / "portal";
  std::string folder = dir / "portal/v1/vn-test-sync";
  std::string data = dir / "data";

  std::string Pack(int version, int items = 40) {
    const std::string src = dir / ("src" + std::to_string(version));
    const std::string out = dir / ("p" + std::to_string(version) + ".sqlite");
    if (!Exists(out)) {
      MakeSource(src, kPackId, items, version - 1, version);
      BuildPack(src, out, version);
    }
    return out;
  }
  void Publish(int version, std::vector<std::string> extra = {}) {
    Result r = synctest::Publish(Pack(version), key, portal_dir, extra);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
  portal::Manifest Manifest() { return *portal::ParseManifest(ReadFile(folder + "/manifest.json")); }
  std::string Config(const std::string& portal_url, const std::string& extra = {},
                     const std::vector<std::string>& keys = {}) {
    return WriteConfig(dir / "kiosk.conf", portal_url, keys.empty() ? std::vector<std::string>{key.pub_line} : keys,
                       data, extra);
  }
  json Status(const std::string& conf) {
    Result r = Sync(conf, {"--status", "--json"});
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  int64_t CurrentVersion(const std::string& conf) {
    json s = Status(conf);
    return s["current"].is_null() ? 0 : s["current"]["version"].get<int64_t>();
  }
  std::string CurrentTarget() {
    std::error_code ec;
    return std::filesystem::read_symlink(data + "/current", ec).string();
  }
};

int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("client: full update, already current with a conditional GET, then content and pack deltas over nginx") {
  World w;
  w.Publish(1);
  Nginx nginx(w.portal_dir);
  const std::string conf = w.Config(nginx.Url());

  Result first = Sync(conf, {"--once", "--json"});
  INFO(first.out, first.err);
  REQUIRE(first.exit_code == 0);
  json r1 = json::parse(first.out);
  CHECK(r1["result"] == "updated");
  CHECK(r1["to_version"] == 1);
  CHECK(r1["delta"] == false);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1.sqlite");
  CHECK(*portal::Sha256File(w.data + "/current") == *portal::Sha256File(w.Pack(1)));

  Result second = Sync(conf);
  INFO(second.err);
  CHECK(second.exit_code == 10);
  const std::string log = nginx.AccessLogWhen("304 0 \"GET /v1/vn-test-sync/manifest.json");
  CHECK(Count(log, "\"GET /v1/vn-test-sync/manifest.json HTTP/1.1\"") == 2);
  CHECK(log.find("304 0 \"GET /v1/vn-test-sync/manifest.json") != std::string::npos);
  CHECK(Count(log, "manifest.json.minisig") == 1);  // a 304 needs no signature fetch

  // v2 comes with both kinds of delta; the content delta is the smaller one and the
  // kiosk rebuilds the pack from it, byte for byte.
  w.Publish(2);
  const portal::Manifest m2 = w.Manifest();
  REQUIRE(m2.deltas.size() == 1);
  REQUIRE(m2.content_deltas.size() == 1);
  CHECK(m2.content_deltas[0].file.size < m2.deltas[0].file.size);
  Result third = Sync(conf, {"--once", "--json"});
  INFO(third.out, third.err);
  REQUIRE(third.exit_code == 0);
  json r3 = json::parse(third.out);
  CHECK(r3["delta"] == true);
  CHECK(r3["from_version"] == 1);
  CHECK(r3["to_version"] == 2);
  CHECK(r3["note"] == "installed version 2 from a content delta");
  CHECK(r3["bytes"].get<int64_t>() < m2.pack.size);
  const std::string log2 = nginx.AccessLogWhen("GET /v1/vn-test-sync/deltas/1-2.content.zst");
  CHECK(log2.find("GET /v1/vn-test-sync/deltas/1-2.content.zst") != std::string::npos);
  CHECK(log2.find("GET /v1/vn-test-sync/deltas/1-2.zst") == std::string::npos);
  CHECK(log2.find("GET /v1/vn-test-sync/packs/2.sqlite.zst") == std::string::npos);
  CHECK(*portal::Sha256File(w.data + "/current") == m2.raw_sha256);
  CHECK(*portal::Sha256File(w.data + "/current") == *portal::Sha256File(w.Pack(2)));

  json status = w.Status(conf);
  CHECK(status["current"]["version"] == 2);
  CHECK(status["previous"]["version"] == 1);
  CHECK(status["trusted_version"] == 2);
  CHECK(status["frozen"] == false);
  REQUIRE(status["last_runs"].size() == 3);
  CHECK(status["last_runs"][0]["result"] == "updated");
  CHECK(status["last_runs"][0]["bytes"].get<int64_t>() < m2.pack.size);
  CHECK(status["last_runs"][1]["result"] == "current");
  CHECK(status["last_runs"][2]["result"] == "updated");

  // A portal that offers only whole-pack deltas (an older publisher): the pack delta.
  w.Publish(3, {"--no-content-deltas"});
  const portal::Manifest m3 = w.Manifest();
  REQUIRE(m3.deltas.size() == 2);
  CHECK(m3.content_deltas.empty());
  Result fourth = Sync(conf, {"--once", "--json"});
  INFO(fourth.out, fourth.err);
  REQUIRE(fourth.exit_code == 0);
  json r4 = json::parse(fourth.out);
  CHECK(r4["note"] == "installed version 3 from a delta");
  const std::string log3 = nginx.AccessLogWhen("GET /v1/vn-test-sync/deltas/2-3.zst");
  CHECK(log3.find("GET /v1/vn-test-sync/deltas/2-3.zst") != std::string::npos);
  CHECK(log3.find("GET /v1/vn-test-sync/packs/3.sqlite.zst") == std::string::npos);
  CHECK(*portal::Sha256File(w.data + "/current") == m3.raw_sha256);

  // After the third version the oldest installed pack is pruned, current and previous stay.
  CHECK(Exists(w.data + "/packs/vn-test-sync-3.sqlite"));
  CHECK(Exists(w.data + "/packs/vn-test-sync-2.sqlite"));
  CHECK_FALSE(Exists(w.data + "/packs/vn-test-sync-1.sqlite"));
  CHECK(std::filesystem::is_empty(w.data + "/download"));
}

TEST_CASE("client: file:// portal, rollback to the previous pack, and the rolled-back version is held") {
  World w;
  w.Publish(1);
  const std::string conf = w.Config("file://" + w.portal_dir);
  CHECK(Sync(conf, {"--rollback"}).exit_code == 1);  // nothing installed
  REQUIRE(Sync(conf).exit_code == 0);
  CHECK(Sync(conf, {"--rollback"}).exit_code == 1);  // nothing older
  w.Publish(2);
  Result up = Sync(conf, {"--once", "--json"});
  INFO(up.err);
  REQUIRE(up.exit_code == 0);
  CHECK(json::parse(up.out)["delta"] == true);
  CHECK(w.CurrentVersion(conf) == 2);

  Result rb = Sync(conf, {"--rollback"});
  INFO(rb.err);
  CHECK(rb.exit_code == 0);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1.sqlite");
  json s = w.Status(conf);
  CHECK(s["current"]["version"] == 1);
  CHECK(s["held_version"] == 2);
  CHECK(s["trusted_version"] == 2);
  CHECK(s["last_runs"][0]["result"] == "rollback");
  // The nightly run does not undo the technician's rollback ...
  CHECK(Sync(conf).exit_code == 10);
  CHECK(w.CurrentVersion(conf) == 1);
  // ... but a newer version installs normally, here signed by the stock minisign tool
  // (a province may sign by hand).
  w.Publish(3);
  ::unlink((w.folder + "/manifest.json.minisig").c_str());
  Result signed_by_hand = Run({"/usr/bin/minisign", "-Sm", w.folder + "/manifest.json", "-s", w.key.sec_file});
  REQUIRE(signed_by_hand.exit_code == 0);
  REQUIRE(Sync(conf).exit_code == 0);
  CHECK(w.CurrentVersion(conf) == 3);
  CHECK(w.Status(conf)["held_version"] == 0);
}

TEST_CASE("client: a manifest signed by a key that is not pinned, or altered, is refused and the pack stays") {
  World w;
  w.Publish(1);
  Nginx nginx(w.portal_dir);
  const std::string conf = w.Config(nginx.Url());
  REQUIRE(Sync(conf).exit_code == 0);

  KeyPair stranger = MakeKeys(w.dir.Path(), "stranger");
  REQUIRE(synctest::Publish(w.Pack(2), stranger, w.portal_dir).exit_code == 0);
  Result r = Sync(conf);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("unknown key") != std::string::npos);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1.sqlite");
  CHECK(w.Status(conf)["trusted_version"] == 1);

  // Pinned key, but the manifest was edited after signing.
  w.Publish(3);
  std::string text = ReadFile(w.folder + "/manifest.json");
  text.replace(text.find("\"min_app_version\": \"0.1.0\""), 26, "\"min_app_version\": \"0.0.9\"");
  WriteFile(w.folder + "/manifest.json", text);
  Result altered = Sync(conf);
  CHECK(altered.exit_code == 1);
  CHECK(altered.err.find("bad signature") != std::string::npos);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1.sqlite");
  CHECK_FALSE(Exists(w.data + "/packs/vn-test-sync-3.sqlite"));

  // Two pinned keys (rotation): the new key's signature is accepted.
  w.Publish(4);
  const std::string conf2 = w.Config(nginx.Url(), "", {stranger.pub_line, w.key.pub_line});
  CHECK(Sync(conf2).exit_code == 0);
  CHECK(w.CurrentVersion(conf2) == 4);
}

TEST_CASE("client: rollback attack, mix and match and endless data are refused and the pack stays") {
  World w;
  w.Publish(1);
  const std::string old_manifest = ReadFile(w.folder + "/manifest.json");
  const std::string old_sig = ReadFile(w.folder + "/manifest.json.minisig");
  w.Publish(2);
  Nginx nginx(w.portal_dir);
  const std::string conf = w.Config(nginx.Url());
  REQUIRE(Sync(conf).exit_code == 0);
  REQUIRE(w.CurrentVersion(conf) == 2);

  // Rollback: a validly signed but older manifest.
  const std::string new_manifest = ReadFile(w.folder + "/manifest.json");
  const std::string new_sig = ReadFile(w.folder + "/manifest.json.minisig");
  WriteFile(w.folder + "/manifest.json", old_manifest);
  WriteFile(w.folder + "/manifest.json.minisig", old_sig);
  Result rollback = Sync(conf);
  CHECK(rollback.exit_code == 1);
  CHECK(rollback.err.find("lower than the trusted version 2") != std::string::npos);
  CHECK(w.CurrentVersion(conf) == 2);

  // Mix and match: a signed manifest of another pack id in our folder.
  TempDir other_portal;
  TempDir other_src;
  MakeSource(other_src.Path(), "vn-other-pack", 5);
  BuildPack(other_src.Path(), other_src / "o.sqlite", 9);
  REQUIRE(synctest::Publish(other_src / "o.sqlite", w.key, other_portal.Path()).exit_code == 0);
  WriteFile(w.folder + "/manifest.json", ReadFile(other_portal / "v1/vn-other-pack/manifest.json"));
  WriteFile(w.folder + "/manifest.json.minisig", ReadFile(other_portal / "v1/vn-other-pack/manifest.json.minisig"));
  Result mix = Sync(conf);
  CHECK(mix.exit_code == 1);
  CHECK(mix.err.find("mix and match") != std::string::npos);
  WriteFile(w.folder + "/manifest.json", new_manifest);
  WriteFile(w.folder + "/manifest.json.minisig", new_sig);

  // Mix and match: the pack file differs from the manifest (same size, other bytes).
  w.Publish(3, {"--keep", "0"});
  const portal::Manifest m3 = w.Manifest();
  std::string packed = ReadFile(w.folder + "/" + m3.pack.url);
  packed[packed.size() / 2] ^= 0x55;
  WriteFile(w.folder + "/" + m3.pack.url, packed);
  Result hash = Sync(conf);
  CHECK(hash.exit_code == 1);
  CHECK(hash.err.find("sha256") != std::string::npos);
  CHECK(w.CurrentVersion(conf) == 2);

  // Endless data: the file is longer than declared.
  packed[packed.size() / 2] ^= 0x55;
  WriteFile(w.folder + "/" + m3.pack.url, packed + std::string(100000, 'x'));
  Result endless = Sync(conf);
  CHECK(endless.exit_code == 1);
  CHECK(endless.err.find("endless data") != std::string::npos);
  CHECK(w.CurrentVersion(conf) == 2);

  WriteFile(w.folder + "/" + m3.pack.url, packed);
  CHECK(Sync(conf).exit_code == 0);
  CHECK(w.CurrentVersion(conf) == 3);
}

TEST_CASE("client: an interrupted download resumes with Range, a partial file of another pack is discarded") {
  World w;
  w.Publish(1, {"--level", "1"});
  Nginx nginx(w.portal_dir);
  const std::string conf = w.Config(nginx.Url());
  const portal::Manifest m = w.Manifest();
  const std::string packed = ReadFile(w.folder + "/" + m.pack.url);
  const int64_t half = static_cast<int64_t>(packed.size() / 2);
  // What an interrupted run leaves: the first half and its sidecar.
  WriteFile(w.data + "/download/1.sqlite.zst.part", packed.substr(0, static_cast<size_t>(half)));
  WriteFile(w.data + "/download/1.sqlite.zst.part.info",
            "sha256 " + m.pack.sha256 + "\nsize " + std::to_string(m.pack.size) + "\nurl " + nginx.Url() + "\n");
  Result r = Sync(conf, {"--once", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["bytes"].get<int64_t>() < m.pack.size);
  const std::string resumed = "206 " + std::to_string(m.pack.size - half) +
                              " \"GET /v1/vn-test-sync/packs/1.sqlite.zst HTTP/1.1\" \"bytes=" + std::to_string(half) + "-\"";
  CHECK(nginx.AccessLogWhen(resumed).find(resumed) != std::string::npos);
  CHECK(*portal::Sha256File(w.data + "/current") == m.raw_sha256);

  // A partial file whose sidecar names other content is never continued.
  w.Publish(2, {"--keep", "0", "--level", "1"});
  const portal::Manifest m2 = w.Manifest();
  WriteFile(w.data + "/download/2.sqlite.zst.part", std::string(1000, 'z'));
  WriteFile(w.data + "/download/2.sqlite.zst.part.info",
            "sha256 " + std::string(64, '0') + "\nsize " + std::to_string(m2.pack.size) + "\nurl x\n");
  Result r2 = Sync(conf);
  INFO(r2.err);
  REQUIRE(r2.exit_code == 0);
  const std::string restarted = "200 " + std::to_string(m2.pack.size) + " \"GET /v1/vn-test-sync/packs/2.sqlite.zst";
  CHECK(nginx.AccessLogWhen(restarted).find(restarted) != std::string::npos);
  CHECK(*portal::Sha256File(w.data + "/current") == m2.raw_sha256);

  // The same over file:// (libcurl's resume offset on a local file).
  w.Publish(3, {"--keep", "0", "--level", "1"});
  const portal::Manifest m3 = w.Manifest();
  const std::string packed3 = ReadFile(w.folder + "/" + m3.pack.url);
  WriteFile(w.data + "/download/3.sqlite.zst.part", packed3.substr(0, packed3.size() / 2));
  WriteFile(w.data + "/download/3.sqlite.zst.part.info",
            "sha256 " + m3.pack.sha256 + "\nsize " + std::to_string(m3.pack.size) + "\nurl file\n");
  Result r3 = Sync(w.Config("file://" + w.portal_dir), {"--once", "--json"});
  INFO(r3.err);
  REQUIRE(r3.exit_code == 0);
  CHECK(json::parse(r3.out)["bytes"].get<int64_t>() < m3.pack.size);
  CHECK(*portal::Sha256File(w.data + "/current") == m3.raw_sha256);
}

TEST_CASE("client: an expired manifest freezes the kiosk on its pack and shows on the status") {
  World w;
  w.Publish(1, {"--expires-days", "30"});
  const std::string conf = w.Config("file://" + w.portal_dir);
  auto settings = kiosk::sync::LoadSyncSettings(conf);
  REQUIRE_MESSAGE(settings.ok(), settings.error());
  kiosk::sync::RunReport first = kiosk::sync::RunOnce(*settings);
  REQUIRE(first.result == kiosk::sync::RunResult::Updated);

  w.Publish(2, {"--expires-days", "30"});
  kiosk::sync::RunOptions later;
  later.now = std::time(nullptr) + 40 * 86400;
  kiosk::sync::RunReport frozen = kiosk::sync::RunOnce(*settings, later);
  CHECK(frozen.result == kiosk::sync::RunResult::Failed);
  CHECK(frozen.error.find("expired") != std::string::npos);
  auto status = kiosk::sync::ReadStatus(*settings);
  REQUIRE(status.ok());
  CHECK(status->frozen);
  CHECK(status->current->version == 1);
  CHECK(status->trusted_version == 1);

  // Re-publishing (re-signing) lifts the freeze.
  kiosk::sync::RunReport thawed = kiosk::sync::RunOnce(*settings);
  CHECK(thawed.result == kiosk::sync::RunResult::Updated);
  CHECK_FALSE(kiosk::sync::ReadStatus(*settings)->frozen);
}

TEST_CASE("client: no free space, a write error while rebuilding, and a concurrent run fail cleanly") {
  World w;
  w.Publish(1);
  const std::string conf = w.Config("file://" + w.portal_dir);
  REQUIRE(Sync(conf).exit_code == 0);
  w.Publish(2);

  // The free-space check comes first.
  const std::string greedy = w.Config("file://" + w.portal_dir, "min_free_mb = 1048576\n");
  Result full = Sync(greedy);
  CHECK(full.exit_code == 1);
  CHECK(full.err.find("not enough free space") != std::string::npos);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1.sqlite");

  // A write error in the middle of the rebuild (file size limit stands in for a full disk).
  const std::string conf2 = w.Config("file://" + w.portal_dir);
  const int64_t raw = w.Manifest().raw_size;
  Result limited = Run({"/bin/bash", "-c",
                        "trap '' XFSZ; ulimit -f " + std::to_string(raw / 1024 / 2) + "; exec " + Bin("kiosk-sync") +
                            " --config " + conf2 + " --once"});
  CHECK(limited.exit_code == 1);
  CHECK(limited.err.find("cannot write") != std::string::npos);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-1.sqlite");
  CHECK_FALSE(Exists(w.data + "/packs/vn-test-sync-2.sqlite"));
  for (const auto& e : std::filesystem::directory_iterator(w.data + "/download"))
    CHECK(e.path().string().find(".rebuild") == std::string::npos);

  // Another run holds the lock.
  int fd = ::open((w.data + "/.sync.lock").c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  Result busy = Sync(conf2);
  CHECK(busy.exit_code == 1);
  CHECK(busy.err.find("in progress") != std::string::npos);
  ::close(fd);

  CHECK(Sync(conf2).exit_code == 0);
  CHECK(w.CurrentTarget() == "packs/vn-test-sync-2.sqlite");
}

TEST_CASE("client: a dead portal falls back to the mirror") {
  World w;
  w.Publish(1);
  Nginx mirror(w.portal_dir);
  const std::string conf = w.Config("http://127.0.0.1:1", "mirror = " + mirror.Url() + "\n");
  Result r = Sync(conf, {"--once", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["source"] == mirror.Url());
}

TEST_CASE("client: usage and settings errors exit 2") {
  TempDir dir;
  KeyPair key = MakeKeys(dir.Path(), "k");
  const std::string good = WriteConfig(dir / "good.conf", "file:///nowhere", {key.pub_line}, dir / "data");
  CHECK(Sync(dir / "missing.conf").exit_code == 2);
  CHECK(Sync(good, {"--bogus"}).exit_code == 2);
  CHECK(Sync(good, {"--once", "--status"}).exit_code == 2);
  CHECK(Sync(WriteConfig(dir / "a.conf", "ftp://x", {key.pub_line}, dir / "data")).exit_code == 2);
  CHECK(Sync(WriteConfig(dir / "b.conf", "file:///x", {}, dir / "data")).exit_code == 2);
  CHECK(Sync(WriteConfig(dir / "c.conf", "file:///x", {"RWQnotakey"}, dir / "data")).exit_code == 2);
  CHECK(Sync(WriteConfig(dir / "d.conf", "file:///x", {key.pub_line}, dir / "data", "retires = 3\n")).exit_code == 2);
  CHECK(Sync(WriteConfig(dir / "e.conf", "file:///x", {key.pub_line}, "relative/data")).exit_code == 2);
  // A portal that does not exist is a run failure, not a settings error.
  Result r = Sync(good);
  CHECK(r.exit_code == 1);
  Result st = Sync(good, {"--status", "--json"});
  REQUIRE(st.exit_code == 0);
  json s = json::parse(st.out);
  CHECK(s["current"].is_null());
  CHECK(s["last_runs"][0]["result"] == "failed");
}

TEST_CASE("client: runs during repeated publishes never install a broken pack and end on the newest") {
  World w;
  for (int v = 1; v <= 6; ++v) w.Pack(v, 20);
  w.Publish(1, {"--level", "1"});
  const std::string conf = w.Config("file://" + w.portal_dir, "retry_base_ms = 10\n");
  REQUIRE(Sync(conf).exit_code == 0);

  std::atomic<bool> publishing{true};
  std::thread publisher([&] {
    for (int v = 2; v <= 6; ++v) synctest::Publish(w.Pack(v, 20), w.key, w.portal_dir, {"--level", "1"});
    publishing = false;
  });
  int runs = 0, updated = 0, failed = 0, missing = 0;
  std::string failures;
  while (publishing || runs == 0) {
    Result r = Sync(conf, {"--once", "--json"});
    ++runs;
    REQUIRE((r.exit_code == 0 || r.exit_code == 10 || r.exit_code == 1));
    if (r.exit_code == 0) ++updated;
    if (r.exit_code == 1) {
      ++failed;
      const std::string error = json::parse(r.out)["error"].get<std::string>();
      failures += error + "\n";
      // A hash mismatch would mean a manifest was paired with files of another version.
      CHECK(error.find("sha256") == std::string::npos);
      CHECK(error.find("mix and match") == std::string::npos);
      // A missing file is only possible when two publishes overtook one run.
      if (error.find("ouldn't") != std::string::npos || error.find("404") != std::string::npos) ++missing;
    }
    // Whatever happened, current is a complete pack of one of the versions.
    const std::string sha = *portal::Sha256File(w.data + "/current");
    bool known = false;
    for (int v = 1; v <= 6; ++v) known = known || sha == *portal::Sha256File(w.Pack(v, 20));
    CHECK(known);
  }
  publisher.join();
  MESSAGE(runs << " runs during 5 publishes: " << updated << " updated, " << failed << " failed (" << missing
                << " on a file pruned under a slow run)\n" << failures);
  Result last = Sync(conf);
  CHECK((last.exit_code == 0 || last.exit_code == 10));
  CHECK(w.CurrentVersion(conf) == 6);
}
