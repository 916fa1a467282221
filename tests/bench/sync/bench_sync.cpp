// tests/bench/sync/bench_sync.cpp: `bench-sync`, figures for the update path.
//
//   bench-sync --work DIR [--items N] [--words W] [--source DIR] [--install-mb MB] [--level L]
//              [--no-pack-deltas] [--keep-work]
//
// 1. A synthetic pack of N FAQ items (default 20000) of random Vietnamese words from
//    Debian's hunspell vi_VN dictionary; versions with 1% and 10% of the items changed
//    (spread over the whole pack, as real edits are).
//    Or, with --source, any source folder (gen-pack-source's large synthetic pack): every
//    100th / 10th item file gets a new paragraph.
// 2. `content-pack publish` each against the original: the delta size and the bytes the
//    real client (kiosk::sync::RunOnce over file://) received, next to the full compressed
//    pack, and next to what zsync (zsyncmake + zsync against a local nginx, seeded with
//    the old pack) fetches for the same change.
// 3. A ~200 MB pack: time to verify and install it (download over file://, sha256,
//    decompress, sha256, open, integrity check, atomic switch), and the parts of that;
//    and what a content delta costs a kiosk on it: the installed pack's content stream
//    and the pack rebuilt from a stream (search index derived again).
// Prints figures; asserts nothing.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "content-pack/pack_reader.hpp"
#include "nginx_server.hpp"
#include "content-pack/portal.hpp"
#include "content-pack/rebuild.hpp"
#include "sync/settings.hpp"
#include "sync/sync.hpp"

namespace fs = std::filesystem;
namespace portal = pack::portal;
using Clock = std::chrono::steady_clock;

namespace {

std::string Bin(const std::string& tool) { return std::string(KIOSK_BINARY_DIR) + "/bin/" + tool; }

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

int Shell(const std::string& cmd, std::string* out = nullptr) {
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  std::string text;
  while (size_t n = std::fread(buf, 1, sizeof buf, p)) text.append(buf, n);
  int status = ::pclose(p);
  if (out) *out = text;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void Must(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "bench-sync: %s\n", what.c_str());
    std::exit(1);
  }
}

std::vector<std::string> LoadWords() {
  std::ifstream in("/usr/share/hunspell/vi_VN.dic");
  std::vector<std::string> words;
  std::string line;
  std::getline(in, line);  // count
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('/'));
    if (!line.empty() && static_cast<unsigned char>(line[0]) >= 'a') words.push_back(line);
  }
  if (words.empty()) words = {"hộ", "tịch", "khai", "sinh", "chứng", "thực"};
  return words;
}

// Item I's text; VARIANT > 0 for changed items.
std::string ItemText(const std::vector<std::string>& words, int i, int variant, int nwords) {
  std::mt19937 rng(static_cast<unsigned>(i * 2654435761u + variant * 40503u));
  std::string body;
  for (int w = 0; w < nwords; ++w) {
    body += words[rng() % words.size()];
    body += (w % 15 == 14) ? ".\n" : " ";
  }
  return "---\ntype: faq\nid: faq-" + std::to_string(i) + "\ntitle: Câu hỏi " + std::to_string(i) +
         (variant ? " (sửa đổi " + std::to_string(variant) + ")" : "") + "\nfield: Hộ tịch\n---\n" + body + "\n";
}

// Writes a source where every STRIDE-th item is changed (STRIDE 0: none).
void WriteSource(const std::string& dir, const std::vector<std::string>& words, int items, int words_per_item,
                 int stride, int variant) {
  fs::remove_all(dir);
  fs::create_directories(dir + "/faq");
  std::ofstream(dir + "/pack.yaml") << "id: vn-bench-sync\ntitle: Gói thử tải\npublisher: Sở Tư pháp\nlanguage: vi\n";
  for (int i = 0; i < items; ++i) {
    const bool changed = stride > 0 && i % stride == stride / 2;
    std::ofstream(dir + "/faq/q" + std::to_string(i) + ".md") << ItemText(words, i, changed ? variant : 0, words_per_item);
  }
}

// Copies the source at FROM to DIR and edits every STRIDE-th item file (in path order):
// a paragraph of new words appended, as an author adds a sentence or a clause.
void EditSource(const std::string& from, const std::string& dir, const std::vector<std::string>& words, int stride,
                int variant) {
  fs::remove_all(dir);
  fs::copy(from, dir, fs::copy_options::recursive);
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".md" && e.path().filename() != "README.md")
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::mt19937 rng(static_cast<unsigned>(variant));
  for (size_t i = static_cast<size_t>(stride / 2); i < files.size(); i += static_cast<size_t>(stride)) {
    std::string paragraph = "\n";
    for (int w = 0; w < 20; ++w) paragraph += words[rng() % words.size()] + (w == 19 ? ".\n" : " ");
    std::ofstream(files[i], std::ios::app) << paragraph;
  }
}

void Build(const std::string& src, const std::string& out, int version) {
  auto t = Clock::now();
  Must(Shell(Bin("content-pack") + " build " + src + " -o " + out + " --version " + std::to_string(version) +
             " >/dev/null") == 0,
       "content-pack build failed for " + src);
  std::printf("  built %s: %.1f MB in %.1f s\n", fs::path(out).filename().c_str(), fs::file_size(out) / 1e6, Seconds(t));
}

std::string g_publish_flags;  // e.g. " --no-pack-deltas"

void Publish(const std::string& pack, const std::string& key, const std::string& portal_dir, int level) {
  auto t = Clock::now();
  Must(Shell(Bin("content-pack") + " publish " + pack + " --key " + key + " --out " + portal_dir + " --level " +
             std::to_string(level) + g_publish_flags + " >/dev/null") == 0,
       "content-pack publish failed for " + pack);
  std::printf("  published %s in %.1f s\n", fs::path(pack).filename().c_str(), Seconds(t));
}

std::string g_pack_id = "vn-bench-sync";  // the id of the pack under test

std::string WriteConf(const std::string& path, const std::string& portal_url, const std::string& pub_line,
                      const std::string& data_dir) {
  std::ofstream(path) << "[sync]\nportal = " << portal_url << "\npack_id = " << g_pack_id << "\npublic_key = " << pub_line
                      << "\ndata_dir = " << data_dir << "\nmin_free_mb = 1\n";
  return path;
}

kiosk::sync::RunReport RunClient(const std::string& conf) {
  auto settings = kiosk::sync::LoadSyncSettings(conf);
  Must(settings.ok(), settings.ok() ? "" : settings.error());
  return kiosk::sync::RunOnce(*settings);
}

// zsync's download for OLD -> NEW: bytes it fetched over http.
long long ZsyncFetched(const std::string& work, const std::string& old_pack, const std::string& new_pack) {
  const std::string root = work + "/zsync-root";
  fs::remove_all(root);
  fs::create_directories(root);
  fs::copy_file(new_pack, root + "/new.sqlite");
  Must(Shell("cd " + root + " && zsyncmake -b 4096 -o new.sqlite.zsync new.sqlite >/dev/null 2>&1") == 0, "zsyncmake failed");
  fs::create_directories(work + "/zsync-nginx");
  testsupport::NginxServer nginx(root, work + "/zsync-nginx");
  Must(nginx.ok(), nginx.error());
  fs::remove(work + "/zsync-out.sqlite");
  std::string out;
  Shell("cd " + work + " && zsync -q -i " + old_pack + " -o zsync-out.sqlite " + nginx.Url() +
            "/new.sqlite.zsync 2>&1",
        &out);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // nginx logs after responding
  // The access log has one line per request: STATUS BYTES "REQUEST" "RANGE".
  std::ifstream log(nginx.AccessLogPath());
  long long total = 0;
  std::string line;
  while (std::getline(log, line)) {
    int status = 0;
    long long bytes = 0;
    if (std::sscanf(line.c_str(), "%d %lld", &status, &bytes) == 2) total += bytes;
  }
  fs::remove_all(work + "/zsync-nginx");
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // figures show up as they come, also in a log
  std::string work;
  int items = 20000, words_per_item = 60, install_mb = 200, level = 19;
  bool keep_work = false;
  std::string source;  // an existing source folder (e.g. from gen-pack-source) instead of FAQs
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--work") work = next();
    else if (a == "--items") items = std::atoi(next().c_str());
    else if (a == "--words") words_per_item = std::atoi(next().c_str());
    else if (a == "--install-mb") install_mb = std::atoi(next().c_str());
    else if (a == "--level") level = std::atoi(next().c_str());
    else if (a == "--keep-work") keep_work = true;
    else if (a == "--source") source = next();
    else if (a == "--no-pack-deltas") g_publish_flags += " --no-pack-deltas";
    else {
      std::fprintf(stderr, "usage: bench-sync --work DIR [--items N] [--words W] [--source DIR] [--install-mb MB]\n"
                           "                  [--level L] [--no-pack-deltas] [--keep-work]\n");
      return 2;
    }
  }
  if (work.empty()) work = (fs::temp_directory_path() / "bench-sync").string();
  fs::remove_all(work);
  fs::create_directories(work);
  work = fs::canonical(work).string();
  ::chmod(work.c_str(), 0755);
  const std::vector<std::string> words = LoadWords();
  if (source.empty())
    std::printf("bench-sync: %d items x %d words from vi_VN.dic (%zu words), zstd level %d, work dir %s\n", items,
                words_per_item, words.size(), level, work.c_str());
  else
    std::printf("bench-sync: source %s, zstd level %d, work dir %s\n", source.c_str(), level, work.c_str());

  Must(Shell(Bin("content-pack") + " keygen --public " + work + "/k.pub --secret " + work + "/k.key --unencrypted >/dev/null") == 0,
       "keygen failed");
  std::string pub_line;
  {
    std::ifstream in(work + "/k.pub");
    std::getline(in, pub_line);
    std::getline(in, pub_line);
  }

  // --- delta vs full vs zsync ----------------------------------------------------
  if (!source.empty()) {
    source = fs::canonical(source).string();
    std::printf("every 100th / 10th item file gets a new paragraph\n");
    Build(source, work + "/v1.sqlite", 1);
    auto v1 = pack::PackReader::Open(work + "/v1.sqlite");
    Must(v1.ok(), "cannot open v1.sqlite");
    g_pack_id = (*v1)->Meta().id;
  } else {
    WriteSource(work + "/src1", words, items, words_per_item, 0, 0);
    Build(work + "/src1", work + "/v1.sqlite", 1);
  }
  struct Case {
    const char* name;
    int stride;
    int version;
  };
  struct Row {
    const char* name;
    long long full, delta, content_delta, client, zsync, raw;
    double update_s;
    std::string how;  // what the client took, from its note
  };
  std::vector<Row> rows;
  // v1 is published once; each case publishes its version on a copy of that portal, and
  // the client installs v1 from the base portal, then updates from the copy.
  const std::string base_portal = work + "/portal-1";
  Publish(work + "/v1.sqlite", work + "/k.key", base_portal, level);
  for (Case c : {Case{"1% items", 100, 2}, Case{"10% items", 10, 3}}) {
    const std::string src = work + "/src" + std::to_string(c.version);
    const std::string pack = work + "/v" + std::to_string(c.version) + ".sqlite";
    if (!source.empty()) EditSource(source, src, words, c.stride, c.version);
    else WriteSource(src, words, items, words_per_item, c.stride, c.version);
    Build(src, pack, c.version);
    fs::remove_all(src);
    const std::string portal_dir = work + "/portal-" + std::to_string(c.version);
    fs::copy(base_portal, portal_dir, fs::copy_options::recursive);
    Publish(pack, work + "/k.key", portal_dir, level);
    auto m = portal::ParseManifest(
        [&] { std::ifstream in(portal_dir + "/v1/" + g_pack_id + "/manifest.json"); std::stringstream s; s << in.rdbuf(); return s.str(); }());
    Must(m.ok(), "manifest unreadable");
    const long long delta = m->deltas.empty() ? -1 : m->deltas[0].file.size;
    const long long content_delta = m->content_deltas.empty() ? -1 : m->content_deltas[0].file.size;
    const std::string data = work + "/data-" + std::to_string(c.version);
    kiosk::sync::RunReport first = RunClient(WriteConf(work + "/c1.conf", "file://" + base_portal, pub_line, data));
    Must(first.result == kiosk::sync::RunResult::Updated, "client did not install v1: " + first.error);
    auto t = Clock::now();
    kiosk::sync::RunReport up = RunClient(WriteConf(work + "/c2.conf", "file://" + portal_dir, pub_line, data));
    const double update_s = Seconds(t);
    Must(up.result == kiosk::sync::RunResult::Updated, "client did not update: " + up.error);
    fs::remove_all(data);
    const long long zs = ZsyncFetched(work, work + "/v1.sqlite", pack);
    const std::string how = up.note.find("content delta") != std::string::npos ? "content delta"
                            : up.used_delta                                   ? "pack delta"
                                                                              : "FULL pack";
    rows.push_back({c.name, static_cast<long long>(m->pack.size), delta, content_delta, static_cast<long long>(up.bytes),
                    zs, static_cast<long long>(m->raw_size), update_s, how});
  }
  std::printf("\n%-10s %10s %11s %11s %11s %11s %8s %11s %8s %9s  %s\n", "change", "raw pack", "full .zst",
              "pack delta", "content d.", "client got", "client%", "zsync got", "zsync%", "update s", "client took");
  for (const Row& r : rows)
    std::printf("%-10s %10lld %11lld %11lld %11lld %11lld %7.2f%% %11lld %7.1f%% %9.2f  %s\n", r.name, r.raw, r.full,
                r.delta, r.content_delta, r.client, 100.0 * r.client / r.full, r.zsync, 100.0 * r.zsync / r.full,
                r.update_s, r.how.c_str());
  std::printf("(client got: bytes kiosk-sync received incl. manifest and signature; zsync got: bytes nginx\n"
              " sent to zsync seeded with the old raw pack; %% of the full compressed pack; update s: the\n"
              " client's whole run, with the content stream, patch and rebuild of the pack)\n");

  // --- verify + install a large pack ---------------------------------------------
  if (install_mb > 0) {
    // Roughly 1.9 bytes of pack per byte of text (FTS index), ~7.5 bytes per word.
    const int big_items = 20000;
    const int big_words = std::max(10, static_cast<int>(install_mb * 1e6 / 1.9 / 7.5 / big_items));
    std::printf("\nlarge pack: %d items x %d words\n", big_items, big_words);
    g_pack_id = "vn-bench-sync";  // WriteSource's id
    WriteSource(work + "/big-src", words, big_items, big_words, 0, 0);
    Build(work + "/big-src", work + "/big.sqlite", 1);
    fs::remove_all(work + "/big-src");
    const std::string portal_dir = work + "/portal-big";
    Publish(work + "/big.sqlite", work + "/k.key", portal_dir, 3);
    const std::string data = work + "/data-big";
    auto t = Clock::now();
    kiosk::sync::RunReport r = RunClient(WriteConf(work + "/cb.conf", "file://" + portal_dir, pub_line, data));
    const double total = Seconds(t);
    Must(r.result == kiosk::sync::RunResult::Updated, "large install failed: " + r.error);
    // The parts, measured alone on the installed file.
    const std::string installed = data + "/current";
    t = Clock::now();
    auto sha = portal::Sha256File(installed);
    const double sha_s = Seconds(t);
    t = Clock::now();
    auto reader = pack::PackReader::Open(installed);
    Must(reader.ok(), "open failed");
    auto check = (*reader)->QuickCheck();
    const double check_s = Seconds(t);
    const std::string zst = portal_dir + "/v1/vn-bench-sync/packs/1.sqlite.zst";
    t = Clock::now();
    auto dec = portal::Decompress(zst, "", work + "/dec.sqlite", int64_t{1} << 40);
    const double dec_s = Seconds(t);
    fs::remove(work + "/dec.sqlite");
    std::printf("%-44s %8.1f MB\n", "raw pack", fs::file_size(work + "/big.sqlite") / 1e6);
    std::printf("%-44s %8.1f MB\n", "compressed (level 3)", fs::file_size(zst) / 1e6);
    std::printf("%-44s %8.2f s\n", "full run: copy+sha+decompress+sha+open+check", total);
    std::printf("%-44s %8.2f s\n", "  sha256 of the raw pack", sha_s);
    std::printf("%-44s %8.2f s\n", "  decompress (+sha256 while writing)", dec_s);
    std::printf("%-44s %8.2f s (%s)\n", "  open + PRAGMA quick_check", check_s, check.ok() ? "ok" : check.error().c_str());
    // What a content delta costs the kiosk on this pack besides the download: the stream
    // of the installed pack, then the pack rebuilt from the (patched) stream.
    reader->reset();
    t = Clock::now();
    auto stream = pack::WriteContentStream(installed, work + "/big.content");
    const double stream_s = Seconds(t);
    Must(stream.ok(), "content stream failed: " + (stream.ok() ? std::string() : stream.error()));
    t = Clock::now();
    auto rebuilt = pack::RebuildPack(work + "/big.content", work + "/big-rebuilt.sqlite");
    const double rebuild_s = Seconds(t);
    Must(rebuilt.ok(), "rebuild failed: " + (rebuilt.ok() ? std::string() : rebuilt.error()));
    std::printf("%-44s %8.1f MB\n", "content stream", stream->size / 1e6);
    std::printf("%-44s %8.2f s\n", "  content stream of the installed pack", stream_s);
    std::printf("%-44s %8.2f s (%s)\n", "  pack rebuilt from it (index derived)", rebuild_s,
                rebuilt->sha256 == *sha ? "same bytes" : "DIFFERENT bytes");
    fs::remove(work + "/big.content");
    fs::remove(work + "/big-rebuilt.sqlite");
  }
  if (!keep_work) fs::remove_all(work);
  return 0;
}
