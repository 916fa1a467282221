// tests/kiosk-speech/verbalize_test.cpp: what a listener hears for written Vietnamese
// (VerbalizeVi, NumberWordsVi): numbers, money, dates, document numbers, phones, times,
// abbreviations, and hostile input.
#include <doctest/doctest.h>

#include <string>

#include "speech/verbalize_vi.hpp"

using kiosk::speech::NumberWordsVi;
using kiosk::speech::VerbalizeVi;

namespace {
void Says(const std::string& text, const std::string& words) {
  INFO("text: " << text);
  CHECK(VerbalizeVi(text) == words);
}
bool ValidUtf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = (unsigned char)s[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (!n || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if (((unsigned char)s[i + k] >> 6) != 2) return false;
    i += n;
  }
  return true;
}
}  // namespace

TEST_CASE("verbalize: integers the Vietnamese way (mốt, tư, lăm, linh, không trăm)") {
  const std::pair<const char*, const char*> cases[] = {
      {"0", "không"}, {"1", "một"}, {"5", "năm"}, {"10", "mười"}, {"11", "mười một"}, {"14", "mười bốn"},
      {"15", "mười lăm"}, {"20", "hai mươi"}, {"21", "hai mươi mốt"}, {"24", "hai mươi tư"},
      {"25", "hai mươi lăm"}, {"55", "năm mươi lăm"}, {"99", "chín mươi chín"}, {"100", "một trăm"},
      {"101", "một trăm linh một"}, {"105", "một trăm linh năm"}, {"110", "một trăm mười"},
      {"115", "một trăm mười lăm"}, {"999", "chín trăm chín mươi chín"}, {"1000", "một nghìn"},
      {"1001", "một nghìn không trăm linh một"}, {"2005", "hai nghìn không trăm linh năm"},
      {"2015", "hai nghìn không trăm mười lăm"}, {"2024", "hai nghìn không trăm hai mươi tư"},
      {"10000", "mười nghìn"}, {"100000", "một trăm nghìn"}, {"1000000", "một triệu"},
      {"1000005", "một triệu không trăm linh năm"}, {"1050000", "một triệu không trăm năm mươi nghìn"},
      {"1000000000", "một tỷ"}, {"1500000000000", "một nghìn năm trăm tỷ"},
      {"999999999999999999",
       "chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín tỷ chín trăm "
       "chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín"}};
  for (const auto& [digits, words] : cases) {
    INFO(digits);
    CHECK(NumberWordsVi(digits) == words);
    Says(digits, words);
  }
  // Not numbers NumberWordsVi takes: empty, a leading zero, a sign, 19 digits.
  CHECK(NumberWordsVi("").empty());
  CHECK(NumberWordsVi("007").empty());
  CHECK(NumberWordsVi("-5").empty());
  CHECK(NumberWordsVi("1000000000000000000").empty());
}

TEST_CASE("verbalize: money, thousands with dots, decimals with a comma, percentages") {
  Says("50.000 đồng", "năm mươi nghìn đồng");
  Says("1.500.000", "một triệu năm trăm nghìn");
  Says("Lệ phí: 50.000đ/bản.", "Lệ phí, năm mươi nghìn đồng trên bản.");
  Says("200.000 VNĐ", "hai trăm nghìn đồng");
  Says("100k", "một trăm nghìn");
  Says("3,5", "ba phẩy năm");
  Says("0,05", "không phẩy không năm");
  Says("0,25", "không phẩy hai mươi lăm");
  Says("3,14159", "ba phẩy một bốn một năm chín");
  Says("5%", "năm phần trăm");
  Says("3,5 %", "ba phẩy năm phần trăm");
  Says("12.345,5", "mười hai nghìn ba trăm bốn mươi lăm phẩy năm");
  // English thousands commas only with two groups or more (one group is a decimal here).
  Says("1,000,000", "một triệu");
  // Not thousands: a dotted numbering is read with "chấm".
  Says("mục 1.5", "mục một chấm năm");
  Says("2.1.3", "hai chấm một chấm ba");
}

TEST_CASE("verbalize: dates say mùng for days up to ten and tư for April, never ngày ngày") {
  Says("01/7/2019", "ngày mùng một tháng bảy năm hai nghìn không trăm mười chín");
  Says("ngày 20/11/2018", "ngày hai mươi tháng mười một năm hai nghìn không trăm mười tám");
  Says("Ngày 10/04/2024", "Ngày mùng mười tháng tư năm hai nghìn không trăm hai mươi tư");
  Says("ngày 11-4-2024", "ngày mười một tháng tư năm hai nghìn không trăm hai mươi tư");
  Says("31.12.2020", "ngày ba mươi mốt tháng mười hai năm hai nghìn không trăm hai mươi");
  Says("ngày 5 tháng 4 năm 2024", "ngày mùng năm tháng tư năm hai nghìn không trăm hai mươi tư");
  Says("ngày 20/11", "ngày hai mươi tháng mười một");
  Says("tháng 7/2019", "tháng bảy năm hai nghìn không trăm mười chín");
  Says("từ 7/2019", "từ tháng bảy năm hai nghìn không trăm mười chín");
  Says("từ 01/7/2019 đến 05/7/2019",
       "từ ngày mùng một tháng bảy năm hai nghìn không trăm mười chín đến ngày mùng năm tháng bảy năm hai nghìn "
       "không trăm mười chín");
  // Impossible dates are not dates.
  Says("32/13/2019", "ba mươi hai trên mười ba trên hai nghìn không trăm mười chín");
}

TEST_CASE("verbalize: document numbers read the number, the year and the kind") {
  Says("23/2015/NĐ-CP", "số hai mươi ba trên hai nghìn không trăm mười lăm, nghị định chính phủ");
  Says("Nghị định số 23/2015/NĐ-CP",
       "Nghị định số hai mươi ba trên hai nghìn không trăm mười lăm, nghị định chính phủ");
  Says("Luật Hộ tịch số 60/2014/QH13",
       "Luật Hộ tịch số sáu mươi trên hai nghìn không trăm mười bốn, quốc hội khoá mười ba");
  Says("80/2015/QH14", "số tám mươi trên hai nghìn không trăm mười lăm, quốc hội khoá mười bốn");
  Says("Thông tư 04/2020/TT-BTP", "Thông tư số bốn trên hai nghìn không trăm hai mươi, thông tư bộ tư pháp");
  Says("Quyết định 123/QĐ-UBND", "Quyết định số một trăm hai mươi ba, quyết định ủy ban nhân dân");
  Says("số 15/QĐ-TTg", "số mười lăm, quyết định thủ tướng chính phủ");
  Says("Nghị quyết 05/2023/NQ-HĐND.",
       "Nghị quyết số năm trên hai nghìn không trăm hai mươi ba, nghị quyết hội đồng nhân dân.");
  // A kind the table does not know is spelled, not handed to an English voice.
  Says("7/2021/XYZ", "số bảy trên hai nghìn không trăm hai mươi mốt, ích i dài dét");
}

TEST_CASE("verbalize: articles, clauses, chapters and ordinals") {
  Says("Điều 16", "Điều mười sáu");
  Says("khoản 1 Điều 16", "khoản một Điều mười sáu");
  Says("điểm a khoản 2", "điểm a khoản hai");
  Says("Chương II", "Chương hai");
  Says("Phần IV, Mục XIV", "Phần bốn, Mục mười bốn");
  Says("thế kỷ XXI", "thế kỷ hai mươi mốt");
  Says("Chương IIII", "Chương i i i i");          // not a canonical numeral: spelled
  Says("thứ 1, thứ 2, thứ 4", "thứ nhất, thứ hai, thứ tư");
  Says("tháng 4", "tháng tư");
  Says("Điều 16a", "Điều mười sáu a");
}

TEST_CASE("verbalize: phone numbers are read digit by digit in their groups") {
  Says("1900 1234", "một chín không không, một hai ba bốn");
  Says("19001234", "một chín không không, một hai ba bốn");
  Says("0293 3870 123", "không hai chín ba, ba tám bảy không, một hai ba");
  Says("0293.3870.123", "không hai chín ba, ba tám bảy không, một hai ba");
  Says("0293 3 870 123", "không hai chín ba, ba, tám bảy không, một hai ba");
  Says("0912-345-678", "không chín một hai, ba bốn năm, sáu bảy tám");
  Says("0912345678", "không chín một hai ba bốn năm sáu bảy tám");
  Says("Điện thoại: 3870 123", "Điện thoại, ba tám bảy không, một hai ba");
  Says("ĐT: 3870123", "điện thoại, ba tám bảy không một hai ba");
  Says("gọi 113", "gọi một một ba");
  Says("+84 293 3870 123", "cộng tám bốn, hai chín ba, ba tám bảy không, một hai ba");
  // A year and a count are not phone numbers.
  Says("năm 2019 có 1234 hồ sơ", "năm hai nghìn không trăm mười chín có một nghìn hai trăm ba mươi tư hồ sơ");
  Says("mã 007", "mã không không bảy");
}

TEST_CASE("verbalize: times and ranges") {
  Says("7 giờ 30", "bảy giờ ba mươi");
  Says("7h30", "bảy giờ ba mươi phút");
  Says("7h", "bảy giờ");
  Says("07:05", "bảy giờ năm phút");
  Says("17:45:10", "mười bảy giờ bốn mươi lăm phút mười giây");
  Says("7g30", "bảy giờ ba mươi phút");
  Says("Sáng 7h30-11h30, chiều 13:30 – 17:00",
       "Sáng bảy giờ ba mươi phút đến mười một giờ ba mươi phút, chiều mười ba giờ ba mươi phút đến mười bảy giờ");
  Says("8-10 ngày", "tám đến mười ngày");
  Says("2019 - 2020", "hai nghìn không trăm mười chín đến hai nghìn không trăm hai mươi");
  Says("25:00", "hai mươi lăm, không không");  // not a time
  Says("5g muối", "năm gam muối");
}

TEST_CASE("verbalize: kiosk abbreviations, acronyms and capitals") {
  Says("Mang CCCD, sổ BHYT đến UBND xã", "Mang căn cước công dân, sổ bảo hiểm y tế đến ủy ban nhân dân xã");
  Says("HĐND tỉnh", "hội đồng nhân dân tỉnh");
  Says("TP. Cần Thơ", "thành phố Cần Thơ");
  Says("TP.HCM", "thành phố hồ chí minh");
  Says("CMND, BHXH v.v.", "chứng minh nhân dân, bảo hiểm xã hội vân vân");
  // Unknown acronyms are spelled with Vietnamese letter names; capitals that are words are read.
  Says("ATM", "a tê em mờ");
  Says("ĐĂNG KÝ KHAI SINH", "ĐĂNG KÝ KHAI SINH");
  Says("NGƯỜI YÊU CẦU", "NGƯỜI YÊU CẦU");
  Says("KT-XH", "ca tê ích hát");
}

TEST_CASE("verbalize: units, fractions, symbols, web addresses") {
  Says("2ha, 5km, 100m2, 3kg", "hai héc ta, năm ki lô mét, một trăm mét vuông, ba ki lô gam");
  Says("1/2 lệ phí", "một phần hai lệ phí");
  Says("3/4", "ba phần tư");
  Says("15/20", "mười lăm trên hai mươi");
  Says("cha & mẹ", "cha và mẹ");
  Says("5/người, và/hoặc", "năm trên người, và hoặc");
  Says("≥ 18 tuổi", "lớn hơn hoặc bằng mười tám tuổi");
  Says("Xem https://dichvucong.gov.vn/p/home/dvc-trang-chu.html.", "Xem dichvucong chấm gov chấm vn.");
  Says("www.moj.gov.vn", "moj chấm gov chấm vn");
  Says("Email: tuphap@haugiang.gov.vn", "Email, tuphap a còng haugiang chấm gov chấm vn");
  Says("“khai sinh” (bản chính)", "khai sinh, bản chính");
}

TEST_CASE("verbalize: sentences, lines and list dashes become pauses") {
  Says("Bước 1: Nộp hồ sơ\nBước 2: Nhận kết quả",
       "Bước một, Nộp hồ sơ. Bước hai, Nhận kết quả");
  Says("- Tờ khai\n- Giấy chứng sinh", "Tờ khai. Giấy chứng sinh");
  Says("Xin chào!!! Bạn cần gì?", "Xin chào. Bạn cần gì.");
  Says("...", "");
  Says("   \n\n  ", "");
  Says("Cha - mẹ", "Cha, mẹ");
}

TEST_CASE("verbalize: hostile input gives valid UTF-8 words and nothing else") {
  Says("", "");
  // Invalid UTF-8, controls, NULs and zero-width marks are word boundaries.
  std::string bad = "khai\xff\xfesinh\x01 ";
  bad += '\0';
  bad += " hộ\xe2\x80\x8btịch\xc3";
  const std::string out = VerbalizeVi(bad);
  CHECK(ValidUtf8(out));
  CHECK(out == "khai sinh hộ tịch");
  // Decomposed input comes out NFC.
  CHECK(VerbalizeVi("Vie\xcc\xa3\xcc\x82t") == "Việt");
  // 10,000 digits: digit by digit, linear.
  const std::string huge(10000, '7');
  const std::string words = VerbalizeVi(huge);
  CHECK(words.size() == 10000 * std::string("bảy ").size() - 1);
  // 100,000 separators and slashes: no pattern may loop or blow up.
  std::string slashes;
  for (int i = 0; i < 20000; ++i) slashes += "1/";
  CHECK(VerbalizeVi(slashes).size() < 40 * slashes.size());
  std::string dots;
  for (int i = 0; i < 20000; ++i) dots += "1.000.";
  CHECK(ValidUtf8(VerbalizeVi(dots)));
  // Every byte value, in every position: still valid UTF-8.
  std::string all;
  for (int i = 0; i < 256; ++i) { all += (char)i; all += "9/"; all += (char)(255 - i); }
  CHECK(ValidUtf8(VerbalizeVi(all)));
}
