// tests/sync/admin_cli_test.cpp: the kiosk-sync options the kiosk's admin screen uses:
// --progress (JSON lines while a run goes), --portal (one run from another source, e.g.
// a USB stick), --check-network (pass/fail lines) and --serve-request (one request on
// stdin, as kiosk-sync-admin.socket hands it over). Real packs, real minisign keys, a
// real nginx.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "harness.hpp"

using namespace synctest;
using json = nlohmann::json;

namespace {

constexpr const char* kPackId = "vn-test-sync";

std::vector<json> Lines(const std::string& out) {
  std::vector<json> lines;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    json j = json::parse(line, nullptr, false);
    REQUIRE_MESSAGE(!j.is_discarded(), line);
    lines.push_back(j);
  }
  return lines;
}

struct Portal {
  TempDir dir;
  KeyPair key = MakeKeys(dir.Path(), "province");
  std::string Pack(int version) {
    const std::string src = dir / ("src" + std::to_string(version)), out = dir / ("p" + std::to_string(version) + ".sqlite");
    MakeSource(src, kPackId, 30, version - 1, version);
    BuildPack(src, out, version);
    return out;
  }
  void Publish(int version, const std::string& portal) {
    Result r = synctest::Publish(Pack(version), key, portal);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
  }
};

}  // namespace

TEST_CASE("kiosk-sync --progress: stages in order, download bytes, log lines, then the result line") {
  Portal w;
  w.Publish(1, w.dir / "portal");
  Nginx nginx(w.dir / "portal");
  const std::string conf = WriteConfig(w.dir / "kiosk.conf", nginx.Url(), {w.key.pub_line}, w.dir / "data");
  Result r = Sync(conf, {"--once", "--progress"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<json> lines = Lines(r.out);
  std::vector<std::string> stages;
  bool progress = false, log = false;
  for (const json& j : lines) {
    if (j["event"] == "stage") stages.push_back(j["stage"]);
    if (j["event"] == "progress") progress = j["total"].get<int64_t>() > 0 && j["done"].get<int64_t>() <= j["total"].get<int64_t>();
    if (j["event"] == "log") log = true;
  }
  CHECK(stages == std::vector<std::string>{"check", "manifest", "download", "rebuild", "install"});
  CHECK(progress);
  CHECK(log);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines.back()["event"] == "result");
  CHECK(lines.back()["result"] == "updated");
  CHECK(lines.back()["to_version"] == 1);
}

TEST_CASE("kiosk-sync --portal: one run from a file:// stick instead of the settings' portal and mirrors") {
  Portal w;
  w.Publish(1, w.dir / "portal");
  w.Publish(2, w.dir / "stick/kiosk");
  // The settings' portal is down; the stick has version 2.
  const std::string conf = WriteConfig(w.dir / "kiosk.conf", "http://127.0.0.1:1/kiosk", {w.key.pub_line}, w.dir / "data",
                                       "mirror = file://" + w.dir / "portal" + "\n");
  Result r = Sync(conf, {"--once", "--json", "--portal", "file://" + w.dir / "stick/kiosk"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(json::parse(r.out)["to_version"] == 2);
  CHECK(r.err.find("127.0.0.1:1") == std::string::npos);  // neither the portal nor the mirror was asked
  Result bad = Sync(conf, {"--once", "--portal", "ftp://example.org/kiosk"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("not an http://, https:// or file:// url") != std::string::npos);
}

TEST_CASE("kiosk-sync --check-network: a reachable nginx passes, a closed port fails with its cause") {
  Portal w;
  w.Publish(1, w.dir / "portal");
  Nginx nginx(w.dir / "portal");
  const std::string conf = WriteConfig(w.dir / "kiosk.conf", nginx.Url(), {w.key.pub_line}, w.dir / "data",
                                       "mirror = http://127.0.0.1:1/kiosk\n");
  Result r = Sync(conf, {"--check-network", "--json"});
  json doc = json::parse(r.out);
  INFO(r.out);
  CHECK(r.exit_code == 1);  // the mirror fails
  CHECK(doc["result"] == "failed");
  REQUIRE(doc["checks"].size() == 5);  // dns + portal for each source, then the clock
  CHECK(doc["checks"][1]["ok"] == true);
  CHECK(doc["checks"][3]["ok"] == false);
  CHECK(doc["checks"][4]["check"] == "clock");
  CHECK(doc["checks"][4]["ok"] == true);
  Result text = Sync(conf, {"--check-network"});
  CHECK(text.out.find("ok   portal " + nginx.Url()) != std::string::npos);
  CHECK(text.out.find("FAIL portal http://127.0.0.1:1/kiosk") != std::string::npos);
}

TEST_CASE("kiosk-sync --serve-request: the known requests work, anything else is refused with a result line") {
  Portal w;
  w.Publish(1, w.dir / "portal");
  const std::string conf = WriteConfig(w.dir / "kiosk.conf", "file://" + w.dir / "portal", {w.key.pub_line}, w.dir / "data");
  auto serve = [&](const std::string& request) { return Run({Bin("kiosk-sync"), "--serve-request", "--config", conf}, request); };
  Result once = serve("once\n");
  INFO(once.err);
  CHECK(once.exit_code == 0);
  CHECK(Lines(once.out).back()["result"] == "updated");
  Result status = serve("status\n");
  CHECK(json::parse(status.out)["current"]["version"] == 1);
  for (const std::string& bad : {std::string("rm -rf /\n"), std::string("once --portal http://evil\n"),
                                 std::string("usb file:///etc\n"), std::string("usb file:///media/../etc\n"),
                                 std::string(5000, 'x')}) {
    Result r = serve(bad);
    CHECK(r.exit_code == 2);
    REQUIRE_FALSE(r.out.empty());
    const json last = Lines(r.out).back();
    CHECK(last["result"] == "failed");
    CHECK(last["error"].get<std::string>().find("refused request") == 0);
  }
  Result none = serve("");
  CHECK(none.exit_code == 2);
}
