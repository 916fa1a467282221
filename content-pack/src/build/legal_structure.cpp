// A legal document's body -> its unit tree (Phần/Chương/Mục/Tiểu mục/Điều/Khoản/Điểm).
//
// Real documents arrive as Markdown headings ("## Chương I", "### Điều 1. ...") or as
// plain paragraphs that start with those words, and a Chương's title is often on the next
// line in capitals. The parser works line by line: a line either opens a unit or adds to
// the text of the innermost open one. It is careful not to take a sentence for a heading:
// "Điều" must be followed by a number and a period, "Chương" by a numeral, a clause
// ("1.") and a point ("a)") only count inside an article.
#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_set>

#include <utf8proc.h>

#include "content-pack/fold.hpp"
#include "source.hpp"

namespace pack {

namespace {

struct Line {
  std::string text;  // without heading marks and surrounding emphasis, trimmed
  bool heading = false;
};

std::string TrimCopy(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

Line CleanLine(std::string_view raw) {
  Line line;
  std::string s = TrimCopy(raw);
  if (!s.empty() && s[0] == '#') {
    size_t n = s.find_first_not_of('#');
    if (n != std::string::npos && n <= 6 && (s[n] == ' ' || s[n] == '\t')) {
      line.heading = true;
      s = TrimCopy(s.substr(n));
      while (!s.empty() && s.back() == '#') s.pop_back();  // closing #'s
      s = TrimCopy(s);
    }
  }
  // **Điều 1. ...** or __...__ around a whole line.
  for (std::string_view mark : {"**", "__"}) {
    if (s.size() > 4 && s.compare(0, 2, mark) == 0 && s.compare(s.size() - 2, 2, mark) == 0)
      s = TrimCopy(s.substr(2, s.size() - 4));
  }
  line.text = s;
  return line;
}

bool IsRoman(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return c == 'I' || c == 'V' || c == 'X' || c == 'L' || c == 'C';
  });
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool StartsWithCapital(std::string_view s) {
  utf8proc_int32_t cp = 0;
  auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                              static_cast<utf8proc_ssize_t>(s.size()), &cp);
  return len > 0 && utf8proc_isupper(cp);
}

// "thứ nhất" and friends in "Phần thứ nhất".
const char* const kOrdinalWords[] = {"nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"};

struct Heading {
  UnitKind kind;
  std::string label;   // "Chương II", "Điều 16", "1", "a"
  std::string number;  // "II", "16", "1", "a"
  std::string title;   // rest of the line, may be empty
};

// Splits "<number><sep> <title>" after a keyword. `numeral` checks the number token.
template <class Check>
std::optional<std::pair<std::string, std::string>> NumberAndTitle(std::string_view rest, Check numeral,
                                                                   bool need_period) {
  if (rest.empty() || rest[0] != ' ') return std::nullopt;
  rest.remove_prefix(1);
  size_t end = 0;
  while (end < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[end])))) ++end;
  std::string number(rest.substr(0, end));
  if (!numeral(number)) return std::nullopt;
  std::string_view after = rest.substr(end);
  if (after.empty()) return need_period ? std::nullopt : std::optional(std::make_pair(number, std::string()));
  // Separators: ". ", ": ", " - ", " – ", or (for headings without a period) a space and
  // a capital letter.
  char c = after[0];
  if (c == '.' || c == ':') {
    return std::make_pair(number, TrimCopy(after.substr(1)));
  }
  if (need_period) return std::nullopt;
  std::string t = TrimCopy(after);
  if (t.rfind("-", 0) == 0) return std::make_pair(number, TrimCopy(t.substr(1)));
  if (t.rfind("\xE2\x80\x93", 0) == 0 || t.rfind("\xE2\x80\x94", 0) == 0)
    return std::make_pair(number, TrimCopy(t.substr(3)));
  if (after[0] == ' ' && !t.empty() && StartsWithCapital(t)) return std::make_pair(number, t);
  return std::nullopt;
}

bool StartsWithWord(std::string_view s, std::string_view word, std::string_view* rest) {
  if (s.size() < word.size() || s.compare(0, word.size(), word) != 0) return false;
  *rest = s.substr(word.size());
  return true;
}

std::optional<Heading> MatchStructural(const std::string& text, bool in_article, bool in_clause) {
  std::string_view s = text, rest;
  auto digits = [](const std::string& n) { return IsDigits(n); };
  auto article_number = [](const std::string& n) {  // "16", "3a"
    return !n.empty() && std::isdigit(static_cast<unsigned char>(n[0])) && n.size() <= 6;
  };
  if (StartsWithWord(s, "Phần", &rest) || StartsWithWord(s, "PHẦN", &rest)) {
    std::string_view r = rest;
    if (StartsWithWord(r, " thứ ", &r) || StartsWithWord(r, " THỨ ", &r)) {
      size_t word_end = r.find_first_of(" .:-\t");
      std::string word(r.substr(0, word_end));
      for (const char* ordinal : kOrdinalWords) {
        if (Fold(word) != Fold(ordinal)) continue;
        std::string title = word_end == std::string_view::npos ? std::string() : TrimCopy(r.substr(word_end));
        if (!title.empty() && (title[0] == '.' || title[0] == ':' || title[0] == '-')) title = TrimCopy(title.substr(1));
        return Heading{UnitKind::Part, "Phần thứ " + std::string(ordinal), ordinal, title};
      }
    }
    auto nt = NumberAndTitle(rest, [](const std::string& n) { return IsRoman(n) || IsDigits(n); }, false);
    if (nt) return Heading{UnitKind::Part, "Phần " + nt->first, nt->first, nt->second};
  }
  if (StartsWithWord(s, "Chương", &rest) || StartsWithWord(s, "CHƯƠNG", &rest)) {
    auto nt = NumberAndTitle(rest, [](const std::string& n) { return IsRoman(n) || IsDigits(n); }, false);
    if (nt) return Heading{UnitKind::Chapter, "Chương " + nt->first, nt->first, nt->second};
  }
  if (StartsWithWord(s, "Tiểu mục", &rest) || StartsWithWord(s, "TIỂU MỤC", &rest)) {
    auto nt = NumberAndTitle(rest, digits, false);
    if (nt) return Heading{UnitKind::Subsection, "Tiểu mục " + nt->first, nt->first, nt->second};
  }
  if (StartsWithWord(s, "Mục", &rest) || StartsWithWord(s, "MỤC", &rest)) {
    auto nt = NumberAndTitle(rest, digits, false);
    if (nt) return Heading{UnitKind::Section, "Mục " + nt->first, nt->first, nt->second};
  }
  if (StartsWithWord(s, "Điều", &rest) || StartsWithWord(s, "ĐIỀU", &rest)) {
    auto nt = NumberAndTitle(rest, article_number, true);
    if (nt) return Heading{UnitKind::Article, "Điều " + nt->first, nt->first, nt->second};
  }
  if (in_article) {
    size_t n = 0;
    while (n < s.size() && n < 3 && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
    if (n > 0 && n < s.size() && s[n] == '.' && (n + 1 == s.size() || s[n + 1] == ' '))
      return Heading{UnitKind::Clause, std::string(s.substr(0, n)), std::string(s.substr(0, n)),
                     TrimCopy(s.substr(n + 1))};
    // Points: a) b) ... đ) ... (Vietnamese alphabet without f j w z).
    std::string letter;
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'y' && std::string_view("fjwz").find(s[0]) == std::string_view::npos)
      letter = std::string(1, s[0]);
    else if (s.rfind("đ", 0) == 0)
      letter = "đ";
    if (!letter.empty() && s.size() > letter.size() && s[letter.size()] == ')' &&
        (s.size() == letter.size() + 1 || s[letter.size() + 1] == ' ')) {
      (void)in_clause;
      return Heading{UnitKind::Point, letter, letter, TrimCopy(s.substr(letter.size() + 1))};
    }
  }
  return std::nullopt;
}

int Depth(UnitKind kind) { return static_cast<int>(kind); }

// A title line in capitals ("NHỮNG QUY ĐỊNH CHUNG"): no lower-case letter at all.
bool AllCaps(std::string_view s) {
  bool has_letter = false;
  size_t i = 0;
  while (i < s.size()) {
    utf8proc_int32_t cp = 0;
    auto len = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(s.data() + i),
                                static_cast<utf8proc_ssize_t>(s.size() - i), &cp);
    if (len <= 0) return false;
    if (utf8proc_islower(cp)) return false;
    if (utf8proc_isupper(cp)) has_letter = true;
    i += static_cast<size_t>(len);
  }
  return has_letter;
}

std::string AnchorPiece(std::string_view number) {
  std::string out;
  for (char c : Fold(number)) out += (c == ' ') ? '-' : c;
  if (number == "đ") out = "dd";
  return out;
}

}  // namespace

std::vector<LegalUnit> ParseLegalStructure(std::string_view body, std::string* preamble) {
  std::vector<LegalUnit> units;
  std::vector<size_t> open;  // stack of indices (into units) of open units, outermost first
  std::vector<int> child_count(1, 0);  // per unit (1-based) and the top level (0)
  preamble->clear();
  bool title_pending = false;  // the last opened unit may take its title from the next line

  auto innermost = [&]() -> LegalUnit* { return open.empty() ? nullptr : &units[open.back()]; };
  auto within = [&](UnitKind kind) {
    return std::any_of(open.begin(), open.end(), [&](size_t i) { return units[i].kind == kind; });
  };
  auto append_text = [&](const std::string& text) {
    std::string* target = open.empty() ? preamble : &units[open.back()].text;
    if (!target->empty()) target->append("\n");
    target->append(text);
  };

  size_t pos = 0;
  while (pos <= body.size()) {
    size_t end = body.find('\n', pos);
    if (end == std::string_view::npos) end = body.size();
    Line line = CleanLine(body.substr(pos, end - pos));
    pos = end + 1;
    if (line.text.empty()) {
      if (end == body.size()) break;
      continue;
    }
    bool in_article = within(UnitKind::Article);
    std::optional<Heading> h = MatchStructural(line.text, in_article, within(UnitKind::Clause));
    if (!h) {
      LegalUnit* current = innermost();
      if (title_pending && current && current->kind <= UnitKind::Subsection && (line.heading || AllCaps(line.text))) {
        current->title = line.text;
      } else {
        append_text(line.text);
      }
      title_pending = false;
      if (end == body.size()) break;
      continue;
    }
    // Close units at the same or a deeper level. A point directly in an article (no
    // clause) is allowed; a clause closes any open point.
    while (!open.empty() && Depth(units[open.back()].kind) >= Depth(h->kind)) open.pop_back();
    LegalUnit unit;
    unit.kind = h->kind;
    unit.label = h->label;
    if (h->kind == UnitKind::Clause || h->kind == UnitKind::Point) {
      unit.text = h->title;  // a clause's "title" is its text
    } else {
      unit.title = h->title;
    }
    unit.parent = open.empty() ? 0 : static_cast<int64_t>(open.back()) + 1;
    unit.order = child_count[static_cast<size_t>(unit.parent)]++;
    // Anchors: articles are numbered through the whole law, chapters and parts too;
    // sections restart in each chapter, clauses in each article.
    std::string piece = AnchorPiece(h->number);
    switch (h->kind) {
      case UnitKind::Part: unit.anchor = "phan-" + piece; break;
      case UnitKind::Chapter: unit.anchor = "chuong-" + piece; break;
      case UnitKind::Article: unit.anchor = "dieu-" + piece; break;
      case UnitKind::Section: unit.anchor = (open.empty() ? std::string() : units[open.back()].anchor + "-") + "muc-" + piece; break;
      case UnitKind::Subsection: unit.anchor = (open.empty() ? std::string() : units[open.back()].anchor + "-") + "tieu-muc-" + piece; break;
      case UnitKind::Clause: unit.anchor = (open.empty() ? std::string() : units[open.back()].anchor + "-") + "khoan-" + piece; break;
      case UnitKind::Point: unit.anchor = (open.empty() ? std::string() : units[open.back()].anchor + "-") + "diem-" + piece; break;
    }
    units.push_back(std::move(unit));
    child_count.push_back(0);
    open.push_back(units.size() - 1);
    title_pending = h->title.empty() && h->kind <= UnitKind::Subsection;
    if (end == body.size()) break;
  }
  // Anchors must be unique in a document for deep links: number repeats "-2", "-3", ...
  std::unordered_set<std::string> seen;
  for (auto& u : units) {
    std::string base = u.anchor;
    int n = 1;
    while (seen.count(u.anchor)) u.anchor = base + "-" + std::to_string(++n);
    seen.insert(u.anchor);
  }
  return units;
}

}  // namespace pack
