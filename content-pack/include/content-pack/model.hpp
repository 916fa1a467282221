// content-pack/model.hpp: the items a pack holds, as the reader returns them.
//
// These mirror CONTENT-FORMAT.md one to one: one struct per item type with typed fields
// for its keys. The builder fills them from author files; the reader fills them from the
// pack. All text is UTF-8, NFC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pack {

enum class ItemType { Procedure, Document, Article, Faq, Quiz, Announcement };
inline constexpr ItemType kAllItemTypes[] = {ItemType::Procedure, ItemType::Document,
    ItemType::Article, ItemType::Faq, ItemType::Quiz, ItemType::Announcement};

std::string_view ItemTypeName(ItemType type);                 // "procedure", ...
std::optional<ItemType> ParseItemType(std::string_view name);  // inverse; nullopt if unknown

struct PackMeta {
  std::string id;         // [a-z0-9-]+; a kiosk only accepts updates of its own id
  std::string title;
  std::string publisher;
  std::string language;   // "vi"
  int64_t version = 0;    // only grows
  std::string created;    // ISO 8601 UTC, from SOURCE_DATE_EPOCH when set
  int schema_version = 0; // PRAGMA user_version
};

struct ItemSummary {
  std::string id;
  ItemType type = ItemType::Faq;
  std::string title;
  std::string field;      // lĩnh vực; empty when the author gave none
  std::string updated;    // YYYY-MM-DD or empty
};

struct ProcedureChannel { std::string how, time, fee, note; };      // cách thức thực hiện
struct ProcedureDocument {                                          // thành phần hồ sơ
  std::string name;
  std::string form;          // as the author wrote it (image path or form id), may be empty
  int64_t form_image = 0;    // image id when `form` named an image in the pack, else 0
  std::string copies;        // "01 bản chính", free text
};
struct LegalBasis {
  std::string text;          // as written
  std::string document_id;   // id of a document in this pack when the text is one, else empty
  std::string anchor;        // with `DOC_ID#ANCHOR`: the Điều/Khoản/Điểm in it ("dieu-16"), else empty
};

struct Procedure {
  std::string code, level, agency, applicants, processing_time, fee, result, online_url;
  std::vector<ProcedureChannel> channels;
  std::vector<ProcedureDocument> documents;
  std::vector<std::string> steps;
  std::vector<std::string> requirements;
  std::vector<LegalBasis> legal_basis;
};

struct Document {
  std::string number, kind, issuer, issued, effective, status;
};

struct Article {
  std::string date, summary;
  int64_t image = 0;         // image id, 0 if none
};

struct QuizQuestion {
  std::string question;
  std::vector<std::string> choices;
  int answer = 0;            // 0-based index into choices
  std::string explain;
};

struct Announcement {
  std::string from, until;   // YYYY-MM-DD, inclusive
  int64_t image = 0;
};

// A link in an item's body, resolved at build time. The stored body keeps the author's
// Markdown; `href` is the destination exactly as it appears there.
struct ItemLink {
  std::string href;
  std::string target_item;   // item id when the link points into the pack
  int64_t target_image = 0;  // image id when it is an image
};

struct Item {
  ItemSummary summary;
  std::vector<std::string> keywords;
  std::string body;          // Markdown (CommonMark + pipe tables), NFC
  std::vector<ItemLink> links;
  // Exactly one of these is set, matching summary.type (FAQ and quiz use body/questions).
  std::optional<Procedure> procedure;
  std::optional<Document> document;
  std::optional<Article> article;
  std::vector<QuizQuestion> questions;
  std::optional<Announcement> announcement;
};

// One node of a legal document's structure (Phần/Chương/Mục/Tiểu mục/Điều/Khoản/Điểm).
enum class UnitKind { Part, Chapter, Section, Subsection, Article, Clause, Point };
std::string_view UnitKindName(UnitKind kind);  // "part", "chapter", ...

struct LegalUnit {
  int64_t id = 0;            // unique in the pack
  int64_t parent = 0;        // 0 for top-level units
  int order = 0;             // position among its siblings, from 0
  UnitKind kind = UnitKind::Article;
  std::string label;         // "Chương II", "Điều 16", "1", "a"
  std::string title;         // "ĐĂNG KÝ KHAI SINH", "Thủ tục đăng ký khai sinh"; may be empty
  std::string text;          // the unit's own text, without its children's
  std::string anchor;        // stable deep-link name in the document: "dieu-16-khoan-1"
};

struct ImageInfo {
  int64_t id = 0;
  std::string path;          // source-relative path, '/' separated
  int width = 0, height = 0;
  std::string format;        // "png" or "jpeg"
};

struct FieldCount {
  std::string field;
  ItemType type = ItemType::Faq;
  int64_t count = 0;
};

}  // namespace pack
