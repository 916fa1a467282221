// touch-ui/fonts.hpp: the kiosk's fonts, Noto Sans with the full Vietnamese range,
// rasterised by FreeType at the display's scale and the citizen's chosen text size.
//
// Sizes are designed at 1080 lines and scaled with the display, so body text is 30 px
// at 1080p (never below 20 px). Changing the text size rebuilds the atlas; the caller
// must do it between frames and then re-upload the texture (Backend::RecreateFontsTexture).
#pragma once

#include <string>

#include <imgui.h>

namespace touchui {

enum class TextSize { Normal, Large, ExtraLarge };

const char* TextSizeName(TextSize size);                 // "normal", "large", "extra_large"
bool ParseTextSize(const std::string& name, TextSize* out);
float TextSizeFactor(TextSize size);                     // 1.0, 1.2, 1.4

struct FontPaths {
  std::string regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
  std::string bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
  // Optional: emphasis in Markdown (without it, italic text is shown in another colour).
  std::string italic = "/usr/share/fonts/truetype/noto/NotoSans-Italic.ttf";
  // Optional: arrows and the backspace/shift/return symbols merged into every font.
  std::string symbols = "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf";
  // Optional: the plain arrows ← ↑ → ↓ (U+2190..2193) and the minus sign − (U+2212),
  // which Noto Sans lacks.
  std::string arrows = "/usr/share/fonts/truetype/noto/NotoSansMath-Regular.ttf";
};

struct FontSet {
  ImFont* body = nullptr;     // = 30 px at 1080p, normal size: running text, list rows
  ImFont* bold = nullptr;     // body size, bold: labels, buttons
  ImFont* italic = nullptr;   // body size, italic: Markdown emphasis (null if the file is missing)
  ImFont* heading = nullptr;  // = 40 px: screen titles, keyboard keys
  ImFont* title = nullptr;    // = 54 px: the home screen's name, attract slides
  ImFont* huge = nullptr;     // = 110 px: the idle countdown's seconds
  float body_px = 30.f;

  // Rebuilds io.Fonts for SCALE (display height / 1080) and SIZE. On failure (a missing
  // or unreadable font file) returns false with ERROR naming the path; the atlas is then
  // left with ImGui's default font so the caller can still show the error.
  bool Build(const FontPaths& paths, float scale, TextSize size, std::string* error);

  // Build, through a cache of the built atlas in CACHE_DIR (empty: no cache). A cache
  // file made for the same font files (path, size, time, inode), scale, size, glyph
  // ranges, ImGui and FreeType is read instead of rasterising (tens of ms at start);
  // any other file (stale, truncated, corrupt, hostile) is ignored with a reason in
  // NOTE and replaced after a fresh build, written atomically. NOTE says what happened.
  bool BuildCached(const FontPaths& paths, float scale, TextSize size, const std::string& cache_dir,
                   std::string* error, std::string* note);
};

// The atlas cache (exposed for tests). The key names everything the atlas depends on.
std::string FontAtlasKey(const FontPaths& paths, float scale, TextSize size);
std::string FontAtlasCachePath(const std::string& cache_dir, float scale, TextSize size);
// Writes io.Fonts (built by FONTS, its pixels still on the CPU) to PATH under KEY.
bool SaveFontAtlas(const std::string& path, const std::string& key, const FontSet& fonts, std::string* error);
// Replaces io.Fonts with the atlas in PATH if it was saved under KEY and is whole; on
// failure io.Fonts is left as it was and ERROR says why.
bool LoadFontAtlas(const std::string& path, const std::string& key, float scale, TextSize size, FontSet* fonts,
                   std::string* error);

// Glyph ranges: Basic Latin, Latin-1, Vietnamese (ImGui's list), ₫, typographic quotes,
// dashes, ellipsis, and the keyboard's symbols.
const ImWchar* VietnameseGlyphRanges();

}  // namespace touchui
