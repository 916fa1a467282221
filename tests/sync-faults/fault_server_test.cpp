// Self-tests of sync-fault-server: the HTTP it speaks and each fault it injects, checked
// byte for byte over a raw socket, so the sync fault tests can trust what it logs.
#include <doctest/doctest.h>

#include <random>
#include <thread>
#include <set>

#include "harness.hpp"

using namespace faults;

namespace {

std::string PseudoRandomBytes(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
  return s;
}

struct Portal {
  TempDir dir{"fault-server"};
  std::string pack = PseudoRandomBytes(300000, 7);
  std::string manifest = "{\"version\": 2}\n";
  Portal() {
    fs::create_directories(dir / "root/v1/p/packs");
    WriteFile(dir / "root/v1/p/packs/2.sqlite.zst", pack);
    WriteFile(dir / "root/v1/p/manifest.json", manifest);
  }
};

const char* kPackPath = "/v1/p/packs/2.sqlite.zst";

}  // namespace

TEST_CASE("serves files with Content-Length and validators and HEAD and 404") {
  Portal portal;
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  RawResponse r = RawHttp(server.port(), "GET", kPackPath);
  REQUIRE(r.ok);
  CHECK(r.status == 200);
  CHECK(r.headers["content-length"] == std::to_string(portal.pack.size()));
  CHECK(r.headers["accept-ranges"] == "bytes");
  CHECK(!r.headers["etag"].empty());
  CHECK(!r.headers["last-modified"].empty());
  CHECK(r.body == portal.pack);

  RawResponse head = RawHttp(server.port(), "HEAD", kPackPath);
  CHECK(head.status == 200);
  CHECK(head.headers["content-length"] == std::to_string(portal.pack.size()));
  CHECK(head.body.empty());

  CHECK(RawHttp(server.port(), "GET", "/v1/p/nothing").status == 404);
  CHECK(RawHttp(server.port(), "GET", "/v1/../../etc/passwd").status == 400);
  CHECK(RawHttp(server.port(), "POST", kPackPath).status == 405);
}

TEST_CASE("Range requests give 206 and past the end 416 and a stale If-Range the whole file") {
  Portal portal;
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  RawResponse r = RawHttp(server.port(), "GET", kPackPath, {"Range: bytes=1000-"});
  CHECK(r.status == 206);
  CHECK(r.headers["content-range"] ==
        "bytes 1000-" + std::to_string(portal.pack.size() - 1) + "/" + std::to_string(portal.pack.size()));
  CHECK(r.body == portal.pack.substr(1000));

  r = RawHttp(server.port(), "GET", kPackPath, {"Range: bytes=10-19"});
  CHECK(r.status == 206);
  CHECK(r.body == portal.pack.substr(10, 10));

  r = RawHttp(server.port(), "GET", kPackPath,
              {"Range: bytes=" + std::to_string(portal.pack.size()) + "-"});
  CHECK(r.status == 416);
  CHECK(r.headers["content-range"] == "bytes */" + std::to_string(portal.pack.size()));

  std::string etag = RawHttp(server.port(), "HEAD", kPackPath).headers["etag"];
  r = RawHttp(server.port(), "GET", kPackPath, {"Range: bytes=1000-", "If-Range: " + etag});
  CHECK(r.status == 206);
  r = RawHttp(server.port(), "GET", kPackPath, {"Range: bytes=1000-", "If-Range: \"other\""});
  CHECK(r.status == 200);
  CHECK(r.body == portal.pack);
}

TEST_CASE("conditional GET: If-None-Match and If-Modified-Since give 304") {
  Portal portal;
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  RawResponse first = RawHttp(server.port(), "GET", "/v1/p/manifest.json");
  REQUIRE(first.status == 200);
  RawResponse r = RawHttp(server.port(), "GET", "/v1/p/manifest.json",
                          {"If-None-Match: " + first.headers["etag"]});
  CHECK(r.status == 304);
  CHECK(r.body.empty());
  r = RawHttp(server.port(), "GET", "/v1/p/manifest.json",
              {"If-Modified-Since: " + first.headers["last-modified"]});
  CHECK(r.status == 304);
  r = RawHttp(server.port(), "GET", "/v1/p/manifest.json",
              {"If-Modified-Since: Mon, 01 Jan 2001 00:00:00 GMT"});
  CHECK(r.status == 200);
  CHECK(r.body == portal.manifest);
  r = RawHttp(server.port(), "GET", "/v1/p/manifest.json", {"If-None-Match: \"x\""});
  CHECK(r.status == 200);

  // A changed file has a new validator.
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  WriteFile(portal.dir / "root/v1/p/manifest.json", "{\"version\": 3}\n");
  r = RawHttp(server.port(), "GET", "/v1/p/manifest.json",
              {"If-None-Match: " + first.headers["etag"]});
  CHECK(r.status == 200);
}

TEST_CASE("drop_after cuts the body after exactly N bytes and drop_random is seeded") {
  Portal portal;
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  server.Control("drop_after = 12345\n");
  RawResponse r = RawHttp(server.port(), "GET", kPackPath);
  CHECK(r.status == 200);
  CHECK(r.body == portal.pack.substr(0, 12345));
  // The manifest does not match ".zst": untouched.
  CHECK(RawHttp(server.port(), "GET", "/v1/p/manifest.json").body == portal.manifest);
  // With a range, N counts body bytes of this response.
  r = RawHttp(server.port(), "GET", kPackPath, {"Range: bytes=100000-"});
  CHECK(r.body == portal.pack.substr(100000, 12345));
  server.Control("drop_after = 500\ndrop_rst = 1\n");
  r = RawHttp(server.port(), "GET", kPackPath);
  CHECK(r.body.size() <= 500);
  REQUIRE(server.WaitIdle());
  auto log = server.Log();
  REQUIRE(log.size() == 4);
  CHECK(log[0].end == "dropped");
  CHECK(log[0].sent == 12345);
  CHECK(log[0].fault == "drop");
  CHECK(log[1].end == "complete");
  CHECK(log[2].range == "100000-");
  CHECK(log[2].offset == 100000);
  CHECK(log[2].sent == 12345);
  CHECK(log[3].sent == 500);

  // Same seed, same cut points; each within [A, B].
  std::vector<size_t> cuts[2];
  for (int round = 0; round < 2; ++round) {
    server.Control("drop_random = 1000 200000\nseed = " + std::to_string(42) + "\n# round " +
                   std::to_string(round) + "\n");
    for (int i = 0; i < 5; ++i) {
      RawResponse d = RawHttp(server.port(), "GET", kPackPath);
      CHECK(d.body == portal.pack.substr(0, d.body.size()));
      CHECK(d.body.size() >= 1000);
      CHECK(d.body.size() <= 200000);
      cuts[round].push_back(d.body.size());
    }
  }
  CHECK(cuts[0] == cuts[1]);
  CHECK(std::set<size_t>(cuts[0].begin(), cuts[0].end()).size() > 1);
}

TEST_CASE("a bounded stall delivers the whole body and an endless one lasts until the client leaves") {
  Portal portal;
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  server.Control("stall_at = 5000\nstall_ms = 300\n");
  RawResponse r = RawHttp(server.port(), "GET", kPackPath);
  CHECK(r.body == portal.pack);

  server.Control("stall_at = 7000\nstall_ms = -1\n");
  r = RawHttp(server.port(), "GET", kPackPath, {}, std::chrono::milliseconds(500));
  CHECK(r.body == portal.pack.substr(0, 7000));
  REQUIRE(server.WaitIdle());
  auto log = server.Log();
  REQUIRE(log.size() == 2);
  CHECK(log[0].fault == "stall");
  CHECK(log[0].end == "complete");
  CHECK(log[1].end == "client-closed");
  CHECK(log[1].sent == 7000);
}

TEST_CASE("flip_at changes exactly one byte at that file offset also inside a range") {
  Portal portal;
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  server.Control("flip_at = 150000\n");
  for (std::string range : {"", "Range: bytes=100000-"}) {
    RawResponse r = RawHttp(server.port(), "GET", kPackPath,
                            range.empty() ? std::vector<std::string>{} : std::vector<std::string>{range});
    size_t base = range.empty() ? 0 : 100000;
    REQUIRE(r.body.size() == portal.pack.size() - base);
    size_t differing = 0, where = 0;
    for (size_t i = 0; i < r.body.size(); ++i)
      if (r.body[i] != portal.pack[base + i]) {
        ++differing;
        where = base + i;
      }
    CHECK(differing == 1);
    CHECK(where == 150000);
  }
}

TEST_CASE("longer bodies: oversize and overrun past Content-Length and endless") {
  Portal portal;
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  server.Control("oversize = 1000\n");
  RawResponse r = RawHttp(server.port(), "GET", kPackPath);
  CHECK(r.headers["content-length"] == std::to_string(portal.pack.size() + 1000));
  CHECK(r.body.size() == portal.pack.size() + 1000);
  CHECK(r.body.substr(0, portal.pack.size()) == portal.pack);
  CHECK(r.body.substr(portal.pack.size(), 4) == "JUNK");

  server.Control("overrun = 777\n");
  r = RawHttp(server.port(), "GET", kPackPath);
  CHECK(r.headers["content-length"] == std::to_string(portal.pack.size()));
  CHECK(r.body.size() == portal.pack.size() + 777);

  // Endless, throttled so the reader is not flooded: no length, more than the file.
  server.Control("endless = 1\nrate = 2000000\n");
  r = RawHttp(server.port(), "GET", kPackPath, {}, std::chrono::milliseconds(600));
  CHECK(r.headers.count("content-length") == 0);
  CHECK(r.body.size() > portal.pack.size());
  CHECK(r.body.substr(0, portal.pack.size()) == portal.pack);
  REQUIRE(server.WaitIdle());
  auto log = server.Log();
  REQUIRE(log.size() == 3);
  CHECK(log[2].fault == "endless");
  CHECK(log[2].end == "client-closed");
}

TEST_CASE("fail_first gives K failures then success and fault_requests limits byte faults") {
  Portal portal;
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  server.Control("fail_first = 3\nfail_status = 503\n");
  for (int i = 0; i < 3; ++i) CHECK(RawHttp(server.port(), "GET", kPackPath).status == 503);
  CHECK(RawHttp(server.port(), "GET", kPackPath).body == portal.pack);
  CHECK(RawHttp(server.port(), "GET", "/v1/p/manifest.json").status == 200);

  server.Control("fail_first = 1\ndrop_after = 10\nfault_requests = 2\nmatch = packs/\n");
  CHECK(RawHttp(server.port(), "GET", kPackPath).status == 500);
  CHECK(RawHttp(server.port(), "GET", kPackPath).body.size() == 10);
  CHECK(RawHttp(server.port(), "GET", kPackPath).body.size() == 10);
  CHECK(RawHttp(server.port(), "GET", kPackPath).body == portal.pack);
  REQUIRE(server.WaitIdle());
  auto log = server.Log();
  REQUIRE(log.size() == 9);
  CHECK(log[0].status == 503);
  CHECK(log[0].fault == "fail");
  CHECK(log[4].status == 200);
  CHECK(log[4].gen == log[0].gen);
  CHECK(log[5].gen == log[0].gen + 1);
  CHECK(BytesServed(log, "2.sqlite.zst", log[5].req) == 20 + static_cast<int64_t>(portal.pack.size()));
}

TEST_CASE("root switch: the control file picks another portal tree") {
  Portal portal;
  fs::create_directories(portal.dir / "other/v1/p");
  WriteFile(portal.dir / "other/v1/p/manifest.json", "other\n");
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  CHECK(RawHttp(server.port(), "GET", "/v1/p/manifest.json").body == portal.manifest);
  server.Control("root = " + (portal.dir / "other").string() + "\n");
  CHECK(RawHttp(server.port(), "GET", "/v1/p/manifest.json").body == "other\n");
  CHECK(RawHttp(server.port(), "GET", kPackPath).status == 404);
}

TEST_CASE("rate throttles but delivers the same bytes and keep-alive serves several requests") {
  Portal portal;
  FaultServer server(portal.dir / "root", portal.dir / "work");
  REQUIRE(server.ok());
  server.Control("rate = 3000000\n");
  CHECK(RawHttp(server.port(), "GET", kPackPath).body == portal.pack);
  // Two requests on one connection: curl reuses connections, so must the server.
  TempDir io("curl");
  ProcessResult r = RunProcess({"/usr/bin/curl", "-sS", "-o", (io / "a").string(), "-o",
                                (io / "b").string(), server.Url() + kPackPath,
                                server.Url() + "/v1/p/manifest.json"});
  REQUIRE(r.exit_code == 0);
  CHECK(ReadFile(io / "a") == portal.pack);
  CHECK(ReadFile(io / "b") == portal.manifest);
  REQUIRE(server.WaitIdle());
  auto log = server.Log();
  REQUIRE(log.size() == 3);
  CHECK(log[1].conn == log[2].conn);
  // curl resumes with Range as kiosk-sync does.
  WriteFile(io / "c", portal.pack.substr(0, 123456));
  r = RunProcess({"/usr/bin/curl", "-sS", "-C", "-", "-o", (io / "c").string(), server.Url() + kPackPath});
  REQUIRE(r.exit_code == 0);
  CHECK(ReadFile(io / "c") == portal.pack);
  REQUIRE(server.WaitIdle());
  log = server.Log();
  CHECK(log.back().range == "123456-");
  CHECK(log.back().sent == static_cast<int64_t>(portal.pack.size()) - 123456);
}
