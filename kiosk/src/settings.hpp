// kiosk/settings.hpp: the [kiosk] section of the settings file (/etc/kiosk/kiosk.conf,
// or --config FILE), documented in docs/settings.md.
//
// The kiosk must start even with a broken settings file: a bad value is reported (file,
// line, key, why) and its default is kept, so the technician sees the exact problem on
// the admin screen while citizens still get a working kiosk. Only a file that cannot be
// read at all is fatal, because then nothing the technician set would apply.
#pragma once

#include <string>
#include <vector>

#include "touch-ui/fonts.hpp"
#include "touch-ui/vietnamese_input.hpp"

namespace kiosk {

struct Settings {
  std::string path;                 // the file these came from ("" = built-in defaults)
  // [kiosk]
  std::string commune;              // = "" . Shown on the home screen's header.
  int idle_reset_seconds = 90;      // back home, everything cleared, after this idle time
  int countdown_seconds = 15;       // "Bạn còn đang sử dụng?" lasts this long first
  int attract_seconds = 180;        // idle time before the attract loop (0 = never)
  int attract_slide_seconds = 8;    // each attract slide stays this long
  std::string admin_pin_hash;       // crypto_pwhash_str output; empty = admin disabled
  touchui::TextSize text_size = touchui::TextSize::Normal;
  bool high_contrast = false;
  touchui::InputMethod input_method = touchui::InputMethod::Telex;
  touchui::ToneStyle tone_style = touchui::ToneStyle::New;
  bool allow_exit = false;          // admin screen shows "exit"; window close/Alt+F4 work
  std::string pack;                 // = "" : the device layout's current pack (sync/layout.hpp)
  std::string hotline;              // = "" . Shown where search finds nothing ("Đường dây nóng")
  std::string technician_contact;   // = "" . Shown on the maintenance screen
  std::string log_file;             // = "" (journal only via stderr)
  std::string strings;              // = strings/vi.json beside the binary
  std::string admin_state_file;     // = data_dir + "/admin-lock.json"
  // The font atlas cache; when set, also Mesa's shader cache (CACHE_DIR/mesa). Empty: the
  // atlas in data_dir/cache, and Mesa keeps its own default (~/.cache).
  std::string cache_dir;
  std::string font_regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
  std::string font_bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
  float display_dpi = 0;            // = 0: ask the display
  int rotation = 0;                 // 0, 90, 180, 270: the picture turned clockwise on the panel
  int hide_pointer = -1;            // -1 auto: hidden fullscreen, shown in a window
  int admin_hold_seconds = 5;       // the hidden corner gesture's hold time
  // The admin screen's sync, rollback, USB and network buttons run this program with
  // `--config <this file>` and kiosk-sync's options (docs/kiosk-shell.md, "Admin screen").
  std::string sync_command;         // = "" : kiosk-sync beside the kiosk binary
  // When this unix socket exists (the image's kiosk-sync-admin.socket), requests go
  // there instead of to a child: the kiosk's own sandbox lets no child write packs.
  std::string sync_socket = "/run/kiosk-sync-admin.sock";
  std::string usb_root = "/media";  // where USB sticks are mounted: ROOT/*/kiosk, ROOT/*/*/kiosk
  // When kiosk-sync.timer runs, for "next run" on the admin screen: the window starts at
  // sync_time (local time) and lasts sync_window_minutes (its RandomizedDelaySec).
  int sync_time_minutes = 60;       // = 01:00 (the image's OnCalendar=*-*-* 01:00:00)
  int sync_window_minutes = 180;    // = 3 h (RandomizedDelaySec=3h)
  // From the device layout ([sync] data_dir, read by sync/layout.hpp, never parsed here).
  std::string data_dir = "/var/lib/kiosk";

  std::vector<std::string> problems;  // "FILE:LINE: key: why", for the log and admin screen
};

// Reads PATH (INI, libinih). Returns false only when the file cannot be opened; bad
// lines and bad values land in settings->problems and keep their defaults.
bool LoadSettings(const std::string& path, Settings* settings, std::string* error);
// Fills the defaults that depend on other keys (admin_state_file from data_dir).
void FinishSettings(Settings* settings);

}  // namespace kiosk
