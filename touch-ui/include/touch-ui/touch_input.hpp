// touch-ui/touch_input.hpp: turns raw pointer events into ImGui's mouse state, the
// finger-first way.
//
// Dear ImGui 1.86 has no input event queue: it reads io.MousePos/io.MouseDown once per
// frame, so a press and a release in the same frame would be lost. TouchInput keeps its
// own queue and applies at most one button transition per frame (HasPending() asks for
// another frame). On top of that it knows gestures:
//   tap      down and up within the slop (a few millimetres): ImGui sees a normal click;
//   drag     once the finger leaves the slop, ImGui's press is cancelled by moving the
//            pointer off-screen and releasing there, so a button under a finger that
//            scrolls a list is never activated (ImGui buttons fire on release over the
//            item); the movement goes to TouchScroller through DragDelta();
//   hold     HeldMs() grows while a finger rests inside the slop (long press, the
//            hidden admin corner).
// After a finger lifts, the pointer moves off-screen on the following frame so no hover
// highlight stays behind. A mouse behaves like a finger, except that it keeps hovering.
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include <imgui.h>

#include "touch-ui/backend.hpp"

namespace touchui {

class TouchInput {
 public:
  // SLOP_PX: how far a finger may wander and still tap (about 4 mm). LONG_PRESS_MS: hold.
  void Configure(float slop_px, int long_press_ms);

  // Queues a pointer or wheel event received at NOW_MS. Other kinds are ignored.
  void Push(const InputEvent& event, int64_t now_ms);
  // Applies queued events to ImGui's IO; call once per frame before ImGui::NewFrame().
  void BeginFrame(int64_t now_ms);
  bool HasPending() const { return !queue_.empty(); }
  // Forgets the current press (ImGui sees a release off-screen) until the finger lifts:
  // used when a touch only wakes the screen, so it must not press what is under it.
  void Cancel();
  // Forgets everything (idle reset).
  void Reset();

  // Gesture state, valid between BeginFrame() calls.
  bool IsDown() const { return down_; }
  bool IsDragging() const { return down_ && dragging_; }
  bool IsCancelled() const { return cancelled_; }
  ImVec2 DownPos() const { return down_pos_; }
  ImVec2 Pos() const { return pos_; }
  ImVec2 DragDelta() const { return drag_delta_; }   // movement this frame while dragging
  bool DragStarted() const { return drag_started_; } // the slop was left this frame
  bool Released() const { return released_; }        // a finger lifted this frame
  bool ReleasedFromDrag() const { return released_ && was_drag_; }
  ImVec2 ReleaseVelocity() const { return release_velocity_; }  // px/s, at lift-off
  bool Tapped() const { return tapped_; }             // lifted inside the slop
  ImVec2 TapPos() const { return tap_pos_; }
  float Wheel() const { return wheel_; }              // wheel notches this frame
  bool ActivityThisFrame() const { return activity_; }
  // How long the finger has rested inside the slop (0 when not holding).
  int64_t HeldMs(int64_t now_ms) const;
  int64_t DownAtMs() const { return down_ms_; }
  int LongPressMs() const { return long_press_ms_; }
  float SlopPx() const { return slop_px_; }
  PointerSource Source() const { return source_; }

 private:
  struct Queued { InputEvent event; int64_t at_ms; };
  struct Sample { int64_t at_ms; ImVec2 pos; };
  void Sample_(const ImVec2& pos, int64_t at_ms);
  ImVec2 VelocityAt(int64_t at_ms) const;

  std::deque<Queued> queue_;
  std::vector<Sample> samples_;  // recent positions, for the release velocity
  float slop_px_ = 16.f;
  int long_press_ms_ = 600;
  bool down_ = false, dragging_ = false, cancelled_ = false;
  bool drag_started_ = false, released_ = false, was_drag_ = false, tapped_ = false;
  bool activity_ = false, clear_hover_next_ = false;
  PointerSource source_ = PointerSource::Finger;
  int64_t finger_ = 0;
  int64_t down_ms_ = 0;
  ImVec2 down_pos_, pos_, drag_delta_, release_velocity_, tap_pos_;
  float wheel_ = 0;
};

}  // namespace touchui
