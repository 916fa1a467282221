// content-pack: the command-line face of the content-pack library.
//
//   content-pack build SRC -o PACK [--version N]
//   content-pack inspect PACK [--json]
//   content-pack search PACK QUERY [--json] [--limit N]
//   content-pack publish PACK --key SECRET_KEY --out PORTAL_DIR [--keep N]
//   content-pack keygen ...
//   content-pack content-stream PACK OUT | rebuild STREAM OUT | recipe
//
// Exit status: 0 success, 1 the work failed (bad source, unreadable pack, ...), 2 usage.
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.hpp"
#include "content-pack/builder.hpp"
#include "content-pack/pack_reader.hpp"
#include "content-pack/text_safety.hpp"

namespace pack::cli {

namespace {

constexpr const char* kUsage =
    "usage: content-pack <command> [options]\n"
    "  build SRC -o PACK [--version N]     turn a source folder into a pack\n"
    "  inspect PACK [--json]               metadata and counts per type and field\n"
    "  search PACK QUERY [--json] [--limit N]\n"
    "                                      search as the kiosk does\n"
    "  publish PACK --key SECRET_KEY --out PORTAL_DIR [--keep N] [--expires-days D]\n"
    "                                      add a pack to a portal tree, signed\n"
    "  keygen ...                          make a minisign-compatible signing key pair\n"
    "  content-stream PACK OUT             the pack's content without its search index\n"
    "  rebuild STREAM OUT                  the pack again from a content stream\n"
    "  recipe                              which code derives the search index\n";

int Usage(const std::string& message) {
  std::fprintf(stderr, "content-pack: %s\n%s", message.c_str(), kUsage);
  return 2;
}

bool ParseInt(const std::string& text, int64_t* out) {
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0) return false;
  *out = v;
  return true;
}

std::unique_ptr<PackReader> OpenOrReport(const std::string& path) {
  auto reader = PackReader::Open(path);
  if (!reader) {
    std::fprintf(stderr, "content-pack: %s\n", reader.error().c_str());
    return nullptr;
  }
  return std::move(reader.value());
}

nlohmann::json HighlightsJson(const std::vector<Highlight>& highlights) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& h : highlights) out.push_back({h.begin, h.end});
  return out;
}

// Marks highlights for a terminal: bold on a TTY, [brackets] otherwise.
std::string Marked(const std::string& text, const std::vector<Highlight>& highlights, bool tty) {
  std::string out;
  size_t pos = 0;
  for (const auto& h : highlights) {
    if (h.begin < pos || h.end > text.size()) continue;
    out += text.substr(pos, h.begin - pos);
    out += tty ? "\033[1m" : "[";
    out += text.substr(h.begin, h.end - h.begin);
    out += tty ? "\033[0m" : "]";
    pos = h.end;
  }
  return out + text.substr(pos);
}

// Pads to WIDTH characters (not bytes: "Hộ tịch" is 7 characters in 11 bytes).
std::string Pad(const std::string& text, size_t width) {
  size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return chars >= width ? text + " " : text + std::string(width - chars, ' ');
}

}  // namespace

int RunBuild(const Args& args) {
  BuildOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "-o" || a == "--output") && i + 1 < args.size()) options.output_path = args[++i];
    else if (a == "--version" && i + 1 < args.size()) {
      if (!ParseInt(args[++i], &options.version) || options.version < 1)
        return Usage("--version needs a positive integer, not '" + args[i] + "'");
    } else if (!a.empty() && a[0] == '-') return Usage("unknown option '" + a + "' for build");
    else if (options.source_dir.empty()) options.source_dir = a;
    else return Usage("build takes one source folder");
  }
  if (options.source_dir.empty() || options.output_path.empty()) return Usage("build needs SRC and -o PACK");
  BuildReport report = BuildPack(options);
  for (const auto& d : report.diagnostics) std::fprintf(stderr, "%s\n", d.Format().c_str());
  if (!report.ok) {
    std::fprintf(stderr, "content-pack: build failed with %d error(s); no pack written\n", report.ErrorCount());
    return 1;
  }
  std::printf("wrote %s: version %lld, %lld items, %lld legal units, %lld images\n", options.output_path.c_str(),
              static_cast<long long>(options.version), static_cast<long long>(report.items),
              static_cast<long long>(report.units), static_cast<long long>(report.images));
  return 0;
}

int RunInspect(const Args& args) {
  std::string path;
  bool json = false;
  for (const auto& a : args) {
    if (a == "--json") json = true;
    else if (!a.empty() && a[0] == '-') return Usage("unknown option '" + a + "' for inspect");
    else if (path.empty()) path = a;
    else return Usage("inspect takes one pack");
  }
  if (path.empty()) return Usage("inspect needs PACK");
  auto reader = OpenOrReport(path);
  if (!reader) return 1;
  auto counts = reader->CountsByType();
  auto fields = reader->Fields();
  auto images = reader->Images();
  if (!counts || !fields || !images) {
    std::fprintf(stderr, "content-pack: %s\n", (!counts ? counts.error() : !fields ? fields.error() : images.error()).c_str());
    return 1;
  }
  const PackMeta& m = reader->Meta();
  if (json) {
    nlohmann::json out;
    out["id"] = m.id;
    out["title"] = m.title;
    out["publisher"] = m.publisher;
    out["language"] = m.language;
    out["version"] = m.version;
    out["created"] = m.created;
    out["schema_version"] = m.schema_version;
    out["counts"] = nlohmann::json::object();
    for (const auto& [type, n] : *counts) out["counts"][std::string(ItemTypeName(type))] = n;
    out["fields"] = nlohmann::json::array();
    for (const auto& f : *fields) out["fields"].push_back({{"field", f.field}, {"type", ItemTypeName(f.type)}, {"count", f.count}});
    out["images"] = images->size();
    std::cout << pack::DumpJson(out, 2) << "\n";
    return 0;
  }
  std::printf("pack:       %s\ntitle:      %s\npublisher:  %s\nlanguage:   %s\nversion:    %lld\ncreated:    %s\nschema:     %d\n",
              m.id.c_str(), m.title.c_str(), m.publisher.c_str(), m.language.c_str(),
              static_cast<long long>(m.version), m.created.c_str(), m.schema_version);
  std::printf("\nitems by type:\n");
  for (const auto& [type, n] : *counts)
    std::printf("  %s%lld\n", Pad(std::string(ItemTypeName(type)), 14).c_str(), static_cast<long long>(n));
  std::printf("\nitems by field:\n");
  for (const auto& f : *fields)
    std::printf("  %s%s%lld\n", Pad(f.field, 32).c_str(), Pad(std::string(ItemTypeName(f.type)), 14).c_str(),
                static_cast<long long>(f.count));
  std::printf("\nimages: %zu\n", images->size());
  return 0;
}

int RunSearch(const Args& args) {
  std::string path, query;
  bool json = false, have_query = false;
  SearchOptions options;
  options.prefix_last = true;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") json = true;
    else if (a == "--limit" && i + 1 < args.size()) {
      int64_t n = 0;
      if (!ParseInt(args[++i], &n) || n < 1 || n > 200) return Usage("--limit needs a number from 1 to 200");
      options.limit = static_cast<int>(n);
    } else if (a == "--exact") options.forgiving = false;
    else if (a.size() > 1 && a[0] == '-' && a[1] == '-') return Usage("unknown option '" + a + "' for search");
    else if (path.empty()) path = a;
    else if (!have_query) { query = a; have_query = true; }
    else return Usage("search takes PACK and one QUERY (quote it)");
  }
  if (path.empty() || !have_query) return Usage("search needs PACK and QUERY");
  auto reader = OpenOrReport(path);
  if (!reader) return 1;
  auto result = reader->Search(query, options);
  if (!result) {
    std::fprintf(stderr, "content-pack: %s\n", result.error().c_str());
    return 1;
  }
  static const char* kMatch[] = {"exact", "corrected", "partial", "none"};
  if (json) {
    nlohmann::json out;
    out["query"] = query;
    out["match"] = kMatch[static_cast<int>(result->match)];
    out["corrected_query"] = result->corrected_query;
    out["strength"] = SearchStrengthName(result->best_strength);
    out["content_words"] = result->content_words;
    out["terms"] = nlohmann::json::array();
    for (const auto& t : result->terms) out["terms"].push_back({{"text", t.text}, {"role", QueryRoleName(t.role)}});
    out["results"] = nlohmann::json::array();
    for (const auto& h : result->hits)
      out["results"].push_back({{"type", ItemTypeName(h.type)}, {"id", h.item_id}, {"ref", h.Ref()},
                                {"anchor", h.anchor}, {"title", h.title}, {"context", h.context},
                                {"snippet", h.snippet}, {"title_highlights", HighlightsJson(h.title_highlights)},
                                {"snippet_highlights", HighlightsJson(h.snippet_highlights)}, {"score", h.score},
                                {"strength", SearchStrengthName(h.strength)}});
    std::cout << pack::DumpJson(out, 2) << "\n";
    return 0;
  }
  bool tty = ::isatty(STDOUT_FILENO);
  if (result->match == SearchMatch::Corrected) std::printf("Kết quả cho: %s\n\n", result->corrected_query.c_str());
  if (result->match == SearchMatch::Partial) std::printf("Kết quả gần đúng cho: %s\n\n", result->corrected_query.c_str());
  if (result->hits.empty()) std::printf("Không tìm thấy kết quả cho: %s\n", query.c_str());
  int n = 0;
  for (const auto& h : result->hits) {
    std::printf("%2d. [%s, %s] %s\n    %s\n", ++n, std::string(ItemTypeName(h.type)).c_str(),
                std::string(SearchStrengthName(h.strength)).c_str(), h.Ref().c_str(),
                Marked(h.title, h.title_highlights, tty).c_str());
    if (!h.context.empty()) std::printf("    (%s)\n", h.context.c_str());
    if (!h.snippet.empty()) std::printf("    %s\n", Marked(h.snippet, h.snippet_highlights, tty).c_str());
  }
  return 0;
}

}  // namespace pack::cli

int main(int argc, char** argv) {
  using namespace pack::cli;
  if (argc < 2) return Usage("no command given");
  std::string command = argv[1];
  Args args(argv + 2, argv + argc);
  if (command == "build") return RunBuild(args);
  if (command == "inspect") return RunInspect(args);
  if (command == "search") return RunSearch(args);
  if (command == "publish") return RunPublish(args);
  if (command == "keygen") return RunKeygen(args);
  if (command == "content-stream") return RunContentStream(args);
  if (command == "rebuild") return RunRebuild(args);
  if (command == "recipe") return RunRecipe(args);
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  return Usage("unknown command '" + command + "'");
}
