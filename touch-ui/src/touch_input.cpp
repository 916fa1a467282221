// touch-ui/touch_input.cpp: tap/drag/hold recognition and the ImGui mouse feed
// (see touch_input.hpp for the design).
#include "touch-ui/touch_input.hpp"

#include <cfloat>
#include <cmath>

namespace touchui {
namespace {
const ImVec2 kOffScreen(-FLT_MAX, -FLT_MAX);
constexpr int64_t kVelocityWindowMs = 100;  // only the last 100 ms count for a flick
}  // namespace

void TouchInput::Configure(float slop_px, int long_press_ms) {
  IM_ASSERT(slop_px > 0 && long_press_ms > 0);
  slop_px_ = slop_px;
  long_press_ms_ = long_press_ms;
}

void TouchInput::Push(const InputEvent& event, int64_t now_ms) {
  using K = InputEvent::Kind;
  if (event.kind != K::PointerDown && event.kind != K::PointerMove &&
      event.kind != K::PointerUp && event.kind != K::Wheel)
    return;
  queue_.push_back({event, now_ms});
}

void TouchInput::Cancel() {
  if (!down_) return;
  cancelled_ = true;
  ImGuiIO& io = ImGui::GetIO();
  io.MouseDown[0] = false;
  io.MousePos = kOffScreen;
}

void TouchInput::Reset() {
  queue_.clear();
  samples_.clear();
  down_ = dragging_ = cancelled_ = false;
  drag_started_ = released_ = was_drag_ = tapped_ = activity_ = false;
  drag_delta_ = release_velocity_ = ImVec2();
  wheel_ = 0;
  if (ImGui::GetCurrentContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.MouseDown[0] = false;
    io.MousePos = kOffScreen;
  }
}

void TouchInput::Sample_(const ImVec2& pos, int64_t at_ms) {
  samples_.push_back({at_ms, pos});
  // Keep the window small; old samples never matter.
  size_t keep_from = 0;
  while (keep_from < samples_.size() && samples_[keep_from].at_ms < at_ms - kVelocityWindowMs)
    ++keep_from;
  if (keep_from > 0) samples_.erase(samples_.begin(), samples_.begin() + (long)keep_from);
}

ImVec2 TouchInput::VelocityAt(int64_t at_ms) const {
  // Velocity over the samples of the last window; a finger that rested before lifting
  // has no samples left but the last, so it flings nothing.
  const Sample* first = nullptr;
  for (const Sample& s : samples_)
    if (s.at_ms >= at_ms - kVelocityWindowMs) { first = &s; break; }
  if (!first || samples_.empty()) return ImVec2();
  const Sample& last = samples_.back();
  const int64_t dt = last.at_ms - first->at_ms;
  if (dt <= 0) return ImVec2();
  return ImVec2((last.pos.x - first->pos.x) * 1000.f / (float)dt,
                (last.pos.y - first->pos.y) * 1000.f / (float)dt);
}

void TouchInput::BeginFrame(int64_t now_ms) {
  ImGuiIO& io = ImGui::GetIO();
  drag_delta_ = ImVec2();
  drag_started_ = released_ = was_drag_ = tapped_ = activity_ = false;
  wheel_ = 0;
  io.MouseWheel = 0;
  if (clear_hover_next_) {
    io.MousePos = kOffScreen;
    clear_hover_next_ = false;
  }
  bool transitioned = false;
  using K = InputEvent::Kind;
  while (!queue_.empty()) {
    const Queued& q = queue_.front();
    const InputEvent& e = q.event;
    const ImVec2 p(e.x, e.y);
    if ((e.kind == K::PointerDown || e.kind == K::PointerUp) && transitioned) break;
    activity_ = true;
    switch (e.kind) {
      case K::PointerDown:
        if (down_) break;  // a second finger: ignored, one finger drives the UI
        down_ = true;
        dragging_ = cancelled_ = false;
        source_ = e.source;
        finger_ = e.finger;
        down_ms_ = q.at_ms;
        down_pos_ = pos_ = p;
        samples_.clear();
        Sample_(p, q.at_ms);
        io.MousePos = p;
        io.MouseDown[0] = true;
        transitioned = true;
        break;
      case K::PointerMove: {
        if (!down_) {
          if (e.source == PointerSource::Mouse) io.MousePos = p;  // a mouse hovers
          break;
        }
        if (e.source != source_ || e.finger != finger_) break;
        const ImVec2 prev = pos_;
        pos_ = p;
        Sample_(p, q.at_ms);
        if (!dragging_) {
          const float dx = pos_.x - down_pos_.x, dy = pos_.y - down_pos_.y;
          if (std::sqrt(dx * dx + dy * dy) > slop_px_) {
            // Leaving the slop makes this a drag: ImGui sees the press end off-screen,
            // so the button under the finger does not fire. The content moves by the
            // whole distance so what was grabbed stays under the finger.
            dragging_ = true;
            drag_started_ = true;
            drag_delta_.x += dx;
            drag_delta_.y += dy;
            io.MousePos = kOffScreen;
            io.MouseDown[0] = false;
          } else if (!cancelled_) {
            io.MousePos = p;
          }
        } else {
          drag_delta_.x += pos_.x - prev.x;
          drag_delta_.y += pos_.y - prev.y;
        }
        break;
      }
      case K::PointerUp:
        if (!down_ || e.source != source_ || e.finger != finger_) break;
        pos_ = p;
        Sample_(p, q.at_ms);
        released_ = true;
        was_drag_ = dragging_;
        release_velocity_ = dragging_ ? VelocityAt(q.at_ms) : ImVec2();
        if (!dragging_ && !cancelled_) {
          tapped_ = true;
          tap_pos_ = p;
          io.MousePos = p;  // release over the item: ImGui's click
        }
        io.MouseDown[0] = false;
        down_ = dragging_ = cancelled_ = false;
        if (source_ == PointerSource::Finger) clear_hover_next_ = true;
        transitioned = true;
        break;
      case K::Wheel:
        wheel_ += e.wheel;
        break;
      default:
        break;
    }
    queue_.pop_front();
  }
  (void)now_ms;
}

int64_t TouchInput::HeldMs(int64_t now_ms) const {
  if (!down_ || dragging_ || cancelled_) return 0;
  return now_ms > down_ms_ ? now_ms - down_ms_ : 0;
}

}  // namespace touchui
