// VNI keystroke tables: every vowel x every tone, marks (6 7 8 9), undo by a doubled
// digit, digits that cannot apply (typed as digits), tone styles, words and sentences,
// backspace ('<'). Expected texts are UniKey's VNI with new-style tones.
#include "ime_cases.hpp"

using ime_test::CheckTable;
using touchui::InputMethod;
using touchui::ToneStyle;

TEST_CASE("vni: every vowel with every tone") {
  CheckTable(InputMethod::Vni, ToneStyle::New, {
    {"a1", "á"}, {"a2", "à"}, {"a3", "ả"}, {"a4", "ã"}, {"a5", "ạ"},
    {"a81", "ắ"}, {"a82", "ằ"}, {"a83", "ẳ"}, {"a84", "ẵ"}, {"a85", "ặ"},
    {"a61", "ấ"}, {"a62", "ầ"}, {"a63", "ẩ"}, {"a64", "ẫ"}, {"a65", "ậ"},
    {"e1", "é"}, {"e2", "è"}, {"e3", "ẻ"}, {"e4", "ẽ"}, {"e5", "ẹ"},
    {"e61", "ế"}, {"e62", "ề"}, {"e63", "ể"}, {"e64", "ễ"}, {"e65", "ệ"},
    {"i1", "í"}, {"i2", "ì"}, {"i3", "ỉ"}, {"i4", "ĩ"}, {"i5", "ị"},
    {"o1", "ó"}, {"o2", "ò"}, {"o3", "ỏ"}, {"o4", "õ"}, {"o5", "ọ"},
    {"o61", "ố"}, {"o62", "ồ"}, {"o63", "ổ"}, {"o64", "ỗ"}, {"o65", "ộ"},
    {"o71", "ớ"}, {"o72", "ờ"}, {"o73", "ở"}, {"o74", "ỡ"}, {"o75", "ợ"},
    {"u1", "ú"}, {"u2", "ù"}, {"u3", "ủ"}, {"u4", "ũ"}, {"u5", "ụ"},
    {"u71", "ứ"}, {"u72", "ừ"}, {"u73", "ử"}, {"u74", "ữ"}, {"u75", "ự"},
    {"y1", "ý"}, {"y2", "ỳ"}, {"y3", "ỷ"}, {"y4", "ỹ"}, {"y5", "ỵ"},
    // the tone may come before the mark
    {"a16", "ấ"}, {"o27", "ờ"}, {"a38", "ẳ"}, {"u47", "ữ"},
    {"A1", "Á"}, {"A61", "Ấ"}, {"O75", "Ợ"}, {"U74", "Ữ"}, {"E65", "Ệ"}, {"Y3", "Ỷ"},
  });
}

TEST_CASE("vni: marks, undo by a doubled digit, digits that cannot apply") {
  CheckTable(InputMethod::Vni, ToneStyle::New, {
    {"a6", "â"}, {"a8", "ă"}, {"e6", "ê"}, {"o6", "ô"}, {"o7", "ơ"}, {"u7", "ư"},
    {"uo7", "ươ"}, {"u7o7", "ươ"}, {"d9", "đ"}, {"D9", "Đ"}, {"d9i", "đi"},
    {"a11", "a1"}, {"a22", "a2"}, {"a55", "a5"}, {"a66", "a6"}, {"a88", "a8"},
    {"d99", "d9"}, {"u77", "u7"}, {"o77", "o7"}, {"uo77", "uo7"}, {"e66", "e6"},
    {"a10", "a"}, {"a0", "a0"}, {"a12", "à"}, {"a111", "a11"},
    {"2024", "2024"}, {"1", "1"}, {"b1", "b1"}, {"H2O", "H2O"}, {"uy6", "uy6"},
    {"i7", "i7"}, {"e8", "e8"}, {"a9", "a9"}, {"tt1", "tt1"}, {"cl1", "cl1"},
    // letters are always letters in VNI
    {"aa", "aa"}, {"w", "w"}, {"dd", "dd"}, {"as", "as"}, {"ow", "ow"},
    // a digit right after a word applies to it (documented VNI behaviour)
    {"a2024", "ã"}, {"nam 2024", "nam 2024"},
  });
}

TEST_CASE("vni: tone placement, qu, gi, ươ") {
  CheckTable(InputMethod::Vni, ToneStyle::New, {
    {"Vie65t", "Việt"}, {"Vie6t5", "Việt"}, {"Viet65", "Việt"}, {"Nguye64n", "Nguyễn"},
    {"d9u7o7c5", "được"}, {"duo7c5", "dược"}, {"d9uo7c5", "được"}, {"tie61ng", "tiếng"},
    {"hoa2", "hoà"}, {"khoe3", "khoẻ"}, {"thuy1", "thuý"}, {"qua2", "quà"}, {"quy1", "quý"},
    {"gi2", "gì"}, {"gia2", "già"}, {"giu7a4", "giữa"}, {"mua2", "mùa"}, {"mua7", "mưa"},
    {"cua3", "của"}, {"truo7ng2", "trường"}, {"thuo73", "thuở"}, {"huo7", "huơ"},
    {"thuo7ng2", "thường"}, {"nguo7i2", "người"}, {"phuo7ng2", "phường"},
    {"hoa2n", "hoàn"}, {"toa1n", "toán"}, {"khuye61n", "khuyến"}, {"uye63n", "uyển"},
    {"quo6c1", "quốc"}, {"hoa85c", "hoặc"}, {"ngoai2", "ngoài"}, {"khuyu3", "khuỷu"},
    {"VIE65T", "VIỆT"}, {"D9U7O7C5", "ĐƯỢC"}, {"ND9-CP", "NĐ-CP"}, {"nu7oc1", "nước"},
  });
}

TEST_CASE("vni: old tone style") {
  CheckTable(InputMethod::Vni, ToneStyle::Old, {
    {"hoa2", "hòa"}, {"khoe3", "khỏe"}, {"thuy1", "thúy"}, {"Uy3 ban", "Ủy ban"},
    {"hoa2n", "hoàn"}, {"quy1", "quý"}, {"tuy2", "tùy"}, {"hoa1 d9o7n", "hóa đơn"},
  });
}

TEST_CASE("vni: sentences and backspace") {
  CheckTable(InputMethod::Vni, ToneStyle::New, {
    {"To6i muo61n d9a8ng ky1 khai sinh cho con", "Tôi muốn đăng ký khai sinh cho con"},
    {"Luat65 Ho65 tich5 2014", "Luật Hộ tịch 2014"},
    {"Chu7ng1 thu7c5 ba3n sao", "Chứng thực bản sao"},
    {"Uy3 ban nha6n da6n xa4", "Uỷ ban nhân dân xã"},
    {"ngay2 15/3/2024", "ngày 15/3/2024"}, {"d9i d9a6u", "đi đâu"},
    {"quo6c1 gia", "quốc gia"}, {"thu3 tu5c hanh2 chinh1", "thủ tục hành chính"},
    {"Viet65<", "Việ"}, {"Viet65<t", "Việt"}, {"mua2<a", "mùa"}, {"a1<", ""},
    {"Viet65 Nam<<<<1", "Viết"}, {"a11<", "a"}, {"a11<1", "á"},
  });
}

TEST_CASE("plain: no composition, backspace still works") {
  CheckTable(InputMethod::Plain, ToneStyle::New, {
    {"Vieetj", "Vieetj"}, {"a1", "a1"}, {"dd", "dd"}, {"w", "w"}, {"thu tuc", "thu tuc"},
    {"abc<", "ab"}, {"ab <<c", "ac"}, {"as<s", "as"},
  });
}
