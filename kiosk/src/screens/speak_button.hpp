// kiosk/screens/speak_button.hpp: "Nghe đọc", the read-aloud button a content screen
// puts under its title (procedure details; answers and articles).
//
// While the kiosk reads, the same place shows "Dừng đọc". Hidden when the kiosk cannot
// read aloud (no sound device, no Vietnamese voice: Speech::Available()). What is read:
// TITLE, then MARKDOWN_BODY as plain sentences (speech/markdown_speech.hpp), turned into
// spoken words (speech/verbalize_vi.hpp) only when the button is pressed. The app stops
// reading on every navigation and at the idle reset (app.cpp).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "ui.hpp"

namespace kiosk {

// Draws the button at the cursor (page margins) with targets `speak` / `speak:stop`.
void SpeakButton(Ui& ui, const std::string& title, const std::string& markdown_body);
// While reading, when the page has scrolled "Dừng đọc" out of view: the same button,
// floating at the bottom right of the screen (target `speak:stop`). Pages call it after
// their scroller ends (Page::EndPage).
void FloatingSpeakStop(Ui& ui);
float FloatingSpeakStopHeight(const Ui& ui);  // the button's height (and the in-page one's)

// A screen's facts ("label: value" rows, empty values left out) as Markdown list items,
// escaped, for a read-aloud body.
std::string SpeechFacts(const std::vector<std::pair<std::string, std::string>>& rows);

}  // namespace kiosk
