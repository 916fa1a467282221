// Telex keystroke tables: every vowel x every tone, the marks and their undo, tone
// placement (qu, gi, ươ, oa/oe/uy in both styles), uppercase, words and sentences of
// the kiosk's domain, and backspace ('<'). Expected texts are what UniKey's Telex with
// new-style tones produces, checked by hand against the rules in docs/input-methods.md.
#include "ime_cases.hpp"

using ime_test::CheckTable;
using ime_test::KeyCase;
using touchui::InputMethod;
using touchui::ToneStyle;

TEST_CASE("telex: every vowel with every tone") {
  CheckTable(InputMethod::Telex, ToneStyle::New, {
    {"as", "á"}, {"af", "à"}, {"ar", "ả"}, {"ax", "ã"}, {"aj", "ạ"},
    {"aws", "ắ"}, {"awf", "ằ"}, {"awr", "ẳ"}, {"awx", "ẵ"}, {"awj", "ặ"},
    {"aas", "ấ"}, {"aaf", "ầ"}, {"aar", "ẩ"}, {"aax", "ẫ"}, {"aaj", "ậ"},
    {"es", "é"}, {"ef", "è"}, {"er", "ẻ"}, {"ex", "ẽ"}, {"ej", "ẹ"},
    {"ees", "ế"}, {"eef", "ề"}, {"eer", "ể"}, {"eex", "ễ"}, {"eej", "ệ"},
    {"is", "í"}, {"if", "ì"}, {"ir", "ỉ"}, {"ix", "ĩ"}, {"ij", "ị"},
    {"os", "ó"}, {"of", "ò"}, {"or", "ỏ"}, {"ox", "õ"}, {"oj", "ọ"},
    {"oos", "ố"}, {"oof", "ồ"}, {"oor", "ổ"}, {"oox", "ỗ"}, {"ooj", "ộ"},
    {"ows", "ớ"}, {"owf", "ờ"}, {"owr", "ở"}, {"owx", "ỡ"}, {"owj", "ợ"},
    {"us", "ú"}, {"uf", "ù"}, {"ur", "ủ"}, {"ux", "ũ"}, {"uj", "ụ"},
    {"uws", "ứ"}, {"uwf", "ừ"}, {"uwr", "ử"}, {"uwx", "ữ"}, {"uwj", "ự"},
    {"ys", "ý"}, {"yf", "ỳ"}, {"yr", "ỷ"}, {"yx", "ỹ"}, {"yj", "ỵ"},
    // the lone w is ư too
    {"ws", "ứ"}, {"wf", "ừ"}, {"wr", "ử"}, {"wx", "ữ"}, {"wj", "ự"},
  });
}

TEST_CASE("telex: every uppercase vowel with every tone") {
  CheckTable(InputMethod::Telex, ToneStyle::New, {
    {"AS", "Á"}, {"AF", "À"}, {"AR", "Ả"}, {"AX", "Ã"}, {"AJ", "Ạ"},
    {"AWS", "Ắ"}, {"AWF", "Ằ"}, {"AWR", "Ẳ"}, {"AWX", "Ẵ"}, {"AWJ", "Ặ"},
    {"AAS", "Ấ"}, {"AAF", "Ầ"}, {"AAR", "Ẩ"}, {"AAX", "Ẫ"}, {"AAJ", "Ậ"},
    {"ES", "É"}, {"EF", "È"}, {"ER", "Ẻ"}, {"EX", "Ẽ"}, {"EJ", "Ẹ"},
    {"EES", "Ế"}, {"EEF", "Ề"}, {"EER", "Ể"}, {"EEX", "Ễ"}, {"EEJ", "Ệ"},
    {"IS", "Í"}, {"IF", "Ì"}, {"IR", "Ỉ"}, {"IX", "Ĩ"}, {"IJ", "Ị"},
    {"OS", "Ó"}, {"OF", "Ò"}, {"OR", "Ỏ"}, {"OX", "Õ"}, {"OJ", "Ọ"},
    {"OOS", "Ố"}, {"OOF", "Ồ"}, {"OOR", "Ổ"}, {"OOX", "Ỗ"}, {"OOJ", "Ộ"},
    {"OWS", "Ớ"}, {"OWF", "Ờ"}, {"OWR", "Ở"}, {"OWX", "Ỡ"}, {"OWJ", "Ợ"},
    {"US", "Ú"}, {"UF", "Ù"}, {"UR", "Ủ"}, {"UX", "Ũ"}, {"UJ", "Ụ"},
    {"UWS", "Ứ"}, {"UWF", "Ừ"}, {"UWR", "Ử"}, {"UWX", "Ữ"}, {"UWJ", "Ự"},
    {"YS", "Ý"}, {"YF", "Ỳ"}, {"YR", "Ỷ"}, {"YX", "Ỹ"}, {"YJ", "Ỵ"},
    // the letter's case wins over the key's case for marks and tones
    {"As", "Á"}, {"aS", "á"}, {"Aa", "Â"}, {"aA", "â"}, {"Ow", "Ơ"}, {"oW", "ơ"},
  });
}

TEST_CASE("telex: marks, d-stroke and their doubled-key undo") {
  CheckTable(InputMethod::Telex, ToneStyle::New, {
    {"aa", "â"}, {"aw", "ă"}, {"ee", "ê"}, {"oo", "ô"}, {"ow", "ơ"}, {"uw", "ư"},
    {"w", "ư"}, {"W", "Ư"}, {"tw", "tư"}, {"Tw", "Tư"}, {"ngw", "ngư"},
    {"dd", "đ"}, {"DD", "Đ"}, {"Dd", "Đ"}, {"ddi", "đi"}, {"Ddi", "Đi"},
    {"aaa", "aa"}, {"aaaa", "aaa"}, {"eee", "ee"}, {"ooo", "oo"}, {"xooong", "xoong"},
    {"aww", "aw"}, {"oww", "ow"}, {"uww", "uw"}, {"ww", "w"}, {"www", "ww"}, {"tww", "tw"},
    {"WW", "W"}, {"ddd", "dd"}, {"dddd", "ddd"}, {"DDD", "DD"},
    {"ass", "as"}, {"asss", "ass"}, {"aff", "af"}, {"arr", "ar"}, {"axx", "ax"},
    {"ajj", "aj"}, {"ASS", "AS"}, {"tieengss", "tiêngs"},
    // z removes the tone; with no tone it is a letter
    {"asz", "a"}, {"az", "az"}, {"vieetjz", "viêt"}, {"hoangfz", "hoang"},
    // another tone key replaces the tone
    {"asf", "à"}, {"tieengsx", "tiễng"}, {"hoir", "hỏi"}, {"hoirs", "hói"},
    // ă and â convert into each other, ơ into ô
    {"awa", "â"}, {"aaw", "ă"}, {"owo", "ô"},
    // a mark that would make a non-Vietnamese vowel cluster is typed as a letter
    {"baoo", "baoo"}, {"hoaa", "hoaa"}, {"aow", "aow"}, {"oee", "oee"}, {"duod", "đuo"},
    {"duowd", "đươ"}, {"dduod", "duod"},
  });
}

TEST_CASE("telex: tone keys without a vowel, or on a non-Vietnamese word, are letters") {
  CheckTable(InputMethod::Telex, ToneStyle::New, {
    {"s", "s"}, {"f", "f"}, {"r", "r"}, {"x", "x"}, {"j", "j"}, {"z", "z"},
    {"sf", "sf"}, {"nhs", "nhs"}, {"d", "d"},
    {"bus", "bú"},            // a Vietnamese-looking syllable takes the tone (documented)
    {"class", "class"},       // cl is no Vietnamese initial: s stays a letter
    {"texts", "tét"},         // t-e-x-t is a syllable at every step: x, then s, tone it
    {"hello", "hello"}, {"fax", "fax"}, {"jazz", "jazz"}, {"sdt", "sdt"}, {"UBND", "UBND"},
    {"tiw", "tiw"},           // w with no vowel it can mark, after a vowel: a letter
  });
}

TEST_CASE("telex: tone placement follows the orthography rules") {
  CheckTable(InputMethod::Telex, ToneStyle::New, {
    // the examples of the specification
    {"hoangf", "hoàng"}, {"quys", "quý"}, {"giuwax", "giữa"}, {"dduwowcj", "được"},
    {"vuonw", "vươn"}, {"nguyeenx", "nguyễn"}, {"tieengs", "tiếng"},
    {"truwowngf", "trường"}, {"khoer", "khoẻ"}, {"hoaf", "hoà"}, {"thuys", "thuý"},
    {"toans", "toán"}, {"muaf", "mùa"}, {"cuar", "của"}, {"quaf", "quà"}, {"giaf", "già"},
    {"gif", "gì"}, {"uyeenr", "uyển"}, {"khuyeens", "khuyến"}, {"ddaatj", "đật"},
    // qu and gi
    {"quaanf", "quần"}, {"quoocs", "quốc"}, {"quyeets", "quyết"}, {"quaw", "quă"},
    {"gios", "gió"}, {"gifn", "gìn"}, {"gieengs", "giếng"}, {"giuwowngf", "giường"},
    {"gifu", "giù"}, {"giaj", "giạ"},
    // ươ, ưu, ưa
    {"nguwowif", "người"}, {"cuwowcs", "cước"}, {"phuwowngf", "phường"},
    {"huwowngs", "hướng"}, {"cuwuf", "cừu"}, {"huwu", "hưu"}, {"muwa", "mưa"},
    {"muaw", "mưa"}, {"cuwar", "cửa"}, {"guiwr", "gửi"},
    // huơ and thuở keep a plain u; any letter after the ơ makes it ươ
    {"thuowr", "thuở"}, {"huow", "huơ"}, {"thuowngf", "thường"}, {"duowngf", "dường"},
    // a half-typed ưo before a consonant, i or u completes to ươ
    {"nguwoif", "người"}, {"dduwocj", "được"}, {"truwongf", "trường"}, {"huwou", "hươu"},
    // w, hat and tone may come after the final consonant (free marking)
    {"duocwj", "dược"}, {"thucwj", "thực"}, {"truongwf", "trường"}, {"tiengse", "tiếng"},
    {"vietje", "việt"},
    // open syllables with two vowels: the first; three vowels: the middle
    {"hoir", "hỏi"}, {"mias", "mía"}, {"tuis", "túi"}, {"chiuj", "chịu"}, {"keoj", "kẹo"},
    {"chaof", "chào"}, {"caus", "cáu"}, {"hair", "hải"}, {"chayj", "chạy"},
    {"ngoafi", "ngoài"}, {"xoays", "xoáy"}, {"khuyur", "khuỷu"}, {"ngoeoj", "ngoẹo"},
    {"yeeu", "yêu"}, {"yeeus", "yếu"}, {"ddieeuf", "điều"}, {"tuooir", "tuổi"},
    {"nguwowif", "người"}, {"thuees", "thuế"}, {"khuaays", "khuấy"},
    // closed syllables: the last vowel of the cluster
    {"hoanf", "hoàn"}, {"hoacj", "hoạc"}, {"hoawcj", "hoặc"}, {"huyr", "huỷ"},
    {"huyeenj", "huyện"}, {"thuyeenf", "thuyền"}, {"quyts", "quýt"},
    // the tone moves as the word grows
    {"hoasn", "hoán"}, {"muaf", "mùa"},
  });
}

TEST_CASE("telex: old tone style for oa, oe, uy") {
  CheckTable(InputMethod::Telex, ToneStyle::Old, {
    {"khoer", "khỏe"}, {"hoaf", "hòa"}, {"thuys", "thúy"}, {"Uyr", "Ủy"}, {"oaf", "òa"},
    {"oes", "óe"}, {"uyx", "ũy"}, {"tuyf", "tùy"}, {"hoas ddown", "hóa đơn"},
    {"thoar thuaanj", "thỏa thuận"}, {"hoaf giair", "hòa giải"}, {"Vij Thuyr", "Vị Thủy"},
    {"khoer manhj", "khỏe mạnh"},
    // unaffected by the style
    {"hoangf", "hoàng"}, {"toans", "toán"}, {"quys", "quý"}, {"ngoafi", "ngoài"},
    {"huyeenj", "huyện"}, {"muaf", "mùa"},
    // backspace keeps the tone where it is drawn
    {"hoaf<", "hò"}, {"toans<", "toá"}, {"toans<n", "toán"},
  });
}

TEST_CASE("telex: new tone style for oa, oe, uy") {
  CheckTable(InputMethod::Telex, ToneStyle::New, {
    {"oaf", "oà"}, {"oes", "oé"}, {"uyx", "uỹ"}, {"tuyf", "tuỳ"}, {"hoas ddown", "hoá đơn"},
    {"thoar thuaanj", "thoả thuận"}, {"hoaf giair", "hoà giải"}, {"Vij Thuyr", "Vị Thuỷ"},
    {"khoer manhj", "khoẻ mạnh"}, {"hoaf<", "ho"}, {"toans<", "toá"},
  });
}

TEST_CASE("telex: uppercase words") {
  CheckTable(InputMethod::Telex, ToneStyle::New, {
    {"Vieetj", "Việt"}, {"VIEETJ", "VIỆT"}, {"VIEETJ NAM", "VIỆT NAM"}, {"HOAF", "HOÀ"},
    {"DDUWOWCJ", "ĐƯỢC"}, {"Dduwowcj", "Được"}, {"NGUYEENX", "NGUYỄN"},
    {"TRUWOWNGF", "TRƯỜNG"}, {"Truwowngf", "Trường"}, {"Ddaay", "Đây"}, {"QUYS", "QUÝ"},
    {"GIAF", "GIÀ"}, {"UYR BAN", "UỶ BAN"}, {"AAA", "AA"},
  });
}

TEST_CASE("telex: words and sentences of the kiosk") {
  CheckTable(InputMethod::Telex, ToneStyle::New, {
    {"Tooi muoons ddangw kys khai sinh cho con", "Tôi muốn đăng ký khai sinh cho con"},
    {"Luaatj Hooj tichj 2014", "Luật Hộ tịch 2014"},
    {"Chuwngs thucwj banr sao", "Chứng thực bản sao"},
    {"Uyr ban nhaan daan xax", "Uỷ ban nhân dân xã"},
    {"thur tucj hanhf chinhs", "thủ tục hành chính"},
    {"giaays towf", "giấy tờ"}, {"cawn cuwowcs coong daan", "căn cước công dân"},
    {"UBND xax", "UBND xã"}, {"hooj khaaur", "hộ khẩu"}, {"keets hoon", "kết hôn"},
    {"leej phis", "lệ phí"}, {"thowif gian", "thời gian"}, {"nowi noopj hoof sow", "nơi nộp hồ sơ"},
    {"quyeets ddinhj", "quyết định"}, {"trar lowif", "trả lời"}, {"hoir ddaps", "hỏi đáp"},
    {"tinhf trangj", "tình trạng"}, {"xin chaof", "xin chào"}, {"camr own", "cảm ơn"},
    {"Vieetj Nam", "Việt Nam"}, {"tieengs Vieetj", "tiếng Việt"}, {"nghir huwu", "nghỉ hưu"},
    {"tuyeenr dungj", "tuyển dụng"}, {"quaanf aos", "quần áo"}, {"quoocs gia", "quốc gia"},
    {"ddi ddaau", "đi đâu"}, {"ddaay laf", "đây là"},
    // punctuation and digits end a word
    {"Hooj tichj, ddaast ddai.", "Hộ tịch, đất đai."},
    {"Nghij ddinhj soos 123/2015", "Nghị định số 123/2015"},
    {"ngayf 15/3/2024", "ngày 15/3/2024"},
    {"Tooi teen laf Nguyeenx Vawn An.", "Tôi tên là Nguyễn Văn An."},
    {"(hoir ddaps)", "(hỏi đáp)"}, {"sdt: 0912345678", "sdt: 0912345678"},
    {"a1s", "a1s"}, {"vieetj1", "việt1"}, {"a.s", "a.s"}, {"as-ss", "á-ss"},
    {"ddaats?", "đất?"}, {"\"Hoaf\"", "\"Hoà\""},
    // dd after a consonant: the Đ of abbreviations
    {"Nghij ddinhj 23/2015/NDD-CP", "Nghị định 23/2015/NĐ-CP"}, {"ndd", "nđ"},
    {"nddd", "ndd"}, {"UBND", "UBND"},
  });
}

TEST_CASE("telex: backspace deletes the last visible letter and keeps composing") {
  CheckTable(InputMethod::Telex, ToneStyle::New, {
    {"vieetj<", "việ"}, {"vieetj<t", "việt"}, {"tieengs<<", "tiế"}, {"tieengs<<<", "ti"},
    {"tieengs<<<eeng", "tiêng"}, {"muaf<", "mù"}, {"muaf<a", "mùa"},
    {"as<", ""}, {"as<s", "s"}, {"as<<", ""}, {"<", ""}, {"<<a", "a"},
    {"ass<", "a"}, {"ass<s", "as"},  // the undone s stays a letter in this word
    {"ddi<", "đ"}, {"ddi<<", ""}, {"ddi<<d", "d"}, {"ww<", ""}, {"w<", ""},
    {"nguwowif<", "ngườ"}, {"nguwowif<<", "ngư"}, {"dduwowcj<<", "đư"},
    {"abc<<<<<", ""},
    // deleting back into the previous word re-opens it for composing
    {"Vieetj Nam<<<<", "Việt"}, {"Vieetj Nam<<<<s", "Viết"},
    {"Luaatj 2014<<<<<x", "Luẫt"}, {"hoa <f", "hoà"},
    {"Tooi, <<s", "Tối"},
  });
}
