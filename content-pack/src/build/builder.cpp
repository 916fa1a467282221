// content-pack build: a source folder -> one pack file, completely or not at all.
//
// [SECTION] Scanning the source folder
// [SECTION] Images
// [SECTION] Resolving references
// [SECTION] Writing the pack
// [SECTION] BuildPack
//
// Determinism: files are read in path order, ids and rows are assigned in that order, and
// the finished database is written with VACUUM INTO, so the same source and version give
// the same bytes (`created` comes from SOURCE_DATE_EPOCH when set).
#include "content-pack/builder.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <signal.h>
#include <stb_image.h>
#include <stb_image_resize.h>
#include <stb_image_write.h>
#include <unistd.h>
#include <utf8proc.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>

#include "content-pack/fold.hpp"
#include "content-pack/pack_reader.hpp"
#include "pack_file.hpp"
#include "schema.hpp"
#include "source.hpp"
#include "thesaurus.hpp"
#include "sql.hpp"

namespace fs = std::filesystem;

namespace pack {

namespace {

constexpr int kMaxImageWidth = 1920;             // wider images are downscaled to this
constexpr int64_t kMaxImagePixels = 50'000'000;  // refuse to decode anything larger
constexpr uintmax_t kMaxSourceFileBytes = 64u << 20;

// [SECTION] Scanning the source folder

struct SourceFiles {
  std::vector<std::string> items;   // relative paths of .md files, sorted
  std::vector<std::string> images;  // relative paths of .png/.jpg/.jpeg, sorted
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsImagePath(std::string_view path) {
  std::string ext = Lower(fs::path(std::string(path)).extension().string());
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg";
}

SourceFiles ScanSource(const fs::path& root, Diagnostics* diagnostics) {
  SourceFiles files;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  if (ec) {
    diagnostics->Error(root.string(), 0, "cannot read the source folder: " + ec.message());
    return files;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      diagnostics->Error(root.string(), 0, "cannot read the source folder: " + ec.message());
      break;
    }
    std::string name = it->path().filename().string();
    if (!name.empty() && (name[0] == '.' || name[0] == '_')) {  // drafts and hidden files
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    // A symbolic link would pull a file from outside the source folder into a signed
    // pack (attack review, issue 10): refuse it, whatever it points to. (Its name is
    // made lexically: fs::relative would follow the link.)
    if (it->is_symlink(ec)) {
      diagnostics->Error(it->path().lexically_relative(root).generic_string(), 0,
                         "is a symbolic link: refused (copy the file into the source folder instead)");
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    std::string rel = fs::relative(it->path(), root, ec).generic_string();
    if (rel == "pack.yaml") continue;
    // Extension: README.md files are notes for authors, not items.
    if (Lower(name) == "readme.md") continue;
    if (Lower(it->path().extension().string()) == ".md") files.items.push_back(rel);
    else if (IsImagePath(rel)) files.images.push_back(rel);
  }
  std::sort(files.items.begin(), files.items.end());
  std::sort(files.images.begin(), files.images.end());
  return files;
}

// Reads a source file: a regular file, never through a symbolic link (O_NOFOLLOW), at
// most kMaxSourceFileBytes.
bool ReadFile(const fs::path& path, std::string* out, std::string* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    *error = errno == ELOOP ? "is a symbolic link: refused (copy the file into the source folder instead)"
                            : std::string("cannot open for reading: ") + std::strerror(errno);
    return false;
  }
  struct stat st{};
  bool ok = ::fstat(fd, &st) == 0;
  if (!ok || !S_ISREG(st.st_mode)) *error = ok ? "not a regular file" : std::string("cannot read: ") + std::strerror(errno);
  else if (static_cast<uintmax_t>(st.st_size) > kMaxSourceFileBytes) *error = "file is larger than 64 MiB";
  if (ok && S_ISREG(st.st_mode) && static_cast<uintmax_t>(st.st_size) <= kMaxSourceFileBytes) {
    out->clear();
    char buf[1 << 16];
    for (;;) {
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) { *error = std::string("cannot read: ") + std::strerror(errno); ok = false; break; }
      if (n == 0) break;
      out->append(buf, static_cast<size_t>(n));
      if (out->size() > kMaxSourceFileBytes) { *error = "file is larger than 64 MiB"; ok = false; break; }
    }
  } else {
    ok = false;
  }
  ::close(fd);
  return ok;
}

// A NUL byte in a text file becomes text that search finds but screens never show
// (attack review, issue 10): 0 when there is none, else its 1-based line.
int LineOfNul(const std::string& text) {
  const size_t at = text.find('\0');
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

// [SECTION] Images

struct PackImage {
  int64_t id = 0;
  std::string path;
  int width = 0, height = 0;
  std::string format;
  std::string data;
};

void AppendToString(void* context, void* data, int size) {
  static_cast<std::string*>(context)->append(static_cast<const char*>(data), static_cast<size_t>(size));
}

bool LoadImage(const std::string& rel, const std::string& bytes, PackImage* image, Diagnostics* diagnostics) {
  image->path = rel;
  int w = 0, h = 0, channels = 0;
  const auto* data = reinterpret_cast<const stbi_uc*>(bytes.data());
  int len = static_cast<int>(bytes.size());
  if (!stbi_info_from_memory(data, len, &w, &h, &channels)) {
    const char* reason = stbi_failure_reason();
    diagnostics->Error(rel, 0, std::string("image does not decode: ") + (reason ? reason : "unknown format"));
    return false;
  }
  if (w <= 0 || h <= 0 || static_cast<int64_t>(w) * h > kMaxImagePixels) {
    diagnostics->Error(rel, 0, "image does not decode: " + std::to_string(w) + "x" + std::to_string(h) +
                                   " is larger than 50 megapixels");
    return false;
  }
  bool png = bytes.size() >= 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
  bool jpeg = bytes.size() >= 3 && bytes.compare(0, 3, "\xFF\xD8\xFF") == 0;
  if (!png && !jpeg) {
    diagnostics->Error(rel, 0, "image does not decode: only PNG and JPEG are supported");
    return false;
  }
  stbi_uc* pixels = stbi_load_from_memory(data, len, &w, &h, &channels, 0);
  if (!pixels) {
    const char* reason = stbi_failure_reason();
    diagnostics->Error(rel, 0, std::string("image does not decode: ") + (reason ? reason : "corrupt data"));
    return false;
  }
  image->format = png ? "png" : "jpeg";
  if (w <= kMaxImageWidth) {
    image->width = w;
    image->height = h;
    image->data = bytes;
  } else {
    int nw = kMaxImageWidth;
    int nh = std::max(1, static_cast<int>((static_cast<int64_t>(h) * nw + w / 2) / w));
    std::vector<stbi_uc> scaled(static_cast<size_t>(nw) * nh * channels);
    stbir_resize_uint8(pixels, w, h, 0, scaled.data(), nw, nh, 0, channels);
    std::string encoded;
    int ok = png ? stbi_write_png_to_func(AppendToString, &encoded, nw, nh, channels, scaled.data(), nw * channels)
                 : stbi_write_jpg_to_func(AppendToString, &encoded, nw, nh, channels, scaled.data(), 88);
    if (!ok) {
      stbi_image_free(pixels);
      diagnostics->Error(rel, 0, "image could not be downscaled");
      return false;
    }
    image->width = nw;
    image->height = nh;
    image->data = std::move(encoded);
  }
  stbi_image_free(pixels);
  return true;
}

// [SECTION] Resolving references

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool HasScheme(std::string_view href) {
  size_t colon = href.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = href[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return false;
  }
  return std::isalpha(static_cast<unsigned char>(href[0]));
}

// `target` relative to the folder of `from` (or to the root when it starts with '/'),
// normalised; empty when it climbs out of the source folder.
std::string ResolvePath(std::string_view from, std::string_view target) {
  std::string t = PercentDecode(target.substr(0, target.find_first_of("#?")));
  std::vector<std::string> parts;
  if (t.empty() || t[0] != '/') {
    std::string dir = fs::path(std::string(from)).parent_path().generic_string();
    std::stringstream ss(dir);
    for (std::string p; std::getline(ss, p, '/');) if (!p.empty()) parts.push_back(p);
  }
  std::stringstream ss(t);
  for (std::string p; std::getline(ss, p, '/');) {
    if (p.empty() || p == ".") continue;
    if (p == "..") {
      if (parts.empty()) return {};
      parts.pop_back();
    } else {
      parts.push_back(p);
    }
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

struct PackIndex {
  std::map<std::string, std::string> item_by_path;  // "ho-tich/khai-sinh.md" -> id
  std::map<std::string, ItemType> type_by_id;
  std::map<std::string, int64_t> image_by_path;
  std::map<std::string, const Item*> document_by_id;
  // A document's unit anchors, parsed when a link first names one of them.
  mutable std::map<std::string, std::set<std::string>> anchors_by_document;

  const std::set<std::string>& Anchors(const std::string& document_id) const {
    auto it = anchors_by_document.find(document_id);
    if (it != anchors_by_document.end()) return it->second;
    std::set<std::string>& anchors = anchors_by_document[document_id];
    std::string preamble;
    for (const LegalUnit& u : ParseLegalStructure(document_by_id.at(document_id)->body, &preamble))
      anchors.insert(u.anchor);
    return anchors;
  }
};

// An image named by an item: relative to the item's folder, else to the source root.
int64_t FindImage(const PackIndex& index, const std::string& from, const std::string& target) {
  for (const std::string& path : {ResolvePath(from, target), ResolvePath("", target)}) {
    auto it = index.image_by_path.find(path);
    if (!path.empty() && it != index.image_by_path.end()) return it->second;
  }
  return 0;
}

void ResolveRefs(ParsedItem& parsed, const PackIndex& index, Diagnostics* diagnostics) {
  Item& item = parsed.item;
  for (const PendingRef& ref : parsed.refs) {
    switch (ref.kind) {
      case PendingRef::Kind::ArticleImage:
      case PendingRef::Kind::AnnouncementImage: {
        int64_t image = FindImage(index, parsed.path, ref.target);
        if (!image) diagnostics->Error(parsed.path, ref.line, "image '" + ref.target + "' not found in the source folder");
        if (ref.kind == PendingRef::Kind::ArticleImage) item.article->image = image;
        else item.announcement->image = image;
        break;
      }
      case PendingRef::Kind::DocumentForm: {
        if (!IsImagePath(ref.target.substr(0, ref.target.find_first_of("#?")))) break;  // a form id, kept as text
        int64_t image = FindImage(index, parsed.path, ref.target);
        if (!image) diagnostics->Error(parsed.path, ref.line, "form image '" + ref.target + "' not found in the source folder");
        item.procedure->documents[ref.index].form_image = image;
        break;
      }
      case PendingRef::Kind::LegalBasis: {
        // `DOC_ID` links to a document, `DOC_ID#ANCHOR` to one of its units; an anchor the
        // document lacks is an error (a dead link on a citizen's screen otherwise).
        const size_t hash = ref.target.find('#');
        const std::string doc = ref.target.substr(0, hash);
        auto it = index.type_by_id.find(doc);
        if (it == index.type_by_id.end() || it->second != ItemType::Document) {
          if (hash != std::string::npos && doc.find_first_of(" \t") == std::string::npos && !doc.empty())
            diagnostics->Error(parsed.path, ref.line, "legal_basis '" + ref.target + "': no document with id '" + doc + "' in the pack");
          break;
        }
        if (hash != std::string::npos) {
          const std::string anchor = ref.target.substr(hash + 1);
          if (!index.Anchors(doc).count(anchor)) {
            diagnostics->Error(parsed.path, ref.line, "legal_basis '" + ref.target + "': document '" + doc +
                                                          "' has no unit '" + anchor + "' (anchors look like dieu-16, dieu-16-khoan-1)");
            break;
          }
        }
        item.procedure->legal_basis[ref.index].document_id = ref.target;  // stored as DOC_ID#ANCHOR
        break;
      }
      case PendingRef::Kind::BodyLink: {
        ItemLink& link = item.links[ref.index];
        const std::string& href = ref.target;
        if (href.empty() || href[0] == '#' || HasScheme(href) || href.rfind("//", 0) == 0) break;  // external or in-page
        std::string path = ResolvePath(parsed.path, href);
        if (auto it = index.item_by_path.find(path); !path.empty() && it != index.item_by_path.end()) {
          link.target_item = it->second;
        } else if (int64_t image = FindImage(index, parsed.path, href)) {
          link.target_image = image;
        } else if (std::string bare = href.substr(0, href.find('#')); index.type_by_id.count(bare)) {
          link.target_item = bare;  // extension: a link may name an item id directly
          // DOC_ID#ANCHOR: the Điều, Khoản or Điểm must exist, as in legal_basis.
          const size_t hash = href.find('#');
          if (hash != std::string::npos && index.type_by_id.at(bare) == ItemType::Document &&
              !index.Anchors(bare).count(href.substr(hash + 1)))
            diagnostics->Error(parsed.path, ref.line, "link '" + href + "': document '" + bare + "' has no unit '" +
                                                          href.substr(hash + 1) + "' (anchors look like dieu-16, dieu-16-khoan-1)");
        } else {
          diagnostics->Error(parsed.path, ref.line, "link '" + href + "' does not resolve to an item or image in the pack");
        }
        break;
      }
    }
  }
}

// [SECTION] Writing the pack

class PackWriter {
 public:
  explicit PackWriter(sqlite3* db) : db_(db) {}

  bool Run(Statement& st) {
    std::string error;
    if (RunStatement(db_, st, &error)) return true;
    if (error_.empty()) error_ = error;
    return false;
  }

  Statement Prepare(const char* sql) {
    Statement st(db_, sql);
    if (!st.ok() && error_.empty()) error_ = st.error();
    return st;
  }

  const std::string& error() const { return error_; }

 private:
  sqlite3* db_;
  std::string error_;
};

std::string IsoTime(int64_t epoch) {
  std::time_t t = static_cast<std::time_t>(epoch);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

struct BuildInput {
  PackSource source;
  std::vector<ParsedItem> items;
  std::vector<PackImage> images;
  int64_t version = 1;
  int64_t created_epoch = 0;
};

// Writes the content tables; the schema is there and a transaction is open
// (WritePackFile). The search index is derived from these tables afterwards.
bool WriteContent(sqlite3* db, const BuildInput& in, BuildReport* report, std::string* error) {
  PackWriter w(db);
  bool ok = true;

  Statement meta = w.Prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
  for (const auto& [k, v] : std::vector<std::pair<std::string, std::string>>{
           {"id", in.source.meta.id}, {"title", in.source.meta.title},
           {"publisher", in.source.meta.publisher}, {"language", in.source.meta.language},
           {"version", std::to_string(in.version)}, {"created", IsoTime(in.created_epoch)},
           {"schema_version", std::to_string(kSchemaVersion)}}) {
    meta.Bind(1, k).Bind(2, v);
    ok = ok && w.Run(meta);
  }

  Statement image_st = w.Prepare("INSERT INTO images(id, path, width, height, format, data) VALUES(?,?,?,?,?,?)");
  for (const auto& im : in.images) {
    image_st.Bind(1, im.id).Bind(2, im.path).Bind(3, im.width).Bind(4, im.height).Bind(5, im.format).BindBlob(6, im.data);
    ok = ok && w.Run(image_st);
  }

  Statement synonym_st = w.Prepare("INSERT INTO synonyms(grp, ord, phrase, folded) VALUES(?,?,?,?)");
  for (size_t g = 0; g < in.source.synonyms.size(); ++g)
    for (size_t o = 0; o < in.source.synonyms[g].size(); ++o) {
      const std::string& phrase = in.source.synonyms[g][o];
      std::string folded;
      std::string f = Fold(phrase);
      for (const Token& t : Tokenize(f)) folded += (folded.empty() ? "" : " ") + f.substr(t.begin, t.end - t.begin);
      synonym_st.Bind(1, static_cast<int64_t>(g)).Bind(2, static_cast<int64_t>(o)).Bind(3, phrase).Bind(4, folded);
      ok = ok && w.Run(synonym_st);
    }

  Statement item_st = w.Prepare("INSERT INTO items(rowid, id, type, title, field, updated, body, source_path) VALUES(?,?,?,?,?,?,?,?)");
  Statement keyword_st = w.Prepare("INSERT INTO item_keywords(item, ord, keyword) VALUES(?,?,?)");
  Statement link_st = w.Prepare("INSERT INTO item_links(item, ord, href, target_item, target_image) VALUES(?,?,?,?,?)");
  Statement proc_st = w.Prepare("INSERT INTO procedures VALUES(?,?,?,?,?,?,?,?,?)");
  Statement channel_st = w.Prepare("INSERT INTO procedure_channels VALUES(?,?,?,?,?,?)");
  Statement pdoc_st = w.Prepare("INSERT INTO procedure_documents VALUES(?,?,?,?,?,?)");
  Statement step_st = w.Prepare("INSERT INTO procedure_steps VALUES(?,?,?)");
  Statement req_st = w.Prepare("INSERT INTO procedure_requirements VALUES(?,?,?)");
  Statement basis_st = w.Prepare("INSERT INTO procedure_legal_basis VALUES(?,?,?,?)");
  Statement doc_st = w.Prepare("INSERT INTO documents VALUES(?,?,?,?,?,?,?)");
  Statement unit_st = w.Prepare("INSERT INTO legal_units VALUES(?,?,?,?,?,?,?,?,?)");
  Statement article_st = w.Prepare("INSERT INTO articles VALUES(?,?,?,?)");
  Statement question_st = w.Prepare("INSERT INTO quiz_questions VALUES(?,?,?,?,?)");
  Statement choice_st = w.Prepare("INSERT INTO quiz_choices VALUES(?,?,?,?)");
  Statement announce_st = w.Prepare("INSERT INTO announcements VALUES(?,?,?,?)");
  if (!ok || !w.error().empty()) { *error = w.error(); return false; }

  auto bind_image = [](Statement& st, int col, int64_t image) {
    if (image) st.Bind(col, image); else st.BindNull(col);
  };
  int64_t unit_id = 0;

  int64_t rowid = 0;
  for (const ParsedItem& parsed : in.items) {
    if (!ok) break;
    const Item& item = parsed.item;
    ++rowid;
    item_st.Bind(1, rowid).Bind(2, item.summary.id).Bind(3, ItemTypeName(item.summary.type))
        .Bind(4, item.summary.title).Bind(5, item.summary.field).Bind(6, item.summary.updated)
        .Bind(7, item.body).Bind(8, parsed.path);
    ok = ok && w.Run(item_st);
    for (size_t i = 0; i < item.keywords.size(); ++i) {
      keyword_st.Bind(1, rowid).Bind(2, static_cast<int64_t>(i)).Bind(3, item.keywords[i]);
      ok = ok && w.Run(keyword_st);
    }
    for (size_t i = 0; i < item.links.size(); ++i) {
      const ItemLink& l = item.links[i];
      link_st.Bind(1, rowid).Bind(2, static_cast<int64_t>(i)).Bind(3, l.href);
      if (l.target_item.empty()) link_st.BindNull(4); else link_st.Bind(4, l.target_item);
      bind_image(link_st, 5, l.target_image);
      ok = ok && w.Run(link_st);
    }

    if (const auto& p = item.procedure) {
      proc_st.Bind(1, rowid).Bind(2, p->code).Bind(3, p->level).Bind(4, p->agency).Bind(5, p->applicants)
          .Bind(6, p->processing_time).Bind(7, p->fee).Bind(8, p->result).Bind(9, p->online_url);
      ok = ok && w.Run(proc_st);
      for (size_t i = 0; i < p->channels.size(); ++i) {
        const auto& c = p->channels[i];
        channel_st.Bind(1, rowid).Bind(2, static_cast<int64_t>(i)).Bind(3, c.how).Bind(4, c.time).Bind(5, c.fee).Bind(6, c.note);
        ok = ok && w.Run(channel_st);
      }
      for (size_t i = 0; i < p->documents.size(); ++i) {
        const auto& d = p->documents[i];
        pdoc_st.Bind(1, rowid).Bind(2, static_cast<int64_t>(i)).Bind(3, d.name).Bind(4, d.form);
        bind_image(pdoc_st, 5, d.form_image);
        pdoc_st.Bind(6, d.copies);
        ok = ok && w.Run(pdoc_st);
      }
      for (size_t i = 0; i < p->steps.size(); ++i) {
        step_st.Bind(1, rowid).Bind(2, static_cast<int64_t>(i)).Bind(3, p->steps[i]);
        ok = ok && w.Run(step_st);
      }
      for (size_t i = 0; i < p->requirements.size(); ++i) {
        req_st.Bind(1, rowid).Bind(2, static_cast<int64_t>(i)).Bind(3, p->requirements[i]);
        ok = ok && w.Run(req_st);
      }
      for (size_t i = 0; i < p->legal_basis.size(); ++i) {
        const auto& b = p->legal_basis[i];
        basis_st.Bind(1, rowid).Bind(2, static_cast<int64_t>(i)).Bind(3, b.text);
        if (b.document_id.empty()) basis_st.BindNull(4); else basis_st.Bind(4, b.document_id);
        ok = ok && w.Run(basis_st);
      }
    }
    if (const auto& a = item.article) {
      article_st.Bind(1, rowid).Bind(2, a->date).Bind(3, a->summary);
      bind_image(article_st, 4, a->image);
      ok = ok && w.Run(article_st);
    }
    if (const auto& a = item.announcement) {
      announce_st.Bind(1, rowid).Bind(2, a->from).Bind(3, a->until);
      bind_image(announce_st, 4, a->image);
      ok = ok && w.Run(announce_st);
    }
    for (size_t q = 0; q < item.questions.size(); ++q) {
      const auto& question = item.questions[q];
      question_st.Bind(1, rowid).Bind(2, static_cast<int64_t>(q)).Bind(3, question.question)
          .Bind(4, question.answer).Bind(5, question.explain);
      ok = ok && w.Run(question_st);
      for (size_t c = 0; c < question.choices.size(); ++c) {
        choice_st.Bind(1, rowid).Bind(2, static_cast<int64_t>(q)).Bind(3, static_cast<int64_t>(c)).Bind(4, question.choices[c]);
        ok = ok && w.Run(choice_st);
      }
    }

    if (const auto& d = item.document) {
      doc_st.Bind(1, rowid).Bind(2, d->number).Bind(3, d->kind).Bind(4, d->issuer).Bind(5, d->issued)
          .Bind(6, d->effective).Bind(7, d->status);
      ok = ok && w.Run(doc_st);
      std::string preamble;  // indexed by DeriveSearchIndex, not stored
      std::vector<LegalUnit> units = ParseLegalStructure(item.body, &preamble);
      int64_t first_id = unit_id + 1;
      for (size_t i = 0; i < units.size(); ++i) {
        const LegalUnit& u = units[i];
        int64_t parent = u.parent ? first_id + u.parent - 1 : 0;
        unit_st.Bind(1, first_id + static_cast<int64_t>(i)).Bind(2, rowid).Bind(3, parent).Bind(4, u.order)
            .Bind(5, UnitKindName(u.kind)).Bind(6, u.label).Bind(7, u.title).Bind(8, u.text).Bind(9, u.anchor);
        ok = ok && w.Run(unit_st);
      }
      unit_id += static_cast<int64_t>(units.size());
      report->units += static_cast<int64_t>(units.size());
    }
  }
  if (!ok) { *error = w.error(); return false; }
  report->items = rowid;
  report->images = static_cast<int64_t>(in.images.size());
  return true;
}

int64_t DefaultCreatedEpoch() {
  if (const char* sde = std::getenv("SOURCE_DATE_EPOCH"); sde && *sde) {
    char* end = nullptr;
    long long v = std::strtoll(sde, &end, 10);
    if (*end == '\0' && v >= 0) return v;
  }
  return static_cast<int64_t>(std::time(nullptr));
}

}  // namespace

// [SECTION] BuildPack

int BuildReport::ErrorCount() const {
  return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(), [](const auto& d) {
    return d.severity == Diagnostic::Severity::Error;
  }));
}

BuildReport BuildPack(const BuildOptions& options) {
  BuildReport report;
  Diagnostics diagnostics;
  fs::path root(options.source_dir);
  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    diagnostics.Error(options.source_dir, 0, "source folder not found");
    report.diagnostics = diagnostics.List();
    return report;
  }
  if (options.version < 1) diagnostics.Error(options.source_dir, 0, "version must be a positive integer");

  BuildInput in;
  in.version = options.version;
  in.created_epoch = options.created_epoch.value_or(DefaultCreatedEpoch());

  std::string bytes, error;
  if (!fs::exists(root / "pack.yaml")) {
    diagnostics.Error("pack.yaml", 0, "missing: every source folder needs a pack.yaml (id, title, publisher, language)");
  } else if (!ReadFile(root / "pack.yaml", &bytes, &error)) {
    diagnostics.Error("pack.yaml", 0, error);
  } else if (int line = LineOfNul(bytes)) {
    diagnostics.Error("pack.yaml", line, "contains a NUL byte (binary data in a text file)");
  } else {
    ParsePackYaml("pack.yaml", bytes, &in.source, &diagnostics);
    MergeThesaurus(&in.source.synonyms);  // the shipped thesaurus, after the pack's own groups
  }

  SourceFiles files = ScanSource(root, &diagnostics);
  PackIndex index;
  std::map<std::string, std::pair<std::string, int>> first_definition;  // id -> (path, line)
  for (const std::string& rel : files.items) {
    if (!ReadFile(root / rel, &bytes, &error)) { diagnostics.Error(rel, 0, error); continue; }
    if (int line = LineOfNul(bytes)) {
      diagnostics.Error(rel, line, "contains a NUL byte (binary data in a text file)");
      continue;
    }
    ParsedItem parsed;
    if (!ParseItemFile(rel, bytes, &parsed, &diagnostics)) continue;
    const std::string& id = parsed.item.summary.id;
    if (auto it = first_definition.find(id); it != first_definition.end()) {
      diagnostics.Error(rel, parsed.id_line, "duplicate id '" + id + "' (first defined at " + it->second.first +
                                                  ":" + std::to_string(it->second.second) + ")");
      continue;
    }
    first_definition[id] = {rel, parsed.id_line};
    index.item_by_path[rel] = id;
    index.type_by_id[id] = parsed.item.summary.type;
    in.items.push_back(std::move(parsed));
  }
  for (const ParsedItem& parsed : in.items)
    if (parsed.item.summary.type == ItemType::Document) index.document_by_id[parsed.item.summary.id] = &parsed.item;
  for (const std::string& rel : files.images) {
    if (!ReadFile(root / rel, &bytes, &error)) { diagnostics.Error(rel, 0, error); continue; }
    PackImage image;
    if (!LoadImage(rel, bytes, &image, &diagnostics)) continue;
    image.id = static_cast<int64_t>(in.images.size()) + 1;
    index.image_by_path[rel] = image.id;
    in.images.push_back(std::move(image));
  }
  for (ParsedItem& parsed : in.items) ResolveRefs(parsed, index, &diagnostics);
  if (in.items.empty() && !diagnostics.HasErrors())
    diagnostics.Warning(options.source_dir, 0, "no items found: the pack will be empty");

  if (!diagnostics.HasErrors()) {
    auto fill = [&](sqlite3* db, std::string* message) { return WriteContent(db, in, &report, message); };
    if (!WritePackFile(options.output_path, fill, &error))
      diagnostics.Error(options.output_path, 0, error);
  }
  diagnostics.SortByPlace();
  report.diagnostics = diagnostics.List();
  report.ok = !diagnostics.HasErrors();
  return report;
}

}  // namespace pack
