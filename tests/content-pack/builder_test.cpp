// The builder: complete packs or none, every error in one run, reproducible bytes.
#include <doctest/doctest.h>

#include <algorithm>
#include <sqlite3.h>

#include "content-pack/pack_reader.hpp"
#include "pack_test_support.hpp"

using namespace testing;

namespace {

const char* kPackYaml = "id: test-pack\ntitle: Gói thử\npublisher: Sở Tư pháp\nlanguage: vi\n";

std::string Faq(const std::string& id, const std::string& title = "Câu hỏi?") {
  return "---\ntype: faq\nid: " + id + "\ntitle: " + title + "\n---\nTrả lời.\n";
}

bool HasDiagnostic(const pack::BuildReport& r, const std::string& formatted_prefix) {
  for (const auto& d : r.diagnostics)
    if (d.Format().rfind(formatted_prefix, 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("builder: the mini source builds and every item type is stored") {
  TempDir dir;
  auto src = CopyMiniSource(dir);
  auto report = Build(src, dir.path() / "mini.pack");
  INFO(Errors(report));
  REQUIRE(report.ok);
  CHECK(report.items == 7);
  CHECK(report.images == 1);
  CHECK(report.units == 11);
  CHECK(fs::exists(dir.path() / "mini.pack"));
  // No temporary files are left beside the output.
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir.path())) files += e.is_regular_file();
  CHECK(files == 1);
}

TEST_CASE("builder: every kind of error is reported as path:line in one run, and no pack is written") {
  TempDir dir;
  fs::path src = dir.path() / "src";
  WriteFile(src / "pack.yaml", kPackYaml);
  WriteFile(src / "a-bad-yaml.md", "---\ntype: faq\nid: a\ntitle: [unclosed\n---\nx\n");
  WriteFile(src / "b-unknown-type.md", "---\ntype: recipe\nid: b\ntitle: B\n---\nx\n");
  WriteFile(src / "c-missing-title.md", "---\ntype: faq\nid: c\n---\nx\n");
  WriteFile(src / "d-dup.md", Faq("same"));
  WriteFile(src / "e-dup.md", "---\ntype: faq\n\nid: same\ntitle: E\n---\nx\n");
  WriteFile(src / "f-link.md", "---\ntype: faq\nid: f\ntitle: F\n---\nTrả lời.\n\nXem [đây](khong-co.md).\n");
  WriteFile(src / "g-image.md", "---\ntype: article\nid: g\ntitle: G\nimage: hinh/khong-co.png\n---\nx\n");
  WriteFile(src / "h-date.md", "---\ntype: article\nid: h\ntitle: H\ndate: 2024-02-30\n---\nx\n");
  WriteFile(src / "i-broken.png", "\x89PNG\r\n\x1a\nthis is not really a png");
  WriteFile(src / "j-no-front-matter.md", "Just text.\n");
  WriteFile(src / "k-bad-id.md", "---\ntype: faq\nid: Bad_ID\ntitle: K\n---\nx\n");
  WriteFile(src / "l-quiz.md", "---\ntype: quiz\nid: l\ntitle: L\nquestions:\n  - q: Q?\n    choices: [a, b]\n    answer: 5\n---\n");
  WriteFile(src / "m-unknown-key.md", "---\ntype: faq\nid: m\ntitle: M\ncolour: blue\n---\nx\n");
  fs::path out = dir.path() / "out.pack";
  WriteFile(out, "the previous pack");  // an existing output must survive a failed build
  auto r = Build(src, out);
  INFO(Errors(r));
  CHECK_FALSE(r.ok);
  CHECK(HasDiagnostic(r, "a-bad-yaml.md:4: bad YAML"));
  CHECK(HasDiagnostic(r, "b-unknown-type.md:2: unknown type 'recipe'"));
  CHECK(HasDiagnostic(r, "c-missing-title.md:2: missing required key 'title'"));
  CHECK(HasDiagnostic(r, "e-dup.md:4: duplicate id 'same' (first defined at d-dup.md:3)"));
  CHECK(HasDiagnostic(r, "f-link.md:8: link 'khong-co.md' does not resolve"));
  CHECK(HasDiagnostic(r, "g-image.md:5: image 'hinh/khong-co.png' not found"));
  CHECK(HasDiagnostic(r, "h-date.md:5: 'date' is not a date (YYYY-MM-DD): '2024-02-30'"));
  CHECK(HasDiagnostic(r, "i-broken.png: image does not decode"));
  CHECK(HasDiagnostic(r, "j-no-front-matter.md:1: missing front matter"));
  CHECK(HasDiagnostic(r, "k-bad-id.md:3: id must be [a-z0-9-]+"));
  CHECK(HasDiagnostic(r, "l-quiz.md:8: 'answer' must be a 0-based index"));
  CHECK(HasDiagnostic(r, "m-unknown-key.md:5: warning: unknown key 'colour'"));
  CHECK(r.ErrorCount() == 11);
  CHECK(ReadFile(out) == "the previous pack");
  for (const auto& e : fs::directory_iterator(dir.path()))
    CHECK_MESSAGE(e.path().filename().string().find(".tmp") == std::string::npos, e.path().string());
}

TEST_CASE("builder: unknown keys are warnings and the pack is still written") {
  TempDir dir;
  fs::path src = dir.path() / "src";
  WriteFile(src / "pack.yaml", kPackYaml);
  WriteFile(src / "a.md", "---\ntype: faq\nid: a\ntitle: A\nextra: 1\n---\nx\n");
  auto r = Build(src, dir.path() / "p.pack");
  CHECK(r.ok);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].severity == pack::Diagnostic::Severity::Warning);
  CHECK(fs::exists(dir.path() / "p.pack"));
}

TEST_CASE("builder: a missing or broken pack.yaml is an error") {
  TempDir dir;
  fs::path src = dir.path() / "src";
  WriteFile(src / "a.md", Faq("a"));
  auto r = Build(src, dir.path() / "p.pack");
  CHECK_FALSE(r.ok);
  CHECK(HasDiagnostic(r, "pack.yaml: missing"));
  WriteFile(src / "pack.yaml", "id: Not Valid\ntitle: T\n");
  r = Build(src, dir.path() / "p.pack");
  CHECK(HasDiagnostic(r, "pack.yaml:1: pack id must be [a-z0-9-]+"));
  CHECK(HasDiagnostic(r, "pack.yaml:1: missing required key 'publisher'"));
  CHECK_FALSE(fs::exists(dir.path() / "p.pack"));
}

TEST_CASE("builder: drafts (names starting with . or _) are ignored") {
  TempDir dir;
  fs::path src = dir.path() / "src";
  WriteFile(src / "pack.yaml", kPackYaml);
  WriteFile(src / "a.md", Faq("a"));
  WriteFile(src / "_nhap/b.md", "not even front matter");
  WriteFile(src / ".git/c.md", "nor this");
  WriteFile(src / "_d.md", "nor this");
  auto r = Build(src, dir.path() / "p.pack");
  INFO(Errors(r));
  CHECK(r.ok);
  CHECK(r.items == 1);
}

TEST_CASE("builder: decomposed (NFD) sources give the same pack as precomposed ones") {
  TempDir dir;
  auto nfc_src = dir.path() / "nfc", nfd_src = dir.path() / "nfd";
  std::string nfc_title = "Đăng ký kết hôn";
  std::string nfd_title = "\xC4\x90" "a\xCC\x86ng ky\xCC\x81 k" "e\xCC\x82\xCC\x81" "t ho\xCC\x82n";
  WriteFile(nfc_src / "pack.yaml", kPackYaml);
  WriteFile(nfd_src / "pack.yaml", kPackYaml);
  WriteFile(nfc_src / "a.md", Faq("a", nfc_title));
  WriteFile(nfd_src / "a.md", Faq("a", nfd_title));
  REQUIRE(Build(nfc_src, dir.path() / "nfc.pack").ok);
  REQUIRE(Build(nfd_src, dir.path() / "nfd.pack").ok);
  CHECK(ReadFile(dir.path() / "nfc.pack") == ReadFile(dir.path() / "nfd.pack"));
  auto reader = pack::PackReader::Open((dir.path() / "nfd.pack").string());
  REQUIRE(reader);
  CHECK((*reader)->GetItem("a")->summary.title == nfc_title);
}

TEST_CASE("builder: the same source and version give a byte-identical pack") {
  TempDir dir;
  auto src = CopyMiniSource(dir);
  REQUIRE(Build(src, dir.path() / "one.pack", 3).ok);
  REQUIRE(Build(src, dir.path() / "two.pack", 3).ok);
  REQUIRE(Build(src, dir.path() / "four.pack", 4).ok);
  CHECK(ReadFile(dir.path() / "one.pack") == ReadFile(dir.path() / "two.pack"));
  CHECK(ReadFile(dir.path() / "one.pack") != ReadFile(dir.path() / "four.pack"));
}

TEST_CASE("builder: SOURCE_DATE_EPOCH sets created, through the command line tool") {
  TempDir dir;
  auto src = CopyMiniSource(dir);
  auto a = Run({CONTENT_PACK_TOOL, "build", src.string(), "-o", dir / "a.pack", "--version", "2"}, {"SOURCE_DATE_EPOCH=1714521600"});
  auto b = Run({CONTENT_PACK_TOOL, "build", src.string(), "-o", dir / "b.pack", "--version", "2"}, {"SOURCE_DATE_EPOCH=1714521600"});
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  CHECK(ReadFile(dir.path() / "a.pack") == ReadFile(dir.path() / "b.pack"));
  auto reader = pack::PackReader::Open(dir / "a.pack");
  REQUIRE(reader);
  CHECK((*reader)->Meta().created == "2024-05-01T00:00:00Z");
  CHECK((*reader)->Meta().version == 2);
}

TEST_CASE("builder: images wider than 1920 px are downscaled, and width and height are stored") {
  TempDir dir;
  auto src = CopyMiniSource(dir);
  // A 2400x10 grey PNG, written uncompressed-ish by hand is long; use the tool chain:
  // the reader reports what the builder stored.
  std::string png;
  {
    // Build a valid PNG with stored (uncompressed) deflate blocks.
    auto crc = [](const std::string& data) {
      uint32_t c = 0xFFFFFFFF;
      for (unsigned char b : data) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
      }
      return c ^ 0xFFFFFFFF;
    };
    auto be32 = [](uint32_t v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
    auto chunk = [&](const std::string& type, const std::string& data) {
      return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc(type + data));
    };
    const uint32_t w = 2400, h = 10;
    std::string raw;
    for (uint32_t y = 0; y < h; ++y) { raw += '\0'; raw += std::string(w, char(128)); }
    std::string z = "\x78\x01";
    uint32_t a = 1, b = 0;
    for (unsigned char ch : raw) { a = (a + ch) % 65521; b = (b + a) % 65521; }
    for (size_t pos = 0; pos < raw.size(); pos += 65535) {
      size_t n = std::min<size_t>(65535, raw.size() - pos);
      bool last = pos + n == raw.size();
      z += char(last ? 1 : 0);
      z += char(n & 0xFF); z += char(n >> 8); z += char(~n & 0xFF); z += char((~n >> 8) & 0xFF);
      z += raw.substr(pos, n);
    }
    z += be32((b << 16) | a);
    std::string ihdr = be32(w) + be32(h) + std::string{8, 0, 0, 0, 0};
    png = std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", "");
  }
  WriteFile(src / "hinh" / "rong.png", png);
  auto r = Build(src, dir.path() / "p.pack");
  INFO(Errors(r));
  REQUIRE(r.ok);
  auto reader = pack::PackReader::Open(dir / "p.pack");
  REQUIRE(reader);
  auto images = (*reader)->Images();
  REQUIRE(images);
  bool found = false;
  for (const auto& im : *images)
    if (im.path == "hinh/rong.png") {
      found = true;
      CHECK(im.width == 1920);
      CHECK(im.height == 8);
      CHECK(im.format == "png");
      auto data = (*reader)->ImageData(im.id);
      REQUIRE(data);
      CHECK(data->compare(0, 4, "\x89PNG") == 0);
    }
  CHECK(found);
}

TEST_CASE("builder: an output folder that does not exist is a clear error") {
  TempDir dir;
  auto src = CopyMiniSource(dir);
  auto r = Build(src, dir.path() / "no" / "such" / "dir" / "p.pack");
  CHECK_FALSE(r.ok);
  CHECK(Errors(r).find("cannot create") != std::string::npos);
}

TEST_CASE("builder: a full disk fails cleanly and leaves the previous pack") {
  TempDir dir;
  auto src = CopyMiniSource(dir);
  fs::path small = dir.path() / "small";
  fs::create_directories(small);
  // A 48 KiB file system: the mini pack (about 130 KiB) cannot fit.
  std::string cmd = "mount -t tmpfs -o size=48k tmpfs " + small.string() + " 2>/dev/null";
  if (std::system(cmd.c_str()) != 0) {
    MESSAGE("skipped: cannot mount a small tmpfs here (needs root)");
    return;
  }
  struct Unmount {
    fs::path p;
    ~Unmount() { std::system(("umount " + p.string()).c_str()); }
  } unmount{small};
  WriteFile(small / "out.pack", "previous pack");
  auto r = Build(src, small / "out.pack");
  CHECK_FALSE(r.ok);
  INFO(Errors(r));
  CHECK((Errors(r).find("full") != std::string::npos || Errors(r).find("cannot") != std::string::npos));
  CHECK(ReadFile(small / "out.pack") == "previous pack");
  int files = 0;
  for (const auto& e : fs::directory_iterator(small)) { ++files; CHECK(e.path().filename() == "out.pack"); }
  CHECK(files == 1);
}

TEST_CASE("builder: temporaries of a killed build are removed by the next build") {
  TempDir dir;
  auto src = CopyMiniSource(dir);
  // What a build killed with SIGKILL leaves: its temporaries, named after a dead pid.
  pid_t child = ::fork();
  if (child == 0) std::_Exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  std::string dead = std::to_string(child);
  WriteFile(dir.path() / (".p.pack.build-" + dead), "half a database");
  WriteFile(dir.path() / (".p.pack.tmp-" + dead), "half a copy");
  WriteFile(dir.path() / ".p.pack.build-1", "pid 1 is alive: not ours to remove");
  REQUIRE(Build(src, dir.path() / "p.pack").ok);
  CHECK_FALSE(fs::exists(dir.path() / (".p.pack.build-" + dead)));
  CHECK_FALSE(fs::exists(dir.path() / (".p.pack.tmp-" + dead)));
  CHECK(fs::exists(dir.path() / ".p.pack.build-1"));
  CHECK(pack::PackReader::Open(dir / "p.pack").ok());
}

TEST_CASE("builder: a legal_basis DOC_ID#ANCHOR links to that unit, and an anchor the document lacks is an error") {
  TempDir dir;
  fs::path src = CopyMiniSource(dir);
  const fs::path item = src / "thu-tuc/khai-sinh.md";
  std::string text = ReadFile(item);
  const std::string basis = "legal_basis: [luat-ho-tich, Nghị định 123/2015/NĐ-CP]";
  REQUIRE(text.find(basis) != std::string::npos);
  // Anchors as the reader lists them for the mini law.
  auto report = Build(src, dir / "a.pack");
  REQUIRE(report.ok);
  std::string anchor;
  {
    auto reader = pack::PackReader::Open(dir / "a.pack");
    REQUIRE(reader.ok());
    auto units = (*reader)->Units("luat-ho-tich");
    REQUIRE(units.ok());
    for (const auto& u : *units)
      if (u.kind == pack::UnitKind::Clause) { anchor = u.anchor; break; }
  }
  REQUIRE(!anchor.empty());

  text.replace(text.find(basis), basis.size(),
               "legal_basis: [luat-ho-tich#" + anchor + ", luat-ho-tich, Nghị định 123/2015/NĐ-CP]");
  WriteFile(item, text);
  report = Build(src, dir / "b.pack");
  INFO(Errors(report));
  REQUIRE(report.ok);
  auto reader = pack::PackReader::Open(dir / "b.pack");
  REQUIRE(reader.ok());
  auto got = (*reader)->GetItem("dang-ky-khai-sinh");
  REQUIRE(got.ok());
  const auto& lb = got->procedure->legal_basis;
  REQUIRE(lb.size() == 3);
  CHECK(lb[0].document_id == "luat-ho-tich");
  CHECK(lb[0].anchor == anchor);
  CHECK(lb[1].document_id == "luat-ho-tich");
  CHECK(lb[1].anchor.empty());
  CHECK(lb[2].document_id.empty());  // plain text stays text

  // A unit the law does not have, and a document that does not exist: path:line errors.
  std::string bad = text;
  bad.replace(bad.find("luat-ho-tich#" + anchor), ("luat-ho-tich#" + anchor).size(), "luat-ho-tich#dieu-999");
  WriteFile(item, bad);
  report = Build(src, dir / "c.pack");
  CHECK_FALSE(report.ok);
  CHECK(Errors(report).find("thu-tuc/khai-sinh.md:") != std::string::npos);
  CHECK(Errors(report).find("has no unit 'dieu-999'") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "c.pack"));
  bad = text;
  bad.replace(bad.find("luat-ho-tich#" + anchor), ("luat-ho-tich#" + anchor).size(), "luat-khong-co#dieu-1");
  WriteFile(item, bad);
  report = Build(src, dir / "d.pack");
  CHECK_FALSE(report.ok);
  CHECK(Errors(report).find("no document with id 'luat-khong-co'") != std::string::npos);
}

TEST_CASE("builder: a quiz explanation's links resolve like a body's, and an anchor the law lacks is a path:line error") {
  TempDir dir;
  fs::path src = CopyMiniSource(dir);
  const fs::path quiz = src / "khac/quiz.md";
  std::string text = ReadFile(quiz);
  const std::string explain = "explain: Điều 77.";
  REQUIRE(text.find(explain) != std::string::npos);
  std::string good = text;
  good.replace(good.find(explain), explain.size(), "explain: \"Theo [Điều 2](luat-ho-tich#dieu-2) và [tờ khai](../thu-tuc/khai-sinh.md).\"");
  WriteFile(quiz, good);
  auto report = Build(src, dir / "a.pack");
  INFO(Errors(report));
  REQUIRE(report.ok);
  {
    auto reader = pack::PackReader::Open(dir / "a.pack");
    REQUIRE(reader.ok());
    auto item = (*reader)->GetItem("thi-thu");
    REQUIRE(item.ok());
    REQUIRE(item->links.size() == 2);
    CHECK(item->links[0].href == "luat-ho-tich#dieu-2");
    CHECK(item->links[0].target_item == "luat-ho-tich");
    CHECK(item->links[1].target_item == "dang-ky-khai-sinh");
    CHECK(item->questions.at(0).explain.find("[Điều 2](luat-ho-tich#dieu-2)") != std::string::npos);
  }
  // A unit the law does not have: an error naming the quiz file and the explanation's line.
  std::string bad = text;
  bad.replace(bad.find(explain), explain.size(), "explain: \"[Điều 999](luat-ho-tich#dieu-999)\"");
  WriteFile(quiz, bad);
  report = Build(src, dir / "b.pack");
  CHECK_FALSE(report.ok);
  const int line = 1 + (int)std::count(bad.begin(), bad.begin() + (long)bad.find("explain:"), '\n');
  CHECK(Errors(report).find("khac/quiz.md:" + std::to_string(line) + ":") != std::string::npos);
  CHECK(Errors(report).find("has no unit 'dieu-999'") != std::string::npos);
  CHECK_FALSE(fs::exists(dir / "b.pack"));
}
