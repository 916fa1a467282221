// kiosk/speech/verbalize_vi.hpp: written Vietnamese -> the words a listener hears.
//
// A speech synthesiser reads "50.000 đồng" or "23/2015/NĐ-CP" badly (espeak-ng's
// Vietnamese voice says the digits its own way and switches to English for "UBND"), so
// the kiosk turns text into plain spoken words first: numbers, money, dates, document
// numbers, times, phone numbers, percentages and the abbreviations common on a commune's
// kiosk. The rules and their limits are in docs/read-aloud.md; the tables are in
// verbalize_vi.cpp ("[SECTION] Tables").
//
// Any bytes are accepted: invalid UTF-8 and control characters become spaces, the
// result is valid NFC UTF-8 of words separated by single spaces with "," and "." as
// pauses. Its length is linear in the input (a 10,000-digit number is read digit by
// digit).
#pragma once

#include <string>
#include <string_view>

namespace kiosk::speech {

// TEXT (plain text, ideally NFC Vietnamese) as words to speak.
std::string VerbalizeVi(std::string_view text);

// The integer DIGITS (ASCII digits only, 1 to 18 of them, no leading zero unless it is
// "0") in words: "2015" -> "hai nghìn không trăm mười lăm". Empty for anything else.
std::string NumberWordsVi(std::string_view digits);

}  // namespace kiosk::speech
