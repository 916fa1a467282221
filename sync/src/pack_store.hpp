// sync/src/pack_store.hpp: the installed packs on disk (sync/layout.hpp):
//   DATA_DIR/packs/<pack_id>-<version>.sqlite   installed packs (current + previous)
//   DATA_DIR/current -> packs/<pack_id>-<version>.sqlite   replaced with rename()
//   DATA_DIR/download/                          partial downloads and rebuilds
// Every change is a rename of a complete, fsynced file or symlink followed by an fsync
// of the directory, so a kiosk unplugged at any instant finds the old or the new pack.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content-pack/pack_reader.hpp"
#include "sync/layout.hpp"
#include "sync/sync.hpp"

namespace kiosk::sync {

class PackStore {
 public:
  PackStore(DeviceLayout layout, std::string pack_id);

  const DeviceLayout& Layout() const { return layout_; }
  std::string DownloadDir() const { return layout_.DownloadDir(); }
  std::string PackPath(int64_t version) const { return layout_.PackPath(pack_id_, version); }

  // What `current` points to, when it is a pack of ours in packs/ (DeviceLayout checks).
  std::optional<InstalledPack> Current(std::string* problem = nullptr) const;
  // Installed packs of our id (regular files in packs/), newest first.
  std::vector<InstalledPack> Installed() const;
  // The newest installed pack older than the current one.
  std::optional<InstalledPack> Previous() const;

  // Moves the verified pack at BUILT_PATH into packs/ and points current at it.
  pack::Expected<InstalledPack> Install(const std::string& built_path, int64_t version);
  // Points current at an installed VERSION.
  pack::Expected<bool> SwitchCurrent(int64_t version);
  // Removes `current` (no usable pack is left).
  void RemoveCurrent();
  // Deletes installed packs other than KEEP_A and KEEP_B.
  void Prune(int64_t keep_a, int64_t keep_b);
  // Deletes one installed pack (found damaged).
  void Remove(int64_t version);

 private:
  DeviceLayout layout_;
  std::string pack_id_;
};

// Opens PATH as a pack and checks id, version and integrity: what "a pack that opens
// and verifies" means before the kiosk is ever pointed at it.
pack::Expected<bool> VerifyPackFile(const std::string& path, const std::string& pack_id, int64_t version);

}  // namespace kiosk::sync
