// tests/touch-ui/bench_touch_ui.cpp: figures for touch-ui's text, Markdown, image and QR
// pieces, printed, never asserted. CPU only (a bare ImGui context with the real Noto
// fonts built by FreeType; no GL), so it measures what the UI thread spends, not llvmpipe.
//
//   markdown parse        a synthetic law of ARTICLES articles (Điều), 3 clauses with
//                         points each, plus a table and links: MarkdownDocument::Parse
//   markdown layout       MarkdownView::Layout at 1000 px (landscape column) and 1040 px
//                         (portrait), body 30 px and 42 px (extra large)
//   markdown frame        one Draw of the visible part (a 900 px tall child window) at
//                         each of FRAMES scroll positions spread over the whole law, ImGui
//                         frame build included (NewFrame..Render): p50 / p99 / max
//   text fit              FitText of a procedure title in a 400 px tile: per call
//   image decode          a 2480x3508 (A4 at 300 dpi) form as PNG and as JPEG, DecodeImage
//                         with max_side 2048 (the downscale included)
//   qr encode             QrCode::Encode of a 90-byte URL
// usage: bench-touch-ui [--articles N] [--frames N]
#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <imgui.h>

#include "touch-ui/fonts.hpp"
#include "touch-ui/image.hpp"
#include "touch-ui/markdown.hpp"
#include "touch-ui/qr_code.hpp"
#include "touch-ui/text_layout.hpp"
#include "touch-ui/theme.hpp"

using namespace touchui;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

std::string Law(int articles) {
  static const char* points[] = {"a", "b", "c", "d", "đ"};
  std::string md = "# Luật Hộ tịch\n\n";
  for (int i = 1; i <= articles; ++i) {
    if (i % 25 == 1) md += "## Chương " + std::to_string(i / 25 + 1) + ". Những quy định chung\n\n";
    md += "### Điều " + std::to_string(i) + ". Phạm vi điều chỉnh và đối tượng áp dụng\n\n";
    for (int k = 1; k <= 3; ++k) {
      md += std::to_string(k) + ". Cơ quan đăng ký hộ tịch có trách nhiệm thực hiện việc đăng ký "
            "khai sinh, kết hôn, khai tử theo quy định tại [Điều " + std::to_string(i) +
            "](luat-ho-tich-2014#dieu-" + std::to_string(i) + ") của Luật này:\n\n";
      for (const char* p : points)
        md += std::string(p) + ") Giấy tờ, tài liệu do cá nhân **xuất trình** khi đăng ký hộ tịch "
              "phải là bản chính hoặc bản sao có chứng thực;\n\n";
    }
    if (i % 50 == 0)
      md += "| Việc | Thời hạn | Lệ phí |\n|---|---|---|\n| Khai sinh | Trong ngày | Miễn |\n"
            "| Kết hôn | 5 ngày | 30.000 ₫ |\n\n";
  }
  return md;
}

std::string Form(bool png) {
  const int w = 2480, h = 3508;
  std::vector<unsigned char> px((size_t)w * h * 3, 255);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const bool line = (y % 120 < 3 && x > 200 && x < w - 200) || (x % 620 < 2);
      const bool speck = ((x * 7919 + y * 104729) % 997) == 0;
      if (line || speck) {
        unsigned char* p = &px[((size_t)y * w + x) * 3];
        p[0] = p[1] = p[2] = 30;
      }
    }
  std::string out;
  auto append = [](void* ctx, void* data, int size) {
    static_cast<std::string*>(ctx)->append(static_cast<char*>(data), (size_t)size);
  };
  if (png) stbi_write_png_to_func(append, &out, w, h, 3, px.data(), w * 3);
  else stbi_write_jpg_to_func(append, &out, w, h, 3, px.data(), 85);
  return out;
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, (size_t)(q * (double)(v.size() - 1) + 0.5))];
}

}  // namespace

int main(int argc, char** argv) {
  int articles = 500, frames = 400;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--articles")) articles = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--frames")) frames = std::atoi(argv[i + 1]);
  }
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(1080, 1920);

  // Markdown.
  const std::string law = Law(articles);
  MarkdownDocument doc;
  std::string error;
  auto t0 = Clock::now();
  doc.Parse(law, &error);
  auto t1 = Clock::now();
  std::printf("markdown parse: %d articles, %.1f MiB, %zu blocks, %zu links: %.1f ms\n", articles,
              (double)law.size() / (1 << 20), doc.Blocks().size(), doc.Links().size(), Ms(t0, t1));
  for (TextSize ts : {TextSize::Normal, TextSize::ExtraLarge}) {
    FontSet fonts;
    if (!fonts.Build(FontPaths{}, 1.f, ts, &error)) {
      std::fprintf(stderr, "bench-touch-ui: %s\n", error.c_str());
      return 1;
    }
    unsigned char* pixels;
    int aw, ah;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &aw, &ah);
    ApplyTheme(false, 1.f);
    const MarkdownFonts mf = MarkdownFonts::From(fonts);
    for (float width : {1000.f, 1040.f}) {
      MarkdownView view;
      t0 = Clock::now();
      const float height = view.Layout(doc, width, mf, {});
      t1 = Clock::now();
      std::printf("markdown layout: body %.0f px, width %.0f: %.1f ms, %.0f px tall (%.0f screens), %zu targets\n",
                  fonts.body_px, width, Ms(t0, t1), height, height / 1920.f, view.Targets().size());
      std::vector<double> times;
      int drawn_max = 0, vertices_max = 0;
      for (int f = 0; f < frames; ++f) {
        const float scroll = (height - 900) * (float)f / (float)std::max(1, frames - 1);
        io.DeltaTime = 1.f / 60.f;
        const auto a = Clock::now();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("##root", nullptr, ImGuiWindowFlags_NoDecoration);
        ImGui::BeginChild("law", ImVec2(width + 20, 900), false, ImGuiWindowFlags_NoScrollbar);
        ImGui::SetScrollY(scroll);
        view.Draw(doc, width, mf, {});
        ImGui::EndChild();
        ImGui::End();
        ImGui::Render();
        const auto b = Clock::now();
        if (f > 0) times.push_back(Ms(a, b));  // the first frame only sets the scroll
        vertices_max = std::max(vertices_max, ImGui::GetDrawData()->TotalVtxCount);
        drawn_max = std::max(drawn_max, view.DrawnBlocks());
      }
      std::printf("markdown frame: p50 %.3f ms, p99 %.3f ms, max %.3f ms over %d frames "
                  "(at most %d blocks drawn of %zu, %d vertices; layouts %d)\n",
                  Percentile(times, 0.5), Percentile(times, 0.99), Percentile(times, 1.0), frames - 1,
                  drawn_max, doc.Blocks().size(), vertices_max, view.Layouts());
    }
    // Text fitting, a tile's title.
    const int n = 20000;
    t0 = Clock::now();
    float sink = 0;
    for (int i = 0; i < n; ++i)
      sink += FitText(fonts.heading, fonts.heading->FontSize, "Thủ tục hành chính cấp xã", 400.f, 200.f).height;
    t1 = Clock::now();
    std::printf("text fit: heading %.0f px, 400 px box: %.2f us per call (%g)\n", fonts.heading->FontSize,
                Ms(t0, t1) * 1000.0 / n, sink > 0 ? 1.0 : 0.0);
  }

  // Images.
  for (bool png : {true, false}) {
    const std::string bytes = Form(png);
    ImageLimits limits;
    limits.max_side = 2048;
    DecodedImage img;
    t0 = Clock::now();
    const bool ok = DecodeImage(bytes, limits, &img, &error);
    t1 = Clock::now();
    // stb alone, for comparison: what the checks and the downscale add.
    const auto s0 = Clock::now();
    int w = 0, h = 0, c = 0;
    stbi_image_free(stbi_load_from_memory((const stbi_uc*)bytes.data(), (int)bytes.size(), &w, &h, &c, 4));
    const auto s1 = Clock::now();
    std::printf("image decode: %s 2480x3508, %.2f MiB: %s %.0f ms -> %dx%d (stb_image alone: %.0f ms)\n",
                png ? "PNG" : "JPEG", (double)bytes.size() / (1 << 20), ok ? "ok" : error.c_str(),
                Ms(t0, t1), img.width, img.height, Ms(s0, s1));
  }

  // QR.
  QrCode qr;
  const std::string url =
      "https://dichvucong.gov.vn/p/home/dvc-chi-tiet-thu-tuc-hanh-chinh.html?ma_thu_tuc=1.001193";
  t0 = Clock::now();
  for (int i = 0; i < 200; ++i) qr.Encode(url, &error);
  t1 = Clock::now();
  std::printf("qr encode: %zu-byte URL, version %d (%d modules): %.3f ms per code\n", url.size(),
              qr.Version(), qr.Modules(), Ms(t0, t1) / 200);
  ImGui::DestroyContext();
  return 0;
}
