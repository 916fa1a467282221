// tests/bench/ui/bench_ui_floor.cpp: the floor for the UI benchmark: what a bare SDL window
// with an OpenGL 3 context costs on the same driver, with nothing drawn but a clear.
// It opens the window the way the kiosk's backend does (hidden window, 3.2 core and then
// 3.0, double buffered, no depth, no vsync), then clears, swaps and glFinish()es FRAMES
// frames, and prints one JSON object:
//   first_frame_ms  main() to the end of the first frame (swap + glFinish), as the kiosk
//                   measures its own
//   frame_ms_p50, frame_ms_p99   clear + swap + glFinish per frame
//   resident_kb     VmRSS after the frames; rss_anon_kb and rss_file_kb its two parts
//   driver, renderer, width, height, frames
// usage: bench-ui-floor [--window WxH] [--frames N]   (SDL_VIDEODRIVER as the caller sets
// it; offscreen unless set)
#include <SDL2/SDL.h>
#include <SDL2/SDL_opengl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

namespace {

double NowMs() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// A field of /proc/self/status in kB: "VmRSS", "RssAnon" (heap, stacks, buffers),
// "RssFile" (pages of mapped files: the libraries' code, Mesa's and LLVM's above all).
long StatusKb(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::atol(line.c_str() + key.size() + 1);
  return -1;
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = (size_t)std::min<double>((double)v.size() - 1, q * (double)(v.size() - 1) + 0.5);
  return v[i];
}

std::string JsonString(const char* s) {
  std::string out = "\"";
  for (const char* p = s ? s : ""; *p; ++p) {
    if (*p == '"' || *p == '\\') out += '\\';
    if ((unsigned char)*p < 0x20) continue;
    out += *p;
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  const double start = NowMs();
  int width = 1920, height = 1080, frames = 300;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--window" && i + 1 < argc && std::sscanf(argv[i + 1], "%dx%d", &width, &height) == 2) ++i;
    else if (a == "--frames" && i + 1 < argc) frames = std::max(1, std::atoi(argv[++i]));
    else {
      std::fprintf(stderr, "usage: bench-ui-floor [--window WxH] [--frames N]\n");
      return 2;
    }
  }
  if (!std::getenv("SDL_VIDEODRIVER")) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    std::fprintf(stderr, "bench-ui-floor: cannot start SDL video: %s\n", SDL_GetError());
    return 1;
  }
  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  const int attempts[2][3] = {{3, 2, SDL_GL_CONTEXT_PROFILE_CORE}, {3, 0, 0}};
  for (const auto& a : attempts) {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, a[0]);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, a[1]);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, a[2]);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    window = SDL_CreateWindow("bench-ui-floor", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height,
                              SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN);
    if (!window) continue;
    gl = SDL_GL_CreateContext(window);
    if (gl) break;
    SDL_DestroyWindow(window);
    window = nullptr;
  }
  if (!window || !gl) {
    std::fprintf(stderr, "bench-ui-floor: cannot create an OpenGL 3 window: %s\n", SDL_GetError());
    SDL_Quit();
    return 1;
  }
  SDL_GL_MakeCurrent(window, gl);
  SDL_GL_SetSwapInterval(0);
  int dw = width, dh = height;
  SDL_GL_GetDrawableSize(window, &dw, &dh);

  double first_frame_ms = -1;
  std::vector<double> frame_ms;
  for (int i = 0; i < frames; ++i) {
    const double t0 = NowMs();
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
    }
    glViewport(0, 0, dw, dh);
    // A colour that changes every frame, so no driver can skip the clear.
    glClearColor(0.95f, 0.96f, (float)(i % 2) * 0.01f + 0.97f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    SDL_GL_SwapWindow(window);
    glFinish();
    const double t1 = NowMs();
    if (first_frame_ms < 0) first_frame_ms = t1 - start;
    else frame_ms.push_back(t1 - t0);  // the first frame is start-up, not a frame's cost
  }
  const long rss = StatusKb("VmRSS"), anon = StatusKb("RssAnon"), file = StatusKb("RssFile");
  std::printf("{\"driver\": %s, \"renderer\": %s, \"width\": %d, \"height\": %d, \"frames\": %d, "
              "\"first_frame_ms\": %.3f, \"frame_ms_p50\": %.3f, \"frame_ms_p99\": %.3f, \"resident_kb\": %ld, "
              "\"rss_anon_kb\": %ld, \"rss_file_kb\": %ld}\n",
              JsonString(SDL_GetCurrentVideoDriver()).c_str(),
              JsonString((const char*)glGetString(GL_RENDERER)).c_str(), dw, dh, frames, first_frame_ms,
              Percentile(frame_ms, 0.5), Percentile(frame_ms, 0.99), rss, anon, file);
  SDL_GL_DeleteContext(gl);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}
