// sync/src/pack_store.cpp: installed packs, the `current` symlink and pruning.
#include "pack_store.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "content-pack/portal.hpp"
#include "content-pack/text_safety.hpp"

namespace kiosk::sync {

PackStore::PackStore(DeviceLayout layout, std::string pack_id) : layout_(std::move(layout)), pack_id_(std::move(pack_id)) {}

std::optional<InstalledPack> PackStore::Current(std::string* problem) const {
  auto version = layout_.CurrentVersion(pack_id_, problem);
  if (!version) return std::nullopt;
  return InstalledPack{pack_id_, *version, PackPath(*version)};
}

std::vector<InstalledPack> PackStore::Installed() const {
  std::vector<InstalledPack> packs;
  if (DIR* d = ::opendir(layout_.PacksDir().c_str())) {
    while (dirent* e = ::readdir(d)) {
      const int64_t v = DeviceLayout::VersionOfPackName(e->d_name, pack_id_);
      struct stat st{};
      if (v > 0 && ::lstat(PackPath(v).c_str(), &st) == 0 && S_ISREG(st.st_mode)) packs.push_back({pack_id_, v, PackPath(v)});
    }
    ::closedir(d);
  }
  std::sort(packs.begin(), packs.end(), [](const auto& a, const auto& b) { return a.version > b.version; });
  return packs;
}

std::optional<InstalledPack> PackStore::Previous() const {
  auto current = Current();
  if (!current) return std::nullopt;
  for (const InstalledPack& p : Installed())
    if (p.version < current->version) return p;
  return std::nullopt;
}

pack::Expected<bool> PackStore::SwitchCurrent(int64_t version) {
  const std::string link = layout_.CurrentLink();
  const std::string tmp = layout_.DataDir() + "/.current.tmp-" + std::to_string(::getpid());
  const std::string target = DeviceLayout::PackName(pack_id_, version);
  ::unlink(tmp.c_str());
  if (::symlink(target.c_str(), tmp.c_str()) != 0)
    return pack::Expected<bool>::Fail("cannot create " + tmp + ": " + std::strerror(errno));
  if (::rename(tmp.c_str(), link.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return pack::Expected<bool>::Fail("cannot replace " + link + ": " + std::strerror(e));
  }
  pack::portal::FsyncDirectory(layout_.DataDir());
  return true;
}

void PackStore::RemoveCurrent() {
  ::unlink(layout_.CurrentLink().c_str());
  pack::portal::FsyncDirectory(layout_.DataDir());
}

pack::Expected<InstalledPack> PackStore::Install(const std::string& built_path, int64_t version) {
  using R = pack::Expected<InstalledPack>;
  const std::string dest = PackPath(version);
  if (::rename(built_path.c_str(), dest.c_str()) != 0)
    return R::Fail("cannot move the new pack to " + dest + ": " + std::strerror(errno));
  pack::portal::FsyncDirectory(layout_.PacksDir());
  auto sw = SwitchCurrent(version);
  if (!sw.ok()) return R::Fail(sw.error());
  return InstalledPack{pack_id_, version, dest};
}

void PackStore::Remove(int64_t version) {
  const std::string path = PackPath(version);
  ::unlink(path.c_str());
  ::unlink((path + "-wal").c_str());
  ::unlink((path + "-shm").c_str());
}

void PackStore::Prune(int64_t keep_a, int64_t keep_b) {
  for (const InstalledPack& p : Installed())
    if (p.version != keep_a && p.version != keep_b) Remove(p.version);
  pack::portal::FsyncDirectory(layout_.PacksDir());
}

std::string CurrentPackPath(const std::string& data_dir) { return data_dir + "/current"; }

pack::Expected<bool> VerifyPackFile(const std::string& path, const std::string& pack_id, int64_t version) {
  using R = pack::Expected<bool>;
  auto reader = pack::PackReader::Open(path);
  if (!reader.ok()) return R::Fail("the pack does not open: " + reader.error());
  const pack::PackMeta& meta = (*reader)->Meta();
  if (meta.id != pack_id)
    return R::Fail("the pack says id \"" + pack::PrintableText(meta.id) + "\" but the manifest says \"" + pack_id +
                   "\" (mix and match)");
  if (meta.version != version)
    return R::Fail("the pack says version " + std::to_string(meta.version) + " but the manifest says " +
                   std::to_string(version) + " (mix and match)");
  auto check = (*reader)->QuickCheck();
  if (!check.ok()) return R::Fail("the pack fails its integrity check: " + check.error());
  if (!*check) return R::Fail("the pack fails its integrity check");
  return true;
}

}  // namespace kiosk::sync
