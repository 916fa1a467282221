// tests/touch-ui/touch_scroller_test.cpp: the TouchScroller's drag, fling, rubber band
// and wheel, on an ImGui child window with known content height.
#include <doctest/doctest.h>

#include "imgui_harness.hpp"
#include "touch-ui/touch_scroller.hpp"

using K = touchui::InputEvent::Kind;

namespace {
// A 1000 x 400 scroller holding 3000 px of content.
struct ScrollRig {
  ImGuiHarness h;
  touchui::TouchInput in;
  touchui::TouchScroller scroller;
  int64_t now = 0;
  ScrollRig() { in.Configure(16, 600); Frame(); Frame(); }
  void Frame() {
    now += 16;
    h.Frame(in, now, [&] {
      ImGui::SetCursorScreenPos(ImVec2(0, 100));
      scroller.Begin("##list", ImVec2(1000, 400), in);
      ImGui::Dummy(ImVec2(900, 3000));
      scroller.End();
    });
  }
  void Push(K kind, float x, float y) { in.Push(Pointer(kind, x, y), now); }
  void Run(int frames) { for (int i = 0; i < frames; ++i) Frame(); }
};
}  // namespace

TEST_CASE("touch scroller: content follows the finger and a flick carries on and stops") {
  ScrollRig r;
  CHECK(r.scroller.MaxOffset() == doctest::Approx(2600).epsilon(0.01));
  r.Push(K::PointerDown, 500, 400);
  r.Frame();
  for (int i = 1; i <= 5; ++i) {
    r.Push(K::PointerMove, 500, 400 - 40.f * i);
    r.Frame();
  }
  CHECK(r.scroller.Offset() == doctest::Approx(200));
  r.Push(K::PointerUp, 500, 200);
  r.Frame();
  CHECK(r.scroller.IsMoving());
  CHECK(r.scroller.Velocity() > 1000);
  const float released = r.scroller.Offset();
  r.Run(240);
  CHECK_FALSE(r.scroller.IsMoving());
  CHECK(r.scroller.Velocity() == 0);
  CHECK(r.scroller.Offset() > released + 300);
  CHECK(r.scroller.Offset() < r.scroller.MaxOffset());
}

TEST_CASE("touch scroller: pulled past the top it resists and springs back") {
  ScrollRig r;
  r.Push(K::PointerDown, 500, 150);
  r.Frame();
  r.Push(K::PointerMove, 500, 350);
  r.Frame();
  CHECK(r.scroller.Offset() < 0);
  CHECK(r.scroller.Offset() > -200);  // a rubber band: less than the finger moved
  r.Push(K::PointerUp, 500, 350);
  r.Run(120);
  CHECK(r.scroller.Offset() == 0);
  CHECK_FALSE(r.scroller.IsMoving());
}

TEST_CASE("touch scroller: the wheel scrolls in steps within the range and Reset goes to the top") {
  ScrollRig r;
  touchui::InputEvent wheel;
  wheel.kind = K::Wheel;
  wheel.wheel = -3;
  wheel.source = touchui::PointerSource::Mouse;
  r.in.Push(Pointer(K::PointerMove, 500, 300, touchui::PointerSource::Mouse), r.now);
  r.in.Push(wheel, r.now);
  r.Frame();
  CHECK(r.scroller.Offset() == 360);
  r.scroller.Reset();
  r.Frame();
  CHECK(r.scroller.Offset() == 0);
  r.scroller.EnsureVisible(1000, 1100);
  CHECK(r.scroller.Offset() == 700);
}
