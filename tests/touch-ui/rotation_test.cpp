// tests/touch-ui/rotation_test.cpp: a panel mounted turned (BackendOptions::rotation).
// The UI is drawn at the turned size into a framebuffer object and drawn turned onto the
// panel; touches on the panel are mapped back. Checked in a real GL context offscreen:
// the UI's size, the upright screenshot, the picture on the panel (read back from the
// window's own framebuffer) and where a finger on the panel lands in the UI.
#include <doctest/doctest.h>

#include <SDL.h>
#include <SDL_opengl.h>
#include <stb_image.h>

#include <cstring>
#include <vector>

#include "gl_harness.hpp"

using namespace touchui;

namespace {

// The panel as the window's framebuffer holds it after a frame, rows top-down, RGB.
std::vector<unsigned char> ReadPanel(int w, int h) {
  std::vector<unsigned char> px((size_t)w * h * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadBuffer(GL_BACK);
  glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
  std::vector<unsigned char> top_down(px.size());
  for (int y = 0; y < h; ++y)
    std::memcpy(&top_down[(size_t)y * w * 4], &px[(size_t)(h - 1 - y) * w * 4], (size_t)w * 4);
  return top_down;
}

const unsigned char* At(const std::vector<unsigned char>& px, int w, int x, int y) {
  return &px[((size_t)y * w + x) * 4];
}

bool IsRed(const unsigned char* p) { return p[0] > 200 && p[1] < 60 && p[2] < 60; }
bool IsBlue(const unsigned char* p) { return p[0] < 60 && p[1] < 60 && p[2] > 200; }

// A frame: the UI black, a red block at the UI's top-left (200x100) and a blue one at its
// bottom-right (100x50): enough to tell every turn and mirror apart.
void DrawMarkers(GlHarness& h, const std::string& shot = "") {
  h.Frame([] {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    dl->AddRectFilled(ImVec2(0, 0), size, IM_COL32(0, 0, 0, 255));
    dl->AddRectFilled(ImVec2(0, 0), ImVec2(200, 100), IM_COL32(255, 0, 0, 255));
    dl->AddRectFilled(ImVec2(size.x - 100, size.y - 50), size, IM_COL32(0, 0, 255, 255));
  }, shot);
}

}  // namespace

TEST_CASE("rotation: panel and UI coordinates map both ways and the corners land where the docs say") {
  // 90: the panel's top edge is on the left, so the UI's top-left is the panel's top-right.
  CHECK(PanelToUi(90, ImVec2(1920, 0), 1920, 1080).x == 0);
  CHECK(PanelToUi(90, ImVec2(1920, 0), 1920, 1080).y == 0);
  CHECK(PanelToUi(90, ImVec2(0, 1080), 1920, 1080).x == 1080);  // the UI's bottom-right
  CHECK(PanelToUi(90, ImVec2(0, 1080), 1920, 1080).y == 1920);
  // 180: upside down. 270: the panel's top edge on the right: the UI's top-left is its bottom-left.
  CHECK(PanelToUi(180, ImVec2(1920, 1080), 1920, 1080).x == 0);
  CHECK(PanelToUi(180, ImVec2(1920, 1080), 1920, 1080).y == 0);
  CHECK(PanelToUi(270, ImVec2(0, 1080), 1920, 1080).x == 0);
  CHECK(PanelToUi(270, ImVec2(0, 1080), 1920, 1080).y == 0);
  CHECK(PanelToUi(45, ImVec2(10, 20), 1920, 1080).x == 10);  // not a rotation: unchanged
  for (int r : {0, 90, 180, 270}) {
    for (ImVec2 p : {ImVec2(0, 0), ImVec2(321, 77), ImVec2(1919, 1079), ImVec2(1000, 500)}) {
      const ImVec2 back = UiToPanel(r, PanelToUi(r, p, 1920, 1080), 1920, 1080);
      CHECK(back.x == doctest::Approx(p.x));
      CHECK(back.y == doctest::Approx(p.y));
    }
  }
}

TEST_CASE("rotation: a rotation other than 0, 90, 180, 270 is refused with a message") {
  BackendOptions o;
  o.mode = BackendMode::Offscreen;
  o.width = 640;
  o.height = 480;
  o.rotation = 45;
  std::string error;
  CHECK(CreateSdlBackend(o, &error) == nullptr);
  CHECK(error == "display rotation 45 is not 0, 90, 180 or 270");
}

TEST_CASE("rotation: at 90 a 1920x1080 panel gets a 1080x1920 UI, drawn turned onto the panel, screenshots upright") {
  GlHarness h(1920, 1080, 90);
  Backend& b = *h.backend;
  CHECK(b.Rotation() == 90);
  CHECK(b.PanelWidth() == 1920);
  CHECK(b.PanelHeight() == 1080);
  REQUIRE(b.Width() == 1080);
  REQUIRE(b.Height() == 1920);
  ScratchDir dir;
  const std::string shot = (dir.path / "ui.png").string();
  DrawMarkers(h, shot);

  // The screenshot is the UI as designed: 1080x1920, red at its top-left, blue at its bottom-right.
  int w = 0, hh = 0, n = 0;
  unsigned char* png = stbi_load(shot.c_str(), &w, &hh, &n, 4);
  REQUIRE(png != nullptr);
  std::vector<unsigned char> ui(png, png + (size_t)w * hh * 4);
  stbi_image_free(png);
  REQUIRE(w == 1080);
  REQUIRE(hh == 1920);
  CHECK(IsRed(At(ui, w, 5, 5)));
  CHECK(IsRed(At(ui, w, 195, 95)));
  CHECK_FALSE(IsRed(At(ui, w, 205, 5)));
  CHECK(IsBlue(At(ui, w, 1075, 1915)));

  // The panel: the UI turned a quarter clockwise. The red block (200 wide, 100 high at the
  // UI's top-left) is 100 wide and 200 high at the panel's top-right; blue at its bottom-left.
  const auto panel = ReadPanel(1920, 1080);
  CHECK(IsRed(At(panel, 1920, 1915, 5)));
  CHECK(IsRed(At(panel, 1920, 1825, 195)));
  CHECK_FALSE(IsRed(At(panel, 1920, 1815, 5)));   // 100 wide, not 200
  CHECK_FALSE(IsRed(At(panel, 1920, 1915, 205)));  // 200 high
  CHECK_FALSE(IsRed(At(panel, 1920, 5, 5)));
  CHECK(IsBlue(At(panel, 1920, 5, 1075)));
  CHECK(IsBlue(At(panel, 1920, 45, 985)));
}

TEST_CASE("rotation: 180 and 270 put the UI's corners where the turn takes them on the panel") {
  {
    GlHarness h(800, 600, 180);
    CHECK(h.backend->Width() == 800);
    CHECK(h.backend->Height() == 600);
    DrawMarkers(h);
    const auto panel = ReadPanel(800, 600);
    CHECK(IsRed(At(panel, 800, 795, 595)));  // upside down: top-left is bottom-right
    CHECK(IsBlue(At(panel, 800, 5, 5)));
  }
  {
    GlHarness h(800, 600, 270);
    CHECK(h.backend->Width() == 600);
    CHECK(h.backend->Height() == 800);
    DrawMarkers(h);
    const auto panel = ReadPanel(800, 600);
    CHECK(IsRed(At(panel, 800, 5, 595)));    // top-left goes to the panel's bottom-left
    CHECK(IsRed(At(panel, 800, 95, 405)));   // 100 wide, 200 high there
    CHECK(IsBlue(At(panel, 800, 795, 5)));
  }
}

TEST_CASE("rotation: a finger or the mouse on the panel arrives at the UI point under it") {
  GlHarness h(1920, 1080, 90);
  Backend& b = *h.backend;
  std::vector<InputEvent> events;
  b.WaitEvents(0, events);  // whatever the window's creation queued
  events.clear();
  // The UI point (200, 1600) lies under the panel's (1920 - 1600, 200) = (320, 200).
  b.PushPanelFinger(InputEvent::Kind::PointerDown, 320, 200);
  SDL_Event m;
  SDL_zero(m);
  m.type = SDL_MOUSEBUTTONDOWN;
  m.button.button = SDL_BUTTON_LEFT;
  m.button.x = 1800;  // the panel's top-right area: the UI's top-left
  m.button.y = 30;
  SDL_PushEvent(&m);
  b.WaitEvents(0, events);
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == InputEvent::Kind::PointerDown);
  CHECK(events[0].source == PointerSource::Finger);
  CHECK(events[0].x == doctest::Approx(200).epsilon(0.001));
  CHECK(events[0].y == doctest::Approx(1600).epsilon(0.001));
  CHECK(events[1].source == PointerSource::Mouse);
  CHECK(events[1].x == doctest::Approx(30));
  CHECK(events[1].y == doctest::Approx(120));
  // PushFinger takes UI points (what scripted taps use) and comes back the same.
  events.clear();
  b.PushFinger(InputEvent::Kind::PointerUp, 1000, 50);
  b.WaitEvents(0, events);
  REQUIRE(events.size() == 1);
  CHECK(events[0].x == doctest::Approx(1000).epsilon(0.001));
  CHECK(events[0].y == doctest::Approx(50).epsilon(0.001));
}

TEST_CASE("rotation: an ImGui button drawn in the turned UI is pressed by a tap on the panel above it") {
  GlHarness h(1920, 1080, 90);
  Backend& b = *h.backend;
  int clicks = 0;
  auto frame = [&] {
    h.Frame([&] {
      ImGui::SetCursorPos(ImVec2(100, 1500));
      if (ImGui::Button("target", ImVec2(200, 200))) ++clicks;
    });
  };
  frame();
  // Feed the backend's events to ImGui as a finger would go (mouse-style: down then up).
  auto tap_panel = [&](float x, float y) {
    for (auto kind : {InputEvent::Kind::PointerDown, InputEvent::Kind::PointerUp}) {
      b.PushPanelFinger(kind, x, y);
      std::vector<InputEvent> events;
      b.WaitEvents(0, events);
      ImGuiIO& io = ImGui::GetIO();
      for (const auto& e : events) {
        if (e.kind != InputEvent::Kind::PointerDown && e.kind != InputEvent::Kind::PointerUp) continue;
        io.MousePos = ImVec2(e.x, e.y);
        io.MouseDown[0] = e.kind == InputEvent::Kind::PointerDown;
      }
      frame();
      frame();
    }
  };
  tap_panel(1920 - 1600, 200);  // under the button's centre (200, 1600)
  CHECK(clicks == 1);
  tap_panel(1600, 200);         // where the button would be without the turn
  CHECK(clicks == 1);
}
