// touch-ui/image_viewer.hpp: a picture to read closely (a form, biểu mẫu): zoom and pan
// for a finger, with big buttons for those who do not know the gestures.
//
// The picture starts fitted to the view (zoom 1 = "fit", centred). Big buttons drawn by
// the viewer in its lower right corner: − (zoom out), + (zoom in), and fit; each step is
// 1.5x, centred on the view. A double tap toggles between fit and 2.5x at the finger
// (the point tapped stays under the finger, unless that would open a gap at an edge).
// One finger pans while zoomed in (the TouchInput conventions: a drag starts once the
// finger leaves the slop; a tap never pans). Zoom is clamped to [1, MaxZoom()] (= 4x the fitted size) and the picture never
// leaves a gap at an edge while it is larger than the view. There is no animation: every
// change shows on the next frame, so a scripted run is exact.
// The buttons' rects of the last Draw are reported, so the kiosk can name them as touch
// targets (zoom:in, zoom:out, zoom:fit).
#pragma once
#include <cstdint>
#include <string>

#include <imgui.h>

#include "touch-ui/touch_input.hpp"

namespace touchui {

struct ImageViewerLabels {
  std::string zoom_in = "+";
  std::string zoom_out = "\xE2\x88\x92";  // − (minus sign)
  std::string fit = "Fit";                // the kiosk passes its Vietnamese string
};

class ImageViewer {
 public:
  enum class Button { ZoomOut, ZoomIn, Fit };

  // Draws the picture TEXTURE (WIDTH x HEIGHT pixels) in the screen rect [POS, POS+SIZE]
  // of the current window, and handles taps, double taps, drags and the buttons.
  // BUTTON_FONT: the buttons' labels (null: current font). NOW_MS: for the double tap.
  // The ImGui cursor is left where it was. Returns true when a button changed the zoom
  // this frame: draw another frame to show it.
  bool Draw(ImTextureID texture, int width, int height, ImVec2 pos, ImVec2 size,
            const TouchInput& input, int64_t now_ms, const ImageViewerLabels& labels,
            ImFont* button_font = nullptr);

  void Reset();  // fit, centred: call for a new picture
  void ZoomIn() { ZoomBy(kStep); }
  void ZoomOut() { ZoomBy(1.f / kStep); }
  void Fit() { zoom_ = 1.f; }
  void SetMaxZoom(float max_zoom) { max_zoom_ = max_zoom < 1.f ? 1.f : max_zoom; }
  float MaxZoom() const { return max_zoom_; }
  float Zoom() const { return zoom_; }  // 1 = fitted
  // Screen rect of the whole picture at the last Draw (mostly outside the view when zoomed).
  ImVec2 ImageMin() const { return image_min_; }
  ImVec2 ImageMax() const { return image_max_; }
  // A button's screen rect at the last Draw; false before the first Draw.
  bool ButtonRect(Button button, ImVec2* min, ImVec2* max) const;
  // Side of each button in pixels (= 0: 2.2 x the button font's size).
  void SetButtonSide(float px) { button_side_ = px; }

  static constexpr float kStep = 1.5f;        // one button press
  static constexpr float kDoubleTapZoom = 2.5f;
  static constexpr int kDoubleTapMs = 350;    // the second tap within this, and near the first

 private:
  void ZoomBy(float factor);
  void Clamp(ImVec2 view);

  float zoom_ = 1.f, max_zoom_ = 4.f;
  ImVec2 center_{-1, -1};  // picture pixel at the view's centre (-1: centre of the picture)
  float fit_ = 1.f;        // screen pixels per picture pixel at zoom 1
  int image_w_ = 0, image_h_ = 0;
  bool panning_ = false;
  int64_t last_tap_ms_ = -1;
  ImVec2 last_tap_;
  float button_side_ = 0;
  bool drawn_ = false;
  ImVec2 image_min_, image_max_;
  ImVec2 button_min_[3], button_max_[3];
};

}  // namespace touchui
