// tests/touch-ui/font_harness.hpp: a bare ImGui context (imgui_harness.hpp) with the real
// Noto Sans fonts built by FreeType (no GL needed) and the theme applied.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "imgui_harness.hpp"
#include "touch-ui/fonts.hpp"
#include "touch-ui/theme.hpp"

struct FontHarness : ImGuiHarness {
  touchui::FontSet fonts;
  explicit FontHarness(touchui::TextSize size = touchui::TextSize::Normal, float scale = 1.f) {
    std::string error;
    REQUIRE_MESSAGE(fonts.Build(touchui::FontPaths{}, scale, size, &error), error);
    touchui::ApplyTheme(false, scale);
  }
};
