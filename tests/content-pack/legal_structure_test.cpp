// The legal structure parser: headings and plain paragraphs, as real documents arrive.
#include <doctest/doctest.h>

#include "build/source.hpp"

using pack::LegalUnit;
using pack::UnitKind;

namespace {

std::string Describe(const std::vector<LegalUnit>& units) {
  std::string out;
  for (const auto& u : units)
    out += std::string(pack::UnitKindName(u.kind)) + " " + u.label + " | " + u.title + " | " + u.anchor +
           " | parent " + std::to_string(u.parent) + "\n";
  return out;
}

}  // namespace

TEST_CASE("legal structure: Markdown headings with the chapter title on the next line") {
  std::string preamble;
  auto units = pack::ParseLegalStructure(
      "Căn cứ Hiến pháp;\n\n## Chương I\n\n## NHỮNG QUY ĐỊNH CHUNG\n\n### Điều 1. Phạm vi điều chỉnh\n\n"
      "Luật này quy định về hộ tịch.\n\n### Điều 2. Giải thích từ ngữ\n\n1. Hộ tịch là sự kiện.\n\n"
      "2. Đăng ký gồm:\n\na) Khai sinh;\n\nb) Kết hôn;\n\nđ) Khai tử.\n", &preamble);
  CHECK(preamble == "Căn cứ Hiến pháp;");
  REQUIRE(units.size() == 8);
  CHECK(units[0].kind == UnitKind::Chapter);
  CHECK(units[0].label == "Chương I");
  CHECK(units[0].title == "NHỮNG QUY ĐỊNH CHUNG");
  CHECK(units[1].kind == UnitKind::Article);
  CHECK(units[1].label == "Điều 1");
  CHECK(units[1].title == "Phạm vi điều chỉnh");
  CHECK(units[1].text == "Luật này quy định về hộ tịch.");
  CHECK(units[1].parent == 1);
  CHECK(units[3].kind == UnitKind::Clause);
  CHECK(units[3].text == "Hộ tịch là sự kiện.");
  CHECK(units[4].anchor == "dieu-2-khoan-2");
  CHECK(units[5].kind == UnitKind::Point);
  CHECK(units[5].parent == 5);
  CHECK(units[7].label == "đ");
  CHECK(units[7].anchor == "dieu-2-khoan-2-diem-dd");
  CHECK(units[7].order == 2);
}

TEST_CASE("legal structure: plain paragraphs, parts, sections and subsections") {
  std::string preamble;
  auto units = pack::ParseLegalStructure(
      "Phần thứ nhất. QUY ĐỊNH CHUNG\n"
      "Chương II. ĐĂNG KÝ HỘ TỊCH\n"
      "Mục 1\nĐĂNG KÝ KHAI SINH\n"
      "Tiểu mục 2. Thủ tục\n"
      "Điều 16. Thủ tục đăng ký khai sinh\n1. Người đi đăng ký nộp tờ khai.\n"
      "Mục 2. ĐĂNG KÝ KẾT HÔN\nĐiều 17. Thẩm quyền\n", &preamble);
  INFO(Describe(units));
  REQUIRE(units.size() == 8);
  CHECK(units[0].kind == UnitKind::Part);
  CHECK(units[0].title == "QUY ĐỊNH CHUNG");
  CHECK(units[1].kind == UnitKind::Chapter);
  CHECK(units[1].parent == 1);
  CHECK(units[2].kind == UnitKind::Section);
  CHECK(units[2].title == "ĐĂNG KÝ KHAI SINH");
  CHECK(units[2].anchor == "chuong-ii-muc-1");
  CHECK(units[3].kind == UnitKind::Subsection);
  CHECK(units[4].kind == UnitKind::Article);
  CHECK(units[4].parent == 4);
  CHECK(units[6].kind == UnitKind::Section);
  CHECK(units[6].parent == 2);  // a new Mục closes the previous one, stays in the chapter
  CHECK(units[7].parent == 7);
}

TEST_CASE("legal structure: sentences that start with structural words stay text") {
  std::string preamble;
  auto units = pack::ParseLegalStructure(
      "Điều 5. Nguyên tắc\n"
      "Điều này áp dụng cho mọi người.\n"
      "Mục đích của việc đăng ký là bảo vệ quyền.\n"
      "Chương trình phổ biến pháp luật được thực hiện.\n"
      "Điều 5 của Luật này được hướng dẫn.\n", &preamble);
  INFO(Describe(units));
  REQUIRE(units.size() == 1);
  CHECK(units[0].text.find("Mục đích") != std::string::npos);
  CHECK(units[0].text.find("Chương trình") != std::string::npos);
  CHECK(units[0].text.find("Điều 5 của") != std::string::npos);
}

TEST_CASE("legal structure: clauses and points only count inside an article") {
  std::string preamble;
  auto units = pack::ParseLegalStructure("1. Không phải khoản.\na) Không phải điểm.\nĐiều 1. A\n1. Khoản một.\n", &preamble);
  REQUIRE(units.size() == 2);
  CHECK(preamble == "1. Không phải khoản.\na) Không phải điểm.");
  CHECK(units[1].kind == UnitKind::Clause);
}

TEST_CASE("legal structure: repeated numbers get unique anchors") {
  std::string preamble;
  auto units = pack::ParseLegalStructure("Điều 1. A\nĐiều 1. B\nĐiều 1. C\n", &preamble);
  REQUIRE(units.size() == 3);
  CHECK(units[0].anchor == "dieu-1");
  CHECK(units[1].anchor == "dieu-1-2");
  CHECK(units[2].anchor == "dieu-1-3");
}
