// Markdown as the builder needs it: the links and images an item points at (to resolve
// them), and the plain text a citizen reads (for the search index and snippets).
// md4c parses, so what counts as a link is exactly what a CommonMark renderer shows.
#include <md4c.h>

#include "source.hpp"

namespace pack {

namespace {

constexpr unsigned kParserFlags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;

struct LinkCollector {
  std::string_view text;
  std::vector<MarkdownLink> links;
};

void AddLink(LinkCollector* c, const MD_ATTRIBUTE& attr, bool image) {
  MarkdownLink link;
  // md4c's attribute text points into the input when it has no entities or escapes;
  // those are rare in paths, and the offset only serves to name a line.
  const char* begin = c->text.data();
  if (attr.text >= begin && attr.text <= begin + c->text.size())
    link.offset = static_cast<size_t>(attr.text - begin);
  link.href.assign(attr.text, attr.size);
  link.image = image;
  c->links.push_back(std::move(link));
}

int OnEnterSpan(MD_SPANTYPE type, void* detail, void* userdata) {
  auto* c = static_cast<LinkCollector*>(userdata);
  if (type == MD_SPAN_A) {
    auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
    AddLink(c, a->href, false);
  } else if (type == MD_SPAN_IMG) {
    AddLink(c, static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src, true);
  }
  return 0;
}

int IgnoreBlock(MD_BLOCKTYPE, void*, void*) { return 0; }
int IgnoreSpan(MD_SPANTYPE, void*, void*) { return 0; }
int IgnoreText(MD_TEXTTYPE, const MD_CHAR*, MD_SIZE, void*) { return 0; }

struct PlainText {
  std::string out;
};

void EnsureBreak(std::string& out) {
  if (!out.empty() && out.back() != '\n') out += '\n';
}

int PlainEnterBlock(MD_BLOCKTYPE type, void*, void* userdata) {
  auto* p = static_cast<PlainText*>(userdata);
  if (type == MD_BLOCK_TD || type == MD_BLOCK_TH) {
    if (!p->out.empty() && p->out.back() != '\n') p->out += " | ";
  } else if (type != MD_BLOCK_DOC) {
    EnsureBreak(p->out);
  }
  return 0;
}

int PlainLeaveBlock(MD_BLOCKTYPE type, void*, void* userdata) {
  auto* p = static_cast<PlainText*>(userdata);
  if (type != MD_BLOCK_TD && type != MD_BLOCK_TH) EnsureBreak(p->out);
  return 0;
}

std::string_view DecodeEntity(std::string_view e) {
  if (e == "&amp;") return "&";
  if (e == "&lt;") return "<";
  if (e == "&gt;") return ">";
  if (e == "&quot;") return "\"";
  if (e == "&nbsp;") return " ";
  if (e == "&#39;" || e == "&apos;") return "'";
  return " ";
}

int PlainText_(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* userdata) {
  auto* p = static_cast<PlainText*>(userdata);
  switch (type) {
    case MD_TEXT_NULLCHAR: break;
    case MD_TEXT_BR: p->out += '\n'; break;
    case MD_TEXT_SOFTBR: p->out += ' '; break;
    case MD_TEXT_ENTITY: p->out += DecodeEntity(std::string_view(text, size)); break;
    case MD_TEXT_HTML: break;  // raw HTML tags are markup, not text
    default: p->out.append(text, size); break;
  }
  return 0;
}

}  // namespace

std::vector<MarkdownLink> FindMarkdownLinks(std::string_view markdown) {
  LinkCollector collector{markdown, {}};
  MD_PARSER parser{};
  parser.flags = kParserFlags;
  parser.enter_block = IgnoreBlock;
  parser.leave_block = IgnoreBlock;
  parser.enter_span = OnEnterSpan;
  parser.leave_span = IgnoreSpan;
  parser.text = IgnoreText;
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &collector);
  return collector.links;
}

std::string MarkdownToPlainText(std::string_view markdown) {
  PlainText plain;
  MD_PARSER parser{};
  parser.flags = kParserFlags;
  parser.enter_block = PlainEnterBlock;
  parser.leave_block = PlainLeaveBlock;
  parser.enter_span = IgnoreSpan;
  parser.leave_span = IgnoreSpan;
  parser.text = PlainText_;
  md_parse(markdown.data(), static_cast<MD_SIZE>(markdown.size()), &parser, &plain);
  while (!plain.out.empty() && (plain.out.back() == '\n' || plain.out.back() == ' ')) plain.out.pop_back();
  return plain.out;
}

}  // namespace pack
