// tests/touch-ui/image_viewer_test.cpp: the zoom/pan viewer driven by finger events
// through TouchInput, as the kiosk drives it: buttons, double tap, one-finger pan,
// clamping.
#include <doctest/doctest.h>

#include <cmath>

#include <imgui_internal.h>

#include "font_harness.hpp"
#include "touch-ui/image_viewer.hpp"

using namespace touchui;
using Kind = InputEvent::Kind;

namespace {

struct ViewerRig {
  FontHarness h;
  TouchInput input;
  ImageViewer viewer;
  int64_t now = 1000;
  const ImVec2 pos{100, 50}, size{800, 600};
  int img_w = 1600, img_h = 2400;  // a portrait A4 scan: taller than the view

  ViewerRig() {
    ImGui::GetIO().DisplaySize = ImVec2(1000, 800);
    input.Configure(16.f, 600);
    Frame();
  }
  void Frame(int64_t step = 16) {
    now += step;
    h.Frame(input, now, [&] {
      viewer.Draw((ImTextureID)(intptr_t)3, img_w, img_h, pos, size, input, now, ImageViewerLabels{},
                  h.fonts.bold);
    });
  }
  void Tap(ImVec2 p, int64_t gap_ms = 120) {
    input.Push(Pointer(Kind::PointerDown, p.x, p.y), now);
    Frame(40);
    input.Push(Pointer(Kind::PointerUp, p.x, p.y), now);
    Frame(40);
    Frame(gap_ms - 80 > 0 ? gap_ms - 80 : 1);
  }
  void Press(ImageViewer::Button b) {
    ImVec2 min, max;
    REQUIRE(viewer.ButtonRect(b, &min, &max));
    Tap(ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2), 500);
  }
  void Drag(ImVec2 from, ImVec2 by) {
    input.Push(Pointer(Kind::PointerDown, from.x, from.y), now);
    Frame();
    for (int i = 1; i <= 10; ++i) {
      input.Push(Pointer(Kind::PointerMove, from.x + by.x * i / 10, from.y + by.y * i / 10), now);
      Frame();
    }
    input.Push(Pointer(Kind::PointerUp, from.x + by.x, from.y + by.y), now);
    Frame();
    Frame(500);
  }
  float Width() const { return viewer.ImageMax().x - viewer.ImageMin().x; }
  ImVec2 Center() const {
    return ImVec2((viewer.ImageMin().x + viewer.ImageMax().x) / 2,
                  (viewer.ImageMin().y + viewer.ImageMax().y) / 2);
  }
};

}  // namespace

TEST_CASE("image viewer: starts fitted and centred, buttons inside the view and finger sized") {
  ViewerRig r;
  CHECK(r.viewer.Zoom() == 1.f);
  // 1600 x 2400 in 800 x 600: height-bound, scale 0.25 -> 400 x 600, centred.
  CHECK(r.Width() == doctest::Approx(400));
  CHECK(r.viewer.ImageMax().y - r.viewer.ImageMin().y == doctest::Approx(600));
  CHECK(r.Center().x == doctest::Approx(500).epsilon(0.005));
  CHECK(r.Center().y == doctest::Approx(350).epsilon(0.005));
  for (auto b : {ImageViewer::Button::ZoomOut, ImageViewer::Button::ZoomIn, ImageViewer::Button::Fit}) {
    ImVec2 min, max;
    REQUIRE(r.viewer.ButtonRect(b, &min, &max));
    CHECK(min.x >= r.pos.x);
    CHECK(max.x <= r.pos.x + r.size.x);
    CHECK(min.y >= r.pos.y);
    CHECK(max.y <= r.pos.y + r.size.y);
    CHECK(max.y - min.y >= 2.f * r.h.fonts.bold->FontSize);
  }
}

TEST_CASE("image viewer: the default labels have glyphs in the kiosk's fonts (no '?' boxes)") {
  FontHarness h;
  const ImageViewerLabels labels;
  for (const std::string* label : {&labels.zoom_in, &labels.zoom_out}) {
    unsigned int c = 0;
    ImTextCharFromUtf8(&c, label->c_str(), label->c_str() + label->size());
    CAPTURE(c);
    CHECK(h.fonts.bold->FindGlyphNoFallback((ImWchar)c) != nullptr);
    CHECK(h.fonts.heading->FindGlyphNoFallback((ImWchar)c) != nullptr);
  }
}

TEST_CASE("image viewer: + and − buttons zoom about the centre, clamped to fit .. 4x") {
  ViewerRig r;
  r.Press(ImageViewer::Button::ZoomIn);
  CHECK(r.viewer.Zoom() == doctest::Approx(1.5f));
  r.Frame();
  CHECK(r.Width() == doctest::Approx(600).epsilon(0.01));
  CHECK(r.Center().x == doctest::Approx(500).epsilon(0.005));
  for (int i = 0; i < 6; ++i) r.Press(ImageViewer::Button::ZoomIn);
  CHECK(r.viewer.Zoom() == r.viewer.MaxZoom());
  CHECK(r.viewer.MaxZoom() == 4.f);
  for (int i = 0; i < 10; ++i) r.Press(ImageViewer::Button::ZoomOut);
  CHECK(r.viewer.Zoom() == 1.f);
  r.Press(ImageViewer::Button::ZoomIn);
  r.Press(ImageViewer::Button::ZoomIn);
  r.Press(ImageViewer::Button::Fit);
  CHECK(r.viewer.Zoom() == 1.f);
  r.Frame();
  CHECK(r.Width() == doctest::Approx(400));
}

TEST_CASE("image viewer: a double tap zooms in at the finger, the next one fits again") {
  ViewerRig r;
  const ImVec2 at(540, 200);  // on the picture, right of and above the centre
  // The picture point under the finger before the zoom.
  const float s0 = r.Width() / (float)r.img_w;
  const ImVec2 pic((at.x - r.viewer.ImageMin().x) / s0, (at.y - r.viewer.ImageMin().y) / s0);
  r.Tap(at, 100);
  CHECK(r.viewer.Zoom() == 1.f);  // one tap does nothing
  r.Tap(at, 100);
  CHECK(r.viewer.Zoom() == doctest::Approx(ImageViewer::kDoubleTapZoom));
  const float s1 = r.Width() / (float)r.img_w;
  CHECK(r.viewer.ImageMin().x + pic.x * s1 == doctest::Approx(at.x).epsilon(0.003));
  CHECK(r.viewer.ImageMin().y + pic.y * s1 == doctest::Approx(at.y).epsilon(0.003));
  r.Tap(at, 100);
  r.Tap(at, 100);
  CHECK(r.viewer.Zoom() == 1.f);
  // Two taps too far apart in time are not a double tap.
  r.Tap(at, 600);
  r.Tap(at, 100);
  CHECK(r.viewer.Zoom() == 1.f);
  // Nor two taps far apart on screen.
  r.Tap(ImVec2(450, 150), 50);
  r.Tap(ImVec2(560, 400), 50);
  CHECK(r.viewer.Zoom() == 1.f);
}

TEST_CASE("image viewer: one finger pans when zoomed, clamped to the picture's edges") {
  ViewerRig r;
  // Fitted: a drag moves nothing.
  const ImVec2 before = r.viewer.ImageMin();
  r.Drag(ImVec2(500, 300), ImVec2(-150, -100));
  CHECK(r.viewer.ImageMin().x == before.x);
  CHECK(r.viewer.ImageMin().y == before.y);
  r.Press(ImageViewer::Button::ZoomIn);
  r.Press(ImageViewer::Button::ZoomIn);  // 2.25x: 900 x 1350, larger than the view
  r.Frame();
  const ImVec2 z = r.viewer.ImageMin();
  r.Drag(ImVec2(500, 300), ImVec2(-40, -120));
  CHECK(r.viewer.ImageMin().x == doctest::Approx(z.x - 40).epsilon(0.002));
  CHECK(r.viewer.ImageMin().y == doctest::Approx(z.y - 120).epsilon(0.002));
  CHECK(r.viewer.Zoom() == doctest::Approx(2.25f));  // a drag is not a tap
  // Far past the edges: the picture still covers the view.
  r.Drag(ImVec2(500, 300), ImVec2(-2000, -3000));
  CHECK(r.viewer.ImageMax().x == doctest::Approx(r.pos.x + r.size.x).epsilon(0.002));
  CHECK(r.viewer.ImageMax().y == doctest::Approx(r.pos.y + r.size.y).epsilon(0.002));
  r.Drag(ImVec2(300, 200), ImVec2(3000, 3000));
  CHECK(r.viewer.ImageMin().x == doctest::Approx(r.pos.x).epsilon(0.002));
  CHECK(r.viewer.ImageMin().y == doctest::Approx(r.pos.y).epsilon(0.002));
  // A drag that starts on a button does not pan.
  ImVec2 min, max;
  REQUIRE(r.viewer.ButtonRect(ImageViewer::Button::ZoomIn, &min, &max));
  const ImVec2 still = r.viewer.ImageMin();
  r.Drag(ImVec2(min.x + 5, min.y + 5), ImVec2(-200, -200));
  CHECK(r.viewer.ImageMin().x == still.x);
  CHECK(r.viewer.ImageMin().y == still.y);
  // A new picture starts fitted again.
  r.img_w = 1000;
  r.img_h = 500;
  r.Frame();
  CHECK(r.viewer.Zoom() == 1.f);
  CHECK(r.Width() == doctest::Approx(800));
}
