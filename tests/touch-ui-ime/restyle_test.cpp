// RestyleTones: the strings file and the keyboard follow one tone style (tone_style).
#include <doctest/doctest.h>

#include <string>

#include "touch-ui/vietnamese_input.hpp"

using touchui::RestyleTones;
using touchui::ToneStyle;

TEST_CASE("restyle: oa, oe, uy syllables move their tone to the chosen style, both ways, keeping case") {
  const struct { const char* old_style; const char* new_style; } pairs[] = {
      {"hòa", "hoà"},   {"khóa", "khoá"}, {"xóa", "xoá"},     {"khỏe", "khoẻ"}, {"thúy", "thuý"},
      {"Ủy ban", "Uỷ ban"}, {"HÒA GIẢI", "HOÀ GIẢI"}, {"Hòa", "Hoà"}, {"lòe loẹt", "loè loẹt"},
      {"tùy", "tuỳ"}, {"Xóa hết", "Xoá hết"}, {"hóa đơn", "hoá đơn"}};
  for (const auto& p : pairs) {
    CAPTURE(p.old_style);
    CHECK(RestyleTones(p.old_style, ToneStyle::New) == p.new_style);
    CHECK(RestyleTones(p.new_style, ToneStyle::Old) == p.old_style);
    CHECK(RestyleTones(p.new_style, ToneStyle::New) == p.new_style);  // already in style
    CHECK(RestyleTones(p.old_style, ToneStyle::Old) == p.old_style);
  }
}

TEST_CASE("restyle: what the two styles agree on, and what is not one Vietnamese syllable, stays as it is") {
  for (const char* same : {"quý", "Quý khách", "hoàn", "khoảng", "thuyền", "toán", "giữa", "người", "được",
                           "Telex", "NĐ-CP", "123/2015/NĐ-CP", "50.000 đồng", "", "a",
                           "Tủ sách pháp luật", "huyện", "xoáy", "khuya", "ngoèo"}) {
    CAPTURE(same);
    CHECK(RestyleTones(same, ToneStyle::New) == same);
    CHECK(RestyleTones(same, ToneStyle::Old) == same);
  }
  // A whole sentence: only the oa/oe/uy words change, punctuation and spacing kept.
  CHECK(RestyleTones("Tạm khóa. Thử lại sau {seconds} giây; Ủy ban nhân dân xã, hòa giải!", ToneStyle::New) ==
        "Tạm khoá. Thử lại sau {seconds} giây; Uỷ ban nhân dân xã, hoà giải!");
}

TEST_CASE("restyle: hostile input: invalid UTF-8 becomes U+FFFD, decomposed text comes back NFC") {
  CHECK(RestyleTones(std::string("kh\xC3\xB3" "a\xFF", 6), ToneStyle::New) == "khoá\xEF\xBF\xBD");
  CHECK(RestyleTones("kho\xCC\x81" "a", ToneStyle::Old) == "khóa");  // o + combining acute
  CHECK(RestyleTones("kho\xCC\x81" "a", ToneStyle::New) == "khoá");
  const std::string long_word(10000, 'a');
  CHECK(RestyleTones(long_word, ToneStyle::New) == long_word);
}
