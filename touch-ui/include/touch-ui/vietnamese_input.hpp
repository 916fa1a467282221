// Vietnamese input engines for the on-screen keyboard: Telex, VNI and a no-accent mode.
//
// A kiosk has no physical keyboard: every key a citizen taps on the on-screen keyboard
// goes through one VietnameseComposer (one per text field), which turns keystrokes such
// as `Vieetj` into `Việt` the way UniKey does, and keeps the field's whole text in NFC.
// Pure logic: no SDL, no ImGui, no I/O except RunImeFilter (the `kiosk ime` filter).
// The rules (keys, tone placement, backspace) are documented in docs/input-methods.md.
//
// [SECTION] Methods and tone styles
// [SECTION] VietnameseComposer
// [SECTION] Whole-line helpers (scripts, tests, `kiosk ime`)
// [SECTION] Internal types (used by the composer's private members only)
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace touchui {

// [SECTION] Methods and tone styles

enum class InputMethod {
  Telex,  // aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, w ư, dd đ; s f r x j tones, z removes
  Vni,    // 1..5 tones, 0 removes, 6 â ê ô, 7 ơ ư, 8 ă, 9 đ
  Plain,  // no composition: letters as typed (no-accent mode; search folds accents)
};

// Where the tone mark goes on the open syllables oa, oe, uy. Nothing else differs.
enum class ToneStyle {
  New,  // hoà, khoẻ, thuý (default: the style of current school books and decrees)
  Old,  // hòa, khỏe, thúy
};

// "telex", "vni", "plain" (ASCII case-insensitive); nullopt for anything else.
std::optional<InputMethod> ParseInputMethod(std::string_view name);
// "new", "old" (ASCII case-insensitive); nullopt for anything else.
std::optional<ToneStyle> ParseToneStyle(std::string_view name);
std::string_view InputMethodName(InputMethod method);  // "telex", "vni", "plain"
std::string_view ToneStyleName(ToneStyle style);       // "new", "old"

// TEXT with the tone marks of its open oa, oe, uy syllables placed in STYLE (hoà <->
// hòa, khoẻ <-> khỏe, thuý <-> thúy, Uỷ <-> Ủy), so every text on screen follows one
// style. Only a valid Vietnamese syllable whose tone sits where one of the two styles
// puts it is changed ("quý", "gì", words of other languages, numbers stay as they are);
// case is kept; invalid UTF-8 comes back as U+FFFD; the result is NFC.
std::string RestyleTones(std::string_view text, ToneStyle style);

// [SECTION] Internal types (used by the composer's private members only)
namespace ime_detail {
enum class Mark : std::uint8_t { None, Hat, Breve, Horn, Stroke };  // â ê ô / ă / ơ ư / đ
enum class Tone : std::uint8_t { None, Acute, Grave, Hook, Tilde, Dot };  // sắc huyền hỏi ngã nặng
struct Letter {
  char base = 'a';         // 'a'..'z', lowercase
  Mark mark = Mark::None;  // only on a e o u (Hat/Breve/Horn) and d (Stroke)
  bool upper = false;
  bool from_lone_w = false;  // an ư typed as a lone Telex `w` (so `ww` gives back `w`)
};
}  // namespace ime_detail

// [SECTION] VietnameseComposer

// Composes one text field. Keys always go at the end of the text (the kiosk's fields
// have no cursor to move). Only the current word (the run of letters since the last
// space, punctuation or digit) is ever rewritten; everything before it is settled text.
// Never throws, never crashes on any key or text; Text() is always valid UTF-8 in NFC.
// Not thread-safe: one composer per field, used from the UI thread.
class VietnameseComposer {
 public:
  explicit VietnameseComposer(InputMethod method = InputMethod::Telex,
                              ToneStyle style = ToneStyle::New);

  // One typed key: a letter, digit, space, punctuation, or any other printable
  // character (typed as is). Control characters (U+0000..U+001F, U+007F..U+009F),
  // surrogates and values above U+10FFFF are ignored: a single-line field has no use
  // for them and the UI calls Backspace() for the backspace key.
  void Key(char32_t key);
  // Every code point of a UTF-8 string through Key(), as if typed one by one; BS (0x08)
  // and DEL (0x7F) act as Backspace(); each invalid byte types U+FFFD.
  void Keys(std::string_view utf8_keystrokes);
  // Deletes the last character as displayed (one grapheme: `ệ` goes in one press); the
  // rest stays exactly as shown and the remaining word keeps composing (việt, <, t ->
  // việt). Deleting the space or punctuation after a word re-opens that word, so a
  // tone key then re-tones it (Việt Nam, 4 x <, s -> Viết).
  void Backspace();
  // Settles the current word: following letters start a new word (e.g. after the UI
  // inserts a suggestion). Text() does not change.
  void Commit();
  void Clear();  // empty field

  const std::string& Text() const { return text_; }  // whole field, UTF-8, NFC
  // Byte offset in Text() where the word being composed starts; == Text().size() when
  // no word is open. The UI may underline Text().substr(ComposingBegin()).
  std::size_t ComposingBegin() const { return word_begin_; }

  // Replaces the field (e.g. restoring a search). Invalid UTF-8 becomes U+FFFD, control
  // characters are dropped, the result is normalized to NFC; a trailing Vietnamese word
  // becomes the current word, so typing a tone key next re-tones it.
  void SetText(std::string_view utf8);
  // Takes effect for the next key; switching to Plain settles the current word.
  void SetMethod(InputMethod method);
  // Re-places the tone of the current word at once; settled text is not rewritten.
  void SetToneStyle(ToneStyle style);
  InputMethod Method() const { return method_; }
  ToneStyle Style() const { return style_; }

 private:
  enum class MarkOutcome { Applied, Undone, NotApplicable };
  struct MarkTarget {
    int index;
    ime_detail::Mark mark;
  };

  void KeyTelex(char32_t key);
  void KeyVni(char32_t key);
  void AppendLetter(ime_detail::Letter letter);
  void AppendOther(char32_t code_point);  // settles the word, then types the character
  bool TakesMarks() const;                // the word looks like a Vietnamese syllable
  bool InitialOnlyWord() const;           // consonants only, a valid Vietnamese initial
  bool ApplyTone(ime_detail::Tone tone);  // false: the key undid the same tone
  MarkOutcome ApplyMarks(const std::vector<MarkTarget>& targets);
  std::vector<MarkTarget> HatTargets(char telex_vowel) const;  // 0: VNI `6`
  std::vector<MarkTarget> HornTargets(bool telex_w) const;     // Telex `w` / VNI `7`
  std::vector<MarkTarget> BreveTargets() const;                // VNI `8`
  int StrokeTarget() const;  // which d a `dd` / `d9` strokes, -1 if none
  int DisplayedToneAt() const;
  void ReopenWordBefore();  // trailing letters of the settled text become the word
  void Render();            // rewrites text_ from word_begin_ on

  InputMethod method_;
  ToneStyle style_;
  std::string text_;             // [0, word_begin_) settled; the rest renders word_
  std::size_t word_begin_ = 0;   // byte offset of the current word in text_
  std::vector<ime_detail::Letter> word_;
  ime_detail::Tone tone_ = ime_detail::Tone::None;  // the word's tone; placed by the rules
  int pinned_tone_at_ = -1;  // after Backspace/re-open: keep the tone where it is shown
  std::string literal_keys_;  // Telex keys undone in this word (`ass`): typed literally
};

// [SECTION] Whole-line helpers (scripts, tests, `kiosk ime`)

// Types a line of keystrokes into a fresh composer (as VietnameseComposer::Keys) and
// returns the text: ComposeLine(Telex, New, "Vieetj Nam") == "Việt Nam".
std::string ComposeLine(InputMethod method, ToneStyle style, std::string_view keystrokes);

// The `kiosk ime telex|vni|plain` filter: each input line (LF or CRLF ended; the last
// one may lack the newline) is composed by ComposeLine and written as one output line
// ending in LF, flushed at once so an interactive caller sees it. Returns 0 when all
// input was read and written, 1 if reading or writing failed (e.g. closed pipe).
int RunImeFilter(InputMethod method, ToneStyle style, std::istream& in, std::ostream& out);

}  // namespace touchui
