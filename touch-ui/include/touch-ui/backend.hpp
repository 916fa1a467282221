// touch-ui/backend.hpp: the platform layer, behind a small interface.
//
// Like Tracy's Backend.hpp: the application asks for events, starts a frame, ends a
// frame, and asks for the display's scale; it never touches SDL or GL itself. One
// implementation (backend_sdl.cpp) covers the three ways the kiosk runs, all through
// SDL2 + an OpenGL 3 context:
//   Fullscreen  the kiosk: takes the primary display; SDL picks KMS/DRM when there is
//               no X11/Wayland (a bare kiosk), or X11/Wayland when there is one;
//   Window      development: a normal window of a given size;
//   Offscreen   tests: SDL's offscreen driver + Mesa (llvmpipe) gives a real GL context
//               with no display at all; frames are rendered and can be saved as PNG.
// The backend translates SDL's events into InputEvents and does the known SDL touch
// workarounds (no synthetic mouse events from touches, no SDL_CaptureMouse).
// Rotation (a panel mounted turned): SDL cannot rotate on KMS/DRM, so with a rotation
// the UI is drawn at the rotated (logical) size into a GL framebuffer object that is then
// drawn turned onto the panel; touches and the mouse are mapped back. Everything the
// application sees (Width/Height, events, PushFinger, screenshots) is the upright UI.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

namespace touchui {

enum class BackendMode { Fullscreen, Window, Offscreen };

struct BackendOptions {
  BackendMode mode = BackendMode::Fullscreen;
  int width = 1920;          // Window/Offscreen size in pixels; Fullscreen uses the display's
  int height = 1080;
  bool hide_pointer = true;  // = true on a touch kiosk; a mouse pointer would only confuse
  bool lock_keyboard = true; // grab the keyboard so system shortcuts do not reach the desktop
  bool vsync = true;
  float display_dpi = 0.f;   // = 0: ask the display; used for millimetre sizes (touch slop)
  int rotation = 0;          // 0, 90, 180, 270: the picture is turned this far clockwise on
                             // the panel (90: for a panel mounted with its top edge on the left)
  std::string title = "kiosk";
};

enum class PointerSource { Finger, Mouse };

struct InputEvent {
  enum class Kind {
    PointerDown, PointerMove, PointerUp,  // x, y in window pixels; source
    Wheel,                                // wheel: +1 per notch away from the user
    Key,                                  // key: a name (see below); a physical keyboard
    Text,                                 // text: UTF-8 from a physical keyboard
    QuitRequest,                          // window close, Alt+F4, Ctrl+Q: the app decides
    Terminate,                            // SIGTERM/SIGINT: always honoured (systemd stop)
    Redraw,                               // exposed, resized, focus: draw once more
  };
  Kind kind = Kind::Redraw;
  PointerSource source = PointerSource::Finger;
  int64_t finger = 0;   // which finger (SDL finger id), 0 for the mouse
  float x = 0, y = 0;
  float wheel = 0;
  std::string key;      // "backspace", "enter", "escape", "space", "tab", "other"
  std::string text;
};

class Backend {
 public:
  virtual ~Backend() = default;

  // Waits at most TIMEOUT_MS (0: just poll) for events and appends them to OUT.
  virtual void WaitEvents(int timeout_ms, std::vector<InputEvent>& out) = 0;
  // Starts an ImGui frame: display size, DELTA_SECONDS, GL backend; then ImGui::NewFrame.
  virtual void NewFrame(float delta_seconds) = 0;
  // Renders the ImGui draw data; when SCREENSHOT_PATH is not empty also writes the frame
  // as PNG there (returns false with ERROR set if that failed). Then presents.
  virtual bool EndFrame(const std::string& screenshot_path, std::string* error) = 0;
  // Re-uploads the font atlas after the application rebuilt it (between frames).
  virtual void RecreateFontsTexture() = 0;
  // Uploads WIDTH x HEIGHT pixels of RGBA (straight alpha, rows top-down, tightly packed)
  // as a texture ImGui can draw (ImGui::Image, ImDrawList::AddImage). Returns 0 with
  // ERROR set when the size is out of range (see MaxTextureSize) or GL fails. Prefer the
  // owner touchui::Texture (image.hpp) to calling this directly.
  virtual ImTextureID CreateTexture(const unsigned char* rgba, int width, int height,
                                    std::string* error) = 0;
  // Frees a texture from CreateTexture (0 is ignored). Not while a frame that draws it
  // is still to be rendered.
  virtual void DestroyTexture(ImTextureID texture) = 0;
  // The largest texture side the GPU takes (GL_MAX_TEXTURE_SIZE).
  virtual int MaxTextureSize() const = 0;
  // The font atlas's texture after RecreateFontsTexture: 1 byte a pixel where the GL has
  // texture swizzle (GL 3.3 or ARB_texture_swizzle), else ImGui's 4 (RGBA).
  virtual int FontTextureBytesPerPixel() const = 0;
  // Textures alive now (created and not destroyed): a leak shows here.
  virtual int LiveTextures() const = 0;
  // Puts a synthetic touch into the event queue, in window pixels, so scripted tests go
  // through the same path as a real finger. KIND is PointerDown/Move/Up.
  virtual void PushFinger(InputEvent::Kind kind, float x, float y) = 0;
  // The same at a point on the panel, in the panel's own pixels (as the touchscreen reports
  // it, before the rotation is undone): to test the rotation's touch mapping.
  virtual void PushPanelFinger(InputEvent::Kind kind, float x, float y) = 0;

  virtual int Width() const = 0;           // the UI's (logical) size: the panel's turned by Rotation()
  virtual int Height() const = 0;
  virtual int Rotation() const = 0;        // 0, 90, 180 or 270
  virtual int PanelWidth() const = 0;      // the panel's (physical) size in pixels
  virtual int PanelHeight() const = 0;
  virtual float Dpi() const = 0;          // physical dots per inch (measured or assumed)
  virtual bool DpiMeasured() const = 0;   // false when Dpi() is an assumption
  virtual std::string DriverName() const = 0;  // SDL video driver: kmsdrm, x11, offscreen...
  virtual std::string GlRenderer() const = 0;
  // UI scale: 1.0 at 1080 lines; layouts are designed at 1920x1080.
  float DpiScale() const { return Height() / 1080.f; }
  float MmToPx(float mm) const { return mm * Dpi() / 25.4f; }
};

// Maps a point on a PANEL_W x PANEL_H panel (pixels, y down) to the UI drawn on it turned
// ROTATION degrees clockwise, and back. ROTATION other than 90/180/270 is 0.
ImVec2 PanelToUi(int rotation, ImVec2 panel_point, float panel_w, float panel_h);
ImVec2 UiToPanel(int rotation, ImVec2 ui_point, float panel_w, float panel_h);

// Creates the SDL2 + OpenGL 3 backend, or returns null with ERROR set (no display, no GL,
// a rotation other than 0/90/180/270, no framebuffer objects for a rotation).
std::unique_ptr<Backend> CreateSdlBackend(const BackendOptions& options, std::string* error);

}  // namespace touchui
