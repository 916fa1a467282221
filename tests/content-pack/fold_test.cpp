// Folding: what "the same word" means for search.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include "content-pack/fold.hpp"

using pack::Fold;

TEST_CASE("fold: accents, case and đ fold to plain lower-case letters") {
  CHECK(Fold("Đăng ký khai sinh") == "dang ky khai sinh");
  CHECK(Fold("ĐĂNG KÝ KHAI SINH") == "dang ky khai sinh");
  CHECK(Fold("dang ky khai sinh") == "dang ky khai sinh");
  CHECK(Fold("Chứng thực bản sao") == "chung thuc ban sao");
  CHECK(Fold("NGƯỜI ĐƯỢC GIÁM HỘ") == "nguoi duoc giam ho");
  // Every Vietnamese vowel with every tone folds to its base letter.
  CHECK(Fold("àáảãạăằắẳẵặâầấẩẫậ") == "aaaaaaaaaaaaaaaaa");
  CHECK(Fold("èéẻẽẹêềếểễệ") == "eeeeeeeeeee");
  CHECK(Fold("ìíỉĩị") == "iiiii");
  CHECK(Fold("òóỏõọôồốổỗộơờớởỡợ") == "ooooooooooooooooo");
  CHECK(Fold("ùúủũụưừứửữự") == "uuuuuuuuuuu");
  CHECK(Fold("ỳýỷỹỵ") == "yyyyy");
}

TEST_CASE("fold: decomposed input (NFD, as macOS writes) folds like precomposed") {
  // "Đăng ký" with combining breve and acute accents.
  std::string nfd = "\xC4\x90" "a\xCC\x86ng ky\xCC\x81";
  CHECK(Fold(nfd) == "dang ky");
  CHECK(pack::ToNfc(nfd).text == "Đăng ký");
}

TEST_CASE("fold: punctuation and symbols separate words, and offsets map back to the source") {
  CHECK(Fold("1.001193") == "1 001193");
  CHECK(Fold("“Hộ tịch” – 2014…") == " ho tich    2014 ");
  auto folded = pack::FoldWithOffsets("Đăng ký");
  REQUIRE(folded.text == "dang ky");
  REQUIRE(folded.source_offset.size() == folded.text.size() + 1);
  CHECK(folded.source_offset[0] == 0);  // d <- Đ (2 bytes)
  CHECK(folded.source_offset[1] == 2);  // a <- ă (2 bytes at 2)
  CHECK(folded.source_offset[2] == 4);  // n
  CHECK(folded.source_offset[folded.text.size()] == std::string("Đăng ký").size());
}

TEST_CASE("fold: invalid UTF-8 never joins words and never throws") {
  std::string bad = "ab\xFF\xFE" "cd";
  CHECK(Fold(bad) == "ab  cd");
  CHECK_FALSE(pack::ToNfc(bad).ok);
  auto tokens = pack::Tokenize(Fold(bad));
  CHECK(tokens.size() == 2);
}

TEST_CASE("fold: SQLite's unicode61 leaves đ alone, which is why the pack folds itself") {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(":memory:", &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
      "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2');"
      "INSERT INTO t VALUES('Đăng ký khai sinh');", nullptr, nullptr, nullptr) == SQLITE_OK);
  auto count = [&](const char* query) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM t WHERE t MATCH ?", -1, &st, nullptr);
    sqlite3_bind_text(st, 1, query, -1, SQLITE_TRANSIENT);
    sqlite3_step(st);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
  };
  CHECK(count("ky") == 1);      // tone marks go ...
  CHECK(count("dang") == 0);    // ... but đ is a letter of its own to unicode61
  sqlite3_close(db);
}
