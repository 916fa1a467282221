// kiosk/settings.cpp: parsing the settings file with libinih (see settings.hpp).
#include "settings.hpp"

#include "admin_lock.hpp"

#include <ini.h>

#include "sync/layout.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace kiosk {
namespace {

struct ParseState {
  Settings* settings;
};

bool ParseInt(const char* value, int min, int max, int* out) {
  errno = 0;
  char* end = nullptr;
  long v = std::strtol(value, &end, 10);
  if (errno || end == value || *end != '\0' || v < min || v > max) return false;
  *out = (int)v;
  return true;
}

bool ParseBool(const std::string& v, bool* out) {
  if (v == "true" || v == "yes" || v == "on" || v == "1") *out = true;
  else if (v == "false" || v == "no" || v == "off" || v == "0") *out = false;
  else return false;
  return true;
}

int Handler(void* user, const char* section, const char* name, const char* value) {
  Settings& s = *static_cast<ParseState*>(user)->settings;
  const std::string sec = section, key = name, v = value;
  auto bad = [&](const char* why) {
    s.problems.push_back(s.path + ": [" + sec + "] " + key + " = " + v + ": " + why +
                         " (default kept)");
  };
  if (sec != "kiosk") return 1;  // other sections belong to other programs ([sync]: sync/layout.hpp)
  int n = 0;
  bool b = false;
  if (key == "commune") s.commune = v;
  else if (key == "idle_reset_seconds") {
    if (ParseInt(value, 10, 86400, &n)) s.idle_reset_seconds = n; else bad("want 10..86400");
  } else if (key == "countdown_seconds") {
    if (ParseInt(value, 3, 300, &n)) s.countdown_seconds = n; else bad("want 3..300");
  } else if (key == "attract_seconds") {
    if (ParseInt(value, 0, 86400, &n)) s.attract_seconds = n; else bad("want 0..86400");
  } else if (key == "attract_slide_seconds") {
    if (ParseInt(value, 2, 600, &n)) s.attract_slide_seconds = n; else bad("want 2..600");
  } else if (key == "admin_pin_hash") {
    // Never quote this value: a plain PIN put here by mistake must not reach the journal.
    const std::string why = v.empty() ? "" : PinHashProblem(v);
    if (why.empty()) s.admin_pin_hash = v;
    else s.problems.push_back(s.path + ": [" + sec + "] " + key + ": " + why + " (admin disabled)");
  } else if (key == "text_size") {
    if (!touchui::ParseTextSize(v, &s.text_size)) bad("want normal, large or extra_large");
  } else if (key == "high_contrast") {
    if (ParseBool(v, &b)) s.high_contrast = b; else bad("want true or false");
  } else if (key == "input_method") {
    if (auto m = touchui::ParseInputMethod(v)) s.input_method = *m;
    else bad("want telex, vni or plain");
  } else if (key == "tone_style") {
    if (auto t = touchui::ParseToneStyle(v)) s.tone_style = *t; else bad("want new or old");
  } else if (key == "allow_exit") {
    if (ParseBool(v, &b)) s.allow_exit = b; else bad("want true or false");
  } else if (key == "pack") s.pack = v;
  else if (key == "hotline") s.hotline = v;
  else if (key == "technician_contact") s.technician_contact = v;
  else if (key == "log_file") s.log_file = v;
  else if (key == "strings") s.strings = v;
  else if (key == "admin_state_file") s.admin_state_file = v;
  else if (key == "cache_dir") {
    if (!v.empty() && v[0] == '/') s.cache_dir = v; else bad("want an absolute path");
  }
  else if (key == "font_regular") s.font_regular = v;
  else if (key == "font_bold") s.font_bold = v;
  else if (key == "display_dpi") {
    if (ParseInt(value, 0, 1000, &n)) s.display_dpi = (float)n; else bad("want 0..1000");
  } else if (key == "rotation") {
    if (ParseInt(value, 0, 270, &n) && n % 90 == 0) s.rotation = n; else bad("want 0, 90, 180 or 270");
  } else if (key == "hide_pointer") {
    if (v == "auto") s.hide_pointer = -1;
    else if (ParseBool(v, &b)) s.hide_pointer = b ? 1 : 0;
    else bad("want auto, true or false");
  } else if (key == "sync_command") {
    if (!v.empty() && v.front() != '/') bad("want an absolute path");
    else s.sync_command = v;
  } else if (key == "sync_socket") {
    if (!v.empty() && v.front() != '/') bad("want an absolute path, or nothing for none");
    else s.sync_socket = v;
  } else if (key == "usb_root") {
    if (v.empty() || v.front() != '/') bad("want an absolute path");
    else s.usb_root = v;
  } else if (key == "sync_time") {
    int h = 0, m = 0;
    char tail = 0;
    if (std::sscanf(value, "%2d:%2d%c", &h, &m, &tail) == 2 && v.size() == 5 && h >= 0 && h < 24 && m >= 0 && m < 60)
      s.sync_time_minutes = h * 60 + m;
    else bad("want HH:MM (24-hour, local time)");
  } else if (key == "sync_window_minutes") {
    if (ParseInt(value, 0, 1440, &n)) s.sync_window_minutes = n; else bad("want 0..1440");
  } else if (key == "admin_hold_seconds") {
    if (ParseInt(value, 1, 60, &n)) s.admin_hold_seconds = n; else bad("want 1..60");
  } else {
    bad("unknown key");
  }
  return 1;
}

}  // namespace

bool LoadSettings(const std::string& path, Settings* settings, std::string* error) {
  settings->path = path;
  // [sync] belongs to the sync library: it says where the data lives.
  if (auto device = kiosk::sync::LoadDeviceSettings(path); device.ok()) settings->data_dir = device->data_dir;
  else settings->problems.push_back(device.error() + " (default kept)");
  ParseState state{settings};
  const int rc = ini_parse(path.c_str(), Handler, &state);
  if (rc == -1) {
    if (error) *error = "cannot open settings file " + path + ": " + std::strerror(errno);
    return false;
  }
  if (rc == -2) {
    if (error) *error = "out of memory reading settings file " + path;
    return false;
  }
  if (rc > 0)
    settings->problems.push_back(path + ":" + std::to_string(rc) +
                                 ": not a `key = value` line, a [section] or a comment");
  FinishSettings(settings);
  return true;
}

void FinishSettings(Settings* s) {
  if (s->admin_state_file.empty()) s->admin_state_file = s->data_dir + "/admin-lock.json";
}

}  // namespace kiosk
