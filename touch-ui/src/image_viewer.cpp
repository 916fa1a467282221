// touch-ui/src/image_viewer.cpp: zoom and pan of a picture (see image_viewer.hpp).
#include "touch-ui/image_viewer.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include "touch-ui/theme.hpp"
#include "touch-ui/widgets.hpp"

namespace touchui {

void ImageViewer::Reset() {
  zoom_ = 1.f;
  center_ = ImVec2(-1, -1);
  panning_ = false;
  last_tap_ms_ = -1;
}

void ImageViewer::ZoomBy(float factor) {
  zoom_ = std::clamp(zoom_ * factor, 1.f, max_zoom_);
  // Snap a hair off the ends, so five ins and five outs come back to exactly fit.
  if (zoom_ < 1.001f) zoom_ = 1.f;
  if (zoom_ > max_zoom_ * 0.999f) zoom_ = max_zoom_;
}

bool ImageViewer::ButtonRect(Button button, ImVec2* min, ImVec2* max) const {
  if (!drawn_) return false;
  *min = button_min_[(int)button];
  *max = button_max_[(int)button];
  return true;
}

// Keeps the picture covering the view along each axis where it is larger than the view,
// and centred where it is smaller.
void ImageViewer::Clamp(ImVec2 view) {
  const float scale = fit_ * zoom_;
  const float half_w = view.x * 0.5f / scale, half_h = view.y * 0.5f / scale;
  if ((float)image_w_ <= 2 * half_w) center_.x = image_w_ * 0.5f;
  else center_.x = std::clamp(center_.x, half_w, image_w_ - half_w);
  if ((float)image_h_ <= 2 * half_h) center_.y = image_h_ * 0.5f;
  else center_.y = std::clamp(center_.y, half_h, image_h_ - half_h);
}

bool ImageViewer::Draw(ImTextureID texture, int width, int height, ImVec2 pos, ImVec2 size,
                       const TouchInput& input, int64_t now_ms, const ImageViewerLabels& labels,
                       ImFont* button_font) {
  IM_ASSERT(size.x > 0 && size.y > 0);
  const Palette& p = CurrentPalette();
  if (!button_font) button_font = ImGui::GetFont();
  if (width != image_w_ || height != image_h_) {
    image_w_ = std::max(width, 1);
    image_h_ = std::max(height, 1);
    Reset();
  }
  fit_ = std::min(size.x / (float)image_w_, size.y / (float)image_h_);
  if (center_.x < 0) center_ = ImVec2(image_w_ * 0.5f, image_h_ * 0.5f);
  const ImRect view(pos, ImVec2(pos.x + size.x, pos.y + size.y));
  const ImVec2 view_center(pos.x + size.x * 0.5f, pos.y + size.y * 0.5f);

  // The buttons: bottom right, in a row − + fit, over the picture.
  const float side = button_side_ > 0 ? button_side_ : std::round(button_font->FontSize * 2.2f);
  const float gap = std::round(side * 0.25f);
  const float fit_w = std::max(side, std::round(button_font->FontSize * 4.5f));
  const float widths[3] = {side, side, fit_w};
  float x = view.Max.x - gap;
  for (int i = 2; i >= 0; --i) {
    x -= widths[i];
    button_min_[i] = ImVec2(x, view.Max.y - gap - side);
    button_max_[i] = ImVec2(x + widths[i], view.Max.y - gap);
    x -= gap;
  }
  drawn_ = true;
  auto on_button = [&](ImVec2 at) {
    for (int i = 0; i < 3; ++i)
      if (ImRect(button_min_[i], button_max_[i]).Contains(at)) return true;
    return false;
  };

  // Gestures on the picture (not on the buttons).
  if (input.DragStarted() && view.Contains(input.DownPos()) && !on_button(input.DownPos()))
    panning_ = true;
  if (panning_ && input.IsDragging()) {
    const ImVec2 d = input.DragDelta();
    const float scale = fit_ * zoom_;
    center_.x -= d.x / scale;
    center_.y -= d.y / scale;
  } else {
    panning_ = false;
  }
  if (input.Tapped() && view.Contains(input.TapPos()) && !on_button(input.TapPos())) {
    const ImVec2 t = input.TapPos();
    const float near = input.SlopPx() * 2.f;
    if (last_tap_ms_ >= 0 && now_ms - last_tap_ms_ <= kDoubleTapMs &&
        std::fabs(t.x - last_tap_.x) <= near && std::fabs(t.y - last_tap_.y) <= near) {
      if (zoom_ > 1.f) {
        zoom_ = 1.f;
      } else {
        // Keep the tapped picture point under the finger.
        const float old_scale = fit_ * zoom_;
        const ImVec2 at((t.x - view_center.x) / old_scale + center_.x,
                        (t.y - view_center.y) / old_scale + center_.y);
        zoom_ = std::min(kDoubleTapZoom, max_zoom_);
        const float scale = fit_ * zoom_;
        center_ = ImVec2(at.x - (t.x - view_center.x) / scale, at.y - (t.y - view_center.y) / scale);
      }
      last_tap_ms_ = -1;
    } else {
      last_tap_ms_ = now_ms;
      last_tap_ = t;
    }
  }
  Clamp(size);

  // The picture, clipped to the view.
  const float scale = fit_ * zoom_;
  image_min_ = ImVec2(std::round(view_center.x - center_.x * scale),
                      std::round(view_center.y - center_.y * scale));
  image_max_ = ImVec2(image_min_.x + std::round(image_w_ * scale), image_min_.y + std::round(image_h_ * scale));
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(view.Min, view.Max, true);
  draw->AddRectFilled(view.Min, view.Max, p.surface);
  if (texture != ImTextureID{}) draw->AddImage(texture, image_min_, image_max_);
  draw->PopClipRect();
  draw->AddRect(view.Min, view.Max, p.border, 0, 0, p.border_width);

  // The buttons, last so they are on top (and win a tap where they overlap nothing else).
  ImGui::PushID(this);
  const ImVec2 cursor = ImGui::GetCursorScreenPos();
  const char* ids[3] = {"##zoom-out", "##zoom-in", "##zoom-fit"};
  const float zoom_before = zoom_;
  const std::string* text[3] = {&labels.zoom_out, &labels.zoom_in, &labels.fit};
  for (int i = 0; i < 3; ++i) {
    ImGui::SetCursorScreenPos(button_min_[i]);
    const std::string label = *text[i] + ids[i];
    if (TouchButton(label.c_str(), ImVec2(widths[i], side), ButtonKind::Surface, button_font)) {
      if (i == 0) ZoomOut();
      else if (i == 1) ZoomIn();
      else Fit();
      last_tap_ms_ = -1;
    }
  }
  ImGui::SetCursorScreenPos(cursor);
  ImGui::PopID();
  // A button press changes the zoom after the picture was placed: keep the next frame's
  // picture centred and inside the bounds (it is drawn with the new zoom then).
  Clamp(size);
  return zoom_ != zoom_before;
}

}  // namespace touchui
