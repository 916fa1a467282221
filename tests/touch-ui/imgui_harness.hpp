// tests/touch-ui/imgui_harness.hpp: a bare ImGui context (default font, no renderer) and
// a frame runner, so touch-ui's logic can be tested without a screen.
#pragma once

#include <imgui.h>

#include <functional>

#include "touch-ui/touch_input.hpp"

struct ImGuiHarness {
  ImGuiHarness() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1000, 800);
    unsigned char* pixels;
    int w, h;
    io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
  }
  ~ImGuiHarness() { ImGui::DestroyContext(); }

  // One frame at NOW_MS: input first, then a full-screen window running BODY.
  void Frame(touchui::TouchInput& input, int64_t now_ms, const std::function<void()>& body) {
    input.BeginFrame(now_ms);
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.f / 60.f;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##root", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    body();
    ImGui::End();
    ImGui::Render();
  }
};

inline touchui::InputEvent Pointer(touchui::InputEvent::Kind kind, float x, float y,
                                   touchui::PointerSource source = touchui::PointerSource::Finger) {
  touchui::InputEvent e;
  e.kind = kind;
  e.x = x;
  e.y = y;
  e.source = source;
  e.finger = source == touchui::PointerSource::Finger ? 1 : 0;
  return e;
}
