// VietnameseComposer: the Telex and VNI rules (UniKey-like) applied to the current word.
//
// [SECTION] Syllable structure and tone placement
// [SECTION] Keys
// [SECTION] Marks (hat, breve, horn, stroke) and tones
// [SECTION] Backspace, settling and re-opening words
//
// The current word is kept as letters (base + mark + case) plus ONE tone for the whole
// word; where the tone is drawn is recomputed by the orthography rules after every key,
// which is why the tone "moves as you type" (hoaf -> hoà, + n -> hoàn). Everything
// before the word is settled text that keys never rewrite.
#include "touch-ui/vietnamese_input.hpp"

#include <algorithm>
#include <array>

#include "vietnamese_text.hpp"

namespace touchui {

using ime_detail::IsVowel;
using ime_detail::Letter;
using ime_detail::Mark;
using ime_detail::Tone;

namespace {

// No Vietnamese syllable has more than 7 letters (nghiêng); a longer run of letters is
// not a syllable, and the bound keeps every key O(1) on hostile input.
constexpr std::size_t kMaxWordLetters = 12;

// [SECTION] Syllable structure and tone placement

struct Syllable {
  int initial_end = 0;  // [0, initial_end): initial consonant, with the u of qu, i of gi
  int vowel_begin = 0;  // [vowel_begin, vowel_end): the vowel cluster
  int vowel_end = 0;
  bool valid = false;  // initial, 1-3 vowels, final are all Vietnamese
  std::string initial;  // lowercase; đ is 'D'
};

char ConsonantKey(const Letter& letter) { return letter.mark == Mark::Stroke ? 'D' : letter.base; }

bool IsInitialConsonant(std::string_view initial) {
  static constexpr std::array<std::string_view, 29> kInitials = {
      "",   "b",  "c",  "ch", "d", "D",  "g",   "gh", "gi", "h",  "k",  "kh", "l", "m", "n",
      "ng", "ngh", "nh", "p", "ph", "q", "qu", "r",  "s",  "t",  "th", "tr", "v", "x"};
  return std::find(kInitials.begin(), kInitials.end(), initial) != kInitials.end();
}

bool IsFinalConsonant(std::string_view final_consonant) {
  static constexpr std::array<std::string_view, 9> kFinals = {"",  "c",  "ch", "m", "n",
                                                              "ng", "nh", "p", "t"};
  return std::find(kFinals.begin(), kFinals.end(), final_consonant) != kFinals.end();
}

Syllable Split(const std::vector<Letter>& word) {
  Syllable s;
  const int n = static_cast<int>(word.size());
  int i = 0;
  while (i < n && !IsVowel(word[i])) ++i;
  s.initial_end = i;
  // qu and gi: the u / i belongs to the consonant when another vowel follows
  // (quý, quà, giữa, già); alone it is the vowel (gì, gìn).
  if (i == 1 && i + 1 < n && IsVowel(word[i + 1]) && word[i].mark == Mark::None) {
    if (word[0].base == 'q' && word[i].base == 'u') s.initial_end = 2;
    if (word[0].base == 'g' && word[0].mark == Mark::None && word[i].base == 'i')
      s.initial_end = 2;
  }
  s.vowel_begin = s.initial_end;
  s.vowel_end = s.vowel_begin;
  while (s.vowel_end < n && IsVowel(word[s.vowel_end])) ++s.vowel_end;
  for (int k = 0; k < s.initial_end; ++k) s.initial += ConsonantKey(word[k]);
  std::string final_consonant;
  bool final_ok = true;
  for (int k = s.vowel_end; k < n; ++k) {
    if (IsVowel(word[k])) final_ok = false;
    final_consonant += ConsonantKey(word[k]);
  }
  const int vowels = s.vowel_end - s.vowel_begin;
  s.valid = IsInitialConsonant(s.initial) && vowels >= 1 && vowels <= 3 && final_ok &&
            IsFinalConsonant(final_consonant) &&
            (s.initial != "q" || word[s.vowel_begin].base == 'u');
  return s;
}

// Standard orthography: a vowel with a diacritic takes the tone (the last one: ươ -> ơ);
// else a closed syllable puts it on the last vowel; an open one with two vowels on the
// first, except oa/oe/uy (new style: second); three vowels: the middle one.
int TonePosition(const std::vector<Letter>& word, ToneStyle style) {
  const Syllable s = Split(word);
  if (s.vowel_begin == s.vowel_end) return -1;
  int last_marked = -1;
  for (int i = s.vowel_begin; i < s.vowel_end; ++i)
    if (word[i].mark == Mark::Hat || word[i].mark == Mark::Breve || word[i].mark == Mark::Horn)
      last_marked = i;
  if (last_marked >= 0) return last_marked;
  if (s.vowel_end < static_cast<int>(word.size())) return s.vowel_end - 1;
  switch (s.vowel_end - s.vowel_begin) {
    case 1: return s.vowel_begin;
    case 2: {
      const char first = word[s.vowel_begin].base;
      const char second = word[s.vowel_begin + 1].base;
      const bool new_style_pair = (first == 'o' && (second == 'a' || second == 'e')) ||
                                  (first == 'u' && second == 'y');
      return new_style_pair && style == ToneStyle::New ? s.vowel_begin + 1 : s.vowel_begin;
    }
    default: return s.vowel_begin + 1;
  }
}

// Vowel clusters a mark may produce (toneless, lowercase). A mark key whose result is
// not one of them is typed as a letter (ngoeo + o stays ngoeoo, not ngôeo), as UniKey's
// spelling check does; intermediate clusters such as "uo" or "ie" are reached by
// typing letters, never by a mark.
bool IsVowelCluster(std::string_view cluster) {
  static constexpr std::array<std::string_view, 50> kClusters = {
      "a",   "ă",   "â",   "e",   "ê",   "i",   "o",   "ô",   "ơ",   "u",   "ư",   "y",
      "ai",  "ao",  "au",  "ay",  "âu",  "ây",  "eo",  "êu",  "ia",  "iê",  "iu",  "oa",
      "oă",  "oe",  "oi",  "ôi",  "ơi",  "ua",  "uâ",  "uê",  "ui",  "uô",  "uơ",  "uy",
      "ưa",  "ưi",  "ưu",  "ươ",  "yê",  "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi",
      "ươi", "ươu"};
  static constexpr std::array<std::string_view, 3> kMoreClusters = {"uya", "uyê", "uyu"};
  return std::find(kClusters.begin(), kClusters.end(), cluster) != kClusters.end() ||
         std::find(kMoreClusters.begin(), kMoreClusters.end(), cluster) != kMoreClusters.end();
}

std::string ToneslessCluster(const std::vector<Letter>& word, const Syllable& s) {
  std::string cluster;
  for (int i = s.vowel_begin; i < s.vowel_end; ++i) {
    Letter lower = word[i];
    lower.upper = false;
    ime_detail::AppendUtf8(cluster, ime_detail::RenderLetter(lower, Tone::None));
  }
  return cluster;
}

Tone TelexTone(char key) {
  switch (key) {
    case 's': return Tone::Acute;
    case 'f': return Tone::Grave;
    case 'r': return Tone::Hook;
    case 'x': return Tone::Tilde;
    case 'j': return Tone::Dot;
    default: return Tone::None;
  }
}

bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

VietnameseComposer::VietnameseComposer(InputMethod method, ToneStyle style)
    : method_(method), style_(style) {}

// [SECTION] Keys

void VietnameseComposer::Key(char32_t key) {
  if (ime_detail::IsControl(key) || key > 0x10FFFF || (key >= 0xD800 && key <= 0xDFFF)) return;
  if (method_ == InputMethod::Plain) return AppendOther(key);
  if (method_ == InputMethod::Telex && IsAsciiLetter(key)) return KeyTelex(key);
  if (method_ == InputMethod::Vni && key >= '0' && key <= '9') return KeyVni(key);
  if (auto parsed = ime_detail::ParseLetter(key)) {
    // A letter key (ASCII in VNI, or a ready-made Vietnamese letter such as ư).
    if (parsed->tone == Tone::None) return AppendLetter(parsed->letter);
    if (tone_ == Tone::None) {
      AppendLetter(parsed->letter);
      tone_ = parsed->tone;
      pinned_tone_at_ = static_cast<int>(word_.size()) - 1;
      return Render();
    }
  }
  AppendOther(key);
}

void VietnameseComposer::Keys(std::string_view utf8_keystrokes) {
  for (std::size_t pos = 0; pos < utf8_keystrokes.size();) {
    char32_t c = 0;
    pos += ime_detail::DecodeUtf8(utf8_keystrokes, pos, c);
    if (c == 0x08 || c == 0x7F)
      Backspace();
    else
      Key(c);
  }
}

void VietnameseComposer::KeyTelex(char32_t key) {
  const bool upper = key >= 'A' && key <= 'Z';
  const char lower = static_cast<char>(upper ? key - 'A' + 'a' : key);
  const Letter typed{lower, Mark::None, upper, false};
  if (literal_keys_.find(lower) != std::string::npos) return AppendLetter(typed);

  MarkOutcome outcome = MarkOutcome::NotApplicable;
  switch (lower) {
    case 's': case 'f': case 'r': case 'x': case 'j':
      if (!TakesMarks()) break;
      if (ApplyTone(TelexTone(lower))) return;
      literal_keys_ += lower;  // `ass` -> as, and later s stay letters in this word
      break;
    case 'z':
      if (tone_ == Tone::None) break;
      tone_ = Tone::None;
      pinned_tone_at_ = -1;
      return Render();
    case 'a': case 'e': case 'o':
      outcome = ApplyMarks(HatTargets(lower));
      break;
    case 'w': {
      const Syllable s = Split(word_);
      if (s.vowel_begin == s.vowel_end) {
        // A lone w is ư (w -> ư, tw -> tư), when the consonants before it could start
        // a Vietnamese syllable.
        if (InitialOnlyWord()) return AppendLetter(Letter{'u', Mark::Horn, upper, true});
        break;
      }
      outcome = ApplyMarks(HornTargets(true));
      break;
    }
    case 'd':
      if (const int at = StrokeTarget(); at >= 0) outcome = ApplyMarks({{at, Mark::Stroke}});
      break;
    default:
      break;
  }
  if (outcome == MarkOutcome::Applied) return;
  if (outcome == MarkOutcome::Undone) literal_keys_ += lower;
  AppendLetter(typed);
}

void VietnameseComposer::KeyVni(char32_t key) {
  const int digit = static_cast<int>(key - '0');
  static constexpr std::array<Tone, 6> kVniTones = {Tone::None,  Tone::Acute, Tone::Grave,
                                                    Tone::Hook,  Tone::Tilde, Tone::Dot};
  MarkOutcome outcome = MarkOutcome::NotApplicable;
  switch (digit) {
    case 0:
      if (tone_ != Tone::None && !word_.empty()) {
        tone_ = Tone::None;
        pinned_tone_at_ = -1;
        return Render();
      }
      break;
    case 1: case 2: case 3: case 4: case 5:
      if (TakesMarks() && ApplyTone(kVniTones[digit])) return;
      break;  // cannot apply, or undid the same tone: the digit is typed
    case 6: outcome = ApplyMarks(HatTargets(0)); break;
    case 7: outcome = ApplyMarks(HornTargets(false)); break;
    case 8: outcome = ApplyMarks(BreveTargets()); break;
    case 9:
      if (const int at = StrokeTarget(); at >= 0) outcome = ApplyMarks({{at, Mark::Stroke}});
      break;
    default: break;
  }
  if (outcome == MarkOutcome::Applied) return;
  AppendOther(key);  // a digit ends the word, so `2024` and `a11` -> a1 type digits
}

void VietnameseComposer::AppendLetter(Letter letter) {
  if (word_.size() >= kMaxWordLetters) Commit();
  pinned_tone_at_ = -1;
  word_.push_back(letter);
  // uơ (thuở) and ưo (half-typed ươ) followed by a consonant, i or u can only be ươ:
  // thuơ + ng -> thương, ngưo + i -> ngươi, as UniKey does.
  const int n = static_cast<int>(word_.size());
  if (n >= 3 && (!IsVowel(letter) || letter.base == 'i' || letter.base == 'u') &&
      letter.mark == Mark::None) {
    Letter& u = word_[n - 3];
    Letter& o = word_[n - 2];
    const Syllable s = Split(word_);
    if (n - 3 >= s.vowel_begin && u.base == 'u' && o.base == 'o' &&
        (u.mark == Mark::Horn) != (o.mark == Mark::Horn) &&
        (u.mark == Mark::None || u.mark == Mark::Horn) &&
        (o.mark == Mark::None || o.mark == Mark::Horn))
      u.mark = o.mark = Mark::Horn;
  }
  Render();
}

void VietnameseComposer::AppendOther(char32_t code_point) {
  Commit();
  if (code_point < 0x80) {
    text_ += static_cast<char>(code_point);
  } else {
    // A combining mark typed after a letter must compose with it to keep NFC.
    const std::size_t tail = ime_detail::LastGraphemeStart(text_);
    std::string piece = text_.substr(tail);
    ime_detail::AppendUtf8(piece, code_point);
    text_.resize(tail);
    text_ += ime_detail::NormalizeNfc(piece);
  }
  word_begin_ = text_.size();
}

// [SECTION] Marks (hat, breve, horn, stroke) and tones

bool VietnameseComposer::TakesMarks() const { return Split(word_).valid; }

bool VietnameseComposer::InitialOnlyWord() const {
  std::string initial;
  for (const Letter& letter : word_) {
    if (IsVowel(letter)) return false;
    initial += ConsonantKey(letter);
  }
  return IsInitialConsonant(initial);
}

bool VietnameseComposer::ApplyTone(Tone tone) {
  pinned_tone_at_ = -1;
  if (tone_ == tone) {
    tone_ = Tone::None;
    return false;
  }
  tone_ = tone;
  Render();
  return true;
}

VietnameseComposer::MarkOutcome VietnameseComposer::ApplyMarks(
    const std::vector<MarkTarget>& targets) {
  if (targets.empty()) return MarkOutcome::NotApplicable;
  pinned_tone_at_ = -1;
  const bool all_present = std::all_of(targets.begin(), targets.end(), [&](const MarkTarget& t) {
    return word_[t.index].mark == t.mark;
  });
  if (all_present) {
    // Undo (aww -> aw, ddd -> dd); the caller then types the key itself. An ư that was
    // a lone w turns back into that w, so ww -> w and wa + w -> waw.
    for (auto t = targets.rbegin(); t != targets.rend(); ++t) {
      Letter& letter = word_[t->index];
      if (letter.from_lone_w) {
        if (t->index == static_cast<int>(word_.size()) - 1)
          word_.erase(word_.begin() + t->index);
        else
          letter = Letter{'w', Mark::None, letter.upper, false};
      } else {
        letter.mark = Mark::None;
      }
    }
    Render();
    return MarkOutcome::Undone;
  }
  std::vector<Letter> before = word_;
  for (const MarkTarget& t : targets) {
    word_[t.index].mark = t.mark;
    // ươ + hat on the o is uô (the horn and the hat never share a cluster).
    if (t.mark == Mark::Hat && word_[t.index].base == 'o' && t.index > 0 &&
        word_[t.index - 1].base == 'u' && word_[t.index - 1].mark == Mark::Horn)
      word_[t.index - 1].mark = Mark::None;
  }
  const Syllable s = Split(word_);
  if (targets.front().mark != Mark::Stroke && s.vowel_begin < s.vowel_end &&
      !IsVowelCluster(ToneslessCluster(word_, s))) {
    word_ = std::move(before);
    return MarkOutcome::NotApplicable;
  }
  Render();
  return MarkOutcome::Applied;
}

std::vector<VietnameseComposer::MarkTarget> VietnameseComposer::HatTargets(
    char telex_vowel) const {
  const Syllable s = Split(word_);
  if (!s.valid) return {};
  int target = -1;
  for (int i = s.vowel_begin; i < s.vowel_end; ++i) {
    const char base = word_[i].base;
    if (telex_vowel != 0 ? base == telex_vowel : (base == 'a' || base == 'e' || base == 'o'))
      target = i;
  }
  if (telex_vowel == 0) {
    // VNI 6 on a word that already has a hat undoes that hat (a66 -> a6).
    for (int i = s.vowel_begin; i < s.vowel_end; ++i)
      if (word_[i].mark == Mark::Hat) target = i;
  }
  if (target < 0) return {};
  return {{target, Mark::Hat}};
}

std::vector<VietnameseComposer::MarkTarget> VietnameseComposer::HornTargets(bool telex_w) const {
  const Syllable s = Split(word_);
  if (!s.valid) return {};
  const int n = static_cast<int>(word_.size());
  for (int i = s.vowel_begin; i + 1 < s.vowel_end; ++i) {
    if (word_[i].base != 'u' || word_[i + 1].base != 'o') continue;
    // uo + w is ươ (vươn, được), except the open syllables huơ and thuở.
    if ((s.initial == "h" || s.initial == "th") && i + 2 == n && word_[i].mark == Mark::None)
      return {{i + 1, Mark::Horn}};
    return {{i, Mark::Horn}, {i + 1, Mark::Horn}};
  }
  if (telex_w) {
    // Open "ua" + w is ưa (mưa, cửa); qu is already outside the cluster (quă).
    if (s.vowel_end - s.vowel_begin == 2 && s.vowel_end == n && word_[s.vowel_begin].base == 'u' &&
        word_[s.vowel_begin + 1].base == 'a' && word_[s.vowel_begin + 1].mark == Mark::None)
      return {{s.vowel_begin, Mark::Horn}};
    for (int i = s.vowel_begin; i < s.vowel_end; ++i)
      if (word_[i].base == 'a') return {{i, Mark::Breve}};
  }
  for (int i = s.vowel_begin; i < s.vowel_end; ++i)
    if (word_[i].base == 'o') return {{i, Mark::Horn}};
  for (int i = s.vowel_begin; i < s.vowel_end; ++i)
    if (word_[i].base == 'u') return {{i, Mark::Horn}};
  return {};
}

std::vector<VietnameseComposer::MarkTarget> VietnameseComposer::BreveTargets() const {
  const Syllable s = Split(word_);
  if (!s.valid) return {};
  for (int i = s.vowel_begin; i < s.vowel_end; ++i)
    if (word_[i].base == 'a') return {{i, Mark::Breve}};
  return {};
}

int VietnameseComposer::StrokeTarget() const {
  if (word_.empty()) return -1;
  if (word_[0].base == 'd' && (word_.size() == 1 || TakesMarks())) return 0;
  // As UniKey: a d right after a consonant is an abbreviation's Đ (NDD-CP -> NĐ-CP;
  // one more d undoes: nddd -> ndd).
  const std::size_t last = word_.size() - 1;
  if (last > 0 && word_[last].base == 'd' && !IsVowel(word_[last - 1]))
    return static_cast<int>(last);
  return -1;
}

int VietnameseComposer::DisplayedToneAt() const {
  if (tone_ == Tone::None) return -1;
  if (pinned_tone_at_ >= 0 && pinned_tone_at_ < static_cast<int>(word_.size()) &&
      IsVowel(word_[pinned_tone_at_]))
    return pinned_tone_at_;
  return TonePosition(word_, style_);
}

void VietnameseComposer::Render() {
  text_.resize(word_begin_);
  const int tone_at = DisplayedToneAt();
  for (int i = 0; i < static_cast<int>(word_.size()); ++i)
    ime_detail::AppendUtf8(text_,
                           ime_detail::RenderLetter(word_[i], i == tone_at ? tone_ : Tone::None));
}

// [SECTION] Backspace, settling and re-opening words

void VietnameseComposer::Backspace() {
  if (!word_.empty()) {
    // Delete the last letter and show the rest exactly as it was: the tone stays where
    // it is drawn until the next key (the rules may then move it), and goes away with
    // the letter that carried it (tiế + < -> ti).
    const int shown_at = DisplayedToneAt();
    const int last = static_cast<int>(word_.size()) - 1;
    word_.pop_back();
    if (tone_ != Tone::None) {
      if (shown_at < 0 || shown_at == last) {
        tone_ = Tone::None;
        pinned_tone_at_ = -1;
      } else {
        pinned_tone_at_ = shown_at;
      }
    }
    if (word_.empty()) {
      tone_ = Tone::None;
      pinned_tone_at_ = -1;
      literal_keys_.clear();
    }
    return Render();
  }
  if (text_.empty()) return;
  text_.resize(ime_detail::LastGraphemeStart(text_));
  word_begin_ = text_.size();
  if (method_ != InputMethod::Plain) ReopenWordBefore();
}

void VietnameseComposer::Commit() {
  Render();
  word_begin_ = text_.size();
  word_.clear();
  tone_ = Tone::None;
  pinned_tone_at_ = -1;
  literal_keys_.clear();
}

void VietnameseComposer::Clear() {
  text_.clear();
  word_begin_ = 0;
  word_.clear();
  tone_ = Tone::None;
  pinned_tone_at_ = -1;
  literal_keys_.clear();
}

void VietnameseComposer::ReopenWordBefore() {
  // Called with no open word. The trailing letters of the settled text become the word
  // again, with the tone pinned where it is drawn, so the text does not change.
  std::vector<ime_detail::ParsedLetter> letters;
  std::size_t begin = text_.size();
  while (begin > 0) {
    std::size_t previous = begin - 1;
    while (previous > 0 && (static_cast<unsigned char>(text_[previous]) & 0xC0) == 0x80)
      --previous;
    char32_t c = 0;
    ime_detail::DecodeUtf8(text_, previous, c);
    auto parsed = ime_detail::ParseLetter(c);
    if (!parsed) break;
    if (letters.size() == kMaxWordLetters) return;  // too long to be a syllable
    letters.push_back(*parsed);
    begin = previous;
  }
  if (letters.empty()) return;
  std::reverse(letters.begin(), letters.end());
  const auto toned = std::count_if(letters.begin(), letters.end(), [](const auto& p) {
    return p.tone != Tone::None;
  });
  if (toned > 1) return;  // not one syllable: leave it settled
  word_begin_ = begin;
  word_.clear();
  tone_ = Tone::None;
  pinned_tone_at_ = -1;
  literal_keys_.clear();
  for (const auto& parsed : letters) {
    if (parsed.tone != Tone::None) {
      tone_ = parsed.tone;
      pinned_tone_at_ = static_cast<int>(word_.size());
    }
    word_.push_back(parsed.letter);
  }
  Render();
}

void VietnameseComposer::SetText(std::string_view utf8) {
  std::string clean;
  clean.reserve(utf8.size());
  for (std::size_t pos = 0; pos < utf8.size();) {
    char32_t c = 0;
    pos += ime_detail::DecodeUtf8(utf8, pos, c);
    if (!ime_detail::IsControl(c)) ime_detail::AppendUtf8(clean, c);
  }
  Clear();
  text_ = ime_detail::NormalizeNfc(clean);
  word_begin_ = text_.size();
  if (method_ != InputMethod::Plain) ReopenWordBefore();
}

void VietnameseComposer::SetMethod(InputMethod method) {
  if (method == method_) return;
  if (method == InputMethod::Plain) Commit();
  method_ = method;
  literal_keys_.clear();
  if (method_ != InputMethod::Plain && word_.empty()) ReopenWordBefore();
}

void VietnameseComposer::SetToneStyle(ToneStyle style) {
  style_ = style;
  Render();
}

std::string RestyleTones(std::string_view text, ToneStyle style) {
  std::string out;
  out.reserve(text.size());
  std::vector<ime_detail::ParsedLetter> word;
  std::string word_bytes;
  auto flush = [&] {
    if (word.empty()) return;
    int toned = -1, count = 0;
    for (std::size_t i = 0; i < word.size(); ++i)
      if (word[i].tone != Tone::None) toned = static_cast<int>(i), ++count;
    std::vector<Letter> letters;
    for (const auto& p : word) letters.push_back(p.letter);
    bool restyle = count == 1 && word.size() <= kMaxWordLetters;
    if (restyle) {
      const Syllable syllable = Split(letters);
      const int old_at = TonePosition(letters, ToneStyle::Old), new_at = TonePosition(letters, ToneStyle::New);
      restyle = syllable.valid && syllable.initial != "q" && old_at != new_at && (toned == old_at || toned == new_at);
    }
    if (restyle) {
      const int at = TonePosition(letters, style);
      for (std::size_t i = 0; i < letters.size(); ++i)
        ime_detail::AppendUtf8(out, ime_detail::RenderLetter(letters[i], static_cast<int>(i) == at ? word[toned].tone
                                                                                                   : Tone::None));
    } else {
      out += word_bytes;
    }
    word.clear();
    word_bytes.clear();
  };
  std::string clean;  // invalid bytes become U+FFFD before normalising
  clean.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t c = 0;
    pos += ime_detail::DecodeUtf8(text, pos, c);
    ime_detail::AppendUtf8(clean, c);
  }
  const std::string nfc = ime_detail::NormalizeNfc(clean);
  for (std::size_t pos = 0; pos < nfc.size();) {
    char32_t c = 0;
    const std::size_t n = ime_detail::DecodeUtf8(nfc, pos, c);
    if (auto parsed = ime_detail::ParseLetter(c)) {
      word.push_back(*parsed);
      ime_detail::AppendUtf8(word_bytes, c);
    } else {
      flush();
      ime_detail::AppendUtf8(out, c);
    }
    pos += n;
  }
  flush();
  return out;
}

}  // namespace touchui
