// tests/bench/content-pack/gen_pack_source.cpp: `gen-pack-source`, a generator of large,
// realistic content sources (CONTENT-FORMAT.md) for benchmarking the pack builder and search.
//
//   gen-pack-source OUT_DIR [--procedures N] [--documents N] [--articles-per-document N]
//                   [--faqs N] [--seed S] [--small] [--images] [--dictionary FILE]
//
// Text is built from a real Vietnamese word list (Debian's hunspell-vi dictionary): words
// are drawn with Zipf-like frequencies (legal function words at the head, the dictionary's
// syllables and two-syllable compounds in the tail), sentences are 8-30 words, and real
// domain phrases (đăng ký khai sinh, chứng thực bản sao, ...) are sprinkled in so that
// realistic queries hit. Items have the structure real ones have: procedures with code,
// steps, fee, legal basis; legal documents with Chương / Điều / clauses / points; FAQs.
// The output depends only on the options and the dictionary: the same seed gives the same
// bytes.
//
// [SECTION] Options and text helpers
// [SECTION] Word list and Zipf sampler
// [SECTION] Text generator
// [SECTION] Items: procedures, documents, FAQs, images
// [SECTION] Main

#include <stb_image_write.h>
#include <utf8proc.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain_vocabulary.hpp"

namespace fs = std::filesystem;

namespace {

// [SECTION] Options and text helpers

struct GeneratorOptions {
  std::string out_dir;
  int64_t procedures = 2000;
  int64_t documents = 500;
  int64_t articles_per_document = 100;
  int64_t faqs = 20000;
  uint64_t seed = 1;
  bool images = false;  // write PNG forms (biểu mẫu) referenced by procedures
  std::string dictionary = "/usr/share/hunspell/vi_VN.dic";
};

// Marks a folder as ours, so a second run may replace it; the leading dot keeps the
// builder from reading it.
constexpr const char* kMarkerName = ".gen-pack-source";

void AppendUtf8(std::string& out, int32_t cp) {
  uint8_t buf[4];
  auto n = utf8proc_encode_char(cp, buf);
  out.append(reinterpret_cast<const char*>(buf), size_t(n));
}

// Maps every code point of S through MAP (utf8proc_toupper or _tolower).
std::string MapCase(std::string_view s, int32_t (*map)(int32_t), bool first_only = false) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  bool done = false;
  while (i < s.size()) {
    int32_t cp = 0;
    auto n = utf8proc_iterate(reinterpret_cast<const uint8_t*>(s.data()) + i,
                              utf8proc_ssize_t(s.size() - i), &cp);
    if (n <= 0) { out.push_back(s[i]); ++i; continue; }  // never happens on our own text
    AppendUtf8(out, done ? cp : map(cp));
    if (first_only) done = true;
    i += size_t(n);
  }
  return out;
}
std::string Upper(std::string_view s) { return MapCase(s, utf8proc_toupper); }
std::string Capitalize(std::string_view s) { return MapCase(s, utf8proc_toupper, true); }

std::string Nfc(std::string_view s) {
  uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const uint8_t*>(s.data()), utf8proc_ssize_t(s.size()),
                        &out, utf8proc_option_t(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  if (n < 0) return std::string(s);
  std::string r(reinterpret_cast<char*>(out), size_t(n));
  std::free(out);
  return r;
}

// "Hộ tịch" -> "ho-tich": folder names authors would choose.
std::string Slug(std::string_view s) {
  uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const uint8_t*>(s.data()), utf8proc_ssize_t(s.size()),
                        &out, utf8proc_option_t(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
                                                UTF8PROC_CASEFOLD));
  std::string folded = n < 0 ? std::string(s) : std::string(reinterpret_cast<char*>(out), size_t(n));
  std::free(out);
  std::string slug;
  for (size_t i = 0; i < folded.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(folded[i]);
    if (c == 0xC4 && i + 1 < folded.size() && static_cast<unsigned char>(folded[i + 1]) == 0x91) {
      slug.push_back('d');  // đ has no decomposition
      ++i;
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      slug.push_back(char(c));
    } else if (!slug.empty() && slug.back() != '-') {
      slug.push_back('-');
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

// A YAML double-quoted scalar: safe for any text we make (colons, '#', leading digits).
std::string Quote(std::string_view s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q.push_back('\\');
    q.push_back(c);
  }
  q.push_back('"');
  return q;
}

std::string Pad(int64_t n, int width) {
  std::string s = std::to_string(n);
  if (int(s.size()) < width) s.insert(0, size_t(width) - s.size(), '0');
  return s;
}

std::string Roman(int n) {
  static const std::pair<int, const char*> table[] = {{1000, "M"}, {900, "CM"}, {500, "D"},
      {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"},
      {5, "V"}, {4, "IV"}, {1, "I"}};
  std::string r;
  for (auto& [value, digits] : table)
    while (n >= value) { r += digits; n -= value; }
  return r;
}

struct Date { int year, month, day; };
std::string FormatDate(Date d) {
  return Pad(d.year, 4) + "-" + Pad(d.month, 2) + "-" + Pad(d.day, 2);
}
Date RandomDate(bench::Random& rng, int from_year, int to_year) {
  return {int(rng.Range(from_year, to_year)), int(rng.Range(1, 12)), int(rng.Range(1, 28))};
}
Date AddMonths(Date d, int months) {
  int m = d.month - 1 + months;
  return {d.year + m / 12, m % 12 + 1, d.day};
}

// [SECTION] Word list and Zipf sampler

// Reads a hunspell .dic: first line is the entry count, entries may carry "/FLAGS".
// Keeps lower-case entries only: the capitalised ones are acronyms and names (HTML, UBND).
std::optional<std::vector<std::string>> LoadDictionary(const std::string& path, std::string& error) {
  std::ifstream in(path);
  if (!in) { error = "cannot open word list " + path; return std::nullopt; }
  std::vector<std::string> words;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (first) { first = false; continue; }  // the count
    auto slash = line.find('/');
    if (slash != std::string::npos) line.resize(slash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    if (line.empty()) continue;
    std::string word = Nfc(line);
    if (MapCase(word, utf8proc_tolower) != word) continue;
    words.push_back(std::move(word));
  }
  if (words.size() < 100) {
    error = "word list " + path + " has only " + std::to_string(words.size()) + " usable words";
    return std::nullopt;
  }
  return words;
}

// Draws words with probability proportional to 1 / (rank + q)^s (Zipf-Mandelbrot), the
// shape of word frequencies in real text.
class ZipfLexicon {
 public:
  ZipfLexicon(std::vector<std::string> words, double s = 1.05, double q = 2.7)
      : words_(std::move(words)) {
    cumulative_.reserve(words_.size());
    double total = 0;
    for (size_t r = 0; r < words_.size(); ++r) {
      total += 1.0 / std::pow(double(r) + q, s);
      cumulative_.push_back(total);
    }
  }
  const std::string& Draw(bench::Random& rng) const {
    double x = rng.Unit() * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
    size_t i = std::min(size_t(it - cumulative_.begin()), words_.size() - 1);
    return words_[i];
  }
  size_t Size() const { return words_.size(); }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

// The ranking: legal function words first, then dictionary syllables and compounds of
// two of them, shuffled by the seed so the tail differs between seeds.
ZipfLexicon MakeLexicon(const std::vector<std::string>& syllables, bench::Random& rng) {
  std::vector<std::string> tail = syllables;
  size_t compounds = syllables.size() / 2;
  for (size_t i = 0; i < compounds; ++i)
    tail.push_back(rng.Pick(syllables) + " " + rng.Pick(syllables));
  for (size_t i = tail.size(); i > 1; --i) std::swap(tail[i - 1], tail[size_t(rng.Next() % i)]);
  std::vector<std::string> ranked;
  for (auto w : bench::CommonWords()) ranked.emplace_back(w);
  ranked.insert(ranked.end(), tail.begin(), tail.end());
  return ZipfLexicon(std::move(ranked));
}

// [SECTION] Text generator

class TextGenerator {
 public:
  TextGenerator(const ZipfLexicon& lexicon, bench::Random& rng) : lexicon_(lexicon), rng_(rng) {}

  // A phrase of FIELD (the head phrase most often), or of any field now and then.
  std::string Phrase(const bench::DomainField& field) {
    const auto& f = rng_.Chance(0.8) ? field : rng_.Pick(bench::DomainFields());
    size_t i = rng_.Chance(0.35) ? 0 : size_t(rng_.Next() % f.phrases.size());
    return std::string(f.phrases[i]);
  }

  std::string Words(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      if (i) s.push_back(' ');
      s += lexicon_.Draw(rng_);
    }
    return s;
  }

  // 8-30 words, a domain phrase in about a third of them, a comma now and then.
  std::string Sentence(const bench::DomainField& field, char end = '.') {
    int n = int(rng_.Range(8, 30));
    int phrase_at = rng_.Chance(0.35) ? int(rng_.Range(0, n - 1)) : -1;
    std::string s;
    for (int i = 0; i < n; ++i) {
      if (i) s += (rng_.Chance(0.06) && i + 2 < n) ? ", " : " ";
      if (i == phrase_at) { s += Phrase(field); continue; }
      s += lexicon_.Draw(rng_);
    }
    s = Capitalize(s);
    s.push_back(end);
    return s;
  }

  std::string Paragraph(const bench::DomainField& field, int min_sentences, int max_sentences) {
    int n = int(rng_.Range(min_sentences, max_sentences));
    std::string p;
    for (int i = 0; i < n; ++i) {
      if (i) p.push_back(' ');
      p += Sentence(field);
    }
    return p;
  }

  bench::Random& Rng() { return rng_; }

 private:
  const ZipfLexicon& lexicon_;
  bench::Random& rng_;
};

// [SECTION] Items: procedures, documents, FAQs, images

// Fields are not equally busy: hộ tịch and chứng thực make most of a commune's work.
const bench::DomainField& PickField(bench::Random& rng) {
  const auto& fields = bench::DomainFields();
  if (rng.Chance(0.30)) return fields[0];
  if (rng.Chance(0.20)) return fields[1];
  return rng.Pick(fields);
}

struct DocumentRef {
  std::string id, kind, number, title;
};

class SourceWriter {
 public:
  SourceWriter(const GeneratorOptions& options, const ZipfLexicon& lexicon)
      : options_(options), rng_(options.seed * 0x2545F4914F6CDD1Dull + 17), text_(lexicon, rng_) {}

  bool Run(std::string& error) {
    if (!PrepareDir(error)) return false;
    WriteFile("pack.yaml",
              "id: bench-tu-phap\n"
              "title: \"Tủ sách pháp luật điện tử (dữ liệu đo hiệu năng)\"\n"
              "publisher: \"Sở Tư pháp tỉnh Hậu Giang\"\n"
              "language: vi\n");
    WriteFile(kMarkerName, "seed " + std::to_string(options_.seed) + "\n");
    if (options_.images && !WriteImages(error)) return false;
    // Documents first: procedures and FAQs cite them.
    for (int64_t i = 0; i < options_.documents; ++i) WriteDocument(i);
    for (int64_t i = 0; i < options_.procedures; ++i) WriteProcedure(i);
    for (int64_t i = 0; i < options_.faqs; ++i) WriteFaq(i);
    if (!write_error_.empty()) { error = write_error_; return false; }
    return true;
  }

  int64_t Files() const { return files_; }
  int64_t Bytes() const { return bytes_; }

 private:
  bool PrepareDir(std::string& error) {
    fs::path out(options_.out_dir);
    std::error_code ec;
    if (fs::exists(out, ec)) {
      if (!fs::is_directory(out, ec)) {
        error = options_.out_dir + " exists and is not a folder";
        return false;
      }
      bool empty = fs::directory_iterator(out, ec) == fs::directory_iterator();
      if (!empty && !fs::exists(out / kMarkerName, ec)) {
        error = options_.out_dir + " is not empty and was not made by gen-pack-source; "
                "refusing to replace it";
        return false;
      }
      fs::remove_all(out, ec);
      if (ec) { error = "cannot clear " + options_.out_dir + ": " + ec.message(); return false; }
    }
    fs::create_directories(out, ec);
    if (ec) { error = "cannot create " + options_.out_dir + ": " + ec.message(); return false; }
    return true;
  }

  void WriteFile(const std::string& relative, const std::string& content) {
    fs::path path = fs::path(options_.out_dir) / relative;
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary);
    out << content;
    out.close();
    if (!out && write_error_.empty()) write_error_ = "cannot write " + path.string();
    ++files_;
    bytes_ += int64_t(content.size());
  }

  bool WriteImages(std::string& error) {
    int64_t count = std::clamp<int64_t>(options_.procedures / 50, 1, 200);
    const int width = 240, height = 340;
    for (int64_t i = 0; i < count; ++i) {
      // A blank form: white page, a coloured title bar, ruled lines to fill in.
      std::vector<uint8_t> pixels(size_t(width * height * 3), 255);
      uint8_t tint = uint8_t(rng_.Range(60, 200));
      for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
          uint8_t* p = &pixels[size_t((y * width + x) * 3)];
          if (y >= 12 && y < 36 && x >= 12 && x < width - 12) { p[0] = 30; p[1] = tint; p[2] = 140; }
          else if (y > 50 && (y - 50) % 22 == 0 && x >= 20 && x < width - 20) { p[0] = p[1] = p[2] = 150; }
        }
      std::string relative = "bieu-mau/mau-" + Pad(i + 1, 3) + ".png";
      fs::path path = fs::path(options_.out_dir) / relative;
      std::error_code ec;
      fs::create_directories(path.parent_path(), ec);
      if (!stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3)) {
        error = "cannot write image " + path.string();
        return false;
      }
      images_.push_back(relative);
      ++files_;
      bytes_ += int64_t(fs::file_size(path, ec));
    }
    return true;
  }

  std::string Keywords(const std::vector<std::string>& words) {
    std::string s = "keywords:\n";
    for (auto& w : words) s += "  - " + Quote(w) + "\n";
    return s;
  }

  void WriteProcedure(int64_t index) {
    static const char* qualifiers[] = {"có yếu tố nước ngoài", "lưu động",
        "cho người đã có hồ sơ, giấy tờ cá nhân", "tại Ủy ban nhân dân cấp xã", "trực tuyến",
        "liên thông", "kết hợp", "cho trẻ em bị bỏ rơi", "ở khu vực biên giới",
        "cho công dân Việt Nam cư trú ở nước ngoài"};
    static const char* levels[] = {"Cấp xã", "Cấp xã", "Cấp xã", "Cấp huyện", "Cấp tỉnh"};
    static const char* agencies[] = {"Ủy ban nhân dân cấp xã", "Ủy ban nhân dân cấp xã",
        "Ủy ban nhân dân cấp xã", "Phòng Tư pháp cấp huyện", "Sở Tư pháp"};
    static const char* times[] = {"Ngay trong ngày tiếp nhận hồ sơ", "03 ngày làm việc",
        "05 ngày làm việc", "10 ngày làm việc", "15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ",
        "Trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả ngay trong ngày làm việc tiếp theo"};
    static const char* fees[] = {"Miễn lệ phí", "Không", "8.000 đồng/bản", "10.000 đồng/trang",
        "50.000 đồng/trường hợp", "200.000 đồng/hồ sơ", "Lệ phí 1.000.000 đồng"};
    static const char* paper_names[] = {"Tờ khai theo mẫu", "Giấy chứng sinh",
        "Bản chính giấy tờ cần chứng thực", "Giấy tờ tùy thân có ảnh", "Văn bản ủy quyền",
        "Giấy xác nhận tình trạng hôn nhân", "Bản sao giấy khai sinh", "Giấy tờ chứng minh nơi cư trú",
        "Đơn đề nghị", "Ảnh chân dung 4x6 cm", "Trích lục bản án", "Giấy chứng nhận quyền sử dụng đất"};

    const auto& field = PickField(rng_);
    int level_index = int(rng_.Range(0, 4));
    std::string phrase = text_.Phrase(field);
    std::string title = Capitalize(phrase);
    if (rng_.Chance(0.6)) title += std::string(" ") + qualifiers[rng_.Next() % std::size(qualifiers)];
    if (rng_.Chance(0.5)) title += " đối với " + text_.Words(int(rng_.Range(2, 4)));

    std::string id = "tt-" + Pad(index + 1, 5);
    std::string code = "1." + Pad(1000 + index, 6);
    std::string y = "---\ntype: procedure\nid: " + id + "\ntitle: " + Quote(title) +
                    "\nfield: " + Quote(field.name) + "\n";
    y += Keywords({phrase, "thủ tục " + phrase, std::string(rng_.Pick(bench::QueryExtras()))});
    y += "updated: " + FormatDate(RandomDate(rng_, 2021, 2025)) + "\n";
    y += "code: " + Quote(code) + "\nlevel: " + Quote(levels[level_index]) +
         "\nagency: " + Quote(agencies[level_index]) +
         "\napplicants: " + Quote(rng_.Chance(0.5) ? "Cá nhân" : "Cá nhân, tổ chức") +
         "\nprocessing_time: " + Quote(times[rng_.Next() % std::size(times)]) +
         "\nfee: " + Quote(fees[rng_.Next() % std::size(fees)]) +
         "\nresult: " + Quote(Capitalize(text_.Words(int(rng_.Range(3, 7))))) + "\n";
    y += "channels:\n";
    y += "  - how: \"Trực tiếp\"\n    time: \"Sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ\"\n    fee: \"Theo quy định\"\n";
    if (rng_.Chance(0.6))
      y += "  - how: \"Trực tuyến\"\n    time: \"Bất kỳ lúc nào\"\n    fee: \"Giảm 50% lệ phí\"\n    note: " +
           Quote(text_.Sentence(field)) + "\n";
    if (rng_.Chance(0.4)) y += "  - how: \"Dịch vụ bưu chính\"\n    time: \"Trong giờ hành chính\"\n";
    y += "documents:\n";
    int papers = int(rng_.Range(1, 5));
    for (int i = 0; i < papers; ++i) {
      y += "  - name: " + Quote(std::string(paper_names[rng_.Next() % std::size(paper_names)]) +
                                " " + text_.Words(int(rng_.Range(0, 3)))) + "\n";
      if (!images_.empty() && i == 0) y += "    form: " + Quote(rng_.Pick(images_)) + "\n";
      y += "    copies: " + Quote(rng_.Chance(0.5) ? "01 bản chính" : "01 bản sao") + "\n";
    }
    y += "steps:\n";
    int steps = int(rng_.Range(3, 6));
    for (int i = 0; i < steps; ++i)
      y += "  - " + Quote("Bước " + std::to_string(i + 1) + ": " + text_.Sentence(field)) + "\n";
    int requirements = int(rng_.Range(0, 3));
    if (requirements) {
      y += "requirements:\n";
      for (int i = 0; i < requirements; ++i) y += "  - " + Quote(text_.Sentence(field)) + "\n";
    }
    y += "legal_basis:\n";
    int bases = int(rng_.Range(1, 3));
    for (int i = 0; i < bases; ++i) {
      if (!documents_.empty() && rng_.Chance(0.7)) y += "  - " + documents_[rng_.Next() % documents_.size()].id + "\n";
      else y += "  - " + Quote("Luật " + std::string(field.name) + " số " +
                              std::to_string(rng_.Range(10, 99)) + "/20" + Pad(rng_.Range(5, 24), 2) + "/QH" +
                              std::to_string(rng_.Range(11, 15))) + "\n";
    }
    y += "online_url: " + Quote("https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=" + code) + "\n";
    y += "---\n\n";
    y += text_.Paragraph(field, 2, 4) + "\n\n";
    if (rng_.Chance(0.5)) y += "## Lưu ý\n\n" + text_.Paragraph(field, 1, 3) + "\n";
    WriteFile("thu-tuc/" + Slug(field.name) + "/" + id + ".md", y);
  }

  void WriteDocument(int64_t index) {
    struct Kind { const char* name; const char* suffix; const char* issuer; double weight; };
    static const Kind kinds[] = {
        {"Luật", "QH", "Quốc hội", 0.05}, {"Nghị định", "NĐ-CP", "Chính phủ", 0.20},
        {"Thông tư", "TT-BTP", "Bộ Tư pháp", 0.30}, {"Nghị quyết", "NQ-HĐND", "Hội đồng nhân dân tỉnh Hậu Giang", 0.15},
        {"Quyết định", "QĐ-UBND", "Ủy ban nhân dân tỉnh Hậu Giang", 0.30}};
    double x = rng_.Unit();
    const Kind* kind = &kinds[0];
    for (auto& k : kinds) { if (x < k.weight) { kind = &k; break; } x -= k.weight; kind = &k; }
    const auto& field = PickField(rng_);
    Date issued = RandomDate(rng_, 2008, 2024);
    std::string suffix = kind->suffix;
    if (suffix == "QH") suffix += std::to_string(12 + (issued.year - 2007) / 5);
    std::string number = std::to_string(index % 180 + 1) + "/" + std::to_string(issued.year) + "/" + suffix;

    std::string title;
    std::string phrase = text_.Phrase(field);
    switch (rng_.Next() % 4) {
      case 0: title = std::string(kind->name) + " " + std::string(field.name); break;
      case 1: title = std::string(kind->name) + " quy định chi tiết một số điều và biện pháp thi hành Luật " + std::string(field.name); break;
      case 2: title = std::string(kind->name) + " hướng dẫn " + phrase; break;
      default: title = std::string(kind->name) + " sửa đổi, bổ sung một số điều về " + phrase + " và " + text_.Words(2); break;
    }
    if (std::string_view(kind->name) == "Luật") title = "Luật " + std::string(field.name);
    std::string id = "vb-" + Pad(index + 1, 4);
    documents_.push_back({id, kind->name, number, title});

    static const char* statuses[] = {"Còn hiệu lực", "Còn hiệu lực", "Còn hiệu lực",
                                     "Hết hiệu lực một phần", "Hết hiệu lực toàn bộ"};
    std::string y = "---\ntype: document\nid: " + id + "\ntitle: " + Quote(title) +
                    "\nfield: " + Quote(field.name) + "\nnumber: " + Quote(number) +
                    "\nkind: " + Quote(kind->name) + "\nissuer: " + Quote(kind->issuer) +
                    "\nissued: " + FormatDate(issued) +
                    "\neffective: " + FormatDate(AddMonths(issued, int(rng_.Range(1, 6)))) +
                    "\nstatus: " + Quote(statuses[rng_.Next() % std::size(statuses)]) + "\n---\n\n";
    y += DocumentBody(field, options_.articles_per_document);
    WriteFile("van-ban/" + Slug(kind->name) + "/" + id + ".md", y);
  }

  // Chương (Roman numerals) with an upper-case title, Điều N. Title, clauses "1.", points
  // "a)". Half the documents use Markdown headings, half plain paragraphs: real documents
  // arrive both ways.
  std::string DocumentBody(const bench::DomainField& field, int64_t articles) {
    static const char* point_letters[] = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"};
    static const char* first_articles[] = {"Phạm vi điều chỉnh", "Đối tượng áp dụng", "Giải thích từ ngữ"};
    static const char* article_heads[] = {"Thẩm quyền", "Hồ sơ", "Trình tự", "Thời hạn",
        "Lệ phí", "Điều kiện", "Trách nhiệm của cơ quan", "Quyền và nghĩa vụ khi", "Thủ tục"};
    bool headings = rng_.Chance(0.5);
    int64_t chapters = std::clamp<int64_t>(articles / 12, 1, 12);
    std::string body = "Căn cứ " + MapCase(text_.Sentence(field, ';'), utf8proc_tolower, true) + "\n\n";
    int64_t article = 0;
    for (int64_t c = 0; c < chapters; ++c) {
      std::string chapter_title;
      if (c == 0) chapter_title = "NHỮNG QUY ĐỊNH CHUNG";
      else if (c == chapters - 1 && chapters > 2) chapter_title = "ĐIỀU KHOẢN THI HÀNH";
      else chapter_title = Upper(rng_.Chance(0.6) ? text_.Phrase(field) : text_.Words(int(rng_.Range(2, 5))));
      std::string label = "Chương " + Roman(int(c + 1));
      body += headings ? "## " + label + "\n\n" + chapter_title + "\n\n" : label + "\n" + chapter_title + "\n\n";
      int64_t end = (c == chapters - 1) ? articles : articles * (c + 1) / chapters;
      for (; article < end; ++article) {
        std::string article_title;
        if (article < 3) article_title = first_articles[article];
        else if (rng_.Chance(0.5)) article_title = std::string(article_heads[rng_.Next() % std::size(article_heads)]) + " " + text_.Phrase(field);
        else article_title = Capitalize(text_.Words(int(rng_.Range(3, 8))));
        std::string head = "Điều " + std::to_string(article + 1) + ". " + article_title;
        body += headings ? "### " + head + "\n\n" : head + "\n\n";
        int clauses = int(rng_.Range(1, 4));
        if (clauses == 1) { body += text_.Paragraph(field, 1, 3) + "\n\n"; continue; }
        for (int k = 0; k < clauses; ++k) {
          int points = rng_.Chance(0.4) ? int(rng_.Range(2, 5)) : 0;
          std::string clause = text_.Sentence(field, points ? ':' : '.');
          if (!points && rng_.Chance(0.4)) clause += " " + text_.Sentence(field);
          body += std::to_string(k + 1) + ". " + clause + "\n\n";
          for (int p = 0; p < points; ++p)
            body += std::string(point_letters[p]) + ") " +
                    MapCase(text_.Sentence(field, p + 1 == points ? '.' : ';'), utf8proc_tolower, true) + "\n\n";
        }
      }
    }
    return body;
  }

  void WriteFaq(int64_t index) {
    const auto& field = PickField(rng_);
    std::string p = text_.Phrase(field);
    std::string title;
    switch (rng_.Next() % 10) {
      case 0: title = "Thủ tục " + p + " cần những giấy tờ gì?"; break;
      case 1: title = Capitalize(p) + " ở đâu?"; break;
      case 2: title = "Lệ phí " + p + " là bao nhiêu?"; break;
      case 3: title = "Có thể " + p + " trực tuyến không?"; break;
      case 4: title = "Thời hạn " + p + " là bao lâu?"; break;
      case 5: title = "Ai có thẩm quyền " + p + "?"; break;
      case 6: title = "Tôi muốn " + p + " thì phải làm thế nào?"; break;
      case 7: title = "Trường hợp " + text_.Words(int(rng_.Range(3, 6))) + " có được " + p + " không?"; break;
      default: title = "Xin hỏi " + text_.Words(int(rng_.Range(6, 12))) + "?"; break;
    }
    std::string id = "hd-" + Pad(index + 1, 5);
    std::string y = "---\ntype: faq\nid: " + id + "\ntitle: " + Quote(title) +
                    "\nfield: " + Quote(field.name) + "\n";
    if (rng_.Chance(0.3)) y += Keywords({p});
    y += "---\n\n";
    if (!documents_.empty()) {
      const auto& d = documents_[rng_.Next() % documents_.size()];
      y += "Theo quy định tại Điều " + std::to_string(rng_.Range(1, std::max<int64_t>(1, options_.articles_per_document))) +
           " " + d.kind + " số " + d.number + ", " +
           MapCase(text_.Sentence(field), utf8proc_tolower, true) + "\n\n";
    }
    int paragraphs = int(rng_.Range(1, 4));
    for (int i = 0; i < paragraphs; ++i) y += text_.Paragraph(field, 1, 3) + "\n\n";
    WriteFile("hoi-dap/" + Pad(index / 1000, 2) + "/" + id + ".md", y);
  }

  const GeneratorOptions& options_;
  bench::Random rng_;
  TextGenerator text_;
  std::vector<DocumentRef> documents_;
  std::vector<std::string> images_;
  std::string write_error_;
  int64_t files_ = 0;
  int64_t bytes_ = 0;
};

// [SECTION] Main

constexpr const char* kUsage =
    "usage: gen-pack-source OUT_DIR [--procedures N] [--documents N]\n"
    "                       [--articles-per-document N] [--faqs N] [--seed S]\n"
    "                       [--small] [--images] [--dictionary FILE]\n"
    "  defaults: 2000 procedures, 500 documents of 100 articles, 20000 FAQs, seed 1\n"
    "  --small   a quick preset: 60 procedures, 8 documents of 20 articles, 300 FAQs\n"
    "  --images  also write PNG forms (biểu mẫu) that procedures reference\n"
    "  OUT_DIR is replaced when an earlier run of this tool made it\n";

bool ParseCount(const std::string& text, int64_t max, int64_t& out) {
  if (text.empty() || text.size() > 12) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  if (v > max) return false;
  out = v;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  GeneratorOptions options;
  std::vector<std::string> args(argv + 1, argv + argc);
  // --small first, so explicit sizes given with it win whatever their order.
  if (std::find(args.begin(), args.end(), "--small") != args.end()) {
    options.procedures = 60;
    options.documents = 8;
    options.articles_per_document = 20;
    options.faqs = 300;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto count = [&](int64_t max, int64_t& out) {
      if (i + 1 >= args.size() || !ParseCount(args[i + 1], max, out)) {
        std::cerr << "gen-pack-source: " << a << " needs a whole number up to " << max << "\n";
        std::exit(2);
      }
      ++i;
    };
    int64_t seed = 0;
    if (a == "--procedures") count(1'000'000, options.procedures);
    else if (a == "--documents") count(100'000, options.documents);
    else if (a == "--articles-per-document") count(10'000, options.articles_per_document);
    else if (a == "--faqs") count(10'000'000, options.faqs);
    else if (a == "--seed") { count(INT64_MAX / 10, seed); options.seed = uint64_t(seed); }
    else if (a == "--small") {}
    else if (a == "--images") options.images = true;
    else if (a == "--dictionary") {
      if (i + 1 >= args.size()) { std::cerr << "gen-pack-source: --dictionary needs a file\n"; return 2; }
      options.dictionary = args[++i];
    } else if (a == "-h" || a == "--help") { std::cout << kUsage; return 0; }
    else if (!a.empty() && a[0] == '-') { std::cerr << "gen-pack-source: unknown option " << a << "\n" << kUsage; return 2; }
    else if (options.out_dir.empty()) options.out_dir = a;
    else { std::cerr << "gen-pack-source: more than one OUT_DIR (" << a << ")\n" << kUsage; return 2; }
  }
  if (options.out_dir.empty()) { std::cerr << kUsage; return 2; }
  if (options.articles_per_document < 1) options.articles_per_document = 1;

  auto start = std::chrono::steady_clock::now();
  std::string error;
  auto syllables = LoadDictionary(options.dictionary, error);
  if (!syllables) { std::cerr << "gen-pack-source: " << error << "\n"; return 1; }
  bench::Random lexicon_rng(options.seed);
  ZipfLexicon lexicon = MakeLexicon(*syllables, lexicon_rng);

  SourceWriter writer(options, lexicon);
  if (!writer.Run(error)) { std::cerr << "gen-pack-source: " << error << "\n"; return 1; }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("gen-pack-source: %s: %lld procedures, %lld documents x %lld articles, %lld FAQs%s; "
              "%lld files, %.1f MB of text, seed %llu, %zu words in the lexicon, %.1f s\n",
              options.out_dir.c_str(), (long long)options.procedures, (long long)options.documents,
              (long long)options.articles_per_document, (long long)options.faqs,
              options.images ? ", with form images" : "", (long long)writer.Files(),
              double(writer.Bytes()) / 1e6, (unsigned long long)options.seed, lexicon.Size(), seconds);
  return 0;
}
