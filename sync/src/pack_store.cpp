// sync/src/pack_store.cpp: installed packs, the `current` symlink and pruning.
#include "pack_store.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

#include "content-pack/portal.hpp"

namespace kiosk::sync {
namespace {

bool MakeDir(const std::string& path) {
  if (::mkdir(path.c_str(), 0755) == 0) return true;
  struct stat st{};
  return errno == EEXIST && ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool MakeDirs(const std::string& path) {
  for (size_t pos = path.find('/', 1); pos != std::string::npos; pos = path.find('/', pos + 1))
    if (!MakeDir(path.substr(0, pos))) return false;
  return MakeDir(path);
}

// "<pack_id>-<version>.sqlite" -> version, when the id is ours.
int64_t VersionOfName(const std::string& name, const std::string& pack_id) {
  const std::string prefix = pack_id + "-", suffix = ".sqlite";
  if (!name.starts_with(prefix) || !name.ends_with(suffix) || name.size() <= prefix.size() + suffix.size()) return 0;
  std::string digits = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  if (digits.size() > 15 || digits.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(digits);
}

}  // namespace

PackStore::PackStore(std::string data_dir, std::string pack_id)
    : data_dir_(std::move(data_dir)), pack_id_(std::move(pack_id)) {}

pack::Expected<bool> PackStore::Prepare() {
  for (const std::string& dir : {data_dir_, PacksDir(), DownloadDir()})
    if (!MakeDirs(dir)) return pack::Expected<bool>::Fail("cannot create " + dir + ": " + std::strerror(errno));
  return true;
}

std::string PackStore::PackPath(int64_t version) const {
  return PacksDir() + "/" + pack_id_ + "-" + std::to_string(version) + ".sqlite";
}

std::optional<InstalledPack> PackStore::Current() const {
  char target[PATH_MAX];
  const std::string link = data_dir_ + "/current";
  ssize_t n = ::readlink(link.c_str(), target, sizeof target - 1);
  if (n <= 0) return std::nullopt;
  target[n] = '\0';
  std::string t = target;
  std::string name = t.substr(t.rfind('/') + 1);
  int64_t version = VersionOfName(name, pack_id_);
  if (version <= 0) return std::nullopt;
  InstalledPack p{pack_id_, version, PackPath(version)};
  if (::access(p.path.c_str(), R_OK) != 0) return std::nullopt;
  return p;
}

std::vector<InstalledPack> PackStore::Installed() const {
  std::vector<InstalledPack> packs;
  if (DIR* d = ::opendir(PacksDir().c_str())) {
    while (dirent* e = ::readdir(d)) {
      int64_t v = VersionOfName(e->d_name, pack_id_);
      if (v > 0) packs.push_back({pack_id_, v, PackPath(v)});
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
  const std::string link = data_dir_ + "/current";
  const std::string tmp = data_dir_ + "/.current.tmp-" + std::to_string(::getpid());
  const std::string target = "packs/" + pack_id_ + "-" + std::to_string(version) + ".sqlite";
  ::unlink(tmp.c_str());
  if (::symlink(target.c_str(), tmp.c_str()) != 0)
    return pack::Expected<bool>::Fail("cannot create " + tmp + ": " + std::strerror(errno));
  if (::rename(tmp.c_str(), link.c_str()) != 0) {
    int e = errno;
    ::unlink(tmp.c_str());
    return pack::Expected<bool>::Fail("cannot replace " + link + ": " + std::strerror(e));
  }
  pack::portal::FsyncDirectory(data_dir_);
  return true;
}

pack::Expected<InstalledPack> PackStore::Install(const std::string& built_path, int64_t version) {
  using R = pack::Expected<InstalledPack>;
  const std::string dest = PackPath(version);
  if (::rename(built_path.c_str(), dest.c_str()) != 0)
    return R::Fail("cannot move the new pack to " + dest + ": " + std::strerror(errno));
  pack::portal::FsyncDirectory(PacksDir());
  auto sw = SwitchCurrent(version);
  if (!sw.ok()) return R::Fail(sw.error());
  return InstalledPack{pack_id_, version, dest};
}

void PackStore::Prune(int64_t keep_a, int64_t keep_b) {
  for (const InstalledPack& p : Installed()) {
    if (p.version == keep_a || p.version == keep_b) continue;
    ::unlink(p.path.c_str());
    ::unlink((p.path + "-wal").c_str());
    ::unlink((p.path + "-shm").c_str());
  }
  pack::portal::FsyncDirectory(PacksDir());
}

std::string CurrentPackPath(const std::string& data_dir) { return data_dir + "/current"; }

pack::Expected<bool> VerifyPackFile(const std::string& path, const std::string& pack_id, int64_t version) {
  using R = pack::Expected<bool>;
  auto reader = pack::PackReader::Open(path);
  if (!reader.ok()) return R::Fail("the pack does not open: " + reader.error());
  const pack::PackMeta& meta = (*reader)->Meta();
  if (meta.id != pack_id)
    return R::Fail("the pack says id \"" + meta.id + "\" but the manifest says \"" + pack_id + "\" (mix and match)");
  if (meta.version != version)
    return R::Fail("the pack says version " + std::to_string(meta.version) + " but the manifest says " +
                   std::to_string(version) + " (mix and match)");
  auto check = (*reader)->QuickCheck();
  if (!check.ok()) return R::Fail("the pack fails its integrity check: " + check.error());
  if (!*check) return R::Fail("the pack fails its integrity check");
  return true;
}

}  // namespace kiosk::sync
