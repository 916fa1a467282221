// tests/touch-ui/touch_input_test.cpp: tap, drag, hold, hover and the one-transition-
// per-frame rule of TouchInput, checked on ImGui's IO and on a real ImGui button.
#include <doctest/doctest.h>

#include "imgui_harness.hpp"

using touchui::InputEvent;
using K = touchui::InputEvent::Kind;

TEST_CASE("touch input: a tap is a click where the finger was and leaves no hover") {
  ImGuiHarness h;
  touchui::TouchInput in;
  in.Configure(16, 600);
  ImGuiIO& io = ImGui::GetIO();
  in.Push(Pointer(K::PointerDown, 100, 200), 1000);
  in.Push(Pointer(K::PointerUp, 102, 201), 1000);
  in.BeginFrame(1000);
  CHECK(io.MouseDown[0]);                 // the press gets a frame of its own
  CHECK(io.MousePos.x == 100);
  CHECK(in.HasPending());
  in.BeginFrame(1016);
  CHECK_FALSE(io.MouseDown[0]);
  CHECK(in.Tapped());
  CHECK(in.TapPos().x == 102);
  CHECK(io.MousePos.x == 102);            // released over the item: ImGui's click
  in.BeginFrame(1032);
  CHECK(io.MousePos.x == -FLT_MAX);       // and then no hover stays behind
}

TEST_CASE("touch input: leaving the slop cancels the press and reports the drag") {
  ImGuiHarness h;
  touchui::TouchInput in;
  in.Configure(16, 600);
  ImGuiIO& io = ImGui::GetIO();
  in.Push(Pointer(K::PointerDown, 100, 500), 0);
  in.BeginFrame(0);
  in.Push(Pointer(K::PointerMove, 100, 490), 16);  // inside the slop: still a press
  in.BeginFrame(16);
  CHECK(io.MouseDown[0]);
  CHECK_FALSE(in.IsDragging());
  CHECK(in.HeldMs(16) == 16);
  in.Push(Pointer(K::PointerMove, 100, 400), 32);
  in.BeginFrame(32);
  CHECK(in.DragStarted());
  CHECK(in.IsDragging());
  CHECK(in.DragDelta().y == -100);       // the whole way from the touch point
  CHECK_FALSE(io.MouseDown[0]);
  CHECK(io.MousePos.x == -FLT_MAX);      // released off-screen: no button fires
  CHECK(in.HeldMs(32) == 0);
  in.Push(Pointer(K::PointerMove, 100, 300), 48);
  in.Push(Pointer(K::PointerUp, 100, 300), 48);
  in.BeginFrame(48);
  CHECK(in.Released());
  CHECK(in.ReleasedFromDrag());
  CHECK_FALSE(in.Tapped());
  CHECK(in.ReleaseVelocity().y == doctest::Approx(-200.f / 0.048f).epsilon(0.01));
}

TEST_CASE("touch input: a finger that rests before lifting flings nothing") {
  ImGuiHarness h;
  touchui::TouchInput in;
  in.Push(Pointer(K::PointerDown, 100, 500), 0);
  in.Push(Pointer(K::PointerMove, 100, 300), 50);
  in.BeginFrame(50);
  in.Push(Pointer(K::PointerUp, 100, 300), 400);
  in.BeginFrame(400);
  CHECK(in.ReleasedFromDrag());
  CHECK(in.ReleaseVelocity().y == 0);
}

TEST_CASE("touch input: Cancel swallows the rest of a gesture and a mouse keeps hovering") {
  ImGuiHarness h;
  touchui::TouchInput in;
  ImGuiIO& io = ImGui::GetIO();
  in.Push(Pointer(K::PointerDown, 10, 10), 0);
  in.BeginFrame(0);
  in.Cancel();
  in.Push(Pointer(K::PointerUp, 10, 10), 100);
  in.BeginFrame(100);
  CHECK_FALSE(in.Tapped());

  using touchui::PointerSource;
  in.Push(Pointer(K::PointerMove, 300, 300, PointerSource::Mouse), 200);
  in.BeginFrame(200);
  CHECK(io.MousePos.x == 300);
  in.Push(Pointer(K::PointerDown, 300, 300, PointerSource::Mouse), 300);
  in.BeginFrame(300);
  in.Push(Pointer(K::PointerUp, 300, 300, PointerSource::Mouse), 400);
  in.BeginFrame(400);
  CHECK(in.Tapped());
  in.BeginFrame(416);
  CHECK(io.MousePos.x == 300);  // a mouse pointer is still there
}

TEST_CASE("touch input: an ImGui button fires on a tap and never on a drag that starts on it") {
  ImGuiHarness h;
  touchui::TouchInput in;
  in.Configure(16, 600);
  int presses = 0;
  auto frame = [&](int64_t t) {
    h.Frame(in, t, [&] {
      ImGui::SetCursorScreenPos(ImVec2(100, 100));
      if (ImGui::InvisibleButton("button", ImVec2(300, 200))) ++presses;
    });
  };
  frame(0);
  in.Push(Pointer(K::PointerDown, 200, 200), 10);
  frame(16);
  in.Push(Pointer(K::PointerUp, 200, 200), 90);
  frame(100);
  frame(116);
  CHECK(presses == 1);

  // Starts on the button, moves 30 px (past the slop) and comes back to lift on it.
  in.Push(Pointer(K::PointerDown, 200, 200), 200);
  frame(216);
  in.Push(Pointer(K::PointerMove, 200, 230), 232);
  frame(232);
  in.Push(Pointer(K::PointerMove, 200, 200), 248);
  frame(248);
  in.Push(Pointer(K::PointerUp, 200, 200), 264);
  frame(264);
  frame(280);
  CHECK(presses == 1);
}
