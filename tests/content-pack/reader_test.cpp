// The reader: typed access, and a clear error (never a crash) for anything that is not
// a good pack.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <map>

#include "content-pack/pack_reader.hpp"
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

}  // namespace

TEST_CASE("reader: metadata, counts and fields") {
  MiniPack p;
  auto reader = pack::PackReader::Open(p.path);
  REQUIRE_MESSAGE(reader, reader.error());
  auto& r = **reader;
  CHECK(r.Meta().id == "mini-test");
  CHECK(r.Meta().title == "Gói thử nghiệm nhỏ");
  CHECK(r.Meta().publisher == "Nhóm phát triển");
  CHECK(r.Meta().version == 1);
  CHECK(r.Meta().created == "2023-11-14T22:13:20Z");
  CHECK(r.Meta().schema_version == pack::kSchemaVersion);
  auto counts = r.CountsByType();
  REQUIRE(counts);
  std::map<pack::ItemType, int64_t> by_type(counts->begin(), counts->end());
  CHECK(by_type[pack::ItemType::Procedure] == 2);
  CHECK(by_type[pack::ItemType::Document] == 1);
  CHECK(by_type[pack::ItemType::Quiz] == 1);
  auto fields = r.Fields();
  REQUIRE(fields);
  bool ho_tich_procedure = false;
  for (const auto& f : *fields) ho_tich_procedure |= f.field == "Hộ tịch" && f.type == pack::ItemType::Procedure && f.count == 1;
  CHECK(ho_tich_procedure);
  auto items = r.Items(pack::ItemType::Procedure, "Hộ tịch");
  REQUIRE(items);
  REQUIRE(items->size() == 1);
  CHECK((*items)[0].id == "dang-ky-khai-sinh");
  CHECK(r.QuickCheck().ok());
}

TEST_CASE("reader: a procedure with every key, links resolved to ids") {
  MiniPack p;
  auto reader = pack::PackReader::Open(p.path);
  REQUIRE(reader);
  auto item = (*reader)->GetItem("dang-ky-khai-sinh");
  REQUIRE_MESSAGE(item, item.error());
  REQUIRE(item->procedure);
  const auto& proc = *item->procedure;
  CHECK(proc.code == "1.001193");
  CHECK(proc.level == "Cấp xã");
  CHECK(proc.fee == "Miễn lệ phí");
  REQUIRE(proc.channels.size() == 2);
  CHECK(proc.channels[0].how == "Trực tiếp");
  CHECK(proc.channels[1].note == "Qua Cổng dịch vụ công");
  REQUIRE(proc.documents.size() == 2);
  CHECK(proc.documents[0].name == "Tờ khai đăng ký khai sinh");
  CHECK(proc.documents[1].copies == "01 bản chính");
  CHECK(proc.documents[1].form_image > 0);
  REQUIRE(proc.steps.size() == 2);
  CHECK(proc.steps[1] == "Nhận kết quả");
  REQUIRE(proc.legal_basis.size() == 2);
  CHECK(proc.legal_basis[0].document_id == "luat-ho-tich");
  CHECK(proc.legal_basis[1].document_id.empty());
  CHECK(proc.online_url == "https://dichvucong.gov.vn/");
  CHECK(item->keywords == std::vector<std::string>{"làm giấy khai sinh", "giấy khai sinh cho con"});
  REQUIRE(item->links.size() == 2);
  CHECK(item->links[0].target_item == "luat-ho-tich");
  CHECK(item->links[1].target_image == proc.documents[1].form_image);
}

TEST_CASE("reader: documents as unit trees, quizzes, articles, announcements, images") {
  MiniPack p;
  auto reader = pack::PackReader::Open(p.path);
  REQUIRE(reader);
  auto& r = **reader;
  auto doc = r.GetItem("luat-ho-tich");
  REQUIRE(doc);
  REQUIRE(doc->document);
  CHECK(doc->document->number == "60/2014/QH13");
  CHECK(doc->document->effective == "2016-01-01");
  auto units = r.Units("luat-ho-tich");
  REQUIRE(units);
  REQUIRE(units->size() == 11);
  CHECK((*units)[9].label == "Điều 16");
  CHECK((*units)[9].parent == (*units)[8].id);
  CHECK((*units)[8].kind == pack::UnitKind::Section);
  auto quiz = r.GetItem("thi-thu");
  REQUIRE(quiz);
  REQUIRE(quiz->questions.size() == 1);
  CHECK(quiz->questions[0].choices == std::vector<std::string>{"2015", "2016", "2017"});
  CHECK(quiz->questions[0].answer == 1);
  auto article = r.GetItem("tin-ngay-phap-luat");
  REQUIRE(article);
  REQUIRE(article->article);
  CHECK(article->article->date == "2024-11-09");
  CHECK(article->article->image > 0);
  auto info = r.GetImageInfo(article->article->image);
  REQUIRE(info);
  CHECK(info->width == 2);
  CHECK(info->height == 2);
  CHECK(r.ActiveAnnouncements("2026-11-28")->size() == 1);
  CHECK(r.ActiveAnnouncements("2031-01-01")->empty());
  CHECK_FALSE(r.GetItem("khong-ton-tai"));
  CHECK(r.GetItem("khong-ton-tai").error().find("khong-ton-tai") != std::string::npos);
}

TEST_CASE("reader: a newer schema is refused with a clear message") {
  MiniPack p;
  Exec(p.path, "PRAGMA user_version=" + std::to_string(pack::kSchemaVersion + 1));
  auto reader = pack::PackReader::Open(p.path);
  REQUIRE_FALSE(reader);
  CHECK(reader.error().find("newer than this software reads") != std::string::npos);
}

TEST_CASE("reader: files that are not packs") {
  TempDir dir;
  auto missing = pack::PackReader::Open(dir / "nothing-here.pack");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().find("No such file") != std::string::npos);

  WriteFile(dir.path() / "text.pack", std::string(4096, 'x'));
  auto text = pack::PackReader::Open(dir / "text.pack");
  REQUIRE_FALSE(text);
  CHECK(text.error().find("not an SQLite database") != std::string::npos);

  std::string foreign = dir / "foreign.sqlite";
  Exec(foreign, "CREATE TABLE t(x); INSERT INTO t VALUES(randomblob(2000));");
  auto f = pack::PackReader::Open(foreign);
  REQUIRE_FALSE(f);
  CHECK(f.error().find("not a content pack") != std::string::npos);

  MiniPack p;
  Exec(p.path, "DROP TABLE images");
  auto damaged = pack::PackReader::Open(p.path);
  REQUIRE_FALSE(damaged);
  CHECK(damaged.error().find("table 'images' is missing") != std::string::npos);
}

TEST_CASE("reader: truncated and corrupted packs give errors, not crashes") {
  MiniPack p;
  std::string bytes = ReadFile(p.path);
  TempDir dir;
  int opened = 0, refused = 0;
  // Truncations at many lengths, then single-byte corruption all over the file.
  for (size_t len = 0; len < bytes.size(); len += bytes.size() / 40 + 1) {
    std::string path = dir / "t.pack";
    WriteFile(path, bytes.substr(0, len));
    auto r = pack::PackReader::Open(path);
    if (!r) { ++refused; continue; }
    ++opened;
    (void)(*r)->QuickCheck();
    (void)(*r)->Items(std::nullopt);
    (void)(*r)->Search("dang ky khai sinh");
  }
  uint32_t seed = 12345;
  for (int i = 0; i < 200; ++i) {
    std::string damaged = bytes;
    for (int k = 0; k < 8; ++k) {
      seed = seed * 1103515245 + 12345;
      damaged[seed % damaged.size()] ^= static_cast<char>(1 + (seed >> 16) % 255);
    }
    std::string path = dir / "c.pack";
    WriteFile(path, damaged);
    auto r = pack::PackReader::Open(path);
    if (!r) { ++refused; CHECK_FALSE(r.error().empty()); continue; }
    ++opened;
    auto& reader = **r;
    (void)reader.QuickCheck();
    if (auto items = reader.Items(std::nullopt))
      for (const auto& it : *items) {
        (void)reader.GetItem(it.id);
        (void)reader.Units(it.id);
      }
    (void)reader.Search("khai sinh");
    (void)reader.Search("trung thuc ban sao");
  }
  MESSAGE("opened " << opened << ", refused " << refused);
  CHECK(refused > 0);
}

TEST_CASE("reader: a corrupted page makes quick_check fail") {
  MiniPack p;
  // Find the root page of the items table, then overwrite its b-tree header.
  int64_t root = 0;
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(p.path.c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT rootpage FROM sqlite_schema WHERE name = 'procedure_steps'", -1, &st, nullptr);
    if (sqlite3_step(st) == SQLITE_ROW) root = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
  }
  REQUIRE(root > 1);
  std::string bytes = ReadFile(p.path);
  size_t page = static_cast<size_t>(root - 1) * 4096;
  REQUIRE(page + 4096 <= bytes.size());
  for (size_t i = page; i < page + 64; ++i) bytes[i] = static_cast<char>(0xA5 ^ i);
  WriteFile(p.path, bytes);
  auto r = pack::PackReader::Open(p.path);
  if (r) {
    auto check = (*r)->QuickCheck();
    CHECK_FALSE(check.ok());
  } else {
    CHECK_FALSE(r.error().empty());
  }
}

TEST_CASE("reader: articles come newest first, undated last, without their bodies") {
  TempDir dir;
  fs::path src = CopyMiniSource(dir);
  const char* dates[] = {"2023-05-01", "2025-01-31", "", "2024-12-31"};
  for (int i = 0; i < 4; ++i)
    WriteFile(src / "khac" / ("tin-" + std::to_string(i) + ".md"),
              "---\ntype: article\nid: tin-" + std::to_string(i) + "\ntitle: Tin " + std::to_string(i) +
                  (dates[i][0] ? std::string("\ndate: ") + dates[i] : std::string()) + "\nsummary: Tóm tắt " +
                  std::to_string(i) + "\n---\nNội dung.\n");
  auto report = Build(src, dir / "a.pack");
  INFO(Errors(report));
  REQUIRE(report.ok);
  auto reader = pack::PackReader::Open(dir / "a.pack");
  REQUIRE(reader.ok());
  auto articles = (*reader)->Articles();
  REQUIRE(articles.ok());
  std::vector<std::string> ids;
  for (const auto& a : *articles) ids.push_back(a.summary.id);
  // The mini source's own article is dated 2024-11-09.
  CHECK(ids == std::vector<std::string>{"tin-1", "tin-3", "tin-ngay-phap-luat", "tin-0", "tin-2"});
  CHECK(articles->at(0).article.date == "2025-01-31");
  CHECK(articles->at(0).article.summary == "Tóm tắt 1");
  CHECK(articles->at(2).article.image != 0);
}
