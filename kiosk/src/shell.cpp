// kiosk/shell.cpp: the interactive main loop, frame drawing, the systemd watchdog and
// the figures the state dump reports (see shell.hpp).
#include "shell.hpp"

#include <malloc.h>
#include <systemd/sd-daemon.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <fstream>

#include "touch-ui/theme.hpp"

namespace kiosk {
namespace {

int64_t RealMs() { return touchui::SystemClock().NowMs(); }

double RealMsPrecise() {
  using namespace std::chrono;
  return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

long ResidentKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

double Percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = (size_t)std::min<double>((double)v.size() - 1, q * (double)(v.size() - 1) + 0.5);
  return v[i];
}

}  // namespace

Shell::Shell(KioskApp& app, touchui::Backend& backend, touchui::TouchInput& input,
             touchui::Clock& clock, touchui::FontSet& fonts, const touchui::FontPaths& font_paths,
             Log& log)
    : app_(app), backend_(backend), input_(input), clock_(clock), fonts_(fonts),
      font_paths_(font_paths), log_(log) {
  real_start_ms_ = RealMs();
}

bool Shell::ApplyStyle(std::string* error) {
  const float scale = UiScale(backend_);
  std::string font_error;
  std::string note;
  const bool ok = fonts_.BuildCached(font_paths_, scale, app_.TextSizeNow(), font_cache_dir_, &font_error, &note);
  if (frames_ == 0) MarkStart("font_atlas");
  if (!note.empty()) log_.Info(note);
  touchui::ApplyTheme(app_.HighContrastNow(), scale);
  backend_.RecreateFontsTexture();
  if (frames_ == 0) MarkStart("font_upload");
  // The atlas lives on the GPU now; its CPU copies (alpha and RGBA) are MBs, and so are
  // the font files it was built from (each font and merged font keeps its own copy of
  // its file: ~9 MB). FontSet::Build starts from the files again when the size changes.
  ImGui::GetIO().Fonts->ClearTexData();
  ImGui::GetIO().Fonts->ClearInputData();
  // Freed blocks inside the heap stay resident until the allocator gives them back.
  malloc_trim(0);
  // 4 mm of slop, but never under 10 px: finger jitter on cheap panels is pixels, too.
  input_.Configure(std::max(10.f, backend_.MmToPx(4.f)), 600);
  if (!ok) {
    if (error) *error = font_error;
    return false;
  }
  return true;
}

void Shell::MarkStart(const std::string& phase) {
  start_phases_.push_back({phase, RealMsPrecise() - (double)real_start_ms_});
}

void Shell::Pump(int timeout_ms) {
  events_.clear();
  backend_.WaitEvents(timeout_ms, events_);
  const int64_t now = clock_.NowMs();
  for (const auto& e : events_) app_.OnEvent(e, now);
}

bool Shell::DrawFrame(const std::string& screenshot_path, std::string* error) {
  const double started = RealMsPrecise();
  if (app_.TakeStyleChange()) {
    std::string font_error;
    if (!ApplyStyle(&font_error)) log_.Error(font_error);
  }
  const int64_t now = clock_.NowMs();
  const float dt = last_frame_clock_ms_ ? (float)(now - last_frame_clock_ms_) / 1000.f : 1.f / 60.f;
  last_frame_clock_ms_ = now;
  input_.BeginFrame(now);
  backend_.NewFrame(std::clamp(dt, 0.001f, 0.1f));
  app_.Draw(now);
  const double built = RealMsPrecise();
  if (first_frame_real_ms_ < 0) MarkStart("first_frame_build");
  const bool ok = backend_.EndFrame(screenshot_path, error);
  app_.AfterFrame(now);
  ++frames_;
  const double spent = RealMsPrecise() - started;
  if (frame_cpu_ms_.size() >= 4096) frame_cpu_ms_.erase(frame_cpu_ms_.begin(), frame_cpu_ms_.begin() + 1024);
  if (frame_build_ms_.size() >= 4096) frame_build_ms_.erase(frame_build_ms_.begin(), frame_build_ms_.begin() + 1024);
  if (frame_search_ms_.size() >= 4096) frame_search_ms_.erase(frame_search_ms_.begin(), frame_search_ms_.begin() + 1024);
  const double search_ms = app_.TakeSearchMs();
  if (screenshot_path.empty()) {  // PNG encoding is not a frame's cost
    frame_cpu_ms_.push_back(spent);
    frame_build_ms_.push_back(built - started);
    frame_search_ms_.push_back(search_ms);
  }
  if (frame_real_at_ms_.size() >= 4096)
    frame_real_at_ms_.erase(frame_real_at_ms_.begin(), frame_real_at_ms_.begin() + 1024);
  frame_real_at_ms_.push_back(RealMs() - real_start_ms_);
  if (first_frame_real_ms_ < 0) {
    first_frame_real_ms_ = RealMs() - real_start_ms_;
    MarkStart("first_frame");
  }
  return ok;
}

int Shell::RunInteractive() {
  uint64_t watchdog_usec = 0;
  const bool watchdog = sd_watchdog_enabled(0, &watchdog_usec) > 0 && watchdog_usec > 0;
  // Waking three times per interval keeps a ping well inside it; such a wake draws nothing.
  const int64_t watchdog_wait_ms = watchdog ? std::max<int64_t>(1, (int64_t)(watchdog_usec / 3000)) : 0;
  if (watchdog) log_.Info("systemd watchdog: " + std::to_string(watchdog_usec / 1000) + " ms");
  bool ready_sent = false;
  while (!app_.QuitRequested()) {
    int64_t now = clock_.NowMs();
    app_.Update(now);
    if (app_.FrameDue(now)) {
      std::string error;
      if (!DrawFrame("", &error)) log_.Error(error);
      if (!ready_sent) {
        sd_notify(0, "READY=1");
        ready_sent = true;
      }
    }
    now = clock_.NowMs();
    const int64_t wake = app_.NextWakeMs(now);
    int64_t timeout = wake == kNever ? INT_MAX : std::max<int64_t>(0, wake - now);
    if (watchdog) timeout = std::min(timeout, watchdog_wait_ms);
    // 0 would only poll; SDL_WaitEventTimeout(…, 0) returns at once, which is what a due
    // frame needs.
    Pump((int)std::min<int64_t>(timeout, INT_MAX));
    if (watchdog) sd_notify(0, "WATCHDOG=1");
  }
  sd_notify(0, "STOPPING=1");
  return 0;
}

nlohmann::json Shell::State() const {
  nlohmann::json state = app_.DumpState(frames_, clock_.NowMs());
  std::vector<int64_t> recent(frame_real_at_ms_.end() - std::min<size_t>(frame_real_at_ms_.size(), 200),
                              frame_real_at_ms_.end());
  // Frames that ran a search (a key press on the search screen drawn with its new
  // results): search, the rest of the UI build, and GL (render + glFinish), each p50/p95.
  std::vector<double> k_search, k_build, k_gl, k_total, k_search_build;
  for (size_t i = 0; i < frame_search_ms_.size() && i < frame_cpu_ms_.size(); ++i) {
    if (frame_search_ms_[i] <= 0) continue;
    k_search.push_back(frame_search_ms_[i]);
    k_build.push_back(frame_build_ms_[i] - frame_search_ms_[i]);
    k_search_build.push_back(frame_build_ms_[i]);  // the 8 ms budget: search + UI build
    k_gl.push_back(frame_cpu_ms_[i] - frame_build_ms_[i]);
    k_total.push_back(frame_cpu_ms_[i]);
  }
  auto split = [&](const std::vector<double>& v) {
    return nlohmann::json{{"p50", Percentile(v, 0.5)}, {"p95", Percentile(v, 0.95)}};
  };
  nlohmann::json phases = nlohmann::json::object();
  for (const auto& [phase, ms] : start_phases_) phases[phase] = std::round(ms * 10.0) / 10.0;
  state["perf"] = {
      {"search_frames", {{"count", k_search.size()}, {"search_ms", split(k_search)}, {"build_ms", split(k_build)},
                         {"search_build_ms", split(k_search_build)}, {"gl_ms", split(k_gl)}, {"total_ms", split(k_total)}}},
      {"first_frame_ms", first_frame_real_ms_},
      {"start_phases_ms", phases},
      {"frame_ms_p50", Percentile(frame_cpu_ms_, 0.5)},
      {"frame_ms_p99", Percentile(frame_cpu_ms_, 0.99)},
      {"frame_build_ms_p50", Percentile(frame_build_ms_, 0.5)},
      {"frame_build_ms_p99", Percentile(frame_build_ms_, 0.99)},
      {"frames_measured", frame_cpu_ms_.size()},
      {"resident_kb", ResidentKb()},
      {"recent_frame_real_ms", recent},
  };
  return state;
}

}  // namespace kiosk
