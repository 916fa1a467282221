// kiosk/speech/markdown_speech.hpp: a Markdown body as plain text to read aloud.
//
// What a listener should hear of a page: the words, one sentence per heading,
// paragraph, list item and table row (a table's cells joined with pauses), ordered
// items with their number; no markup, no pictures (not even their alt text), no link
// addresses (a link's words are read), no raw HTML. The result goes through
// VerbalizeVi() (verbalize_vi.hpp) before synthesis.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::speech {

// MARKDOWN (CommonMark + pipe tables, as content-pack stores it) as plain text: one line
// per sentence-like block. Any bytes are accepted (md4c parses them; invalid UTF-8 is
// left for VerbalizeVi to drop).
std::string MarkdownToSpeechText(std::string_view markdown);

// TEXT escaped so that Markdown shows it exactly as written (every ASCII punctuation
// character backslash-escaped): for composing a body from plain fields.
std::string EscapeMarkdown(std::string_view text);

}  // namespace kiosk::speech
