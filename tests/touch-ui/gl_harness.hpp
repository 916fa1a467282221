// tests/touch-ui/gl_harness.hpp: the real backend offscreen (SDL's offscreen driver +
// Mesa llvmpipe: a real GL context with no display) and a frame runner, for the parts of
// touch-ui that need textures or screenshots. Also a scratch folder and a command runner
// for independent readers of what was drawn (zbarimg).
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "touch-ui/backend.hpp"

struct GlHarness {
  std::unique_ptr<touchui::Backend> backend;

  // WIDTH x HEIGHT is the panel; with a ROTATION the UI is that turned (backend.hpp).
  explicit GlHarness(int width = 800, int height = 600, int rotation = 0) {
    touchui::BackendOptions o;
    o.mode = touchui::BackendMode::Offscreen;
    o.width = width;
    o.height = height;
    o.hide_pointer = false;
    o.lock_keyboard = false;
    o.vsync = false;
    o.rotation = rotation;
    std::string error;
    backend = touchui::CreateSdlBackend(o, &error);
    REQUIRE_MESSAGE(backend != nullptr, error);
  }

  // One frame: a full-screen window without padding running BODY; the frame is written to
  // SCREENSHOT as PNG when that is not empty.
  void Frame(const std::function<void()>& body, const std::string& screenshot = "") {
    backend->NewFrame(1.f / 60.f);
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("##root", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::PopStyleVar();
    body();
    ImGui::End();
    std::string error;
    REQUIRE_MESSAGE(backend->EndFrame(screenshot, &error), error);
  }
};

// A fresh folder under the system's temp dir, removed with everything in it at the end.
struct ScratchDir {
  std::filesystem::path path;
  ScratchDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "touch-ui-test-XXXXXX").string();
    REQUIRE(mkdtemp(tmpl.data()) != nullptr);
    path = tmpl;
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// Runs COMMAND through the shell; its stdout in OUT; returns the exit status.
inline int RunCommand(const std::string& command, std::string* out) {
  out->clear();
  FILE* p = popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  const int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
