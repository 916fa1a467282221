// touch-ui/touch_scroller.hpp: kinetic scrolling with a rubber-band edge for any list or
// page, driving ImGui::SetScrollY of a child window.
//
// While a finger drags inside the child the content follows it exactly; past an edge it
// follows with growing resistance. On release the content keeps the finger's velocity
// and decelerates exponentially (time constant 325 ms, as phones do); when it runs into
// an edge, or was pulled past one, a critically damped spring brings it back. ImGui's own
// scroll cannot go past its range, so the overscroll part is drawn by shifting the
// content's cursor. Physics steps are fixed (1 ms), so a scripted run gives the same
// positions every time. A mouse wheel scrolls without inertia, for development.
#pragma once

#include <imgui.h>

#include "touch-ui/touch_input.hpp"

struct ImGuiWindow;

namespace touchui {

class TouchScroller {
 public:
  // Begins a child window of SIZE at the cursor (0 = all available). Always call End().
  void Begin(const char* id, ImVec2 size, const TouchInput& input);
  void End();

  bool IsMoving() const;       // still animating or under a finger: draw another frame
  float Offset() const { return offset_; }     // pixels from the top; <0 or >max in bounce
  float MaxOffset() const { return max_offset_; }
  float Velocity() const { return velocity_; } // px/s, positive scrolls down the content
  void Reset();                                // back to the top, at rest
  // Scrolls so content-local [TOP, BOTTOM] is visible (the field above a keyboard).
  void EnsureVisible(float top, float bottom);
  // Wheel step in pixels (default 120).
  void SetWheelStep(float px) { wheel_step_ = px; }

 private:
  void Step(float dt);

  float offset_ = 0, velocity_ = 0;
  float max_offset_ = 0, view_height_ = 0;
  float shift_ = 0;           // cursor shift that draws the overscroll
  float wheel_step_ = 120.f;
  bool tracking_ = false;     // a finger drags this scroller
  ImGuiWindow* window_ = nullptr;
};

}  // namespace touchui
