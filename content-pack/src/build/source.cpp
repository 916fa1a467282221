// Author files -> ParsedItem: front matter (YAML) checked key by key against
// CONTENT-FORMAT.md, every problem reported with its file and line.
#include "source.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "content-pack/fold.hpp"
#include "content-pack/utf8.hpp"

namespace pack {

// [SECTION] Diagnostics

std::string Diagnostic::Format() const {
  std::string out = path;
  if (line > 0) out += ":" + std::to_string(line);
  out += severity == Severity::Warning ? ": warning: " : ": ";
  out += message;
  return out;
}

void Diagnostics::Error(std::string_view path, int line, std::string message) {
  list_.push_back({Diagnostic::Severity::Error, std::string(path), line, std::move(message)});
}

void Diagnostics::Warning(std::string_view path, int line, std::string message) {
  list_.push_back({Diagnostic::Severity::Warning, std::string(path), line, std::move(message)});
}

bool Diagnostics::HasErrors() const {
  return std::any_of(list_.begin(), list_.end(),
                     [](const auto& d) { return d.severity == Diagnostic::Severity::Error; });
}

void Diagnostics::SortByPlace() {
  std::stable_sort(list_.begin(), list_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.path != b.path ? a.path < b.path : a.line < b.line;
  });
}

// [SECTION] Validators

bool IsValidId(std::string_view id) {
  if (id.empty() || id.size() > 200) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsValidDate(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (date[i] < '0' || date[i] > '9') return false;
  int year = std::stoi(std::string(date.substr(0, 4)));
  int month = std::stoi(std::string(date.substr(5, 2)));
  int day = std::stoi(std::string(date.substr(8, 2)));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

namespace {

// [SECTION] Front matter access with line numbers

// Reads the YAML front matter of one file and reports problems against file lines.
class FrontMatter {
 public:
  FrontMatter(std::string_view path, int first_line, Diagnostics* diagnostics)
      : path_(path), first_line_(first_line), diagnostics_(diagnostics) {}

  int LineOf(const YAML::Node& node) const {
    auto mark = node.Mark();
    return mark.line >= 0 ? first_line_ + mark.line : first_line_;
  }
  void Error(const YAML::Node& at, std::string message) { diagnostics_->Error(path_, LineOf(at), std::move(message)); }
  void ErrorAt(int line, std::string message) { diagnostics_->Error(path_, line, std::move(message)); }
  void Warning(const YAML::Node& at, std::string message) { diagnostics_->Warning(path_, LineOf(at), std::move(message)); }

  // Text of a scalar, NFC. Reports a non-scalar or invalid UTF-8.
  bool Text(const YAML::Node& node, std::string_view what, std::string* out) {
    if (!node.IsScalar()) {
      Error(node, std::string(what) + " must be text");
      return false;
    }
    NfcResult nfc = ToNfc(node.Scalar());
    if (!nfc.ok) {
      Error(node, std::string(what) + " is not valid UTF-8");
      return false;
    }
    if (nfc.text.find('\0') != std::string::npos) {  // YAML's "\0" escape
      Error(node, std::string(what) + " contains a NUL character");
      return false;
    }
    *out = Trim(nfc.text);
    return true;
  }

  // map[key] as text; empty when absent. `required` reports a missing key at `map`.
  std::string Key(const YAML::Node& map, const char* key, bool required = false) {
    YAML::Node node = map[key];
    std::string value;
    if (!node.IsDefined() || node.IsNull()) {
      if (required) Error(map, std::string("missing required key '") + key + "'");
      return value;
    }
    Text(node, std::string("'") + key + "'", &value);
    if (required && value.empty()) Error(node, std::string("'") + key + "' must not be empty");
    return value;
  }

  std::string DateKey(const YAML::Node& map, const char* key) {
    std::string value = Key(map, key);
    if (!value.empty() && !IsValidDate(value))
      Error(map[key], std::string("'") + key + "' is not a date (YYYY-MM-DD): '" + value + "'");
    return value;
  }

  // A list of texts; a single text is taken as a one-element list.
  std::vector<std::string> TextList(const YAML::Node& map, const char* key) {
    std::vector<std::string> out;
    YAML::Node node = map[key];
    if (!node.IsDefined() || node.IsNull()) return out;
    if (node.IsScalar()) {
      std::string value;
      if (Text(node, std::string("'") + key + "'", &value) && !value.empty()) out.push_back(value);
      return out;
    }
    if (!node.IsSequence()) {
      Error(node, std::string("'") + key + "' must be a list");
      return out;
    }
    for (const auto& element : node) {
      std::string value;
      if (Text(element, std::string("an entry of '") + key + "'", &value) && !value.empty())
        out.push_back(value);
    }
    return out;
  }

  // Unknown keys are a warning, not an error (CONTENT-FORMAT.md).
  void WarnUnknownKeys(const YAML::Node& map, std::initializer_list<std::string_view> known, std::string_view where) {
    for (const auto& kv : map) {
      std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      if (std::find(known.begin(), known.end(), k) == known.end())
        Warning(kv.first, "unknown key '" + k + "' in " + std::string(where));
    }
  }

  static std::string Trim(std::string s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
  }

 private:
  std::string path_;
  int first_line_;
  Diagnostics* diagnostics_;
};

const std::set<std::string>& CommonKeys() {
  static const std::set<std::string> keys = {"type", "id", "title", "field", "keywords", "updated"};
  return keys;
}

const std::set<std::string>& TypeKeys(ItemType type) {
  static const std::set<std::string> procedure = {"code", "level", "agency", "applicants",
      "processing_time", "fee", "result", "channels", "documents", "steps", "requirements",
      "legal_basis", "online_url"};
  static const std::set<std::string> document = {"number", "kind", "issuer", "issued", "effective", "status"};
  static const std::set<std::string> article = {"date", "summary", "image"};
  static const std::set<std::string> none = {};
  static const std::set<std::string> quiz = {"questions"};
  static const std::set<std::string> announcement = {"from", "until", "image"};
  switch (type) {
    case ItemType::Procedure: return procedure;
    case ItemType::Document: return document;
    case ItemType::Article: return article;
    case ItemType::Faq: return none;
    case ItemType::Quiz: return quiz;
    case ItemType::Announcement: return announcement;
  }
  return none;
}

// Deeply nested flow collections make yaml-cpp recurse without bound; refuse them first.
bool TooDeeplyNested(std::string_view text) {
  int depth = 0;
  for (char c : text) {
    if (c == '[' || c == '{') {
      if (++depth > 32) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

int LineAt(std::string_view text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

std::optional<YAML::Node> LoadYaml(std::string_view path, std::string_view text, int first_line,
                                   Diagnostics* diagnostics) {
  if (TooDeeplyNested(text)) {
    diagnostics->Error(path, first_line, "bad YAML: nested more than 32 levels deep");
    return std::nullopt;
  }
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    // An error found at the end of the text (an unclosed bracket) belongs to its last line.
    int last_line = first_line + static_cast<int>(std::count(text.begin(), text.end(), '\n')) -
                    (!text.empty() && text.back() == '\n' ? 1 : 0);
    int line = e.mark.line >= 0 ? std::min(first_line + e.mark.line, std::max(first_line, last_line)) : first_line;
    diagnostics->Error(path, line, "bad YAML: " + e.msg);
  } catch (const std::exception& e) {
    diagnostics->Error(path, first_line, std::string("bad YAML: ") + e.what());
  }
  return std::nullopt;
}

// [SECTION] Per-type fields

void ParseProcedure(FrontMatter& fm, const YAML::Node& map, ParsedItem* out) {
  Procedure p;
  p.code = fm.Key(map, "code");
  p.level = fm.Key(map, "level");
  p.agency = fm.Key(map, "agency");
  p.applicants = fm.Key(map, "applicants");
  p.processing_time = fm.Key(map, "processing_time");
  p.fee = fm.Key(map, "fee");
  p.result = fm.Key(map, "result");
  p.online_url = fm.Key(map, "online_url");
  if (!p.online_url.empty() && p.online_url.rfind("https://", 0) != 0 &&
      p.online_url.rfind("http://", 0) != 0)
    fm.Error(map["online_url"], "'online_url' must start with https:// or http://: '" + p.online_url + "'");
  p.steps = fm.TextList(map, "steps");
  p.requirements = fm.TextList(map, "requirements");

  if (YAML::Node channels = map["channels"]; channels.IsDefined() && !channels.IsNull()) {
    if (!channels.IsSequence()) fm.Error(channels, "'channels' must be a list");
    else for (const auto& c : channels) {
      ProcedureChannel channel;
      if (c.IsScalar()) fm.Text(c, "a channel", &channel.how);
      else if (c.IsMap()) {
        channel.how = fm.Key(c, "how", true);
        channel.time = fm.Key(c, "time");
        channel.fee = fm.Key(c, "fee");
        channel.note = fm.Key(c, "note");
        fm.WarnUnknownKeys(c, {"how", "time", "fee", "note"}, "a channel");
      } else {
        fm.Error(c, "a channel must be text or {how, time, fee, note}");
        continue;
      }
      p.channels.push_back(std::move(channel));
    }
  }

  if (YAML::Node docs = map["documents"]; docs.IsDefined() && !docs.IsNull()) {
    if (!docs.IsSequence()) fm.Error(docs, "'documents' must be a list");
    else for (const auto& d : docs) {
      ProcedureDocument doc;
      if (d.IsScalar()) fm.Text(d, "a document", &doc.name);
      else if (d.IsMap()) {
        doc.name = fm.Key(d, "name", true);
        doc.form = fm.Key(d, "form");
        YAML::Node copies = d["copies"];
        if (copies.IsDefined() && !copies.IsNull()) fm.Text(copies, "'copies'", &doc.copies);
        fm.WarnUnknownKeys(d, {"name", "form", "copies"}, "a document entry");
        if (!doc.form.empty())
          out->refs.push_back({PendingRef::Kind::DocumentForm, doc.form, fm.LineOf(d["form"]), p.documents.size()});
      } else {
        fm.Error(d, "a document must be text or {name, form, copies}");
        continue;
      }
      p.documents.push_back(std::move(doc));
    }
  }

  if (YAML::Node basis = map["legal_basis"]; basis.IsDefined() && !basis.IsNull()) {
    std::vector<std::string> texts = fm.TextList(map, "legal_basis");
    int line = fm.LineOf(basis);
    for (auto& text : texts) {
      out->refs.push_back({PendingRef::Kind::LegalBasis, text, line, p.legal_basis.size()});
      p.legal_basis.push_back({std::move(text), {}, {}});
    }
  }
  out->item.procedure = std::move(p);
}

void ParseQuiz(FrontMatter& fm, const YAML::Node& map, ParsedItem* out) {
  YAML::Node questions = map["questions"];
  if (!questions.IsDefined() || questions.IsNull()) {
    fm.Error(map, "missing required key 'questions'");
    return;
  }
  if (!questions.IsSequence() || questions.size() == 0) {
    fm.Error(questions, "'questions' must be a non-empty list");
    return;
  }
  for (const auto& q : questions) {
    if (!q.IsMap()) {
      fm.Error(q, "a question must be {q, choices, answer, explain}");
      continue;
    }
    QuizQuestion question;
    question.question = fm.Key(q, "q", true);
    question.choices = fm.TextList(q, "choices");
    question.explain = fm.Key(q, "explain");
    // The explanation may link its legal basis, `[Khoản 1 Điều 3](DOC_ID#dieu-3-khoan-1)`:
    // resolved and checked like a body link, and kept with the item's links.
    if (!question.explain.empty()) {
      const int line = fm.LineOf(q["explain"]);
      for (const MarkdownLink& link : FindMarkdownLinks(question.explain)) {
        out->refs.push_back({PendingRef::Kind::BodyLink, link.href, line, out->item.links.size()});
        out->item.links.push_back({link.href, {}, 0});
      }
    }
    if (question.choices.size() < 2) fm.Error(q, "a question needs at least 2 choices");
    YAML::Node answer = q["answer"];
    if (!answer.IsDefined() || answer.IsNull()) {
      fm.Error(q, "missing required key 'answer'");
    } else {
      std::string text;
      fm.Text(answer, "'answer'", &text);
      char* end = nullptr;
      long value = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || value < 0 ||
          value >= static_cast<long>(question.choices.size()))
        fm.Error(answer, "'answer' must be a 0-based index into choices (0.." +
                             std::to_string(static_cast<long>(question.choices.size()) - 1) + "), not '" + text + "'");
      else
        question.answer = static_cast<int>(value);
    }
    fm.WarnUnknownKeys(q, {"q", "choices", "answer", "explain"}, "a question");
    out->item.questions.push_back(std::move(question));
  }
}

}  // namespace

// [SECTION] pack.yaml

bool ParsePackYaml(std::string_view path, std::string_view bytes, PackSource* out,
                   Diagnostics* diagnostics) {
  if (size_t bad = FirstInvalidUtf8(bytes); bad != std::string_view::npos) {
    diagnostics->Error(path, LineAt(bytes, bad), "not valid UTF-8");
    return false;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  auto root = LoadYaml(path, bytes, 1, diagnostics);
  if (!root) return false;
  FrontMatter fm(path, 1, diagnostics);
  if (!root->IsMap()) {
    diagnostics->Error(path, 1, "pack.yaml must be a mapping of keys (id, title, publisher, language)");
    return false;
  }
  size_t errors_before = diagnostics->List().size();
  out->meta.id = fm.Key(*root, "id", true);
  if (!out->meta.id.empty() && !IsValidId(out->meta.id))
    fm.Error((*root)["id"], "pack id must be [a-z0-9-]+: '" + out->meta.id + "'");
  out->meta.title = fm.Key(*root, "title", true);
  out->meta.publisher = fm.Key(*root, "publisher", true);
  out->meta.language = fm.Key(*root, "language");
  if (out->meta.language.empty()) out->meta.language = "vi";
  if (YAML::Node synonyms = (*root)["synonyms"]; synonyms.IsDefined() && !synonyms.IsNull()) {
    if (!synonyms.IsSequence()) fm.Error(synonyms, "'synonyms' must be a list of lists of phrases");
    else for (const auto& group : synonyms) {
      std::vector<std::string> phrases;
      if (!group.IsSequence()) {
        fm.Error(group, "a synonym group must be a list of phrases, e.g. [giấy khai sinh, khai sinh]");
        continue;
      }
      for (const auto& phrase : group) {
        std::string text;
        if (fm.Text(phrase, "a synonym", &text) && !Tokenize(Fold(text)).empty()) phrases.push_back(text);
      }
      if (phrases.size() < 2) fm.Error(group, "a synonym group needs at least 2 phrases");
      else out->synonyms.push_back(std::move(phrases));
    }
  }
  for (const auto& kv : *root) {
    std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    if (k != "id" && k != "title" && k != "publisher" && k != "language" && k != "synonyms")
      fm.Warning(kv.first, "unknown key '" + k + "'");
  }
  for (size_t i = errors_before; i < diagnostics->List().size(); ++i)
    if (diagnostics->List()[i].severity == Diagnostic::Severity::Error) return false;
  return true;
}

// [SECTION] Item files

bool ParseItemFile(std::string_view path, std::string_view bytes, ParsedItem* out,
                   Diagnostics* diagnostics) {
  out->path = std::string(path);
  if (size_t bad = FirstInvalidUtf8(bytes); bad != std::string_view::npos) {
    diagnostics->Error(path, LineAt(bytes, bad), "not valid UTF-8");
    return false;
  }
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);

  // Front matter: a first line "---", then YAML up to a line "---" (or "...").
  auto line_end = [&](size_t pos) { size_t e = bytes.find('\n', pos); return e == std::string_view::npos ? bytes.size() : e; };
  auto line_text = [&](size_t pos) {
    std::string_view l = bytes.substr(pos, line_end(pos) - pos);
    while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
    return l;
  };
  if (bytes.empty() || line_text(0) != "---") {
    diagnostics->Error(path, 1, "missing front matter: the file must start with a line '---'");
    return false;
  }
  size_t yaml_begin = std::min(line_end(0) + 1, bytes.size());
  size_t pos = yaml_begin, yaml_end = std::string_view::npos, body_begin = bytes.size();
  int line = 2, body_line = 0;
  while (pos < bytes.size()) {
    std::string_view l = line_text(pos);
    if (l == "---" || l == "...") {
      yaml_end = pos;
      body_begin = std::min(line_end(pos) + 1, bytes.size());
      body_line = line + 1;
      break;
    }
    pos = line_end(pos) + 1;
    ++line;
  }
  if (yaml_end == std::string_view::npos) {
    diagnostics->Error(path, 1, "front matter is not closed: no line '---' after it");
    return false;
  }
  auto root = LoadYaml(path, bytes.substr(yaml_begin, yaml_end - yaml_begin), 2, diagnostics);
  if (!root) return false;
  FrontMatter fm(path, 2, diagnostics);
  if (!root->IsMap()) {
    diagnostics->Error(path, 2, "front matter must be a mapping of keys (type, id, title, ...)");
    return false;
  }
  size_t diagnostics_before = diagnostics->List().size();
  const YAML::Node& map = *root;

  Item& item = out->item;
  std::string type_name = fm.Key(map, "type", true);
  std::optional<ItemType> type = ParseItemType(type_name);
  if (!type_name.empty() && !type)
    fm.Error(map["type"], "unknown type '" + type_name +
                              "' (expected procedure, document, article, faq, quiz or announcement)");
  item.summary.id = fm.Key(map, "id", true);
  if (map["id"].IsDefined()) out->id_line = fm.LineOf(map["id"]);
  if (!item.summary.id.empty() && !IsValidId(item.summary.id))
    fm.Error(map["id"], "id must be [a-z0-9-]+: '" + item.summary.id + "'");
  item.summary.title = fm.Key(map, "title", true);
  item.summary.field = fm.Key(map, "field");
  item.summary.updated = fm.DateKey(map, "updated");
  item.keywords = fm.TextList(map, "keywords");

  NfcResult body = ToNfc(bytes.substr(body_begin));
  item.body = FrontMatter::Trim(body.text);
  // Body links: line numbers count from the first body line.
  size_t trimmed = body.text.find_first_not_of(" \t\r\n");
  int trimmed_lines = trimmed == std::string::npos ? 0 : LineAt(body.text, trimmed) - 1;
  for (const MarkdownLink& link : FindMarkdownLinks(item.body)) {
    out->refs.push_back({PendingRef::Kind::BodyLink, link.href,
                         body_line + trimmed_lines + LineAt(item.body, link.offset) - 1, item.links.size()});
    item.links.push_back({link.href, {}, 0});
  }

  if (type) {
    item.summary.type = *type;
    for (const auto& kv : map) {
      std::string k = kv.first.IsScalar() ? kv.first.Scalar() : "?";
      if (!CommonKeys().count(k) && !TypeKeys(*type).count(k))
        fm.Warning(kv.first, "unknown key '" + k + "' for type " + type_name);
    }
    switch (*type) {
      case ItemType::Procedure: ParseProcedure(fm, map, out); break;
      case ItemType::Document: {
        Document d;
        d.number = fm.Key(map, "number");
        d.kind = fm.Key(map, "kind");
        d.issuer = fm.Key(map, "issuer");
        d.issued = fm.DateKey(map, "issued");
        d.effective = fm.DateKey(map, "effective");
        d.status = fm.Key(map, "status");
        item.document = std::move(d);
        break;
      }
      case ItemType::Article: {
        Article a;
        a.date = fm.DateKey(map, "date");
        a.summary = fm.Key(map, "summary");
        std::string image = fm.Key(map, "image");
        if (!image.empty()) out->refs.push_back({PendingRef::Kind::ArticleImage, image, fm.LineOf(map["image"]), 0});
        item.article = std::move(a);
        break;
      }
      case ItemType::Faq:
        if (item.body.empty()) fm.ErrorAt(1, "a faq needs an answer: the body is empty");
        break;
      case ItemType::Quiz: ParseQuiz(fm, map, out); break;
      case ItemType::Announcement: {
        Announcement a;
        a.from = fm.DateKey(map, "from");
        a.until = fm.DateKey(map, "until");
        if (!a.from.empty() && !a.until.empty() && IsValidDate(a.from) && IsValidDate(a.until) && a.until < a.from)
          fm.Error(map["until"], "'until' (" + a.until + ") is before 'from' (" + a.from + ")");
        std::string image = fm.Key(map, "image");
        if (!image.empty()) out->refs.push_back({PendingRef::Kind::AnnouncementImage, image, fm.LineOf(map["image"]), 0});
        item.announcement = std::move(a);
        break;
      }
    }
  }
  for (size_t i = diagnostics_before; i < diagnostics->List().size(); ++i)
    if (diagnostics->List()[i].severity == Diagnostic::Severity::Error) return false;
  return type.has_value() && !item.summary.id.empty() && !item.summary.title.empty();
}

}  // namespace pack
