// sync/layout.hpp: the one owner of the device's data directory layout (DESIGN.md "On
// the device"), for kiosk-sync and the kiosk alike:
//   DATA_DIR/packs/<pack_id>-<version>.sqlite   installed packs (current + previous)
//   DATA_DIR/current -> packs/<pack_id>-<version>.sqlite
//   DATA_DIR/state.sqlite                       trusted state, run history, counters
//   DATA_DIR/download/                          partial downloads and rebuilds
//   DATA_DIR/.sync.lock                         held for the length of a run
//
// The data directory is not a trusted path: anyone who can write it (the kiosk user)
// can plant symbolic links for a run started by root to follow. So every folder inside
// it is checked with lstat (a real directory, never a link), files inside it are opened
// without following links, and `current` is believed only when it is exactly
// "packs/<pack_id>-<version>.sqlite" naming a regular file. DATA_DIR itself may be a
// link (a technician's choice, made as root): it is resolved once, when opened.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content-pack/pack_reader.hpp"  // pack::Expected

namespace kiosk::sync {

// A version as the protocol allows it (any positive int64) from its canonical decimal
// text: no sign, no leading zero, at most 19 digits, no overflow. 0 when TEXT is not one.
int64_t ParseVersion(std::string_view text);

class DeviceLayout {
 public:
  // Checks DATA_DIR (an absolute path): it must be a directory, and packs/ and
  // download/ inside it real directories. With CREATE, missing folders are made, and
  // a symbolic link or other non-directory planted as packs/ or download/ is removed
  // (never followed) and replaced by a folder. Without CREATE, missing folders are fine
  // (nothing installed yet) but planted links are an error.
  static pack::Expected<DeviceLayout> Open(const std::string& data_dir, bool create);

  const std::string& DataDir() const { return data_dir_; }  // resolved, absolute
  std::string PacksDir() const { return data_dir_ + "/packs"; }
  std::string DownloadDir() const { return data_dir_ + "/download"; }
  std::string CurrentLink() const { return data_dir_ + "/current"; }
  std::string StatePath() const { return data_dir_ + "/state.sqlite"; }
  std::string LockPath() const { return data_dir_ + "/.sync.lock"; }
  // "packs/<pack_id>-<version>.sqlite": what `current` must hold, and the file name.
  static std::string PackName(const std::string& pack_id, int64_t version);
  std::string PackPath(const std::string& pack_id, int64_t version) const;
  // <pack_id>-<version>.sqlite -> version, 0 when NAME is not a pack of PACK_ID.
  static int64_t VersionOfPackName(const std::string& name, const std::string& pack_id);

  // What `current` says, checked: the version when the link is exactly
  // "packs/<pack_id>-<version>.sqlite" and packs/ holds that name as a regular file
  // (lstat). nullopt when there is none or it is refused; *PROBLEM then says why.
  std::optional<int64_t> CurrentVersion(const std::string& pack_id, std::string* problem = nullptr) const;

 private:
  std::string data_dir_;
};

// When the process runs as root, becomes the owner of DATA_DIR (or of its nearest
// existing parent) before anything is touched: supplementary groups, group, then user,
// and checks that root cannot be regained. A data dir owned by root leaves the process
// as it is (nothing to drop to); *NOTE says which happened. Not root: nothing to do.
pack::Expected<bool> DropRootToDataDirOwner(const std::string& data_dir, std::string* note);

}  // namespace kiosk::sync

namespace kiosk::sync {

// What the kiosk needs of the settings to find its content: [sync] data_dir and pack_id
// (nothing a sync run needs, so a half-finished settings file still shows its pack). The
// kiosk never parses [sync] itself.
struct DeviceSettings {
  std::string settings_path;               // the file it came from ("" = built-in defaults)
  std::string data_dir = "/var/lib/kiosk";  // absolute, no trailing '/', no ".." component
  std::string pack_id;                     // empty when the settings name none
};

// Reads [sync] data_dir and pack_id from PATH ("" = the defaults). Fails, naming the file
// and key, when the file cannot be read or data_dir is not an absolute path without "..".
pack::Expected<DeviceSettings> LoadDeviceSettings(const std::string& path);

// An installed pack the kiosk may open (not yet opened or verified).
struct PackOnDisk {
  std::string path;     // absolute
  int64_t version = 0;
};

// What the kiosk should try to open, in order: the pack `current` names (only as
// DeviceLayout::CurrentVersion believes it), then the installed packs of pack_id from
// newest to oldest (regular files in packs/, never followed links), without repeats.
// Empty when nothing is installed or the data dir is refused.
std::vector<PackOnDisk> PacksToTry(const DeviceSettings& device);

}  // namespace kiosk::sync
