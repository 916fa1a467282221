// kiosk/speech/markdown_speech.cpp: Markdown -> plain text for speech (markdown_speech.hpp),
// through md4c's callbacks.
#include "speech/markdown_speech.hpp"

#include <md4c.h>
#include <utf8proc.h>

#include <cctype>
#include <cstdlib>
#include <vector>

namespace kiosk::speech {
namespace {

struct Collector {
  std::string out;
  int skip = 0;                 // inside a picture or raw HTML: nothing is read
  int link_depth = 0;
  std::vector<unsigned> ol;     // the next number of each open ordered list (0: bullet list)
  bool cell_open = false;

  void EndLine() {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() != '\n') out += '\n';
  }
  void Space() {
    if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
  }
};

std::string Entity(std::string_view e) {
  if (e == "&amp;") return "&";
  if (e == "&lt;") return "<";
  if (e == "&gt;") return ">";
  if (e == "&quot;") return "\"";
  if (e == "&apos;") return "'";
  if (e == "&nbsp;") return " ";
  if (e.size() > 3 && e[1] == '#') {
    const bool hex = e[2] == 'x' || e[2] == 'X';
    const std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
    if (digits.empty() || digits.size() > 7) return " ";
    char* end = nullptr;
    const long cp = std::strtol(digits.c_str(), &end, hex ? 16 : 10);
    if (*end || !utf8proc_codepoint_valid((utf8proc_int32_t)cp) || cp < 0x20) return " ";
    utf8proc_uint8_t buf[4];
    const utf8proc_ssize_t n = utf8proc_encode_char((utf8proc_int32_t)cp, buf);
    return std::string((const char*)buf, n > 0 ? (size_t)n : 0);
  }
  return " ";  // a named entity we do not know: a word boundary
}

int EnterBlock(MD_BLOCKTYPE type, void* detail, void* user) {
  auto* c = static_cast<Collector*>(user);
  switch (type) {
    case MD_BLOCK_UL: c->EndLine(); c->ol.push_back(0); break;
    case MD_BLOCK_OL: c->EndLine(); c->ol.push_back(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start); break;
    case MD_BLOCK_LI:
      c->EndLine();
      if (!c->ol.empty() && c->ol.back() > 0) c->out += std::to_string(c->ol.back()++) + ", ";
      break;
    case MD_BLOCK_HTML: ++c->skip; break;
    case MD_BLOCK_TR: c->EndLine(); c->cell_open = false; break;
    case MD_BLOCK_TH: case MD_BLOCK_TD:
      if (c->cell_open) c->out += ", ";
      c->cell_open = true;
      break;
    case MD_BLOCK_H: case MD_BLOCK_P: case MD_BLOCK_CODE: case MD_BLOCK_QUOTE: case MD_BLOCK_TABLE:
      c->EndLine();
      break;
    default: break;
  }
  return 0;
}

int LeaveBlock(MD_BLOCKTYPE type, void*, void* user) {
  auto* c = static_cast<Collector*>(user);
  switch (type) {
    case MD_BLOCK_UL: case MD_BLOCK_OL: if (!c->ol.empty()) c->ol.pop_back(); c->EndLine(); break;
    case MD_BLOCK_HTML: --c->skip; break;
    case MD_BLOCK_TH: case MD_BLOCK_TD: break;
    default: c->EndLine(); break;
  }
  return 0;
}

int EnterSpan(MD_SPANTYPE type, void*, void* user) {
  auto* c = static_cast<Collector*>(user);
  if (type == MD_SPAN_IMG) ++c->skip;
  if (type == MD_SPAN_A) ++c->link_depth;
  return 0;
}

int LeaveSpan(MD_SPANTYPE type, void*, void* user) {
  auto* c = static_cast<Collector*>(user);
  if (type == MD_SPAN_IMG) --c->skip;
  if (type == MD_SPAN_A) --c->link_depth;
  return 0;
}

bool LooksLikeAddress(std::string_view t) {
  auto starts = [&](std::string_view p) {
    if (t.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if ((char)std::tolower((unsigned char)t[i]) != p[i]) return false;
    return true;
  };
  return starts("http://") || starts("https://") || starts("www.") || starts("mailto:");
}

int Text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto* c = static_cast<Collector*>(user);
  if (c->skip > 0) return 0;
  const std::string_view t(text, size);
  switch (type) {
    case MD_TEXT_NORMAL: case MD_TEXT_CODE: case MD_TEXT_LATEXMATH:
      // A link whose words are its address (an autolink): the address is not read.
      if (c->link_depth > 0 && LooksLikeAddress(t)) return 0;
      for (char ch : t) c->out += ch == '\n' ? ' ' : ch;
      break;
    case MD_TEXT_ENTITY: c->out += Entity(t); break;
    case MD_TEXT_BR: c->EndLine(); break;
    case MD_TEXT_SOFTBR: c->Space(); break;
    default: break;  // NULLCHAR, HTML
  }
  return 0;
}

}  // namespace

std::string MarkdownToSpeechText(std::string_view markdown) {
  Collector c;
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_PERMISSIVEURLAUTOLINKS |
                 MD_FLAG_PERMISSIVEWWWAUTOLINKS | MD_FLAG_PERMISSIVEEMAILAUTOLINKS;
  parser.enter_block = EnterBlock;
  parser.leave_block = LeaveBlock;
  parser.enter_span = EnterSpan;
  parser.leave_span = LeaveSpan;
  parser.text = Text;
  if (md_parse(markdown.data(), (MD_SIZE)markdown.size(), &parser, &c) != 0) return {};
  c.EndLine();
  // One space between words (a dropped picture or address leaves two), none at a line's ends.
  std::string out;
  out.reserve(c.out.size());
  for (char ch : c.out) {
    if (ch == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
    if (ch == '\n' && !out.empty() && out.back() == ' ') out.pop_back();
    out += ch;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string EscapeMarkdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char ch : text) {
    const unsigned char u = (unsigned char)ch;
    if (u < 0x80 && std::ispunct(u)) out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace kiosk::speech
