// kiosk/screen.hpp: what a screen is, and the route stack it lives on.
//
// Every screen is an object with its own state (scroll position, typed text, the item it
// shows). The app keeps a stack of routes, each owning its screen: back pops one (and
// destroys that screen), home clears the stack, and an idle reset replaces the whole
// stack with a fresh home screen, so nothing of a citizen's session survives by
// construction: there is no list of members to remember to clear.
//
// Screens see a small context (Ui, ui.hpp): strings, fonts, theme, the content service,
// touch input and a Navigator. They never see the app object.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "touch-ui/backend.hpp"
#include "touch-ui/touch_scroller.hpp"

namespace kiosk {

class Ui;

// Where a screen is: DESIGN.md's route `{screen, item, anchor}`, plus the field (lĩnh vực)
// a list is filtered to.
struct Route {
  std::string screen;   // "home", "search", "procedures", "procedure", "laws", "document", ...
  std::string item;     // the item id a detail screen shows
  std::string anchor;   // a legal unit in a document ("dieu-16"), or empty
  std::string field;    // a list's field, or empty for all fields

  nlohmann::json ToJson() const;
};

class Navigator {
 public:
  virtual ~Navigator() = default;
  virtual void Push(Route route) = 0;     // open a screen on top
  virtual void Back() = 0;                // one step back; on home does nothing
  virtual void Home() = 0;                // the stack becomes a fresh home screen
  virtual void Replace(Route route) = 0;  // swap the top screen (e.g. a new field)
};

class Screen {
 public:
  virtual ~Screen() = default;
  // One frame: draws with ImGui into the kiosk's full-screen window.
  virtual void Draw(Ui& ui, int64_t now_ms) = 0;
  // Anything of a citizen's visit shows here (typed text, a scroll, an open item): the
  // idle timer then counts down to a reset instead of starting the attract loop.
  virtual bool Dirty() const { return true; }
  // An animation runs (kinetic scroll, a caret): the app draws another frame soon.
  virtual bool Moving() const { return false; }
  // Work outside the frame runs (a child process the screen polls each frame).
  virtual bool Busy() const { return false; }
  // The on-screen keyboard is up: the app routes a physical keyboard's keys here.
  virtual bool WantsKeys() const { return false; }
  virtual void OnKey(const touchui::InputEvent& event, int64_t now_ms) { (void)event; (void)now_ms; }
  // Adds this screen's fields to the state dump (results, item, unit, ...).
  virtual void Dump(nlohmann::json& state) const { (void)state; }
  // The scroller of the page, for the state dump's "scroll" (null: the screen has none).
  virtual const touchui::TouchScroller* PageScroller() const { return nullptr; }
  // A script names target ID that is not on screen: make it appear as a finger would
  // (open the panel it lives in). True when something changed.
  virtual bool Reveal(const std::string& id) { (void)id; return false; }
  // Named on-screen keys a script may tap ("a", "space", ...), centre in screen pixels.
  virtual bool KeyCenter(const std::string& id, float* x, float* y) const {
    (void)id; (void)x; (void)y;
    return false;
  }
};

// The screen for ROUTE (an unknown name gives the home screen).
std::unique_ptr<Screen> MakeScreen(const Route& route);

}  // namespace kiosk
