// kiosk/speech/verbalize_vi.cpp: written Vietnamese -> spoken words (verbalize_vi.hpp).
//
// [SECTION] Tables: digits, letter names, abbreviations, document kinds, units
// [SECTION] Text: decoding, character classes, the spoken-words builder
// [SECTION] Numbers: integers, decimals, digit strings
// [SECTION] Patterns at a digit: phone, document number, date, time, number
// [SECTION] Words and symbols
// [SECTION] VerbalizeVi
//
// One left-to-right pass over the code points; at a digit the patterns are tried in a
// fixed order (the first that matches wins), so an input can never loop and the output
// grows linearly with the input. What was said last (the previous words) is the only
// context: "ngày 20/11/2018" must not say "ngày ngày", "Điện thoại: 0293 3870 123" reads
// digits.
#include "speech/verbalize_vi.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <vector>

namespace kiosk::speech {
namespace {

// [SECTION] Tables

constexpr const char* kDigit[10] = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

// Letter names for spelling an acronym the tables do not know (the way "VTV" is said:
// "vê tê vê"); espeak-ng's Vietnamese voice would otherwise switch to English for it.
struct LetterName { char32_t letter; const char* name; };
constexpr LetterName kLetterNames[] = {
    {U'A', "a"}, {U'Ă', "á"}, {U'Â', "ớ"}, {U'B', "bê"}, {U'C', "xê"}, {U'D', "dê"}, {U'Đ', "đê"},
    {U'E', "e"}, {U'Ê', "ê"}, {U'F', "ép"}, {U'G', "giê"}, {U'H', "hát"}, {U'I', "i"}, {U'J', "gi"},
    {U'K', "ca"}, {U'L', "e lờ"}, {U'M', "em mờ"}, {U'N', "en nờ"}, {U'O', "o"}, {U'Ô', "ô"}, {U'Ơ', "ơ"},
    {U'P', "pê"}, {U'Q', "quy"}, {U'R', "e rờ"}, {U'S', "ét"}, {U'T', "tê"}, {U'U', "u"}, {U'Ư', "ư"},
    {U'V', "vê"}, {U'W', "vê kép"}, {U'X', "ích"}, {U'Y', "i dài"}, {U'Z', "dét"}};

struct Expansion { const char* written; const char* spoken; };

// Abbreviations common on a commune's kiosk, matched exactly (case included) as a whole
// word. "TP." and "v.v." are handled with their dots in ReadWord().
constexpr Expansion kAbbreviations[] = {
    {"UBND", "ủy ban nhân dân"}, {"HĐND", "hội đồng nhân dân"}, {"CCCD", "căn cước công dân"},
    {"CMND", "chứng minh nhân dân"}, {"BHYT", "bảo hiểm y tế"}, {"BHXH", "bảo hiểm xã hội"},
    {"BHTN", "bảo hiểm thất nghiệp"}, {"TP", "thành phố"}, {"TPHCM", "thành phố hồ chí minh"},
    {"HCM", "hồ chí minh"}, {"TX", "thị xã"}, {"THPT", "trung học phổ thông"}, {"THCS", "trung học cơ sở"},
    {"GCN", "giấy chứng nhận"}, {"QSDĐ", "quyền sử dụng đất"}, {"ĐT", "điện thoại"}, {"SĐT", "số điện thoại"},
    {"VNĐ", "đồng"}, {"VND", "đồng"}, {"STT", "số thứ tự"}, {"MST", "mã số thuế"},
    {"TNHH", "trách nhiệm hữu hạn"}, {"UBMTTQ", "ủy ban mặt trận tổ quốc"}, {"MTTQ", "mặt trận tổ quốc"},
    {"CSGT", "cảnh sát giao thông"}, {"VN", "việt nam"}, {"CHXHCN", "cộng hòa xã hội chủ nghĩa"},
    {"HTX", "hợp tác xã"}, {"GPLX", "giấy phép lái xe"}, {"ĐKKD", "đăng ký kinh doanh"},
    {"ATTP", "an toàn thực phẩm"}, {"PCCC", "phòng cháy chữa cháy"}, {"TW", "trung ương"},
    {"NĐ", "nghị định"}, {"QĐ", "quyết định"}, {"NQ", "nghị quyết"}, {"TTLT", "thông tư liên tịch"},
    {"BTP", "bộ tư pháp"}, {"TTg", "thủ tướng chính phủ"}, {"QH", "quốc hội"},
    {"UBTVQH", "ủy ban thường vụ quốc hội"}, {"COVID", "cô vít"}};

// The parts of a document number's kind ("NĐ-CP", "QĐ-UBND", "QH13"): who issued it and
// what it is. Checked before kAbbreviations inside a document number only, because
// "TT" or "CP" alone mean other things elsewhere (thị trấn, cổ phần).
constexpr Expansion kDocumentKinds[] = {
    {"NĐ", "nghị định"}, {"CP", "chính phủ"}, {"QH", "quốc hội"}, {"TT", "thông tư"},
    {"TTLT", "thông tư liên tịch"}, {"NQ", "nghị quyết"}, {"QĐ", "quyết định"}, {"CT", "chỉ thị"},
    {"TTg", "thủ tướng chính phủ"}, {"UBND", "ủy ban nhân dân"}, {"HĐND", "hội đồng nhân dân"},
    {"UBTVQH", "ủy ban thường vụ quốc hội"}, {"PL", "pháp lệnh"}, {"L", "luật"}, {"CTN", "chủ tịch nước"},
    {"SL", "sắc lệnh"}, {"KH", "kế hoạch"}, {"TB", "thông báo"}, {"CV", "công văn"}, {"HD", "hướng dẫn"},
    {"BC", "báo cáo"}, {"TTr", "tờ trình"}, {"VPCP", "văn phòng chính phủ"}, {"BTP", "bộ tư pháp"},
    {"BTC", "bộ tài chính"}, {"BCA", "bộ công an"}, {"BYT", "bộ y tế"}, {"BGDĐT", "bộ giáo dục và đào tạo"},
    {"BLĐTBXH", "bộ lao động thương binh và xã hội"}, {"BTNMT", "bộ tài nguyên và môi trường"},
    {"BNV", "bộ nội vụ"}, {"BXD", "bộ xây dựng"}, {"BTTTT", "bộ thông tin và truyền thông"},
    {"BNNPTNT", "bộ nông nghiệp và phát triển nông thôn"}, {"BKHĐT", "bộ kế hoạch và đầu tư"},
    {"BCT", "bộ công thương"}, {"BQP", "bộ quốc phòng"}, {"BGTVT", "bộ giao thông vận tải"},
    {"BVHTTDL", "bộ văn hóa thể thao và du lịch"}, {"NHNN", "ngân hàng nhà nước"},
    {"TANDTC", "tòa án nhân dân tối cao"}, {"VKSNDTC", "viện kiểm sát nhân dân tối cao"},
    {"HĐTP", "hội đồng thẩm phán"}, {"BCĐ", "ban chỉ đạo"}, {"STP", "sở tư pháp"}, {"UB", "ủy ban"},
    {"TW", "trung ương"}, {"BHXH", "bảo hiểm xã hội"}};

// Units written straight after a number ("50.000đ", "2ha", "5km"), lower case.
constexpr Expansion kUnits[] = {
    {"đ", "đồng"}, {"k", "nghìn"}, {"tr", "triệu"}, {"km", "ki lô mét"}, {"m", "mét"}, {"cm", "xăng ti mét"},
    {"mm", "mi li mét"}, {"kg", "ki lô gam"}, {"g", "gam"}, {"ha", "héc ta"}, {"ph", "phút"},
    {"m2", "mét vuông"}, {"m²", "mét vuông"}, {"m3", "mét khối"}, {"m³", "mét khối"}};

// After these words a Roman numeral is a number: "Chương II", "Phần IV", "khoá XIV".
constexpr const char* kRomanBefore[] = {"chương", "mục", "phần", "lục", "khoá", "khóa", "kỷ", "quý", "tập", "đợt"};

// [SECTION] Text

std::string Utf8(char32_t c) {
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)c, buf);
  return std::string((const char*)buf, n > 0 ? (size_t)n : 0);
}

std::string Utf8(const std::u32string& s, size_t a, size_t b) {
  std::string out;
  for (size_t i = a; i < b && i < s.size(); ++i) out += Utf8(s[i]);
  return out;
}

// Any bytes -> NFC code points; invalid UTF-8, controls and invisible marks become
// spaces (line breaks stay: they end a sentence).
std::u32string Decode(std::string_view text) {
  std::string valid;
  valid.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    utf8proc_int32_t cp = -1;
    const utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t*)text.data() + i, (utf8proc_ssize_t)(text.size() - i), &cp);
    if (n <= 0 || cp < 0) {
      valid += ' ';
      ++i;
      continue;
    }
    i += (size_t)n;
    if (cp == '\n') { valid += '\n'; continue; }
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029) {
      valid += cp == 0x2028 || cp == 0x2029 ? '\n' : ' ';
      continue;
    }
    if (cp == 0x200B) { valid += ' '; continue; }  // zero-width space: a word boundary
    if (cp == 0x00AD || cp == 0x200C || cp == 0x200D || cp == 0xFEFF) continue;
    valid += Utf8((char32_t)cp);
  }
  std::u32string out;
  utf8proc_uint8_t* nfc = utf8proc_NFC((const utf8proc_uint8_t*)valid.c_str());
  const char* src = nfc ? (const char*)nfc : valid.c_str();
  const size_t len = std::strlen(src);
  out.reserve(len);
  for (size_t j = 0; j < len;) {
    utf8proc_int32_t cp = -1;
    const utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t*)src + j, (utf8proc_ssize_t)(len - j), &cp);
    if (n <= 0) { ++j; continue; }
    out += (char32_t)cp;
    j += (size_t)n;
  }
  std::free(nfc);
  return out;
}

bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsLetter(char32_t c) {
  if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  switch (utf8proc_category((utf8proc_int32_t)c)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
      return true;
    default:
      return false;
  }
}
bool IsUpper(char32_t c) { return utf8proc_category((utf8proc_int32_t)c) == UTF8PROC_CATEGORY_LU; }
bool IsAlnum(char32_t c) { return IsDigit(c) || IsLetter(c); }
bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\r' || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F ||
         c == 0x205F || c == 0x3000;
}
bool IsDash(char32_t c) { return c == U'-' || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2014 || c == 0x2212; }

std::string Lower(std::string_view utf8) {
  std::string out;
  size_t i = 0;
  while (i < utf8.size()) {
    utf8proc_int32_t cp = -1;
    const utf8proc_ssize_t n =
        utf8proc_iterate((const utf8proc_uint8_t*)utf8.data() + i, (utf8proc_ssize_t)(utf8.size() - i), &cp);
    if (n <= 0) { ++i; continue; }
    out += Utf8((char32_t)utf8proc_tolower(cp));
    i += (size_t)n;
  }
  return out;
}

// The words said so far, with pauses: "," and "." attach to the word before them; a
// pause before any word is dropped; "." outranks ",".
class Spoken {
 public:
  void Words(std::string_view words) {
    size_t at = 0;
    while (at < words.size()) {
      size_t end = words.find(' ', at);
      if (end == std::string_view::npos) end = words.size();
      if (end > at) One(words.substr(at, end - at));
      at = end + 1;
    }
  }
  void Pause(char p) {
    if (out_.empty()) return;
    if (p == '.' || pending_ == 0) pending_ = p;
    paused_ = true;
  }
  // The last word said (lower case), when no pause came after it.
  bool LastIs(std::string_view w) const { return !paused_ && !recent_.empty() && recent_.back() == w; }
  bool LastIsAnyOf(std::initializer_list<std::string_view> ws) const {
    for (std::string_view w : ws) if (LastIs(w)) return true;
    return false;
  }
  // The last N words (pauses ignored) joined by spaces.
  std::string Recent(size_t n) const {
    std::string out;
    for (size_t i = recent_.size() > n ? recent_.size() - n : 0; i < recent_.size(); ++i)
      out += (out.empty() ? "" : " ") + recent_[i];
    return out;
  }
  std::string Take() {
    if (pending_ == '.') out_ += '.';
    pending_ = 0;
    return std::move(out_);
  }

 private:
  void One(std::string_view w) {
    if (!out_.empty()) {
      if (pending_) out_ += pending_;
      out_ += ' ';
    }
    pending_ = 0;
    paused_ = false;
    out_ += w;
    recent_.push_back(Lower(w));
    if (recent_.size() > 4) recent_.pop_front();
  }
  std::string out_;
  char pending_ = 0;
  bool paused_ = false;
  std::deque<std::string> recent_;
};

// [SECTION] Numbers

constexpr size_t kMaxNumberDigits = 18;  // up to "triệu tỷ"; longer: digit by digit

// One group of three digits. FULL: not the number's first group, so "không trăm" and
// "linh" are said ("2015" -> "... không trăm mười lăm", "2005" -> "... không trăm linh năm").
void GroupWords(int h, int t, int u, bool full, std::string& out) {
  auto add = [&](const char* w) { out += out.empty() ? "" : " "; out += w; };
  const bool hundreds = full || h > 0;
  if (hundreds) { add(kDigit[h]); add("trăm"); }
  if (t == 0) {
    if (u == 0) return;
    if (hundreds) add("linh");
    add(kDigit[u]);
  } else if (t == 1) {
    add("mười");
    if (u == 5) add("lăm");
    else if (u > 0) add(kDigit[u]);
  } else {
    add(kDigit[t]);
    add("mươi");
    if (u == 1) add("mốt");
    else if (u == 4) add("tư");
    else if (u == 5) add("lăm");
    else if (u > 0) add(kDigit[u]);
  }
}

// DIGITS (at most 9, no leading zeros needed) by groups of three: triệu, nghìn, units.
// LEADING: the number's first part, so its first non-zero group is not FULL.
void Below1e9(std::string_view digits, bool leading, std::string& out) {
  std::string padded(9 - std::min<size_t>(9, digits.size()), '0');
  padded += digits;
  static const char* kScale[3] = {"triệu", "nghìn", ""};
  bool first = leading;
  for (int g = 0; g < 3; ++g) {
    const int h = padded[g * 3] - '0', t = padded[g * 3 + 1] - '0', u = padded[g * 3 + 2] - '0';
    if (h == 0 && t == 0 && u == 0) continue;
    std::string group;
    GroupWords(h, t, u, !first, group);
    first = false;
    if (!out.empty()) out += ' ';
    out += group;
    if (*kScale[g]) { out += ' '; out += kScale[g]; }
  }
}

std::string DigitByDigit(std::string_view digits) {
  std::string out;
  for (char c : digits) {
    if (c < '0' || c > '9') continue;
    if (!out.empty()) out += ' ';
    out += kDigit[c - '0'];
  }
  return out;
}

// An integer as a listener expects it: by value, or digit by digit when it has a
// leading zero (a code, a phone number) or is too long to say as a value.
std::string IntegerWords(std::string_view digits) {
  if (digits.empty()) return {};
  if ((digits.size() > 1 && digits[0] == '0') || digits.size() > kMaxNumberDigits) return DigitByDigit(digits);
  return NumberWordsVi(digits);
}

// The part after a decimal comma: leading zeros one by one, the rest as a value (three
// digits at most; longer, digit by digit): "0,05" -> "không phẩy không năm".
std::string DecimalWords(std::string_view digits) {
  size_t zeros = 0;
  while (zeros < digits.size() && digits[zeros] == '0') ++zeros;
  std::string out = DigitByDigit(digits.substr(0, zeros));
  const std::string_view rest = digits.substr(zeros);
  if (rest.empty()) return out;
  if (!out.empty()) out += ' ';
  out += rest.size() <= 3 ? NumberWordsVi(rest) : DigitByDigit(rest);
  return out;
}

int SmallValue(std::string_view digits) {  // digits.size() <= 4
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

std::string DayWords(int day) {
  const std::string n = NumberWordsVi(std::to_string(day));
  return day <= 10 ? "mùng " + n : n;
}
std::string MonthWords(int month) { return month == 4 ? "tư" : NumberWordsVi(std::to_string(month)); }

// [SECTION] Patterns at a digit

class Verbalizer {
 public:
  explicit Verbalizer(std::u32string s) : s_(std::move(s)) {}

  std::string Run() {
    size_t i = 0;
    bool line_has_words = false;
    while (i < s_.size()) {
      const char32_t c = s_[i];
      if (c == U'\n') {
        if (line_has_words) out_.Pause('.');
        line_has_words = false;
        ++i;
      } else if (IsSpace(c)) {
        ++i;
      } else if (IsDigit(c)) {
        i = ReadNumber(i);
        line_has_words = true;
      } else if (IsLetter(c)) {
        i = ReadWord(i);
        line_has_words = true;
      } else {
        i = ReadSymbol(i, line_has_words);
      }
    }
    return out_.Take();
  }

 private:
  char32_t At(size_t i) const { return i < s_.size() ? s_[i] : 0; }
  size_t DigitsEnd(size_t i) const {
    while (i < s_.size() && IsDigit(s_[i])) ++i;
    return i;
  }
  std::string Ascii(size_t a, size_t b) const {
    std::string out;
    for (size_t i = a; i < b; ++i) out += (char)s_[i];
    return out;
  }
  size_t SkipSpaces(size_t i) const {
    while (i < s_.size() && IsSpace(s_[i])) ++i;
    return i;
  }

  bool PhoneContext() const {
    const std::string two = out_.Recent(2), one = out_.Recent(1);
    return two.ends_with("điện thoại") || two == "số máy" || two == "dây nóng" || two == "tổng đài" ||
           one == "hotline" || one == "fax" || one == "gọi" || one == "zalo";
  }

  // Digit groups joined by single ' ', '.' or '-' from I: a phone number's shape.
  // Returns the groups' [begin, end) pairs; MIN_LATER: the fewest digits a later group
  // may have to belong.
  std::vector<std::pair<size_t, size_t>> Groups(size_t i, size_t min_later, size_t max_total) const {
    std::vector<std::pair<size_t, size_t>> g;
    size_t end = DigitsEnd(i), total = end - i;
    g.push_back({i, end});
    while (g.size() < 6) {
      const char32_t sep = At(end);
      if (!(sep == U' ' || sep == U'.' || sep == U'-') || !IsDigit(At(end + 1))) break;
      const size_t next_end = DigitsEnd(end + 1);
      const size_t len = next_end - end - 1;
      if (len < min_later || total + len > max_total) break;
      total += len;
      g.push_back({end + 1, next_end});
      end = next_end;
    }
    return g;
  }

  size_t SayPhone(const std::vector<std::pair<size_t, size_t>>& groups) {
    for (size_t k = 0; k < groups.size(); ++k) {
      if (k) out_.Pause(',');
      out_.Words(DigitByDigit(Ascii(groups[k].first, groups[k].second)));
    }
    return groups.back().second;
  }

  bool TryPhone(size_t i, size_t* next, bool forced) {
    const size_t e = DigitsEnd(i);
    const std::string first = Ascii(i, e);
    if (forced || PhoneContext()) {
      auto g = Groups(i, 3, 12);
      size_t total = 0;
      for (auto& p : g) total += p.second - p.first;
      if (total < 3 || (g.size() == 1 && At(e) == U',' && IsDigit(At(e + 1)))) return false;
      *next = SayPhone(g);
      return true;
    }
    if (first.size() >= 2 && first[0] == '0') {
      auto g = Groups(i, 1, 11);  // "0293 3 870 123": a landline's groups may be short
      size_t total = 0;
      for (auto& p : g) total += p.second - p.first;
      if (total < 9 || total > 11) return false;
      *next = SayPhone(g);
      return true;
    }
    if (first == "1900" || first == "1800") {
      auto g = Groups(i, 3, 10);
      if (g.size() < 2) return false;
      *next = SayPhone(g);
      return true;
    }
    if (first.size() == 8 && (first.starts_with("1900") || first.starts_with("1800")) && !IsAlnum(At(e))) {
      *next = SayPhone({{i, i + 4}, {i + 4, e}});
      return true;
    }
    return false;
  }

  // "23/2015/NĐ-CP", "123/QĐ-UBND", "80/2015/QH13": số N trên YEAR, then the kind.
  bool TryDocumentNumber(size_t i, size_t* next) {
    const size_t e = DigitsEnd(i);
    if (At(e) != U'/') return false;
    size_t k = e + 1, year_a = 0, year_b = 0;
    if (IsDigit(At(k))) {
      const size_t ye = DigitsEnd(k);
      if (ye - k != 4 || At(ye) != U'/') return false;
      year_a = k;
      year_b = ye;
      k = ye + 1;
    }
    if (!IsLetter(At(k)) || !IsUpper(At(k))) return false;
    size_t kind_end = k;
    while (kind_end < s_.size() && (IsAlnum(s_[kind_end]) || (IsDash(s_[kind_end]) && IsAlnum(At(kind_end + 1)))))
      ++kind_end;
    if (!out_.LastIs("số")) out_.Words("số");
    // By value: "04/2020/TT-BTP" is "số bốn", as an official reads it.
    std::string number = Ascii(i, e);
    number.erase(0, std::min(number.find_first_not_of('0'), number.size() - 1));
    out_.Words(IntegerWords(number));
    if (year_b) {
      out_.Words("trên");
      out_.Words(IntegerWords(Ascii(year_a, year_b)));
    }
    out_.Pause(',');
    SayKind(k, kind_end);
    *next = kind_end;
    return true;
  }

  void SayKind(size_t a, size_t b) {
    size_t p = a;
    while (p < b) {
      size_t q = p;
      while (q < b && !IsDash(s_[q])) ++q;
      size_t letters_end = p;
      while (letters_end < q && IsLetter(s_[letters_end])) ++letters_end;
      const std::string letters = Utf8(s_, p, letters_end);
      const std::string digits = Ascii(letters_end, DigitsEnd(letters_end));
      if (!letters.empty()) {
        if (const char* w = Lookup(kDocumentKinds, letters)) out_.Words(w);
        else if (const char* w2 = Lookup(kAbbreviations, letters)) out_.Words(w2);
        else Spell(p, letters_end);
      }
      if (!digits.empty()) {
        if (letters == "QH" || letters == "UBTVQH") out_.Words("khoá");
        out_.Words(IntegerWords(digits));
      }
      p = q + 1;
    }
  }

  // "01/7/2019", "20-11-2018", "01.07.2019": ngày (mùng) D tháng M năm Y.
  bool TryDate(size_t i, size_t* next) {
    const size_t e = DigitsEnd(i);
    const char32_t sep = At(e);
    if (e - i > 2 || !(sep == U'/' || sep == U'-' || sep == U'.')) return false;
    const size_t me = DigitsEnd(e + 1);
    if (me == e + 1 || me - e - 1 > 2 || At(me) != sep) return false;
    const size_t ye = DigitsEnd(me + 1);
    if (ye - me - 1 != 4 || IsAlnum(At(ye)) || (At(ye) == sep && IsAlnum(At(ye + 1)))) return false;
    const int d = SmallValue(Ascii(i, e)), m = SmallValue(Ascii(e + 1, me));
    if (d < 1 || d > 31 || m < 1 || m > 12) return false;
    if (!out_.LastIs("ngày")) out_.Words("ngày");
    out_.Words(DayWords(d));
    out_.Words("tháng");
    out_.Words(MonthWords(m));
    out_.Words("năm");
    out_.Words(IntegerWords(Ascii(me + 1, ye)));
    *next = ye;
    return true;
  }

  // "7/2019" (tháng bảy năm ...), and after "ngày", "20/11" (ngày hai mươi tháng mười một).
  bool TryMonthYearOrDayMonth(size_t i, size_t* next) {
    const size_t e = DigitsEnd(i);
    if (e - i > 2 || At(e) != U'/') return false;
    const size_t be = DigitsEnd(e + 1);
    if (be == e + 1 || IsAlnum(At(be)) || (At(be) == U'/' && IsAlnum(At(be + 1)))) return false;
    const int a = SmallValue(Ascii(i, e));
    const std::string second = Ascii(e + 1, be);
    if (out_.LastIs("ngày")) {
      if (second.size() > 2) return false;
      const int m = SmallValue(second);
      if (a < 1 || a > 31 || m < 1 || m > 12) return false;
      out_.Words(DayWords(a));
      out_.Words("tháng");
      out_.Words(MonthWords(m));
      *next = be;
      return true;
    }
    if (second.size() != 4 || a < 1 || a > 12) return false;
    const int year = SmallValue(second);
    if (year < 1000 || year > 2999) return false;
    if (!out_.LastIs("tháng")) out_.Words("tháng");
    out_.Words(MonthWords(a));
    out_.Words("năm");
    out_.Words(IntegerWords(second));
    *next = be;
    return true;
  }

  // "7h30", "7h", "07:30", "7g30", "17:45:10": giờ, phút (giây).
  bool TryTime(size_t i, size_t* next) {
    const size_t e = DigitsEnd(i);
    if (e - i > 2) return false;
    const char32_t mark = At(e);
    const int hour = SmallValue(Ascii(i, e));
    if (hour > 24) return false;
    size_t me = e + 1;
    int minute = -1, second = -1;
    if (mark == U'h' || mark == U'H' || mark == U'g') {
      const size_t de = DigitsEnd(e + 1);
      if (de - e - 1 == 2 && !IsAlnum(At(de))) {
        minute = SmallValue(Ascii(e + 1, de));
        me = de;
      } else if (de != e + 1 || IsLetter(At(e + 1)) || mark == U'g') {
        return false;  // "7ha", "5g" (grams), "7h300"
      }
    } else if (mark == U':') {
      const size_t de = DigitsEnd(e + 1);
      if (de - e - 1 != 2 || (IsAlnum(At(de)) && At(de) != U':')) return false;
      minute = SmallValue(Ascii(e + 1, de));
      me = de;
      if (At(de) == U':') {
        const size_t se = DigitsEnd(de + 1);
        if (se - de - 1 != 2 || IsAlnum(At(se))) return false;
        second = SmallValue(Ascii(de + 1, se));
        me = se;
      }
    } else {
      return false;
    }
    if (minute > 59 || second > 59) return false;
    out_.Words(IntegerWords(std::to_string(hour)));
    out_.Words("giờ");
    if (minute > 0) { out_.Words(NumberWordsVi(std::to_string(minute))); out_.Words("phút"); }
    if (second > 0) { out_.Words(NumberWordsVi(std::to_string(second))); out_.Words("giây"); }
    *next = me;
    return true;
  }

  // A number and what follows it: thousands with dots, a decimal comma, dotted
  // numbering ("1.2.3"), a fraction, a unit, a percentage, a range ("8-10").
  size_t ReadNumber(size_t i, bool forced_phone = false) {
    size_t next = 0;
    if (TryPhone(i, &next, forced_phone)) return next;
    if (TryDocumentNumber(i, &next)) return next;
    if (TryDate(i, &next)) return Range(next);
    if (TryMonthYearOrDayMonth(i, &next)) return Range(next);
    if (TryTime(i, &next)) return Range(next);

    size_t e = DigitsEnd(i);
    std::string digits = Ascii(i, e);
    // Thousands: "50.000", "1.500.000" (and "1,000,000" with two or more comma groups).
    auto thousands = [&](char32_t sep, size_t min_groups) {
      if (digits.size() > 3 || digits[0] == '0') return false;
      size_t k = e, groups = 0;
      while (At(k) == sep && DigitsEnd(k + 1) == k + 4) { k += 4; ++groups; }
      if (groups < min_groups) return false;
      for (size_t p = e; p < k; p += 4) digits += Ascii(p + 1, p + 4);
      e = k;
      return true;
    };
    if (!thousands(U'.', 1)) thousands(U',', 2);
    std::string words = IntegerWords(digits);
    const bool plain = digits.size() <= 2;
    if (plain && digits.size() == 1 && out_.LastIs("thứ") && (digits == "1" || digits == "4"))
      words = digits == "1" ? "nhất" : "tư";
    else if (plain && digits == "4" && out_.LastIs("tháng"))
      words = "tư";
    else if (plain && out_.LastIs("ngày") && digits[0] != '0' && SmallValue(digits) <= 10 &&
             NextWordIs(e, U"tháng"))
      words = "mùng " + words;
    out_.Words(words);

    if (At(e) == U',' && IsDigit(At(e + 1))) {  // decimal comma
      const size_t de = DigitsEnd(e + 1);
      out_.Words("phẩy");
      out_.Words(DecimalWords(Ascii(e + 1, de)));
      e = de;
    } else {
      while (At(e) == U'.' && IsDigit(At(e + 1))) {  // "1.5", "2.1.3": numbering
        const size_t de = DigitsEnd(e + 1);
        out_.Words("chấm");
        out_.Words(IntegerWords(Ascii(e + 1, de)));
        e = de;
      }
      bool first = true;
      while (At(e) == U'/' && IsDigit(At(e + 1))) {  // a fraction, a ratio ("32/13/2019": trên, trên)
        const size_t de = DigitsEnd(e + 1);
        const std::string below = Ascii(e + 1, de);
        const bool fraction = first && below.size() <= 2 && digits.size() <= 2 && SmallValue(below) <= 10 &&
                              SmallValue(digits) < SmallValue(below) && !(At(de) == U'/' && IsDigit(At(de + 1)));
        out_.Words(fraction ? "phần" : "trên");
        out_.Words(fraction && below == "4" ? "tư" : IntegerWords(below));  // "ba phần tư"
        e = de;
        first = false;
      }
    }
    return AfterNumber(e);
  }

  bool NextWordIs(size_t i, std::u32string_view w) const {
    i = SkipSpaces(i);
    if (i + w.size() > s_.size()) return false;
    for (size_t k = 0; k < w.size(); ++k)
      if ((char32_t)utf8proc_tolower((utf8proc_int32_t)s_[i + k]) != w[k]) return false;
    return !IsAlnum(At(i + w.size()));
  }

  size_t AfterNumber(size_t e) {
    const size_t after_space = At(e) == U' ' ? e + 1 : e;
    if (At(after_space) == U'%') {
      out_.Words("phần trăm");
      e = after_space + 1;
    } else if (At(after_space) == 0x2030) {
      out_.Words("phần nghìn");
      e = after_space + 1;
    } else if (IsLetter(At(e))) {
      // A unit written against the number: the longest that ends the word.
      size_t le = e;
      while (le < s_.size() && (IsLetter(s_[le]) || s_[le] == U'²' || s_[le] == U'³')) ++le;
      if (IsDigit(At(le)) && le - e == 1 && (At(e) == U'm' || At(e) == U'M') && (At(le) == U'2' || At(le) == U'3') &&
          !IsAlnum(At(le + 1)))
        ++le;  // "m2", "m3"
      if (!IsDigit(At(le))) {
        if (const char* unit = Lookup(kUnits, Lower(Utf8(s_, e, le)))) {
          out_.Words(unit);
          e = le;
        }
      }
    }
    return Range(e);
  }

  // A range after a number, a time or a date: "8-10 ngày", "7h30 – 11h30".
  size_t Range(size_t e) {
    const size_t d = SkipSpaces(e);
    if (IsDash(At(d)) && d < s_.size()) {
      const size_t n = SkipSpaces(d + 1);
      if (IsDigit(At(n)) && (d == e) == (n == d + 1)) {
        out_.Words("đến");
        return n;
      }
    }
    return e;
  }

  // [SECTION] Words and symbols

  template <size_t N>
  static const char* Lookup(const Expansion (&table)[N], const std::string& written) {
    for (const Expansion& x : table)
      if (written == x.written) return x.spoken;
    return nullptr;
  }

  void Spell(size_t a, size_t b) {
    for (size_t i = a; i < b; ++i) {
      const char32_t up = (char32_t)utf8proc_toupper((utf8proc_int32_t)s_[i]);
      const char* name = nullptr;
      for (const LetterName& l : kLetterNames)
        if (l.letter == up) name = l.name;
      out_.Words(name ? std::string(name) : Lower(Utf8(s_[i])));
    }
  }

  // Whether lower-case WORD is shaped like one Vietnamese syllable (onset, one to three
  // vowels, a coda), tone marks ignored: an all-capitals heading ("ĐĂNG KÝ") is read,
  // an acronym the tables do not know ("ATM", "HIV") is spelled.
  static bool IsSyllable(const std::u32string& word) {
    std::u32string base;
    for (char32_t c : word) {
      utf8proc_int32_t dec[4];
      int opts = 0;
      const utf8proc_ssize_t n = utf8proc_decompose_char((utf8proc_int32_t)c, dec, 4, UTF8PROC_DECOMPOSE, &opts);
      if (n <= 0) return false;
      std::u32string kept;
      for (utf8proc_ssize_t k = 0; k < n; ++k) {
        const char32_t d = (char32_t)dec[k];
        if (d == 0x300 || d == 0x301 || d == 0x303 || d == 0x309 || d == 0x323) continue;  // tones
        kept += d;
      }
      // Recompose the vowel marks (â ă ê ô ơ ư).
      if (kept.size() == 2) {
        const utf8proc_int32_t pair[2] = {(utf8proc_int32_t)kept[0], (utf8proc_int32_t)kept[1]};
        utf8proc_int32_t buf[2] = {pair[0], pair[1]};
        const utf8proc_ssize_t m = utf8proc_normalize_utf32(buf, 2, UTF8PROC_COMPOSE);
        if (m == 1) kept = std::u32string(1, (char32_t)buf[0]);
      }
      base += kept;
    }
    static const std::u32string kVowels = U"aăâeêioôơuưy";
    static const std::u32string kOnsets[] = {U"ngh", U"ng", U"nh", U"ch", U"gh", U"gi", U"kh", U"ph", U"qu",
                                             U"th",  U"tr", U"b",  U"c",  U"d",  U"đ",  U"g",  U"h",  U"k",
                                             U"l",   U"m",  U"n",  U"p",  U"r",  U"s",  U"t",  U"v",  U"x",  U""};
    static const std::u32string kCodas[] = {U"", U"c", U"ch", U"m", U"n", U"ng", U"nh", U"p", U"t"};
    for (const std::u32string& onset : kOnsets) {
      if (base.compare(0, onset.size(), onset) != 0) continue;
      size_t v = onset.size();
      while (v < base.size() && kVowels.find(base[v]) != std::u32string::npos) ++v;
      const size_t vowels = v - onset.size();
      if ((vowels == 0 && !(onset == U"gi")) || vowels > 3) continue;
      const std::u32string coda = base.substr(v);
      for (const std::u32string& c : kCodas)
        if (coda == c) return true;
    }
    return false;
  }

  size_t ReadUrl(size_t i) {
    size_t e = i;
    while (e < s_.size() && !IsSpace(s_[e]) && s_[e] != U'\n' && s_[e] != U'"' && s_[e] != U'<' && s_[e] != U'>' &&
           s_[e] != 0x201D)
      ++e;
    while (e > i && (s_[e - 1] == U'.' || s_[e - 1] == U',' || s_[e - 1] == U')' || s_[e - 1] == U';' ||
                     s_[e - 1] == U':' || s_[e - 1] == U'!' || s_[e - 1] == U'?'))
      --e;
    size_t h = i;
    const std::string head = Lower(Utf8(s_, i, std::min(e, i + 8)));
    if (head.starts_with("https://")) h = i + 8;
    else if (head.starts_with("http://")) h = i + 7;
    if (Lower(Utf8(s_, h, std::min(e, h + 4))) == "www.") h += 4;
    size_t he = h;
    while (he < e && s_[he] != U'/' && s_[he] != U':' && s_[he] != U'?' && s_[he] != U'#') ++he;
    // The host, label by label: "dichvucong chấm gov chấm vn"; the path is not read.
    size_t p = h;
    while (p < he) {
      size_t q = p;
      while (q < he && s_[q] != U'.') ++q;
      if (q > p) {
        if (p > h) out_.Words("chấm");
        out_.Words(Utf8(s_, p, q));
      }
      p = q + 1;
    }
    return e;
  }

  size_t ReadWord(size_t i) {
    const std::string head = Lower(Utf8(s_, i, std::min(s_.size(), i + 8)));
    if (head.starts_with("http://") || head.starts_with("https://") || head.starts_with("www.")) return ReadUrl(i);
    size_t e = i;
    while (e < s_.size() && IsLetter(s_[e])) ++e;
    const std::string word = Utf8(s_, i, e);
    if ((word == "TP" || word == "Tp") && At(e) == U'.') {  // "TP. Cần Thơ", "TP.HCM"
      out_.Words("thành phố");
      return e + 1;
    }
    if ((word == "v" || word == "V") && At(e) == U'.' && (At(e + 1) == U'v' || At(e + 1) == U'V') && At(e + 2) == U'.') {
      out_.Words("vân vân");
      return e + 3;
    }
    const std::string lower = Lower(word);
    bool all_upper = e - i >= 1;
    for (size_t k = i; k < e; ++k) all_upper = all_upper && IsUpper(s_[k]);
    if (all_upper) {
      for (const char* before : kRomanBefore) {
        if (!out_.LastIs(before)) continue;
        if (const int v = RomanValue(i, e); v > 0) {
          out_.Words(NumberWordsVi(std::to_string(v)));
          return e;
        }
      }
    }
    if (const char* w = Lookup(kAbbreviations, word)) {
      out_.Words(w);
      return e;
    }
    if (all_upper && e - i >= 2) {
      std::u32string low;
      for (size_t k = i; k < e; ++k) low += (char32_t)utf8proc_tolower((utf8proc_int32_t)s_[k]);
      if (!IsSyllable(low)) {
        Spell(i, e);
        return e;
      }
    }
    out_.Words(word);
    return e;
  }

  // A canonical Roman numeral in [A, B) (I to MMMCMXCIX), or 0.
  int RomanValue(size_t a, size_t b) const {
    if (b - a > 15) return 0;
    auto value = [](char32_t c) {
      switch (c) {
        case U'I': return 1; case U'V': return 5; case U'X': return 10; case U'L': return 50;
        case U'C': return 100; case U'D': return 500; case U'M': return 1000; default: return 0;
      }
    };
    int total = 0;
    for (size_t i = a; i < b; ++i) {
      const int v = value(s_[i]);
      if (!v) return 0;
      const int next = i + 1 < b ? value(s_[i + 1]) : 0;
      total += next > v ? -v : v;
    }
    if (total <= 0 || total >= 4000) return 0;
    // Only the canonical spelling counts ("IIII", "IC" are not numerals here).
    static const std::pair<int, const char*> kParts[] = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"},
                                                         {100, "C"},  {90, "XC"},  {50, "L"},  {40, "XL"},
                                                         {10, "X"},   {9, "IX"},   {5, "V"},   {4, "IV"}, {1, "I"}};
    std::string canon;
    int rest = total;
    for (const auto& [v, text] : kParts)
      while (rest >= v) { canon += text; rest -= v; }
    return canon == Ascii(a, b) ? total : 0;
  }

  size_t ReadSymbol(size_t i, bool line_has_words) {
    const char32_t c = s_[i];
    const char32_t prev = i ? s_[i - 1] : 0, next = At(i + 1);
    switch (c) {
      case U'.':
        if (IsAlnum(prev) && IsLetter(next) && !IsUpper(next)) {  // "dichvucong.gov.vn", "a@b.vn"
          out_.Words("chấm");
          return i + 1;
        }
        out_.Pause('.');
        while (At(i) == U'.') ++i;
        return i;
      case U'!': case U'?': case 0x2026:
        out_.Pause('.');
        return i + 1;
      case U',': case U';': case U':': case U'(': case U')': case U'[': case U']': case U'{': case U'}':
      case 0x2022: case 0x00B7: case 0x2192:
        out_.Pause(',');
        return i + 1;
      case U'/':
        if (IsAlnum(prev) && IsLetter(next)) {  // "đồng/lần", "5/người"
          if (!out_.LastIs("và")) out_.Words("trên");
        } else {
          out_.Pause(',');
        }
        return i + 1;
      case U'&': out_.Words("và"); return i + 1;
      case U'=': out_.Words("bằng"); return i + 1;
      case U'%': out_.Words("phần trăm"); return i + 1;
      case U'@': out_.Words("a còng"); return i + 1;
      case U'~': out_.Words("khoảng"); return i + 1;
      case U'>': out_.Words("lớn hơn"); return i + 1;
      case U'<': out_.Words("nhỏ hơn"); return i + 1;
      case 0x2265: out_.Words("lớn hơn hoặc bằng"); return i + 1;
      case 0x2264: out_.Words("nhỏ hơn hoặc bằng"); return i + 1;
      case 0x00B0: out_.Words("độ"); return i + 1;
      case 0x00D7: out_.Words("nhân"); return i + 1;
      case U'+':
        out_.Words("cộng");
        if (IsDigit(next)) return ReadNumber(i + 1, /*forced_phone=*/true);
        return i + 1;
      default:
        break;
    }
    if (IsDash(c)) {
      // Inside a word ("KT-XH") nothing; a list's leading dash nothing; else a pause.
      if (!(IsLetter(prev) && IsLetter(next)) && line_has_words) out_.Pause(',');
      return i + 1;
    }
    return i + 1;  // quotes, bullets, emoji, anything else: a word boundary
  }

  std::u32string s_;
  Spoken out_;
};

}  // namespace

std::string NumberWordsVi(std::string_view digits) {
  if (digits.empty() || digits.size() > kMaxNumberDigits) return {};
  for (char c : digits)
    if (c < '0' || c > '9') return {};
  if (digits.size() > 1 && digits[0] == '0') return {};
  if (digits == "0") return kDigit[0];
  std::string out;
  if (digits.size() > 9) {
    // tỷ: the part above 10^9 is itself a number ("một nghìn năm trăm tỷ").
    const std::string_view high = digits.substr(0, digits.size() - 9), low = digits.substr(digits.size() - 9);
    Below1e9(high, true, out);
    out += " tỷ";
    std::string rest;
    Below1e9(low, false, rest);
    if (!rest.empty()) out += " " + rest;
    return out;
  }
  Below1e9(digits, true, out);
  return out;
}

// [SECTION] VerbalizeVi

std::string VerbalizeVi(std::string_view text) {
  if (text.empty()) return {};
  return Verbalizer(Decode(text)).Run();
}

}  // namespace kiosk::speech
