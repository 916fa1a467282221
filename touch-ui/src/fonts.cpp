// touch-ui/fonts.cpp: building the Noto Sans atlas with FreeType (see fonts.hpp).
#include "touch-ui/fonts.hpp"

#include <imgui_freetype.h>

#include <algorithm>
#include <cstdio>
#include <sys/stat.h>

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
  body_px = std::max(20.f, 30.f * s * factor);
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

}  // namespace touchui
