// touch-ui/backend_sdl.cpp: the SDL2 + OpenGL 3 implementation of Backend (see backend.hpp).
//
// [SECTION] Signals       SIGTERM/SIGINT become a Terminate event (SDL's own handlers
//                         would turn them into SDL_QUIT, which a locked kiosk ignores)
// [SECTION] Setup         hints, driver choice, window, GL context, ImGui context
// [SECTION] Events        SDL events -> InputEvents, with the known touch workarounds
// [SECTION] Rotation      a framebuffer object at the UI's size, drawn turned onto the
//                         panel; touch coordinates mapped back
// [SECTION] Frames        NewFrame/EndFrame, PNG screenshots from glReadPixels,
//                         textures for images
#include "touch-ui/backend.hpp"

#include <SDL.h>
#include <SDL_opengl.h>
#include <imgui.h>
#include <backends/imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <csignal>
#include <algorithm>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

namespace touchui {
namespace {

// [SECTION] Signals
Uint32 g_terminate_event = (Uint32)-1;

extern "C" void OnTerminateSignal(int) {
  // SDL_PushEvent is what SDL's own signal handler does; it only takes a spinlock.
  if (g_terminate_event != (Uint32)-1) {
    SDL_Event e;
    SDL_zero(e);
    e.type = g_terminate_event;
    SDL_PushEvent(&e);
  }
}

const char* KeyName(SDL_Keycode k) {
  switch (k) {
    case SDLK_BACKSPACE: return "backspace";
    case SDLK_RETURN: case SDLK_KP_ENTER: return "enter";
    case SDLK_ESCAPE: return "escape";
    case SDLK_SPACE: return "space";
    case SDLK_TAB: return "tab";
    default: return "other";
  }
}

// [SECTION] Rotation
// The GL 3 entry points the rotation needs, from SDL_GL_GetProcAddress (libGL exports
// only GL 1.x for certain; ImGui's renderer loads its own).
struct RotationGl {
  PFNGLGENFRAMEBUFFERSPROC GenFramebuffers = nullptr;
  PFNGLDELETEFRAMEBUFFERSPROC DeleteFramebuffers = nullptr;
  PFNGLBINDFRAMEBUFFERPROC BindFramebuffer = nullptr;
  PFNGLFRAMEBUFFERTEXTURE2DPROC FramebufferTexture2D = nullptr;
  PFNGLCHECKFRAMEBUFFERSTATUSPROC CheckFramebufferStatus = nullptr;
  PFNGLCREATESHADERPROC CreateShader = nullptr;
  PFNGLSHADERSOURCEPROC ShaderSource = nullptr;
  PFNGLCOMPILESHADERPROC CompileShader = nullptr;
  PFNGLGETSHADERIVPROC GetShaderiv = nullptr;
  PFNGLGETSHADERINFOLOGPROC GetShaderInfoLog = nullptr;
  PFNGLDELETESHADERPROC DeleteShader = nullptr;
  PFNGLCREATEPROGRAMPROC CreateProgram = nullptr;
  PFNGLATTACHSHADERPROC AttachShader = nullptr;
  PFNGLLINKPROGRAMPROC LinkProgram = nullptr;
  PFNGLGETPROGRAMIVPROC GetProgramiv = nullptr;
  PFNGLDELETEPROGRAMPROC DeleteProgram = nullptr;
  PFNGLUSEPROGRAMPROC UseProgram = nullptr;
  PFNGLGETUNIFORMLOCATIONPROC GetUniformLocation = nullptr;
  PFNGLUNIFORM1IPROC Uniform1i = nullptr;
  PFNGLUNIFORM2FVPROC Uniform2fv = nullptr;
  PFNGLGENVERTEXARRAYSPROC GenVertexArrays = nullptr;
  PFNGLDELETEVERTEXARRAYSPROC DeleteVertexArrays = nullptr;
  PFNGLBINDVERTEXARRAYPROC BindVertexArray = nullptr;
  PFNGLACTIVETEXTUREPROC ActiveTexture = nullptr;

  // Returns the name of the first entry point the driver lacks, or "".
  std::string Load() {
    std::string missing;
    auto get = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(SDL_GL_GetProcAddress(name));
      if (!fn && missing.empty()) missing = name;
    };
    get(GenFramebuffers, "glGenFramebuffers");
    get(DeleteFramebuffers, "glDeleteFramebuffers");
    get(BindFramebuffer, "glBindFramebuffer");
    get(FramebufferTexture2D, "glFramebufferTexture2D");
    get(CheckFramebufferStatus, "glCheckFramebufferStatus");
    get(CreateShader, "glCreateShader");
    get(ShaderSource, "glShaderSource");
    get(CompileShader, "glCompileShader");
    get(GetShaderiv, "glGetShaderiv");
    get(GetShaderInfoLog, "glGetShaderInfoLog");
    get(DeleteShader, "glDeleteShader");
    get(CreateProgram, "glCreateProgram");
    get(AttachShader, "glAttachShader");
    get(LinkProgram, "glLinkProgram");
    get(GetProgramiv, "glGetProgramiv");
    get(DeleteProgram, "glDeleteProgram");
    get(UseProgram, "glUseProgram");
    get(GetUniformLocation, "glGetUniformLocation");
    get(Uniform1i, "glUniform1i");
    get(Uniform2fv, "glUniform2fv");
    get(GenVertexArrays, "glGenVertexArrays");
    get(DeleteVertexArrays, "glDeleteVertexArrays");
    get(BindVertexArray, "glBindVertexArray");
    get(ActiveTexture, "glActiveTexture");
    return missing;
  }
};

// A quad over the whole panel from gl_VertexID (no vertex buffer), sampling the UI's
// texture at the corner the rotation puts there.
const char* kRotateVertex = R"(
uniform vec2 uv[4];
out vec2 tex_uv;
void main() {
  vec2 corner = vec2(float(gl_VertexID & 1), float(gl_VertexID >> 1));
  gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
  tex_uv = uv[gl_VertexID];
}
)";
const char* kRotateFragment = R"(
uniform sampler2D ui;
in vec2 tex_uv;
out vec4 color;
void main() { color = vec4(texture(ui, tex_uv).rgb, 1.0); }
)";

class SdlBackend final : public Backend {
 public:
  ~SdlBackend() override {
    DestroyRotation();
    if (imgui_ready_) {
      ImGui_ImplOpenGL3_Shutdown();
      ImGui::DestroyContext();
    }
    if (gl_) SDL_GL_DeleteContext(gl_);
    if (window_) SDL_DestroyWindow(window_);
    if (sdl_ready_) SDL_Quit();
  }

  // [SECTION] Setup
  bool Init(const BackendOptions& o, std::string* error) {
    options_ = o;
    if (o.rotation != 0 && o.rotation != 90 && o.rotation != 180 && o.rotation != 270) {
      *error = "display rotation " + std::to_string(o.rotation) + " is not 0, 90, 180 or 270";
      return false;
    }
    rotation_ = o.rotation;
    // Touches must not also arrive as mouse events (every tap would count twice), and
    // mouse events must not become touches. SDL_CaptureMouse (which ImGui's SDL backend
    // calls) swallows touches on X11: this backend never calls it.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_AUTO_CAPTURE, "0");
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    if (o.lock_keyboard && o.mode == BackendMode::Fullscreen)
      SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    if (o.mode == BackendMode::Offscreen) SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");

    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
      *error = std::string("cannot start SDL video (no display, no KMS/DRM device?): ") +
               SDL_GetError();
      return false;
    }
    sdl_ready_ = true;
    g_terminate_event = SDL_RegisterEvents(1);
    std::signal(SIGTERM, OnTerminateSignal);
    std::signal(SIGINT, OnTerminateSignal);
    // The kiosk has its own idle behaviour; the system must never blank it.
    SDL_DisableScreenSaver();

    Uint32 flags = SDL_WINDOW_OPENGL;
    int w = o.width, h = o.height;
    if (o.mode == BackendMode::Fullscreen) {
      SDL_DisplayMode mode;
      if (SDL_GetDesktopDisplayMode(0, &mode) == 0) { w = mode.w; h = mode.h; }
      flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
    } else if (o.mode == BackendMode::Offscreen) {
      flags |= SDL_WINDOW_HIDDEN;
    }

    // OpenGL 3.2 core first (Mesa, most drivers); 3.0 as a fallback for old drivers.
    const int attempts[2][3] = {{3, 2, SDL_GL_CONTEXT_PROFILE_CORE}, {3, 0, 0}};
    for (auto& a : attempts) {
      SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, a[0]);
      SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, a[1]);
      SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, a[2]);
      SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
      SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
      window_ = SDL_CreateWindow(o.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                 w, h, flags);
      if (!window_) continue;
      gl_ = SDL_GL_CreateContext(window_);
      if (gl_) { glsl_ = a[2] ? "#version 150" : "#version 130"; break; }
      SDL_DestroyWindow(window_);
      window_ = nullptr;
    }
    if (!window_ || !gl_) {
      *error = std::string("cannot create an OpenGL 3 window on video driver '") +
               (SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "?") +
               "': " + SDL_GetError();
      return false;
    }
    SDL_GL_MakeCurrent(window_, gl_);
    SDL_GL_SetSwapInterval(o.vsync && o.mode != BackendMode::Offscreen ? 1 : 0);
    UpdateSizes();
    if (o.mode == BackendMode::Fullscreen) {
      SDL_SetWindowKeyboardGrab(window_, o.lock_keyboard ? SDL_TRUE : SDL_FALSE);
      SDL_RaiseWindow(window_);
    }
    if (o.hide_pointer) SDL_ShowCursor(SDL_DISABLE);
    SDL_StartTextInput();
    const std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
    native_wait_ = driver == "x11" || driver == "wayland";

    // DPI: the display's own figure when it is plausible; otherwise the option; otherwise
    // 96, a typical 1080p 23" panel. It only sizes the touch slop and long-press radius.
    float ddpi = 0, hdpi = 0, vdpi = 0;
    int display = SDL_GetWindowDisplayIndex(window_);
    if (o.display_dpi > 0) {
      dpi_ = o.display_dpi;
      dpi_measured_ = true;
    } else if (SDL_GetDisplayDPI(display < 0 ? 0 : display, &ddpi, &hdpi, &vdpi) == 0 &&
               ddpi > 50 && ddpi < 600) {
      dpi_ = ddpi;
      dpi_measured_ = true;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no window layout between runs
    io.LogFilename = nullptr;
    io.BackendPlatformName = "touch-ui sdl2";
    io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    if (!ImGui_ImplOpenGL3_Init(glsl_)) {
      ImGui::DestroyContext();
      *error = "cannot initialise Dear ImGui's OpenGL 3 renderer";
      return false;
    }
    imgui_ready_ = true;
    const char* renderer = (const char*)glGetString(GL_RENDERER);
    const char* version = (const char*)glGetString(GL_VERSION);
    gl_renderer_ = std::string(renderer ? renderer : "?") + ", GL " + (version ? version : "?");
    GLint max_texture = 0;
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture);
    max_texture_ = max_texture >= 64 ? (int)max_texture : 2048;  // GL 3 guarantees 1024+
    if (rotation_ != 0 && !InitRotation(error)) return false;
    return true;
  }

  // The panel's size from SDL, and the UI's: the panel's turned by the rotation.
  void UpdateSizes() {
    SDL_GL_GetDrawableSize(window_, &panel_w_, &panel_h_);
    const bool turned = rotation_ == 90 || rotation_ == 270;
    width_ = turned ? panel_h_ : panel_w_;
    height_ = turned ? panel_w_ : panel_h_;
  }

  // [SECTION] Rotation
  bool InitRotation(std::string* error) {
    const std::string missing = gl3_.Load();
    if (!missing.empty()) {
      *error = "cannot rotate the display: the GL driver has no " + missing;
      return false;
    }
    auto compile = [&](GLenum type, const char* body, std::string* log) -> GLuint {
      const std::string source = std::string(glsl_) + "\n" + body;
      const char* text = source.c_str();
      GLuint shader = gl3_.CreateShader(type);
      gl3_.ShaderSource(shader, 1, &text, nullptr);
      gl3_.CompileShader(shader);
      GLint ok = 0;
      gl3_.GetShaderiv(shader, GL_COMPILE_STATUS, &ok);
      if (!ok) {
        char buf[512] = {};
        gl3_.GetShaderInfoLog(shader, sizeof buf - 1, nullptr, buf);
        *log = buf;
        gl3_.DeleteShader(shader);
        return 0;
      }
      return shader;
    };
    std::string log;
    const GLuint vs = compile(GL_VERTEX_SHADER, kRotateVertex, &log);
    const GLuint fs = vs ? compile(GL_FRAGMENT_SHADER, kRotateFragment, &log) : 0;
    if (!vs || !fs) {
      if (vs) gl3_.DeleteShader(vs);
      *error = "cannot rotate the display: the GL driver refused the rotation shader: " + log;
      return false;
    }
    rotate_program_ = gl3_.CreateProgram();
    gl3_.AttachShader(rotate_program_, vs);
    gl3_.AttachShader(rotate_program_, fs);
    gl3_.LinkProgram(rotate_program_);
    gl3_.DeleteShader(vs);
    gl3_.DeleteShader(fs);
    GLint linked = 0;
    gl3_.GetProgramiv(rotate_program_, GL_LINK_STATUS, &linked);
    if (!linked) {
      *error = "cannot rotate the display: the GL driver cannot link the rotation shader";
      return false;
    }
    uv_location_ = gl3_.GetUniformLocation(rotate_program_, "uv");
    ui_location_ = gl3_.GetUniformLocation(rotate_program_, "ui");
    gl3_.GenVertexArrays(1, &rotate_vao_);
    return MakeUiTarget(error);
  }

  // The texture the UI is drawn into, at the UI's size, and its framebuffer object.
  bool MakeUiTarget(std::string* error) {
    if (ui_texture_ && ui_texture_w_ == width_ && ui_texture_h_ == height_) return true;
    if (ui_fbo_) gl3_.DeleteFramebuffers(1, &ui_fbo_);
    if (ui_texture_) glDeleteTextures(1, &ui_texture_);
    ui_fbo_ = ui_texture_ = 0;
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    glGenTextures(1, &ui_texture_);
    glBindTexture(GL_TEXTURE_2D, ui_texture_);
    // Nearest: the turned picture maps pixel to pixel onto the panel.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width_, height_, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindTexture(GL_TEXTURE_2D, (GLuint)last);
    gl3_.GenFramebuffers(1, &ui_fbo_);
    gl3_.BindFramebuffer(GL_FRAMEBUFFER, ui_fbo_);
    gl3_.FramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, ui_texture_, 0);
    const GLenum status = gl3_.CheckFramebufferStatus(GL_FRAMEBUFFER);
    gl3_.BindFramebuffer(GL_FRAMEBUFFER, 0);
    if (status != GL_FRAMEBUFFER_COMPLETE) {
      *error = "cannot rotate the display: a " + std::to_string(width_) + "x" + std::to_string(height_) +
               " framebuffer object is incomplete (status " + std::to_string(status) + ")";
      return false;
    }
    ui_texture_w_ = width_;
    ui_texture_h_ = height_;
    return true;
  }

  void DestroyRotation() {
    if (!gl_ || rotation_ == 0) return;
    if (ui_fbo_ && gl3_.DeleteFramebuffers) gl3_.DeleteFramebuffers(1, &ui_fbo_);
    if (ui_texture_) glDeleteTextures(1, &ui_texture_);
    if (rotate_vao_ && gl3_.DeleteVertexArrays) gl3_.DeleteVertexArrays(1, &rotate_vao_);
    if (rotate_program_ && gl3_.DeleteProgram) gl3_.DeleteProgram(rotate_program_);
  }

  // Draws the UI's texture onto the panel, turned. Each panel corner samples the UI
  // point PanelToUi maps it to (texture v runs bottom-up, GL's way).
  void PresentRotated() {
    gl3_.BindFramebuffer(GL_FRAMEBUFFER, 0);
    glViewport(0, 0, panel_w_, panel_h_);
    glDisable(GL_BLEND);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    float uv[8];
    for (int i = 0; i < 4; ++i) {
      const float cx = (float)(i & 1), cy_up = (float)(i >> 1);
      const ImVec2 ui = PanelToUi(rotation_, ImVec2(cx, 1.f - cy_up), 1.f, 1.f);
      uv[2 * i] = ui.x;
      uv[2 * i + 1] = 1.f - ui.y;
    }
    gl3_.UseProgram(rotate_program_);
    gl3_.Uniform2fv(uv_location_, 4, uv);
    gl3_.Uniform1i(ui_location_, 0);
    gl3_.ActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, ui_texture_);
    gl3_.BindVertexArray(rotate_vao_);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    gl3_.BindVertexArray(0);
    gl3_.UseProgram(0);
  }

  // A point on the panel (pixels) to the UI's pixels.
  ImVec2 FromPanel(float x, float y) const {
    return PanelToUi(rotation_, ImVec2(x, y), (float)panel_w_, (float)panel_h_);
  }

  // [SECTION] Events
  void WaitEvents(int timeout_ms, std::vector<InputEvent>& out) override {
    SDL_Event e;
    bool got = false;
    if (timeout_ms <= 0) {
      got = SDL_PollEvent(&e) != 0;
    } else if (native_wait_) {
      got = SDL_WaitEventTimeout(&e, timeout_ms) != 0;
    } else {
      // SDL 2.26 can only block in X11/Wayland; elsewhere (kmsdrm, offscreen) its
      // SDL_WaitEventTimeout polls every millisecond, 1000 wake-ups a second on an idle
      // kiosk. Polling every 10 ms (40 ms once quiet) costs a touch that little latency.
      const Uint64 end = SDL_GetTicks64() + (Uint64)timeout_ms;
      for (;;) {
        got = SDL_PollEvent(&e) != 0;
        if (got) break;
        const Uint64 now = SDL_GetTicks64();
        if (now >= end) break;
        // Quick polls while someone is using the screen, slow ones once it is quiet.
        const Uint64 step = now - last_event_ms_ < 3000 ? kPollMs : kIdlePollMs;
        SDL_Delay((Uint32)std::min<Uint64>(step, end - now));
      }
    }
    if (got) last_event_ms_ = SDL_GetTicks64();
    while (got) {
      Translate(e, out);
      got = SDL_PollEvent(&e) != 0;
    }
  }

  void Translate(const SDL_Event& e, std::vector<InputEvent>& out) {
    InputEvent ev;
    if (e.type == g_terminate_event) {
      ev.kind = InputEvent::Kind::Terminate;
      out.push_back(ev);
      return;
    }
    switch (e.type) {
      case SDL_QUIT:
        ev.kind = InputEvent::Kind::QuitRequest;
        break;
      case SDL_WINDOWEVENT:
        if (e.window.event == SDL_WINDOWEVENT_CLOSE) {
          ev.kind = InputEvent::Kind::QuitRequest;
        } else {
          UpdateSizes();
          ev.kind = InputEvent::Kind::Redraw;
        }
        break;
      case SDL_FINGERDOWN: case SDL_FINGERMOTION: case SDL_FINGERUP:
        ev.kind = e.type == SDL_FINGERDOWN   ? InputEvent::Kind::PointerDown
                  : e.type == SDL_FINGERUP   ? InputEvent::Kind::PointerUp
                                             : InputEvent::Kind::PointerMove;
        ev.source = PointerSource::Finger;
        ev.finger = (int64_t)e.tfinger.fingerId;
        // Finger coordinates are normalised to the window (the panel).
        SetPoint(ev, e.tfinger.x * (float)panel_w_, e.tfinger.y * (float)panel_h_);
        break;
      case SDL_MOUSEBUTTONDOWN: case SDL_MOUSEBUTTONUP:
        if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return;
        ev.kind = e.type == SDL_MOUSEBUTTONDOWN ? InputEvent::Kind::PointerDown
                                                : InputEvent::Kind::PointerUp;
        ev.source = PointerSource::Mouse;
        SetPoint(ev, (float)e.button.x, (float)e.button.y);
        break;
      case SDL_MOUSEMOTION:
        if (e.motion.which == SDL_TOUCH_MOUSEID) return;
        ev.kind = InputEvent::Kind::PointerMove;
        ev.source = PointerSource::Mouse;
        SetPoint(ev, (float)e.motion.x, (float)e.motion.y);
        break;
      case SDL_MOUSEWHEEL:
        if (e.wheel.which == SDL_TOUCH_MOUSEID) return;
        ev.kind = InputEvent::Kind::Wheel;
        ev.source = PointerSource::Mouse;
        ev.wheel = e.wheel.preciseY != 0 ? e.wheel.preciseY : (float)e.wheel.y;
        break;
      case SDL_KEYDOWN: {
        SDL_Keycode k = e.key.keysym.sym;
        Uint16 mod = e.key.keysym.mod;
        if ((k == SDLK_F4 && (mod & KMOD_ALT)) ||
            ((k == SDLK_q || k == SDLK_w) && (mod & KMOD_CTRL))) {
          ev.kind = InputEvent::Kind::QuitRequest;
        } else {
          ev.kind = InputEvent::Kind::Key;
          ev.key = KeyName(k);
        }
        break;
      }
      case SDL_TEXTINPUT:
        ev.kind = InputEvent::Kind::Text;
        ev.text = e.text.text;
        break;
      default:
        return;
    }
    out.push_back(std::move(ev));
  }

  void SetPoint(InputEvent& ev, float panel_x, float panel_y) const {
    const ImVec2 p = FromPanel(panel_x, panel_y);
    ev.x = p.x;
    ev.y = p.y;
  }

  void PushFinger(InputEvent::Kind kind, float x, float y) override {
    const ImVec2 p = UiToPanel(rotation_, ImVec2(x, y), (float)panel_w_, (float)panel_h_);
    PushPanelFinger(kind, p.x, p.y);
  }

  void PushPanelFinger(InputEvent::Kind kind, float x, float y) override {
    SDL_Event e;
    SDL_zero(e);
    e.type = kind == InputEvent::Kind::PointerDown ? SDL_FINGERDOWN
             : kind == InputEvent::Kind::PointerUp ? SDL_FINGERUP
                                                   : SDL_FINGERMOTION;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = 1;
    e.tfinger.x = x / (float)panel_w_;
    e.tfinger.y = y / (float)panel_h_;
    e.tfinger.pressure = 1.f;
    e.tfinger.windowID = SDL_GetWindowID(window_);
    SDL_PushEvent(&e);
  }

  // [SECTION] Frames
  void NewFrame(float delta_seconds) override {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2((float)width_, (float)height_);
    io.DisplayFramebufferScale = ImVec2(1, 1);
    io.DeltaTime = delta_seconds > 0.0001f ? delta_seconds : 0.0001f;
    ImGui_ImplOpenGL3_NewFrame();
    device_objects_ = true;
    ImGui::NewFrame();
  }

  bool EndFrame(const std::string& screenshot_path, std::string* error) override {
    ImGui::Render();
    // Turned: the UI goes into its framebuffer object first (a resize may have changed it).
    bool ok = true;
    if (rotation_ != 0) {
      std::string why;
      if (!MakeUiTarget(&why)) {
        if (error) *error = why;
        ok = false;
      }
      gl3_.BindFramebuffer(GL_FRAMEBUFFER, ui_fbo_);
    }
    glViewport(0, 0, width_, height_);
    const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(bg.x, bg.y, bg.z, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    // The screenshot is the upright UI, read before the turn.
    if (!screenshot_path.empty() && ok) ok = WritePng(screenshot_path, error);
    if (rotation_ != 0) PresentRotated();
    SDL_GL_SwapWindow(window_);
    // Offscreen there is no presentation to throttle the GL queue; without a finish,
    // llvmpipe keeps queued frames' buffers and memory grows frame by frame.
    if (options_.mode == BackendMode::Offscreen) glFinish();
    return ok;
  }

  bool WritePng(const std::string& path, std::string* error) {
    std::vector<unsigned char> pixels((size_t)width_ * height_ * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(rotation_ != 0 ? GL_COLOR_ATTACHMENT0 : GL_BACK);
    glReadPixels(0, 0, width_, height_, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // GL's rows go bottom-up; PNG's top-down. Opaque alpha: ImGui leaves it undefined.
    const size_t row = (size_t)width_ * 4;
    std::vector<unsigned char> flipped(pixels.size());
    for (int y = 0; y < height_; ++y)
      std::memcpy(&flipped[(size_t)y * row], &pixels[(size_t)(height_ - 1 - y) * row], row);
    for (size_t i = 3; i < flipped.size(); i += 4) flipped[i] = 255;
    if (!stbi_write_png(path.c_str(), width_, height_, 4, flipped.data(), (int)row)) {
      if (error) *error = "cannot write screenshot " + path;
      return false;
    }
    return true;
  }

  void RecreateFontsTexture() override {
    // The first upload also makes the renderer's shaders and buffers. Left to the first
    // NewFrame, ImGui's CreateDeviceObjects would upload the atlas a second time: a
    // texture leaked, and, once the caller has freed the atlas's CPU copies, the whole
    // atlas rasterised again and its copies kept.
    if (!device_objects_) {
      ImGui_ImplOpenGL3_CreateDeviceObjects();  // ends with CreateFontsTexture
      device_objects_ = true;
    } else {
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    ShrinkFontsTexture();
  }

  // ImGui's renderer uploads the atlas as RGBA, 4 bytes a pixel of which 3 are always
  // white: 4 MiB of driver memory for a 1024x1024 atlas (llvmpipe keeps textures in main
  // memory; so do the integrated GPUs of kiosk mini-PCs). Where the GL has texture swizzle
  // (3.3, or ARB_texture_swizzle) the same texture is specified again as one byte a pixel,
  // read as (1, 1, 1, coverage): what the shader samples is unchanged, a quarter of the
  // memory. Elsewhere the RGBA texture stays.
  void ShrinkFontsTexture() {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    font_texture_bytes_per_pixel_ = 4;
    if (!atlas->TexPixelsAlpha8 || !atlas->TexID || !HasTextureSwizzle()) return;
    while (glGetError() != GL_NO_ERROR) {}
    GLint last_texture = 0, last_unpack = 4;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
    glGetIntegerv(GL_UNPACK_ALIGNMENT, &last_unpack);
    glBindTexture(GL_TEXTURE_2D, (GLuint)(intptr_t)atlas->TexID);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, atlas->TexWidth, atlas->TexHeight, 0, GL_RED, GL_UNSIGNED_BYTE,
                 atlas->TexPixelsAlpha8);
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    const bool ok = glGetError() == GL_NO_ERROR;
    if (!ok) {  // keep what ImGui made, as RGBA again
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, last_unpack);
    glBindTexture(GL_TEXTURE_2D, (GLuint)last_texture);
    font_texture_bytes_per_pixel_ = ok ? 1 : 4;
  }

  bool HasTextureSwizzle() const {
    GLint major = 0, minor = 0;
    glGetIntegerv(GL_MAJOR_VERSION, &major);
    glGetIntegerv(GL_MINOR_VERSION, &minor);
    if (major > 3 || (major == 3 && minor >= 3)) return true;
    GLint count = 0;
    glGetIntegerv(GL_NUM_EXTENSIONS, &count);
    auto get_stringi = reinterpret_cast<const GLubyte* (*)(GLenum, GLuint)>(SDL_GL_GetProcAddress("glGetStringi"));
    for (GLint i = 0; get_stringi && i < count; ++i) {
      const char* name = reinterpret_cast<const char*>(get_stringi(GL_EXTENSIONS, (GLuint)i));
      if (name && std::strcmp(name, "GL_ARB_texture_swizzle") == 0) return true;
    }
    return false;
  }

  ImTextureID CreateTexture(const unsigned char* rgba, int width, int height,
                            std::string* error) override {
    if (width <= 0 || height <= 0 || width > max_texture_ || height > max_texture_ || !rgba) {
      if (error)
        *error = "cannot create a " + std::to_string(width) + "x" + std::to_string(height) +
                 " texture (this GPU takes at most " + std::to_string(max_texture_) + " a side)";
      return ImTextureID{};
    }
    while (glGetError() != GL_NO_ERROR) {}
    GLint last = 0;
    glGetIntegerv(GL_TEXTURE_BINDING_2D, &last);
    GLuint tex = 0;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    const GLenum gl_error = glGetError();
    glBindTexture(GL_TEXTURE_2D, (GLuint)last);
    if (gl_error != GL_NO_ERROR) {
      glDeleteTextures(1, &tex);
      if (error)
        *error = "GL refused a " + std::to_string(width) + "x" + std::to_string(height) +
                 " texture (GL error " + std::to_string(gl_error) + ", out of video memory?)";
      return ImTextureID{};
    }
    ++live_textures_;
    return (ImTextureID)(intptr_t)tex;
  }

  void DestroyTexture(ImTextureID texture) override {
    if (texture == ImTextureID{}) return;
    const GLuint tex = (GLuint)(intptr_t)texture;
    glDeleteTextures(1, &tex);
    --live_textures_;
  }

  int MaxTextureSize() const override { return max_texture_; }
  int FontTextureBytesPerPixel() const override { return font_texture_bytes_per_pixel_; }
  int LiveTextures() const override { return live_textures_; }

  int Width() const override { return width_; }
  int Height() const override { return height_; }
  int Rotation() const override { return rotation_; }
  int PanelWidth() const override { return panel_w_; }
  int PanelHeight() const override { return panel_h_; }
  float Dpi() const override { return dpi_; }
  bool DpiMeasured() const override { return dpi_measured_; }
  std::string DriverName() const override {
    const char* d = SDL_GetCurrentVideoDriver();
    return d ? d : "none";
  }
  std::string GlRenderer() const override { return gl_renderer_; }

 private:
  BackendOptions options_;
  SDL_Window* window_ = nullptr;
  SDL_GLContext gl_ = nullptr;
  const char* glsl_ = "#version 150";
  bool sdl_ready_ = false;
  bool imgui_ready_ = false;
  bool device_objects_ = false;  // ImGui's GL renderer made its shaders and font texture
  int width_ = 0, height_ = 0;    // the UI's size
  int panel_w_ = 0, panel_h_ = 0;  // the panel's (the drawable's)
  int rotation_ = 0;
  RotationGl gl3_;
  GLuint ui_fbo_ = 0, ui_texture_ = 0, rotate_program_ = 0, rotate_vao_ = 0;
  int ui_texture_w_ = 0, ui_texture_h_ = 0;
  GLint uv_location_ = -1, ui_location_ = -1;
  float dpi_ = 96.f;
  bool dpi_measured_ = false;
  std::string gl_renderer_;
  int max_texture_ = 2048;
  int font_texture_bytes_per_pixel_ = 4;
  int live_textures_ = 0;
  bool native_wait_ = false;  // the driver can block until an event comes
  Uint64 last_event_ms_ = 0;
  static constexpr Uint64 kPollMs = 10;      // after recent input: at most 10 ms late
  static constexpr Uint64 kIdlePollMs = 40;  // a quiet kiosk: 25 wake-ups a second
};

}  // namespace

ImVec2 PanelToUi(int rotation, ImVec2 p, float panel_w, float panel_h) {
  switch (rotation) {
    case 90: return ImVec2(p.y, panel_w - p.x);
    case 180: return ImVec2(panel_w - p.x, panel_h - p.y);
    case 270: return ImVec2(panel_h - p.y, p.x);
    default: return p;
  }
}

ImVec2 UiToPanel(int rotation, ImVec2 u, float panel_w, float panel_h) {
  switch (rotation) {
    case 90: return ImVec2(panel_w - u.y, u.x);
    case 180: return ImVec2(panel_w - u.x, panel_h - u.y);
    case 270: return ImVec2(u.y, panel_h - u.x);
    default: return u;
  }
}

std::unique_ptr<Backend> CreateSdlBackend(const BackendOptions& options, std::string* error) {
  auto backend = std::make_unique<SdlBackend>();
  std::string message;
  if (!backend->Init(options, &message)) {
    if (error) *error = message;
    return nullptr;
  }
  return backend;
}

}  // namespace touchui
