// The font atlas cache (touchui::FontSet::BuildCached, SaveFontAtlas, LoadFontAtlas):
// a cached atlas is the built one, glyph for glyph and pixel for pixel; a stale, cut,
// damaged or forged file is refused with its reason and never used.
#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "imgui_harness.hpp"
#include "touch-ui/fonts.hpp"

namespace fs = std::filesystem;
using touchui::FontPaths;
using touchui::FontSet;
using touchui::TextSize;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/font-cache-test-XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// What an atlas draws with: every font's metrics and glyphs, the UVs and the pixels.
struct AtlasImage {
  int width = 0, height = 0;
  std::vector<unsigned char> pixels;
  ImVec2 white;
  std::vector<float> lines, fonts;
  float body_px = 0;
  explicit AtlasImage(const FontSet& set) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    unsigned char* p = nullptr;
    atlas->GetTexDataAsAlpha8(&p, &width, &height);
    REQUIRE(p != nullptr);
    pixels.assign(p, p + (size_t)width * height);
    white = atlas->TexUvWhitePixel;
    for (const ImVec4& l : atlas->TexUvLines) lines.insert(lines.end(), {l.x, l.y, l.z, l.w});
    for (const ImFont* f : {set.body, set.bold, set.italic, set.heading, set.title, set.huge}) {
      REQUIRE(f != nullptr);
      fonts.insert(fonts.end(), {f->FontSize, f->Ascent, f->Descent, (float)f->FallbackChar, (float)f->EllipsisChar,
                                 (float)f->DotChar, (float)f->Glyphs.Size, f->FallbackAdvanceX});
      for (const ImFontGlyph& g : f->Glyphs)
        fonts.insert(fonts.end(), {(float)g.Codepoint, (float)g.Visible, (float)g.Colored, g.AdvanceX, g.X0, g.Y0,
                                   g.X1, g.Y1, g.U0, g.V0, g.U1, g.V1});
      for (float a : f->IndexAdvanceX) fonts.push_back(a);
    }
    body_px = set.body_px;
  }
};

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void WriteAll(const fs::path& p, const std::string& data) { std::ofstream(p, std::ios::binary | std::ios::trunc) << data; }

// The file's FNV-1a 64 trailer, recomputed: a forged file passes the checksum and must
// be refused by its contents.
std::string Reseal(std::string body) {
  body.resize(body.size() - 8);
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ull;
  }
  body.append(reinterpret_cast<const char*>(&h), 8);
  return body;
}

}  // namespace

TEST_CASE("a cached font atlas is the built one, glyph for glyph and pixel for pixel") {
  ImGuiHarness h;
  TempDir dir;
  const std::string cache = (dir.path / "cache").string();
  FontSet built;
  std::string error, note;
  REQUIRE_MESSAGE(built.BuildCached(FontPaths{}, 1.f, TextSize::Normal, cache, &error, &note), error);
  CHECK(note.find("built (") != std::string::npos);
  CHECK(note.find("no cache yet") != std::string::npos);
  CHECK(note.find("cached in") != std::string::npos);
  const AtlasImage fresh(built);
  const std::string file = touchui::FontAtlasCachePath(cache, 1.f, TextSize::Normal);
  REQUIRE(fs::exists(file));
  const ImVec2 text = built.body->CalcTextSizeA(built.body->FontSize, 1e9f, 0, "Đăng ký khai sinh cho trẻ em");

  ImGui::GetIO().Fonts->Clear();
  FontSet cached;
  REQUIRE_MESSAGE(cached.BuildCached(FontPaths{}, 1.f, TextSize::Normal, cache, &error, &note), error);
  CHECK(note == "font atlas read from " + file);
  const AtlasImage loaded(cached);
  CHECK(loaded.width == fresh.width);
  CHECK(loaded.height == fresh.height);
  CHECK(loaded.pixels == fresh.pixels);
  CHECK(loaded.white.x == fresh.white.x);
  CHECK(loaded.white.y == fresh.white.y);
  CHECK(loaded.lines == fresh.lines);
  CHECK(loaded.fonts == fresh.fonts);
  CHECK(loaded.body_px == fresh.body_px);
  CHECK(ImGui::GetIO().FontDefault == cached.body);
  const ImVec2 again = cached.body->CalcTextSizeA(cached.body->FontSize, 1e9f, 0, "Đăng ký khai sinh cho trẻ em");
  CHECK(again.x == text.x);
  CHECK(again.y == text.y);
  // A frame draws with it.
  touchui::TouchInput input;
  h.Frame(input, 0, [&] { ImGui::TextUnformatted("Đăng ký khai sinh"); });
}

TEST_CASE("the atlas cache key names the font files, scale and text size") {
  ImGuiHarness h;
  TempDir dir;
  const fs::path font = dir.path / "regular.ttf";
  fs::copy_file(FontPaths{}.regular, font);
  FontPaths paths;
  paths.regular = font.string();
  const std::string key = touchui::FontAtlasKey(paths, 1.f, TextSize::Normal);
  CHECK(key == touchui::FontAtlasKey(paths, 1.f, TextSize::Normal));
  CHECK(key != touchui::FontAtlasKey(paths, 1.25f, TextSize::Normal));
  CHECK(key != touchui::FontAtlasKey(paths, 1.f, TextSize::Large));
  CHECK(key != touchui::FontAtlasKey(FontPaths{}, 1.f, TextSize::Normal));
  // The same path with a new file (a font package update) is another key.
  fs::remove(font);
  fs::copy_file(FontPaths{}.bold, font);
  CHECK(key != touchui::FontAtlasKey(paths, 1.f, TextSize::Normal));
  CHECK(touchui::FontAtlasCachePath("/d", 1.f, TextSize::Large) != touchui::FontAtlasCachePath("/d", 1.f, TextSize::Normal));
}

TEST_CASE("a stale, cut, damaged or forged atlas cache is refused with its reason and rebuilt") {
  ImGuiHarness h;
  TempDir dir;
  const std::string cache = (dir.path / "cache").string();
  FontSet set;
  std::string error, note;
  REQUIRE_MESSAGE(set.BuildCached(FontPaths{}, 1.f, TextSize::Normal, cache, &error, &note), error);
  const AtlasImage fresh(set);
  const std::string file = touchui::FontAtlasCachePath(cache, 1.f, TextSize::Normal);
  const std::string good = ReadAll(file);
  const std::string key = touchui::FontAtlasKey(FontPaths{}, 1.f, TextSize::Normal);
  REQUIRE(good.size() > 4096);

  // The offset of the texture width: magic, format, key length, key.
  const size_t width_at = 8 + 4 + 4 + key.size();
  auto forged = [&](size_t at, uint32_t value) {
    std::string s = good;
    std::memcpy(&s[at], &value, 4);
    return Reseal(s);
  };
  struct Case {
    const char* name;
    std::string data;
    const char* reason;
  };
  std::string flipped = good;
  flipped[good.size() / 2] ^= 0x40;
  std::string other_key = good;
  other_key[8 + 4 + 4 + 3] ^= 1;  // inside the key text
  const std::vector<Case> cases = {
      {"empty", "", "not a regular file"},
      {"a few bytes", "KIOSKFNT", "too short"},
      {"cut in half", good.substr(0, good.size() / 2), "checksum mismatch"},
      {"one byte short", good.substr(0, good.size() - 1), "checksum mismatch"},
      {"a flipped byte", flipped, "checksum mismatch"},
      {"another file type", Reseal(std::string("NOTAFONT") + good.substr(8)), "not an atlas cache"},
      {"another format version", forged(8, 99), "another version"},
      {"made for other fonts", Reseal(other_key), "other font files"},
      {"a huge key length", forged(12, 0x7fffffff), "damaged key"},
      {"a huge texture", forged(width_at, 1u << 20), "texture size out of range"},
      {"a negative texture side", forged(width_at + 4, 0xffffffffu), "texture size out of range"},
      {"a wrong texture width", forged(width_at, 512), "wrong size"},
      {"NaN texture coordinates", forged(width_at + 8, 0x7fc00000u), "texture coordinates"},
      {"a huge font count", forged(width_at + 8 + 4 * 4 + 64 * 16, 100000), "font count"},
      {"an unknown font role", forged(width_at + 8 + 4 * 4 + 64 * 16 + 4, 77), "font roles"},
      {"a huge glyph count", forged(width_at + 8 + 4 * 4 + 64 * 16 + 4 + 4 + 12 + 12, 0xfffffff0u), "glyph count"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    WriteAll(file, c.data);
    FontSet probe = set;
    std::string why;
    CHECK_FALSE(touchui::LoadFontAtlas(file, key, 1.f, TextSize::Normal, &probe, &why));
    CHECK_MESSAGE(why.find(c.reason) != std::string::npos, why);
    CHECK(why.find(file) == 0);
    // Refused before anything changed: the fonts in use are still whole.
    CHECK(AtlasImage(set).fonts == fresh.fonts);
  }
  // A symlink is not followed.
  fs::remove(file);
  fs::create_symlink("/etc/passwd", file);
  {
    FontSet probe;
    std::string why;
    CHECK_FALSE(touchui::LoadFontAtlas(file, key, 1.f, TextSize::Normal, &probe, &why));
    CHECK(why.find("cannot open") != std::string::npos);
  }
  // BuildCached says why it rebuilt, then replaces the file with a good one.
  fs::remove(file);
  WriteAll(file, flipped);
  ImGui::GetIO().Fonts->Clear();
  FontSet rebuilt;
  REQUIRE_MESSAGE(rebuilt.BuildCached(FontPaths{}, 1.f, TextSize::Normal, cache, &error, &note), error);
  CHECK_MESSAGE(note.find("checksum mismatch") != std::string::npos, note);
  CHECK(note.find("cached in " + file) != std::string::npos);
  CHECK(AtlasImage(rebuilt).fonts == fresh.fonts);
  CHECK(ReadAll(file) == good);
}

TEST_CASE("an atlas cache that cannot be written leaves the fonts built") {
  ImGuiHarness h;
  TempDir dir;
  const fs::path blocker = dir.path / "not-a-dir";
  WriteAll(blocker, "x");
  FontSet set;
  std::string error, note;
  REQUIRE_MESSAGE(set.BuildCached(FontPaths{}, 1.f, TextSize::Normal, (blocker / "cache").string(), &error, &note), error);
  CHECK(set.body != nullptr);
  CHECK_MESSAGE(note.find("not cached") != std::string::npos, note);
  // No cache dir: the plain build.
  ImGui::GetIO().Fonts->Clear();
  FontSet plain;
  note.clear();
  REQUIRE(plain.BuildCached(FontPaths{}, 1.f, TextSize::Normal, "", &error, &note));
  CHECK(note.empty());
  CHECK(plain.body != nullptr);
}
