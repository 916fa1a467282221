// tests/touch-ui/markdown_gl_test.cpp: a Markdown page drawn in a real GL frame with the
// Noto fonts and a real image texture; the picture lands where its touch target says.
// The screenshot stays in build/tests/touch-ui-shots/ for a human to look at.
#include <doctest/doctest.h>

#include <stb_image.h>
#include <stb_image_write.h>

#include <filesystem>
#include <string>

#include "gl_harness.hpp"
#include "touch-ui/fonts.hpp"
#include "touch-ui/image.hpp"
#include "touch-ui/markdown.hpp"
#include "touch-ui/theme.hpp"

using namespace touchui;

TEST_CASE("markdown: a page with a picture draws in a real GL frame") {
  GlHarness gl(1080, 1600);
  FontSet fonts;
  std::string error;
  REQUIRE_MESSAGE(fonts.Build(FontPaths{}, 1.f, TextSize::Large, &error), error);
  gl.backend->RecreateFontsTexture();
  ApplyTheme(false, 1.f);
  // A 400 x 300 picture, solid orange.
  std::vector<unsigned char> px(400 * 300 * 4);
  for (size_t i = 0; i < px.size(); i += 4) {
    px[i] = 240; px[i + 1] = 120; px[i + 2] = 0; px[i + 3] = 255;
  }
  DecodedImage img{400, 300, 400, 300, px};
  Texture tex = Texture::Create(*gl.backend, img, &error);
  REQUIRE_MESSAGE(tex, error);
  const MarkdownDocument doc = MarkdownDocument::FromText(R"(# Đăng ký khai sinh

Thủ tục **đăng ký khai sinh** cho trẻ em, *theo* [Luật Hộ tịch](luat-ho-tich-2014#dieu-16) và Nghị định 123/2015/NĐ-CP.

## Thành phần hồ sơ

- Tờ khai đăng ký khai sinh
- Giấy chứng sinh
  1. Bản chính
  2. Bản sao có chứng thực

> Lưu ý: người đi đăng ký phải mang giấy tờ tùy thân.

| Cách thức | Thời hạn | Phí |
|---|---|---|
| Trực tiếp | Trong ngày | Miễn phí |
| Trực tuyến | 1 ngày làm việc | 8.000 ₫ |

![Tờ khai mẫu](to-khai.png)

---
)");
  const MarkdownFonts mf = MarkdownFonts::From(fonts);
  MarkdownCallbacks cb;
  cb.image = [&](const std::string& src) -> std::optional<MarkdownImageInfo> {
    if (src != "to-khai.png") return std::nullopt;
    return MarkdownImageInfo{tex.Id(), tex.Width(), tex.Height()};
  };
  MarkdownView view;
  const std::filesystem::path dir = std::filesystem::path(KIOSK_BINARY_DIR) / "tests" / "touch-ui-shots";
  std::filesystem::create_directories(dir);
  const std::string shot = (dir / "markdown.png").string();
  gl.Frame([&] {
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(1080, 1600), CurrentPalette().background);
    ImGui::SetCursorScreenPos(ImVec2(40, 40));
    view.Draw(doc, 1000, mf, cb);
  }, shot);
  REQUIRE(view.Targets().size() == 2);
  const MarkdownTarget& pic = view.Targets()[1];
  CHECK(pic.kind == MarkdownTarget::Kind::Image);
  CHECK(pic.max.x - pic.min.x == doctest::Approx(400));
  int w = 0, h = 0, c = 0;
  stbi_uc* out = stbi_load(shot.c_str(), &w, &h, &c, 4);
  REQUIRE(out != nullptr);
  const int cx = (int)((pic.min.x + pic.max.x) / 2), cy = (int)((pic.min.y + pic.max.y) / 2);
  REQUIRE(cy < h);
  const stbi_uc* p = out + ((size_t)cy * w + cx) * 4;
  CHECK(p[0] == 240);
  CHECK(p[1] == 120);
  CHECK(p[2] == 0);
  stbi_image_free(out);
}
