// touch-ui/touch_scroller.cpp: kinetic scrolling physics and the ImGui child window
// (see touch_scroller.hpp).
#include "touch-ui/touch_scroller.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

namespace touchui {
namespace {
constexpr float kDecelerationTau = 0.325f;  // s: velocity falls to 37% in this time
constexpr float kSpringOmega = 15.f;        // rad/s: edge spring, critically damped
constexpr float kStopVelocity = 12.f;       // px/s: below this a fling is over
constexpr float kMaxVelocity = 9000.f;      // px/s: a wild flick stays readable
constexpr float kStepSeconds = 0.001f;
}  // namespace

void TouchScroller::Reset() {
  offset_ = velocity_ = 0;
  tracking_ = false;
  shift_ = 0;
  if (window_) ImGui::SetScrollY(window_, 0);
}

bool TouchScroller::IsMoving() const {
  return tracking_ || velocity_ != 0 || offset_ < 0 || offset_ > max_offset_;
}

void TouchScroller::EnsureVisible(float top, float bottom) {
  if (top < offset_) offset_ = top;
  else if (bottom > offset_ + view_height_) offset_ = bottom - view_height_;
  offset_ = std::clamp(offset_, 0.f, std::max(max_offset_, offset_));
  velocity_ = 0;
}

void TouchScroller::Step(float dt) {
  int steps = (int)std::lround(dt / kStepSeconds);
  steps = std::clamp(steps, 1, 200);  // a long stall does not fling content away
  const float decay = std::exp(-kStepSeconds / kDecelerationTau);
  for (int i = 0; i < steps; ++i) {
    const float over = offset_ < 0 ? offset_ : (offset_ > max_offset_ ? offset_ - max_offset_ : 0);
    if (over == 0) {
      offset_ += velocity_ * kStepSeconds;
      velocity_ *= decay;
      if (std::fabs(velocity_) < kStopVelocity) velocity_ = 0;
    } else {
      const float accel = -kSpringOmega * kSpringOmega * over - 2.f * kSpringOmega * velocity_;
      velocity_ += accel * kStepSeconds;
      offset_ += velocity_ * kStepSeconds;
      const float now_over =
          offset_ < 0 ? offset_ : (offset_ > max_offset_ ? offset_ - max_offset_ : 0);
      // Coming back from a bounce ends exactly at the edge, not a hair inside it.
      const bool crossed_back = (over < 0 && now_over >= 0) || (over > 0 && now_over <= 0);
      if (crossed_back || (std::fabs(now_over) < 0.5f && std::fabs(velocity_) < 40.f)) {
        offset_ = std::clamp(offset_, 0.f, max_offset_);
        velocity_ = 0;
      }
    }
    if (velocity_ == 0 && offset_ >= 0 && offset_ <= max_offset_) break;
  }
}

void TouchScroller::Begin(const char* id, ImVec2 size, const TouchInput& input) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImRect rect(origin, ImVec2(origin.x + size.x, origin.y + size.y));
  const float dt = ImGui::GetIO().DeltaTime;

  if (input.DragStarted() && rect.Contains(input.DownPos())) {
    tracking_ = true;
    velocity_ = 0;
  }
  if (tracking_ && input.IsDragging()) {
    float dy = -input.DragDelta().y;
    // The part of the move that stays inside the range is followed exactly; the part
    // past an edge with resistance that grows with the stretch: a rubber band.
    const float room = dy < 0 ? -std::max(0.f, offset_) : std::max(0.f, max_offset_ - offset_);
    const float inside = dy < 0 ? std::max(dy, room) : std::min(dy, room);
    offset_ += inside;
    const float past = dy - inside;
    if (past != 0) {
      const float over = offset_ < 0 ? -offset_ : std::max(0.f, offset_ - max_offset_);
      const float limit = std::max(view_height_, 1.f) * 0.5f;
      offset_ += past * std::max(0.f, 0.5f * (1.f - over / limit));
    }
  } else if (tracking_) {
    tracking_ = false;
    if (input.ReleasedFromDrag())
      velocity_ = std::clamp(-input.ReleaseVelocity().y, -kMaxVelocity, kMaxVelocity);
  }
  if (!tracking_) {
    if (input.Wheel() != 0 && rect.Contains(ImGui::GetIO().MousePos)) {
      velocity_ = 0;
      offset_ = std::clamp(offset_ - input.Wheel() * wheel_step_, 0.f, max_offset_);
    }
    if (velocity_ != 0 || offset_ < 0 || offset_ > max_offset_) Step(dt);
  }

  const float in_range = std::clamp(offset_, 0.f, max_offset_);
  // Whole pixels: ImGui floors item positions, and a fractional shift would make the
  // measured content height (and so the scroll range) wobble.
  shift_ = std::round(in_range - offset_);
  // Applied by this frame's BeginChild (ScrollTarget), so the content never lags a frame.
  if (window_) ImGui::SetScrollY(window_, in_range);
  ImGui::BeginChild(id, size, false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                        ImGuiWindowFlags_NoMove);
  window_ = ImGui::GetCurrentWindow();
  view_height_ = size.y;
  if (shift_ != 0) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + shift_);
}

void TouchScroller::End() {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float content_height = ImGui::GetCursorPosY() - shift_ - style.ItemSpacing.y +
                               style.WindowPadding.y;
  max_offset_ = std::max(0.f, content_height - view_height_);
  // Pulled past the end, the content is shifted up; pad it so ImGui's own scroll range
  // (from the content size) does not shrink and undo the stretch.
  if (shift_ < 0) ImGui::Dummy(ImVec2(1, -shift_));

  // A thin indicator tells a first-time user there is more below.
  if (max_offset_ > 0) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const float bar_w = std::max(6.f, ImGui::GetFontSize() * 0.22f);
    const float visible = std::clamp(view_height_ / content_height, 0.05f, 1.f);
    const float track = view_height_ - 8.f;
    float bar_h = track * visible;
    const float pos = std::clamp(offset_ / max_offset_, 0.f, 1.f);
    const float y0 = w->Pos.y + 4.f + (track - bar_h) * pos;
    const float x1 = w->Pos.x + w->Size.x - 4.f;
    ImVec4 c = style.Colors[ImGuiCol_ScrollbarGrab];
    w->DrawList->AddRectFilled(ImVec2(x1 - bar_w, y0), ImVec2(x1, y0 + bar_h),
                               ImGui::GetColorU32(c), bar_w * 0.5f);
  }
  ImGui::EndChild();
}

}  // namespace touchui
