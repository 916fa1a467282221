// tests/sync/minisign_interop_test.cpp: our minisign code against the real `minisign`
// tool, both directions: keys, signatures, trusted comments, encrypted secret keys.
#include <doctest/doctest.h>

#include "content-pack/minisign.hpp"
#include "harness.hpp"

using namespace synctest;
namespace ms = pack::minisign;

TEST_CASE("minisign: signatures made by minisign verify with our code, tampering does not") {
  TempDir dir;
  KeyPair key = MakeKeys(dir.Path(), "province");
  const std::string message = "{\"version\": 7, \"title\": \"Tủ sách pháp luật\"}\n";
  WriteFile(dir / "m.json", message);
  Result r = Run({"/usr/bin/minisign", "-Sm", dir / "m.json", "-s", key.sec_file, "-t", "pack_id:x version:7"});
  REQUIRE(r.exit_code == 0);
  const std::string sig = ReadFile(dir / "m.json.minisig");

  auto pk = ms::ParsePublicKey(ReadFile(key.pub_file));
  REQUIRE(pk.ok());
  auto pk_line = ms::ParsePublicKey(key.pub_line);
  REQUIRE(pk_line.ok());
  CHECK(pk_line->Base64() == key.pub_line);

  auto v = ms::Verify(message, sig, {*pk});
  REQUIRE_MESSAGE(v.ok(), v.error());
  CHECK(v->trusted_comment == "pack_id:x version:7");

  CHECK_FALSE(ms::Verify(message + " ", sig, {*pk}).ok());
  // Another key with another id: "unknown key".
  KeyPair other = MakeKeys(dir.Path(), "other");
  auto unknown = ms::Verify(message, sig, {*ms::ParsePublicKey(other.pub_line)});
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().find("unknown key") != std::string::npos);
  // The trusted comment is covered by the global signature.
  std::string altered = sig;
  altered.replace(altered.find("version:7"), 9, "version:9");
  auto bad_comment = ms::Verify(message, altered, {*pk});
  REQUIRE_FALSE(bad_comment.ok());
  CHECK(bad_comment.error().find("global") != std::string::npos);
  // Garbage never crashes.
  CHECK_FALSE(ms::Verify(message, "", {*pk}).ok());
  CHECK_FALSE(ms::Verify(message, "untrusted comment: x\n!!!\ntrusted comment: y\n===\n", {*pk}).ok());
  CHECK_FALSE(ms::ParsePublicKey("RWQ").ok());
}

TEST_CASE("minisign: our signatures verify with minisign -Vm, keys from minisign -G -W sign") {
  TempDir dir;
  KeyPair key = MakeKeys(dir.Path(), "province");
  auto sk = ms::ParseSecretKey(ReadFile(key.sec_file), "");
  REQUIRE_MESSAGE(sk.ok(), sk.error());
  CHECK(sk->Public().Base64() == key.pub_line);
  const std::string message = "nội dung cần ký\n";
  WriteFile(dir / "m.txt", message);
  WriteFile(dir / "m.txt.minisig", ms::Sign(message, *sk, "trusted by the province"));
  Result r = Run({"/usr/bin/minisign", "-Vm", dir / "m.txt", "-P", key.pub_line});
  INFO(r.out, r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Trusted comment: trusted by the province") != std::string::npos);
  WriteFile(dir / "m.txt", message + "x");
  CHECK(Run({"/usr/bin/minisign", "-Vm", dir / "m.txt", "-P", key.pub_line}).exit_code != 0);
}

TEST_CASE("minisign: content-pack keygen pairs work with minisign, both unencrypted and encrypted") {
  TempDir dir;
  Result g = Run({Bin("content-pack"), "keygen", "--public", dir / "k.pub", "--secret", dir / "k.key", "--unencrypted"});
  REQUIRE(g.exit_code == 0);
  WriteFile(dir / "m.txt", "hello\n");
  Result s = Run({"/usr/bin/minisign", "-Sm", dir / "m.txt", "-s", dir / "k.key"});
  INFO(s.err);
  REQUIRE(s.exit_code == 0);
  CHECK(Run({"/usr/bin/minisign", "-Vm", dir / "m.txt", "-p", dir / "k.pub"}).exit_code == 0);

  // Encrypted with a password (scrypt as minisign does it); minisign reads it from stdin.
  WriteFile(dir / "pw", "mật khẩu tỉnh\n");
  Result ge = Run({Bin("content-pack"), "keygen", "--public", dir / "e.pub", "--secret", dir / "e.key",
                   "--password-file", dir / "pw"});
  REQUIRE(ge.exit_code == 0);
  Result se = Run({"/usr/bin/minisign", "-Sm", dir / "m.txt", "-s", dir / "e.key", "-x", dir / "m.sig"},
                  "mật khẩu tỉnh\n");
  INFO(se.err);
  REQUIRE(se.exit_code == 0);
  CHECK(Run({"/usr/bin/minisign", "-Vm", dir / "m.txt", "-x", dir / "m.sig", "-p", dir / "e.pub"}).exit_code == 0);
  // Refuses to overwrite keys.
  CHECK(Run({Bin("content-pack"), "keygen", "--public", dir / "k.pub", "--secret", dir / "k.key", "--unencrypted"})
            .exit_code != 0);
}

TEST_CASE("minisign: a password-protected key from minisign -G publishes with the password, not without") {
  TempDir dir;
  Result g = Run({"/usr/bin/minisign", "-G", "-p", dir / "p.pub", "-s", dir / "p.key"}, "bí mật\nbí mật\n");
  INFO(g.err);
  REQUIRE(g.exit_code == 0);
  auto wrong = ms::ParseSecretKey(ReadFile(dir / "p.key"), "sai");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.error().find("wrong password") != std::string::npos);
  auto none = ms::ParseSecretKey(ReadFile(dir / "p.key"), "");
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().find("encrypted") != std::string::npos);

  MakeSource(dir / "src", "vn-test-sync", 3);
  BuildPack(dir / "src", dir / "p1.sqlite", 1);
  KeyPair key{dir / "p.pub", dir / "p.key", ""};
  Result no_pw = Publish(dir / "p1.sqlite", key, dir / "portal");
  CHECK(no_pw.exit_code == 1);
  CHECK_FALSE(Exists(dir / "portal/v1/vn-test-sync/manifest.json"));
  Result env_pw = Run({Bin("content-pack"), "publish", dir / "p1.sqlite", "--key", dir / "p.key", "--out", dir / "portal"},
                      "", {{"KIOSK_SIGN_PASSWORD", "bí mật"}});
  INFO(env_pw.err);
  REQUIRE(env_pw.exit_code == 0);
  Result v = Run({"/usr/bin/minisign", "-Vm", dir / "portal/v1/vn-test-sync/manifest.json", "-p", dir / "p.pub"});
  INFO(v.err);
  CHECK(v.exit_code == 0);
}
