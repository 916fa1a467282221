// touch-ui/fonts.cpp: building the Noto Sans atlas with FreeType (see fonts.hpp).
#include "touch-ui/fonts.hpp"

#include <fcntl.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <imgui_freetype.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace touchui {

const char* TextSizeName(TextSize size) {
  switch (size) {
    case TextSize::Normal: return "normal";
    case TextSize::Large: return "large";
    case TextSize::ExtraLarge: return "extra_large";
  }
  return "normal";
}

bool ParseTextSize(const std::string& name, TextSize* out) {
  if (name == "normal") *out = TextSize::Normal;
  else if (name == "large") *out = TextSize::Large;
  else if (name == "extra_large" || name == "extra-large" || name == "xl") *out = TextSize::ExtraLarge;
  else return false;
  return true;
}

float TextSizeFactor(TextSize size) {
  switch (size) {
    case TextSize::Normal: return 1.0f;
    case TextSize::Large: return 1.2f;
    case TextSize::ExtraLarge: return 1.4f;
  }
  return 1.f;
}

const ImWchar* VietnameseGlyphRanges() {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesVietnamese());
    // ₫ “ ” ‘ ’ – — … • ·, the minus sign − (zoom out), and the keyboard's symbols
    // (⇧ ⌫ ⏎ ⬅ ➜).
    for (ImWchar c : {0x20AB, 0x201C, 0x201D, 0x2018, 0x2019, 0x2013, 0x2014, 0x2026, 0x2022,
                      0x00B7, 0x2190, 0x2191, 0x2192, 0x2193, 0x2212, 0x21E7, 0x232B, 0x23CE, 0x2B05,
                      0x2B06, 0x2B07, 0x2794})
      builder.AddChar(c);
    builder.BuildRanges(&ranges);
  }
  return ranges.Data;
}

namespace {
// Body text: 30 px at 1080 lines, scaled, never under 20 px.
float BodyPx(float scale, TextSize size) {
  const float s = scale < 0.5f ? 0.5f : scale;
  return std::max(20.f, 30.f * s * TextSizeFactor(size));
}

bool Readable(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  std::fclose(f);
  return true;
}
}  // namespace

bool FontSet::Build(const FontPaths& paths, float scale, TextSize size, std::string* error) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  io.Fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  for (const std::string* p : {&paths.regular, &paths.bold}) {
    if (!Readable(*p)) {
      if (error) *error = "font file missing or unreadable: " + *p +
                          " (Debian package fonts-noto-core)";
      io.Fonts->AddFontDefault();
      body = bold = heading = title = huge = io.Fonts->Fonts[0];
      italic = nullptr;
      io.Fonts->Build();
      return false;
    }
  }
  const bool have_symbols = !paths.symbols.empty() && Readable(paths.symbols);
  const bool have_arrows = !paths.arrows.empty() && Readable(paths.arrows);
  static const ImWchar arrow_ranges[] = {0x2190, 0x2193, 0x2212, 0x2212, 0};  // ← ↑ → ↓ −
  const float factor = TextSizeFactor(size);
  const float s = scale < 0.5f ? 0.5f : scale;
  const ImWchar* ranges = VietnameseGlyphRanges();
  auto add = [&](const std::string& file, float px) {
    ImFontConfig cfg;
    cfg.OversampleH = cfg.OversampleV = 1;  // FreeType hints; no need to oversample
    ImFont* font = io.Fonts->AddFontFromFileTTF(file.c_str(), px, &cfg, ranges);
    if (have_symbols) {
      ImFontConfig merge;
      merge.MergeMode = true;
      merge.OversampleH = merge.OversampleV = 1;
      io.Fonts->AddFontFromFileTTF(paths.symbols.c_str(), px, &merge, ranges);
    }
    if (have_arrows) {
      ImFontConfig merge;
      merge.MergeMode = true;
      merge.OversampleH = merge.OversampleV = 1;
      io.Fonts->AddFontFromFileTTF(paths.arrows.c_str(), px, &merge, arrow_ranges);
    }
    return font;
  };
  body_px = BodyPx(scale, size);
  body = add(paths.regular, body_px);
  bold = add(paths.bold, body_px);
  italic = !paths.italic.empty() && Readable(paths.italic) ? add(paths.italic, body_px) : nullptr;
  heading = add(paths.bold, 40.f * s * factor);
  title = add(paths.bold, 54.f * s * factor);
  // The huge font shows the idle countdown's seconds only: digits, not the whole
  // Vietnamese range (at 110 px that range alone is megabytes of atlas).
  {
    static const ImWchar digits[] = {0x0030, 0x0039, 0};
    ImFontConfig cfg;
    cfg.OversampleH = cfg.OversampleV = 1;
    huge = io.Fonts->AddFontFromFileTTF(paths.bold.c_str(), 110.f * s, &cfg, digits);
  }
  io.FontDefault = body;
  if (!body || !bold || !heading || !title || !huge || !io.Fonts->Build()) {
    if (error) *error = "cannot rasterise fonts from " + paths.regular + " / " + paths.bold;
    return false;
  }
  return true;
}

// [SECTION] The atlas cache
//
// File: "KIOSKFNT", u32 format, u32 key length, key; i32 width, height; UV scale, white
// pixel and the baked line UVs (f32); u32 font count; per font: u32 role (FontSet member),
// f32 size, ascent, descent, u32 fallback, ellipsis and dot characters, u32 glyph count,
// per glyph u32 (colored | visible << 1 | codepoint << 2) and 9 f32; the alpha pixels;
// then the FNV-1a 64 of everything before. Host byte order (the file never leaves the
// device). Bump kAtlasFormat whenever Build changes what it builds.

namespace {

constexpr char kAtlasMagic[8] = {'K', 'I', 'O', 'S', 'K', 'F', 'N', 'T'};
constexpr uint32_t kAtlasFormat = 1;
constexpr size_t kMaxAtlasFileBytes = 64u << 20;
constexpr int32_t kMaxAtlasSide = 8192;
constexpr uint32_t kMaxAtlasFonts = 16;
constexpr uint32_t kMaxFontGlyphs = 0xFFFE;  // ImFont indexes glyphs with 16 bits
constexpr uint32_t kMaxKeyBytes = 64 * 1024;
enum Role : uint32_t { kBody, kBold, kItalic, kHeading, kTitle, kHuge, kRoles };

uint64_t Fnv1a(const unsigned char* p, size_t n) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; ++i) {
    h ^= p[i];
    h *= 1099511628211ull;
  }
  return h;
}

struct AtlasWriter {
  std::string out;
  void Raw(const void* p, size_t n) { out.append(static_cast<const char*>(p), n); }
  void U32(uint32_t v) { Raw(&v, 4); }
  void I32(int32_t v) { Raw(&v, 4); }
  void F32(float v) { Raw(&v, 4); }
};

struct AtlasReader {
  const unsigned char* p;
  size_t n, at = 0;
  bool Raw(void* dst, size_t len) {
    if (len > n - at) return false;
    std::memcpy(dst, p + at, len);
    at += len;
    return true;
  }
  bool U32(uint32_t* v) { return Raw(v, 4); }
  bool I32(int32_t* v) { return Raw(v, 4); }
  bool F32(float* v, float lo, float hi) { return Raw(v, 4) && std::isfinite(*v) && *v >= lo && *v <= hi; }
};

std::string FileStamp(const std::string& path) {
  struct stat st{};
  if (path.empty()) return "-";
  if (::stat(path.c_str(), &st) != 0) return path + "\tmissing";
  return path + "\t" + std::to_string((long long)st.st_size) + "\t" + std::to_string((long long)st.st_mtim.tv_sec) +
         "." + std::to_string((long long)st.st_mtim.tv_nsec) + "\t" + std::to_string((unsigned long long)st.st_ino) +
         "\t" + (Readable(path) ? "readable" : "unreadable");
}

}  // namespace

std::string FontAtlasKey(const FontPaths& paths, float scale, TextSize size) {
  int major = 0, minor = 0, patch = 0;
  FT_Library library = nullptr;
  if (FT_Init_FreeType(&library) == 0) {
    FT_Library_Version(library, &major, &minor, &patch);
    FT_Done_FreeType(library);
  }
  const ImWchar* ranges = VietnameseGlyphRanges();
  size_t count = 0;
  while (ranges[count]) ++count;
  char head[256];
  std::snprintf(head, sizeof head, "kiosk font atlas %u\nimgui %d\nfreetype %d.%d.%d\nscale %.6f\nsize %s\nranges %016llx\n",
                kAtlasFormat, IMGUI_VERSION_NUM, major, minor, patch, (double)scale, TextSizeName(size),
                (unsigned long long)Fnv1a(reinterpret_cast<const unsigned char*>(ranges), count * sizeof(ImWchar)));
  std::string key = head;
  for (const std::string* p : {&paths.regular, &paths.bold, &paths.italic, &paths.symbols, &paths.arrows})
    key += FileStamp(*p) + "\n";
  return key;
}

std::string FontAtlasCachePath(const std::string& cache_dir, float scale, TextSize size) {
  return cache_dir + "/font-atlas-" + TextSizeName(size) + "-" + std::to_string(std::lround(scale * 1000.f)) + ".bin";
}

bool SaveFontAtlas(const std::string& path, const std::string& key, const FontSet& fonts, std::string* error) {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  if (!atlas->TexPixelsAlpha8 || atlas->TexWidth <= 0 || atlas->TexHeight <= 0) {
    if (error) *error = "the atlas has no pixels on the CPU";
    return false;
  }
  const ImFont* roles[kRoles] = {fonts.body, fonts.bold, fonts.italic, fonts.heading, fonts.title, fonts.huge};
  AtlasWriter w;
  w.Raw(kAtlasMagic, sizeof kAtlasMagic);
  w.U32(kAtlasFormat);
  w.U32((uint32_t)key.size());
  w.Raw(key.data(), key.size());
  w.I32(atlas->TexWidth);
  w.I32(atlas->TexHeight);
  for (float f : {atlas->TexUvScale.x, atlas->TexUvScale.y, atlas->TexUvWhitePixel.x, atlas->TexUvWhitePixel.y}) w.F32(f);
  for (const ImVec4& l : atlas->TexUvLines)
    for (float f : {l.x, l.y, l.z, l.w}) w.F32(f);
  w.U32((uint32_t)atlas->Fonts.Size);
  for (const ImFont* font : atlas->Fonts) {
    uint32_t role = kRoles;
    for (uint32_t r = 0; r < kRoles; ++r)
      if (roles[r] == font) { role = r; break; }
    if (role == kRoles) {
      if (error) *error = "the atlas holds a font the FontSet does not name";
      return false;
    }
    w.U32(role);
    for (float f : {font->FontSize, font->Ascent, font->Descent}) w.F32(f);
    for (ImWchar c : {font->FallbackChar, font->EllipsisChar, font->DotChar}) w.U32(c);
    w.U32((uint32_t)font->Glyphs.Size);
    for (const ImFontGlyph& g : font->Glyphs) {
      w.U32(g.Colored | (g.Visible << 1) | (g.Codepoint << 2));
      for (float f : {g.AdvanceX, g.X0, g.Y0, g.X1, g.Y1, g.U0, g.V0, g.U1, g.V1}) w.F32(f);
    }
  }
  w.Raw(atlas->TexPixelsAlpha8, (size_t)atlas->TexWidth * (size_t)atlas->TexHeight);
  const uint64_t sum = Fnv1a(reinterpret_cast<const unsigned char*>(w.out.data()), w.out.size());
  w.Raw(&sum, sizeof sum);

  // Written beside, then renamed over: a reader sees the old file or the whole new one.
  const std::string tmp = path + ".tmp." + std::to_string((long long)::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    if (error) *error = "cannot write " + tmp + ": " + std::strerror(errno);
    return false;
  }
  size_t done = 0;
  while (done < w.out.size()) {
    const ssize_t n = ::write(fd, w.out.data() + done, w.out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += (size_t)n;
  }
  const bool written = done == w.out.size() && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!written || ::rename(tmp.c_str(), path.c_str()) != 0) {
    if (error) *error = "cannot write " + path + ": " + std::strerror(written ? errno : saved_errno);
    ::unlink(tmp.c_str());
    return false;
  }
  return true;
}

bool LoadFontAtlas(const std::string& path, const std::string& key, float scale, TextSize size, FontSet* fonts,
                   std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = path + ": " + why;
    return false;
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return fail(errno == ENOENT ? "no cache yet" : std::string("cannot open: ") + std::strerror(errno));
  struct stat st{};
  std::vector<unsigned char> data;
  bool read_ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
                 (size_t)st.st_size <= kMaxAtlasFileBytes;
  if (read_ok) {
    data.resize((size_t)st.st_size);
    size_t done = 0;
    while (done < data.size()) {
      const ssize_t n = ::read(fd, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += (size_t)n;
    }
    read_ok = done == data.size();
  }
  ::close(fd);
  if (!read_ok) return fail("not a regular file of at most 64 MB that reads whole");
  if (data.size() < sizeof kAtlasMagic + 8) return fail("too short to be an atlas cache");
  uint64_t sum = 0;
  std::memcpy(&sum, data.data() + data.size() - 8, 8);
  if (Fnv1a(data.data(), data.size() - 8) != sum) return fail("checksum mismatch (truncated or damaged)");
  AtlasReader r{data.data(), data.size() - 8};
  char magic[sizeof kAtlasMagic];
  uint32_t format = 0, key_size = 0;
  if (!r.Raw(magic, sizeof magic) || std::memcmp(magic, kAtlasMagic, sizeof magic) != 0) return fail("not an atlas cache");
  if (!r.U32(&format) || format != kAtlasFormat) return fail("made by another version of the kiosk");
  if (!r.U32(&key_size) || key_size > kMaxKeyBytes || key_size > r.n - r.at) return fail("damaged key");
  if (std::string(reinterpret_cast<const char*>(r.p + r.at), key_size) != key)
    return fail("made for other font files, scale or text size");
  r.at += key_size;

  int32_t width = 0, height = 0;
  if (!r.I32(&width) || !r.I32(&height) || width < 1 || height < 1 || width > kMaxAtlasSide || height > kMaxAtlasSide)
    return fail("texture size out of range");
  ImVec2 uv_scale, white;
  ImVec4 lines[IM_DRAWLIST_TEX_LINES_WIDTH_MAX + 1];
  bool ok = r.F32(&uv_scale.x, 0.f, 1.f) && r.F32(&uv_scale.y, 0.f, 1.f) && r.F32(&white.x, 0.f, 1.f) &&
            r.F32(&white.y, 0.f, 1.f);
  for (ImVec4& l : lines) ok = ok && r.F32(&l.x, 0.f, 1.f) && r.F32(&l.y, 0.f, 1.f) && r.F32(&l.z, 0.f, 1.f) && r.F32(&l.w, 0.f, 1.f);
  if (!ok) return fail("texture coordinates out of range");

  struct LoadedFont {
    uint32_t role = 0;
    float size = 0, ascent = 0, descent = 0;
    ImWchar fallback = 0, ellipsis = 0, dot = 0;
    std::vector<ImFontGlyph> glyphs;
  };
  std::vector<LoadedFont> loaded;
  uint32_t font_count = 0;
  if (!r.U32(&font_count) || font_count < 1 || font_count > kMaxAtlasFonts) return fail("font count out of range");
  bool seen[kRoles] = {};
  constexpr float kMaxPx = 4096.f;
  for (uint32_t i = 0; i < font_count; ++i) {
    LoadedFont f;
    uint32_t chars[3], glyphs = 0;
    if (!r.U32(&f.role) || f.role >= kRoles || seen[f.role]) return fail("font roles damaged");
    seen[f.role] = true;
    if (!r.F32(&f.size, 1.f, 1000.f) || !r.F32(&f.ascent, -kMaxPx, kMaxPx) || !r.F32(&f.descent, -kMaxPx, kMaxPx))
      return fail("font metrics out of range");
    for (uint32_t& c : chars)
      if (!r.U32(&c) || c > IM_UNICODE_CODEPOINT_MAX) return fail("font characters out of range");
    f.fallback = (ImWchar)chars[0];
    f.ellipsis = (ImWchar)chars[1];
    f.dot = (ImWchar)chars[2];
    if (!r.U32(&glyphs) || glyphs < 1 || glyphs > kMaxFontGlyphs || (size_t)glyphs * 40 > r.n - r.at)
      return fail("glyph count out of range");
    f.glyphs.resize(glyphs);
    for (ImFontGlyph& g : f.glyphs) {
      uint32_t bits = 0;
      if (!r.U32(&bits) || (bits >> 2) > IM_UNICODE_CODEPOINT_MAX) return fail("glyph code point out of range");
      g.Colored = bits & 1;
      g.Visible = (bits >> 1) & 1;
      g.Codepoint = bits >> 2;
      if (!r.F32(&g.AdvanceX, -kMaxPx, kMaxPx) || !r.F32(&g.X0, -kMaxPx, kMaxPx) || !r.F32(&g.Y0, -kMaxPx, kMaxPx) ||
          !r.F32(&g.X1, -kMaxPx, kMaxPx) || !r.F32(&g.Y1, -kMaxPx, kMaxPx) || !r.F32(&g.U0, 0.f, 1.f) ||
          !r.F32(&g.V0, 0.f, 1.f) || !r.F32(&g.U1, 0.f, 1.f) || !r.F32(&g.V1, 0.f, 1.f))
        return fail("glyph geometry out of range");
    }
    loaded.push_back(std::move(f));
  }
  for (Role required : {kBody, kBold, kHeading, kTitle, kHuge})
    if (!seen[required]) return fail("a font is missing");
  const size_t pixels = (size_t)width * (size_t)height;
  if (r.n - r.at != pixels) return fail("pixel data has the wrong size");

  // Whole and consistent: replace the atlas.
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  atlas->TexWidth = width;
  atlas->TexHeight = height;
  atlas->TexUvScale = uv_scale;
  atlas->TexUvWhitePixel = white;
  for (int i = 0; i <= IM_DRAWLIST_TEX_LINES_WIDTH_MAX; ++i) atlas->TexUvLines[i] = lines[i];
  atlas->TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(pixels));
  std::memcpy(atlas->TexPixelsAlpha8, r.p + r.at, pixels);
  ImFont* by_role[kRoles] = {};
  for (LoadedFont& f : loaded) {
    ImFont* font = IM_NEW(ImFont)();
    atlas->Fonts.push_back(font);
    font->ContainerAtlas = atlas;
    font->FontSize = f.size;
    font->Ascent = f.ascent;
    font->Descent = f.descent;
    font->FallbackChar = f.fallback;
    font->EllipsisChar = f.ellipsis;
    font->DotChar = f.dot;
    for (const ImFontGlyph& g : f.glyphs) {
      font->Glyphs.push_back(g);
      font->MetricsTotalSurface += (int)((g.U1 - g.U0) * width + 1.99f) * (int)((g.V1 - g.V0) * height + 1.99f);
    }
    font->BuildLookupTable();
    by_role[f.role] = font;
  }
  atlas->TexReady = true;
  fonts->body = by_role[kBody];
  fonts->bold = by_role[kBold];
  fonts->italic = by_role[kItalic];
  fonts->heading = by_role[kHeading];
  fonts->title = by_role[kTitle];
  fonts->huge = by_role[kHuge];
  fonts->body_px = BodyPx(scale, size);
  ImGui::GetIO().FontDefault = fonts->body;
  return true;
}

bool FontSet::BuildCached(const FontPaths& paths, float scale, TextSize size, const std::string& cache_dir,
                          std::string* error, std::string* note) {
  if (cache_dir.empty()) return Build(paths, scale, size, error);
  const std::string key = FontAtlasKey(paths, scale, size);
  const std::string path = FontAtlasCachePath(cache_dir, scale, size);
  std::string why;
  if (LoadFontAtlas(path, key, scale, size, this, &why)) {
    if (note) *note = "font atlas read from " + path;
    return true;
  }
  if (!Build(paths, scale, size, error)) return false;
  if (::mkdir(cache_dir.c_str(), 0755) != 0 && errno != EEXIST) {
    if (note) *note = "font atlas built; not cached: cannot create " + cache_dir + ": " + std::strerror(errno);
    return true;
  }
  std::string save_error;
  const bool saved = SaveFontAtlas(path, key, *this, &save_error);
  if (note)
    *note = "font atlas built (" + why + "); " + (saved ? "cached in " + path : "not cached: " + save_error);
  return true;
}

}  // namespace touchui
