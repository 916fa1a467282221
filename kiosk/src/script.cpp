// kiosk/script.cpp: the scripted, headless UI runner (DESIGN.md "Scripted UI").
//
// Time is virtual: `wait 95000` advances a ManualClock from one scheduled wake-up of the
// app to the next, drawing real frames through the real GL context only when the app
// asks for one, so idle tests take milliseconds and are deterministic. Touches are put
// into SDL's event queue as finger events and take the same path as a real finger.
//
// Commands (one per line, # comments):
//   tap X Y | drag X1 Y1 X2 Y2 MS | hold X Y MS | wait MS | type TEXT | key NAME |
//   shot NAME | state NAME (extension: writes DIR/NAME.json, the --dump-state JSON now)
// `wait MS` passes no faster than real time while the admin screen waits for a kiosk-sync
// child (KioskApp::BackgroundBusy), so a script can wait for a sync to finish.
// `key NAME` taps an on-screen key (backspace space enter shift mode, a letter or digit)
// or any named touch target the screen reports in the dump's "targets" (home:search,
// pin:7, pin:ok, nav:home, ...). `type` on the PIN screen types on the PIN pad.
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <thread>
#include <fstream>
#include <sstream>

#include "content-pack/text_safety.hpp"
#include "shell.hpp"

namespace kiosk {
namespace {
constexpr int64_t kTapMs = 80;       // a finger rests this long in a tap
constexpr int64_t kMoveStepMs = 16;  // drag events come at the panel's ~60 Hz

bool ParseNumber(const std::string& word, long min, long max, long* out) {
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(word.c_str(), &end, 10);
  if (errno || end == word.c_str() || *end || v < min || v > max) return false;
  *out = v;
  return true;
}
}  // namespace

bool ParseScriptLine(const std::string& raw, int number, const std::string& path, ScriptCommand* cmd,
                     bool* has_command, std::string* error) {
  *has_command = false;
  std::string line = raw;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const size_t first = line.find_first_not_of(" \t");
  if (first == std::string::npos || line[first] == '#') return true;
  std::istringstream words(line.substr(first));
  *cmd = ScriptCommand{};
  cmd->line = number;
  words >> cmd->verb;
  auto fail = [&](const std::string& why) {
    *error = path + ":" + std::to_string(number) + ": " + why;
    return false;
  };
  // The rest of the line after the verb and one space, spaces included.
  auto rest = [&] {
    const size_t at = first + cmd->verb.size();
    std::string r = at < line.size() ? line.substr(at + 1) : "";
    while (!r.empty() && (r.back() == ' ' || r.back() == '\t')) r.pop_back();
    return r;
  };
  size_t want = 0;
  if (cmd->verb == "tap") want = 2;
  else if (cmd->verb == "drag") want = 5;
  else if (cmd->verb == "hold") want = 3;
  else if (cmd->verb == "wait") want = 1;
  else if (cmd->verb == "type") {
    cmd->text = rest();
    if (cmd->text.empty()) return fail("type needs TEXT");
    *has_command = true;
    return true;
  } else if (cmd->verb == "key") {
    // A target's name may hold spaces (field:Hộ tịch): the rest of the line.
    cmd->text = rest();
    if (cmd->text.empty()) return fail("key needs a NAME");
    *has_command = true;
    return true;
  } else if (cmd->verb == "shot" || cmd->verb == "state") {
    words >> cmd->text;
    std::string extra;
    if (cmd->text.empty() || (words >> extra)) return fail(cmd->verb + " needs exactly one NAME");
    if (cmd->text.find_first_of("/\\") != std::string::npos) return fail("NAME must not contain a path separator");
    *has_command = true;
    return true;
  } else {
    return fail("unknown command '" + cmd->verb + "'");
  }
  std::string word;
  while (words >> word) {
    long v = 0;
    if (!ParseNumber(word, 0, 100000000, &v)) return fail("'" + word + "' is not a number >= 0");
    cmd->numbers.push_back(v);
  }
  if (cmd->numbers.size() != want) return fail(cmd->verb + " takes " + std::to_string(want) + " numbers");
  *has_command = true;
  return true;
}

bool ParseScript(const std::string& path, std::vector<ScriptCommand>* out, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = "cannot read script " + path;
    return false;
  }
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ScriptCommand cmd;
    bool has = false;
    if (!ParseScriptLine(line, ++number, path, &cmd, &has, error)) return false;
    if (has) out->push_back(std::move(cmd));
  }
  return true;
}

void Shell::Wait(touchui::ManualClock& clock, int64_t ms) {
  const int64_t end = clock.NowMs() + std::max<int64_t>(0, ms);
  for (;;) {
    const int64_t now = clock.NowMs();
    Pump(0);
    app_.Update(now);
    if (app_.FrameDue(now)) {
      std::string error;
      if (!DrawFrame("", &error)) log_.Error(error);
      continue;
    }
    if (now >= end) break;
    int64_t wake = app_.NextWakeMs(now);
    if (wake <= now) wake = now + 1;
    // Work outside the app (a kiosk-sync child of the admin screen) runs in real time:
    // while it does, virtual time passes no faster than real time.
    if (app_.BackgroundBusy())
      std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(std::min(wake, end) - now, 100)));
    clock.AdvanceTo(std::min(wake, end));
  }
}

void Shell::Settle(touchui::ManualClock& clock) {
  // Enough frames for the injected events and ImGui's follow-up frames, no more: an
  // animation they started keeps going only while the script waits.
  for (int guard = 0; guard < 64; ++guard) {
    const int64_t now = clock.NowMs();
    Pump(0);
    app_.Update(now);
    if (app_.FrameDue(now)) {
      std::string error;
      if (!DrawFrame("", &error)) log_.Error(error);
      continue;
    }
    if (app_.Settled()) break;
    const int64_t wake = app_.NextWakeMs(now);
    clock.AdvanceTo(wake <= now ? now + 1 : std::min(wake, now + kMoveStepMs));
  }
}

void Shell::Touch(touchui::InputEvent::Kind kind, float x, float y) {
  // Into SDL's queue and straight out again, so the event carries this virtual time.
  backend_.PushFinger(kind, x, y);
  Pump(0);
}

bool Shell::TapAt(touchui::ManualClock& clock, float x, float y) {
  Touch(touchui::InputEvent::Kind::PointerDown, x, y);
  Wait(clock, kTapMs);
  Touch(touchui::InputEvent::Kind::PointerUp, x, y);
  Settle(clock);
  return true;
}

bool Shell::TapKey(touchui::ManualClock& clock, const std::string& id, std::string* error) {
  // A target off screen (in a scroller, or in a closed panel) is brought into view first,
  // as a finger would: scroll, let the scroll settle, look again.
  for (int attempt = 0; attempt < 3 && app_.RevealTarget(id); ++attempt) Wait(clock, 50);
  auto center = app_.KeyCenter(id);
  if (!center) {
    *error = "no on-screen key or target '" + id + "' on screen '" + app_.CurrentScreenName() + "'";
    return false;
  }
  return TapAt(clock, center->x, center->y);
}

int Shell::RunScript(const std::vector<ScriptCommand>& commands, touchui::ManualClock& clock,
                     const std::string& screenshot_dir, std::string* error) {
  Settle(clock);  // the first frames
  for (const ScriptCommand& c : commands) {
    if (int rc = RunCommand(c, clock, screenshot_dir, error)) return rc;
    if (app_.QuitRequested()) break;
  }
  return 0;
}

int Shell::RunScriptStream(std::istream& in, const std::string& path, touchui::ManualClock& clock,
                           const std::string& screenshot_dir, std::string* error) {
  Settle(clock);
  std::string line;
  int number = 0;
  while (!app_.QuitRequested() && std::getline(in, line)) {
    ScriptCommand c;
    bool has = false;
    if (!ParseScriptLine(line, ++number, path, &c, &has, error)) return 2;
    if (!has) continue;
    if (int rc = RunCommand(c, clock, screenshot_dir, error)) return rc;
  }
  return 0;
}

int Shell::RunCommand(const ScriptCommand& c, touchui::ManualClock& clock, const std::string& screenshot_dir,
                      std::string* error) {
  using K = touchui::InputEvent::Kind;
  const std::string where = "script line " + std::to_string(c.line) + ": ";
  const auto& n = c.numbers;
  if (c.verb == "tap") {
    TapAt(clock, (float)n[0], (float)n[1]);
  } else if (c.verb == "hold") {
    Touch(K::PointerDown, (float)n[0], (float)n[1]);
    Wait(clock, n[2]);
    Touch(K::PointerUp, (float)n[0], (float)n[1]);
    Settle(clock);
  } else if (c.verb == "drag") {
    const float x1 = (float)n[0], y1 = (float)n[1], x2 = (float)n[2], y2 = (float)n[3];
    const int64_t duration = n[4];
    const int steps = (int)std::max<int64_t>(1, duration / kMoveStepMs);
    // Moves at a steady rate; frames are drawn in between as the app asks, and the
    // finger lifts at the last move (a flick keeps its speed).
    Touch(K::PointerDown, x1, y1);
    int64_t elapsed = 0;
    for (int i = 1; i <= steps; ++i) {
      const int64_t at = duration * i / steps;
      Wait(clock, at - elapsed);
      elapsed = at;
      const float t = (float)i / (float)steps;
      Touch(K::PointerMove, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t);
    }
    Touch(K::PointerUp, x2, y2);
    Settle(clock);
  } else if (c.verb == "wait") {
    Wait(clock, n[0]);
  } else if (c.verb == "key") {
    if (!TapKey(clock, c.text, error)) { *error = where + *error; return 2; }
  } else if (c.verb == "type") {
    // Each character is one keystroke on the on-screen keyboard (Telex keys as typed),
    // or on the PIN pad when that is the screen.
    for (unsigned char ch : c.text) {
      std::vector<std::string> ids;
      if (ch == ' ') ids = {"space"};
      else if (std::isupper(ch)) ids = {"shift", std::string(1, (char)std::tolower(ch))};
      else if (std::isalnum(ch) || ch == '-' || ch == '/') ids = {std::string(1, (char)ch)};
      else {
        *error = where + "no on-screen key types '" + std::string(1, (char)ch) + "'";
        return 2;
      }
      if (std::isdigit(ch) && !app_.KeyCenter(ids[0]) && app_.KeyCenter("pin:" + ids[0]))
        ids[0] = "pin:" + ids[0];
      for (const auto& id : ids)
        if (!TapKey(clock, id, error)) { *error = where + *error; return 2; }
    }
  } else if (c.verb == "shot" || c.verb == "state") {
    if (screenshot_dir.empty()) {
      *error = where + c.verb + " needs --screenshot-dir";
      return 2;
    }
    if (c.verb == "shot") {
      if (!DrawFrame(screenshot_dir + "/" + c.text + ".png", error)) { *error = where + *error; return 2; }
    } else {
      std::ofstream out(screenshot_dir + "/" + c.text + ".json");
      out << pack::DumpJson(State(), 2) << "\n";
      if (!out) { *error = where + "cannot write " + screenshot_dir + "/" + c.text + ".json"; return 2; }
    }
  }
  return 0;
}

}  // namespace kiosk
