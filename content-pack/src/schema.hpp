// schema.hpp (internal): the pack's SQLite schema, version kSchemaVersion.
//
// One table per item type with typed columns for its keys; lists as child tables in
// author order (`ord`); legal documents as a tree of units; images as blobs; the search
// index as a contentless FTS5 table over folded text beside the original text it came
// from, all derived from the content tables (search_index.hpp). The FTS5 tables keep no
// positions (detail=none): search needs only which rows hold a word, and re-checks
// phrases itself; without positions the index is a fraction of the size.
// Changing anything here means bumping kSchemaVersion (pack_reader.hpp) and
// docs/pack-format.md.
#pragma once

namespace pack {

inline constexpr const char* kSchemaSql = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE items(
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('procedure','document','article','faq','quiz','announcement')),
  title TEXT NOT NULL,
  field TEXT NOT NULL DEFAULT '',
  updated TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  source_path TEXT NOT NULL);
CREATE INDEX items_by_type_field ON items(type, field, title);
CREATE TABLE item_keywords(item INTEGER NOT NULL, ord INTEGER NOT NULL, keyword TEXT NOT NULL,
  PRIMARY KEY(item, ord)) WITHOUT ROWID;
CREATE TABLE item_links(item INTEGER NOT NULL, ord INTEGER NOT NULL, href TEXT NOT NULL,
  target_item TEXT, target_image INTEGER, PRIMARY KEY(item, ord)) WITHOUT ROWID;
CREATE TABLE procedures(item INTEGER PRIMARY KEY, code TEXT NOT NULL, level TEXT NOT NULL,
  agency TEXT NOT NULL, applicants TEXT NOT NULL, processing_time TEXT NOT NULL,
  fee TEXT NOT NULL, result TEXT NOT NULL, online_url TEXT NOT NULL);
CREATE TABLE procedure_channels(item INTEGER NOT NULL, ord INTEGER NOT NULL, how TEXT NOT NULL,
  time TEXT NOT NULL, fee TEXT NOT NULL, note TEXT NOT NULL, PRIMARY KEY(item, ord)) WITHOUT ROWID;
CREATE TABLE procedure_documents(item INTEGER NOT NULL, ord INTEGER NOT NULL, name TEXT NOT NULL,
  form TEXT NOT NULL, form_image INTEGER, copies TEXT NOT NULL, PRIMARY KEY(item, ord)) WITHOUT ROWID;
CREATE TABLE procedure_steps(item INTEGER NOT NULL, ord INTEGER NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY(item, ord)) WITHOUT ROWID;
CREATE TABLE procedure_requirements(item INTEGER NOT NULL, ord INTEGER NOT NULL, text TEXT NOT NULL,
  PRIMARY KEY(item, ord)) WITHOUT ROWID;
CREATE TABLE procedure_legal_basis(item INTEGER NOT NULL, ord INTEGER NOT NULL, text TEXT NOT NULL,
  document_id TEXT, PRIMARY KEY(item, ord)) WITHOUT ROWID;
CREATE TABLE documents(item INTEGER PRIMARY KEY, number TEXT NOT NULL, kind TEXT NOT NULL,
  issuer TEXT NOT NULL, issued TEXT NOT NULL, effective TEXT NOT NULL, status TEXT NOT NULL);
CREATE TABLE legal_units(id INTEGER PRIMARY KEY, document INTEGER NOT NULL, parent INTEGER NOT NULL,
  ord INTEGER NOT NULL, kind TEXT NOT NULL, label TEXT NOT NULL, title TEXT NOT NULL,
  text TEXT NOT NULL, anchor TEXT NOT NULL);
CREATE INDEX legal_units_by_document ON legal_units(document, id);
CREATE TABLE articles(item INTEGER PRIMARY KEY, date TEXT NOT NULL, summary TEXT NOT NULL, image INTEGER);
CREATE VIEW faqs AS SELECT rowid AS item, title AS question, body AS answer FROM items WHERE type = 'faq';
CREATE TABLE quiz_questions(item INTEGER NOT NULL, ord INTEGER NOT NULL, question TEXT NOT NULL,
  answer INTEGER NOT NULL, explain TEXT NOT NULL, PRIMARY KEY(item, ord)) WITHOUT ROWID;
CREATE TABLE quiz_choices(item INTEGER NOT NULL, question INTEGER NOT NULL, ord INTEGER NOT NULL,
  text TEXT NOT NULL, PRIMARY KEY(item, question, ord)) WITHOUT ROWID;
CREATE TABLE announcements(item INTEGER PRIMARY KEY, from_date TEXT NOT NULL, until_date TEXT NOT NULL, image INTEGER);
CREATE TABLE images(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, width INTEGER NOT NULL,
  height INTEGER NOT NULL, format TEXT NOT NULL, data BLOB NOT NULL);
CREATE TABLE synonyms(grp INTEGER NOT NULL, ord INTEGER NOT NULL, phrase TEXT NOT NULL,
  folded TEXT NOT NULL, PRIMARY KEY(grp, ord)) WITHOUT ROWID;
CREATE TABLE lexicon(folded TEXT PRIMARY KEY, display TEXT NOT NULL, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE search_docs(rowid INTEGER PRIMARY KEY, item INTEGER NOT NULL, unit INTEGER NOT NULL,
  type_rank INTEGER NOT NULL, title TEXT NOT NULL, keywords TEXT NOT NULL, body TEXT NOT NULL);
CREATE VIRTUAL TABLE search_fts USING fts5(title, keywords, body, content='', detail=none,
  tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE search_title_fts USING fts5(title, keywords, content='', detail=none,
  tokenize='unicode61 remove_diacritics 0');
)sql";

// Tables a reader needs; a file lacking any of them is not a usable pack.
inline constexpr const char* kRequiredTables[] = {"meta", "items", "item_keywords", "item_links",
    "procedures", "procedure_channels", "procedure_documents", "procedure_steps",
    "procedure_requirements", "procedure_legal_basis", "documents", "legal_units", "articles",
    "quiz_questions", "quiz_choices", "announcements", "images", "synonyms", "lexicon",
    "search_docs", "search_fts", "search_title_fts"};

// The content tables, in schema order: what a content stream carries (rebuild.hpp).
// Everything else (search_docs, search_fts, search_title_fts, lexicon) is derived from
// them by DeriveSearchIndex (search_index.hpp).
inline constexpr const char* kContentTables[] = {"meta", "items", "item_keywords", "item_links",
    "procedures", "procedure_channels", "procedure_documents", "procedure_steps",
    "procedure_requirements", "procedure_legal_basis", "documents", "legal_units", "articles",
    "quiz_questions", "quiz_choices", "announcements", "images", "synonyms"};

}  // namespace pack
