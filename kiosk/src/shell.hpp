// kiosk/shell.hpp: the main loop around KioskApp: events in, frames out, and nothing at
// all while nothing changes.
//
// Interactive: wait for events with SDL_WaitEventTimeout until the app's next wake time
// (never longer than a third of the systemd watchdog interval when one is set, and
// pinging it every wake), draw a frame only when the app says one is due.
// Scripted (script.cpp): the same app and the same frames on a ManualClock that the
// script advances, with touches injected as SDL finger events.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.hpp"

namespace kiosk {

struct ScriptCommand {
  int line = 0;
  std::string verb;               // tap drag hold wait type key shot state
  std::vector<long> numbers;      // coordinates and times
  std::string text;               // type TEXT, key NAME, shot NAME, state NAME
};

// Parses a script file (DESIGN.md "Scripted UI"); false with ERROR "FILE:LINE: why".
bool ParseScript(const std::string& path, std::vector<ScriptCommand>* out, std::string* error);
// One line of a script: HAS_COMMAND false for a blank line or a comment.
bool ParseScriptLine(const std::string& line, int number, const std::string& path, ScriptCommand* out,
                     bool* has_command, std::string* error);

class Shell {
 public:
  Shell(KioskApp& app, touchui::Backend& backend, touchui::TouchInput& input,
        touchui::Clock& clock, touchui::FontSet& fonts, const touchui::FontPaths& font_paths,
        Log& log);

  // Fonts and theme for the app's text size and contrast; false with ERROR (a font file).
  bool ApplyStyle(std::string* error);
  int RunInteractive();
  // Runs COMMANDS on CLOCK (which must be the ManualClock the app reads). Returns 0, or
  // 2 with ERROR for a script that cannot run (bad key name, unwritable screenshot).
  int RunScript(const std::vector<ScriptCommand>& commands, touchui::ManualClock& clock,
                const std::string& screenshot_dir, std::string* error);

  // The same, reading commands as they arrive (a FIFO: a test that changes files between
  // steps writes the next commands when it is ready). A bad line stops the run with 2.
  int RunScriptStream(std::istream& in, const std::string& path, touchui::ManualClock& clock,
                      const std::string& screenshot_dir, std::string* error);

  bool DrawFrame(const std::string& screenshot_path, std::string* error);
  int64_t Frames() const { return frames_; }
  // The app's state plus the shell's figures (frames, timings, memory).
  nlohmann::json State() const;
  void SetStartMs(int64_t real_start_ms) { real_start_ms_ = real_start_ms; }
  // Where the built font atlas is cached between starts (empty: nowhere).
  void SetFontCacheDir(const std::string& dir) { font_cache_dir_ = dir; }
  // Marks the end of a start-up phase (ms since process start) for the dump's
  // perf.start_phases_ms; the first frame adds "first_frame_build" and "first_frame".
  void MarkStart(const std::string& phase);
  // The same for a phase that ended at AT_MS (steady clock, ms) before the shell existed.
  void AddStartPhase(const std::string& phase, double at_ms) {
    start_phases_.push_back({phase, at_ms - (double)real_start_ms_});
  }

 private:
  void Pump(int timeout_ms);
  int RunCommand(const ScriptCommand& command, touchui::ManualClock& clock, const std::string& screenshot_dir,
                 std::string* error);
  // Scripted helpers.
  void Wait(touchui::ManualClock& clock, int64_t ms);
  void Settle(touchui::ManualClock& clock);
  void Touch(touchui::InputEvent::Kind kind, float x, float y);
  bool TapAt(touchui::ManualClock& clock, float x, float y);
  bool TapKey(touchui::ManualClock& clock, const std::string& id, std::string* error);

  KioskApp& app_;
  touchui::Backend& backend_;
  touchui::TouchInput& input_;
  touchui::Clock& clock_;
  touchui::FontSet& fonts_;
  touchui::FontPaths font_paths_;
  std::string font_cache_dir_;
  Log& log_;
  int64_t frames_ = 0;
  int64_t last_frame_clock_ms_ = 0;
  int64_t real_start_ms_ = 0;
  int64_t first_frame_real_ms_ = -1;      // real ms from process start to first frame
  std::vector<std::pair<std::string, double>> start_phases_;  // phase -> ms since start
  std::vector<double> frame_cpu_ms_;      // real time per frame, build + render (ring)
  std::vector<double> frame_build_ms_;    // real time per frame building the UI, no GL
  std::vector<double> frame_search_ms_;   // of which searching the pack (0: no search)
  std::vector<int64_t> frame_real_at_ms_; // real ms since start of recent frames (ring)
  std::vector<touchui::InputEvent> events_;
};

}  // namespace kiosk
