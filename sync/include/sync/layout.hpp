// sync/layout.hpp: the device layout (DESIGN.md "On the device"), owned by the sync
// library so that the kiosk and kiosk-sync agree on every path:
//   DATA_DIR/packs/<pack_id>-<version>.sqlite   installed packs (current + previous)
//   DATA_DIR/current                            symlink to the current pack
//   DATA_DIR/state.sqlite                       trusted state
//   DATA_DIR/download/                          partial downloads
// The kiosk reads only what it needs to show content (data_dir, pack_id); it never
// parses [sync] itself. Reading the layout needs none of the keys a sync run needs
// (portal, public_key), so a kiosk with a half-finished settings file still shows its pack.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "content-pack/pack_reader.hpp"  // pack::Expected

namespace kiosk::sync {

struct DeviceLayout {
  std::string settings_path;              // the file it came from ("" = built-in defaults)
  std::string data_dir = "/var/lib/kiosk";// absolute, no trailing '/', no ".." component
  std::string pack_id;                    // [a-z0-9-]+; empty when the settings name none

  std::string PacksDir() const { return data_dir + "/packs"; }
  std::string CurrentLink() const { return data_dir + "/current"; }
  std::string StatePath() const { return data_dir + "/state.sqlite"; }
  std::string DownloadDir() const { return data_dir + "/download"; }
};

// Reads [sync] data_dir and pack_id from PATH ("" = the defaults). Fails, naming the file
// and key, when the file cannot be read or data_dir is not an absolute path without ".."
// (a relative or escaping data_dir would point the kiosk at files nobody verified).
pack::Expected<DeviceLayout> LoadDeviceLayout(const std::string& path);

// An installed pack the kiosk may open, as the layout says (not yet opened or verified).
struct PackOnDisk {
  std::string path;       // absolute
  int64_t version = 0;    // 0 when the name does not say (a `current` outside packs/)
};

// What the kiosk should try to open, in order: the pack `current` points to (only when it
// lies inside packs/ and is a regular file), then the installed packs of pack_id from
// newest to oldest, without repeats. Empty when nothing is installed.
std::vector<PackOnDisk> PacksToTry(const DeviceLayout& layout);

}  // namespace kiosk::sync
