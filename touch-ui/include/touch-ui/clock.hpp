// touch-ui/clock.hpp: the time source of the UI.
//
// Everything that depends on time (idle timers, kinetic scrolling, long presses, the
// caret, admin lockouts) reads a Clock instead of the system, so the scripted test
// runner can advance a ManualClock: `wait 95000` in a script takes milliseconds of
// real time but the UI sees 95 seconds pass.
#pragma once

#include <cstdint>

namespace touchui {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t NowMs() const = 0;        // monotonic milliseconds, arbitrary origin
  virtual int64_t WallSeconds() const = 0;  // seconds since the Unix epoch
};

// The real clock: steady_clock for NowMs, system_clock for WallSeconds.
class SystemClock final : public Clock {
 public:
  int64_t NowMs() const override;
  int64_t WallSeconds() const override;
};

// Virtual time for scripted runs: starts at the real wall time, moves only by Advance().
class ManualClock final : public Clock {
 public:
  ManualClock();
  int64_t NowMs() const override { return now_ms_; }
  int64_t WallSeconds() const override { return wall_start_s_ + now_ms_ / 1000; }
  void Advance(int64_t ms) { if (ms > 0) now_ms_ += ms; }
  // The wall time at the start (a scripted run "on" a given day).
  void SetWallStart(int64_t seconds) { wall_start_s_ = seconds; }
  void AdvanceTo(int64_t ms) { if (ms > now_ms_) now_ms_ = ms; }

 private:
  int64_t now_ms_ = 1000;  // not 0, so "never" (0) stays distinguishable from "at start"
  int64_t wall_start_s_ = 0;
};

}  // namespace touchui
