// tests/touch-ui/font_texture_test.cpp: the font atlas on the GPU at one byte a pixel
// (Backend::ShrinkFontsTexture). Mesa's llvmpipe has GL 4.5, so the shrunk texture is the
// one drawn here; the frame read back shows the text in its colour on an untouched
// background, which a one-byte texture read without its swizzle, (coverage, 0, 0, 1),
// would paint over with opaque black boxes.
#include <doctest/doctest.h>

#include <SDL_opengl.h>
#include <stb_image.h>

#include <string>
#include <vector>

#include "gl_harness.hpp"
#include "touch-ui/fonts.hpp"
#include "touch-ui/theme.hpp"

using namespace touchui;

namespace {

struct Counts {
  int background = 0, ink = 0, other = 0;
};

// Pixels of the rectangle (x0, y0)-(x1, y1) of the PNG: the background's white, INK
// (r, g, b) within 40, or anything else (the glyphs' antialiased edges).
Counts CountPixels(const std::string& png, int x0, int y0, int x1, int y1, int r, int g, int b) {
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(png.c_str(), &w, &h, &n, 4);
  REQUIRE(px != nullptr);
  Counts c;
  for (int y = y0; y < y1 && y < h; ++y)
    for (int x = x0; x < x1 && x < w; ++x) {
      const unsigned char* p = px + ((size_t)y * w + x) * 4;
      if (p[0] > 245 && p[1] > 245 && p[2] > 245) ++c.background;
      else if (std::abs(p[0] - r) < 40 && std::abs(p[1] - g) < 40 && std::abs(p[2] - b) < 40) ++c.ink;
      else ++c.other;
    }
  stbi_image_free(px);
  return c;
}

}  // namespace

TEST_CASE("fonts: the atlas is a one-byte texture and text draws in its colour on the background") {
  GlHarness gl(800, 400);
  FontSet fonts;
  std::string error;
  REQUIRE_MESSAGE(fonts.Build(FontPaths{}, 1.f, TextSize::ExtraLarge, &error), error);
  gl.backend->RecreateFontsTexture();
  ApplyTheme(false, 1.f);
  CHECK(gl.backend->FontTextureBytesPerPixel() == 1);

  // The texture GL holds is one 8-bit channel, as large as the atlas.
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  GLint format = 0, width = 0, height = 0;
  glBindTexture(GL_TEXTURE_2D, (GLuint)(intptr_t)atlas->TexID);
  glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_INTERNAL_FORMAT, &format);
  glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_WIDTH, &width);
  glGetTexLevelParameteriv(GL_TEXTURE_2D, 0, GL_TEXTURE_HEIGHT, &height);
  CHECK(format == GL_R8);
  CHECK(width == atlas->TexWidth);
  CHECK(height == atlas->TexHeight);

  // Dark red text on white, and a solid block (ImGui fills through the atlas's white pixel).
  ScratchDir dir;
  const std::string shot = (dir.path / "text.png").string();
  gl.Frame([] {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(0, 0), ImGui::GetIO().DisplaySize, IM_COL32(255, 255, 255, 255));
    dl->AddText(ImVec2(20, 20), IM_COL32(160, 0, 0, 255), "Đăng ký khai sinh");
    dl->AddRectFilled(ImVec2(20, 300), ImVec2(220, 380), IM_COL32(0, 90, 160, 255));
  }, shot);

  const Counts text = CountPixels(shot, 20, 20, 780, 20 + (int)ImGui::GetFontSize(), 160, 0, 0);
  INFO("background " << text.background << ", ink " << text.ink << ", edges " << text.other);
  CHECK(text.ink > 200);                                    // the strokes, in the text's colour
  CHECK(text.background > text.ink);                        // between and around them: untouched
  CHECK(text.other < text.ink * 3);                         // edges, not boxes
  const Counts block = CountPixels(shot, 30, 310, 210, 370, 0, 90, 160);
  CHECK(block.ink == 180 * 60);                             // a solid fill stays solid
}
