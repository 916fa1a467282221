// sync/src/layout.cpp: the data directory, checked (sync/layout.hpp).
#include "sync/layout.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <ini.h>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace kiosk::sync {
namespace {

std::string Errno(int e) { return std::strerror(e); }

// Makes sure PATH is a real directory. With CREATE a missing one is made and anything
// else (a link, a file) is removed first: never followed.
pack::Expected<bool> RealDirectory(const std::string& path, bool create) {
  using R = pack::Expected<bool>;
  struct stat st{};
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return true;
    if (!create)
      return R::Fail(path + " is " + (S_ISLNK(st.st_mode) ? "a symbolic link" : "not a directory") +
                     ": refused (the data directory's folders must be real folders)");
    if (::unlink(path.c_str()) != 0) return R::Fail("cannot remove " + path + " (not a real folder): " + Errno(errno));
  } else if (errno != ENOENT) {
    return R::Fail("cannot check " + path + ": " + Errno(errno));
  } else if (!create) {
    return true;
  }
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST) return R::Fail("cannot create " + path + ": " + Errno(errno));
  if (::lstat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) return R::Fail(path + " is not a directory");
  return true;
}

bool MakeParents(const std::string& path) {
  for (size_t pos = path.find('/', 1); pos != std::string::npos; pos = path.find('/', pos + 1)) {
    const std::string part = path.substr(0, pos);
    if (::mkdir(part.c_str(), 0755) != 0 && errno != EEXIST) return false;
  }
  return true;
}

}  // namespace

int64_t ParseVersion(std::string_view text) {
  if (text.empty() || text.size() > 19 || text[0] == '0') return 0;
  for (char c : text)
    if (c < '0' || c > '9') return 0;
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v <= 0) return 0;
  return v;
}

pack::Expected<DeviceLayout> DeviceLayout::Open(const std::string& data_dir, bool create) {
  using R = pack::Expected<DeviceLayout>;
  if (data_dir.empty() || data_dir.front() != '/') return R::Fail("data_dir " + data_dir + " is not an absolute path");
  std::string dir = data_dir;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  struct stat st{};
  if (::stat(dir.c_str(), &st) != 0) {
    if (errno != ENOENT || !create) return R::Fail("cannot use the data directory " + dir + ": " + Errno(errno));
    if (!MakeParents(dir) || (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST))
      return R::Fail("cannot create " + dir + ": " + Errno(errno));
    if (::stat(dir.c_str(), &st) != 0) return R::Fail("cannot use the data directory " + dir + ": " + Errno(errno));
  }
  if (!S_ISDIR(st.st_mode)) return R::Fail("the data directory " + dir + " is not a directory");
  char resolved[PATH_MAX];
  if (::realpath(dir.c_str(), resolved) == nullptr) return R::Fail("cannot resolve " + dir + ": " + Errno(errno));
  DeviceLayout layout;
  layout.data_dir_ = resolved;
  for (const std::string& sub : {layout.PacksDir(), layout.DownloadDir()}) {
    auto ok = RealDirectory(sub, create);
    if (!ok.ok()) return R::Fail(ok.error());
  }
  return layout;
}

std::string DeviceLayout::PackName(const std::string& pack_id, int64_t version) {
  return "packs/" + pack_id + "-" + std::to_string(version) + ".sqlite";
}

std::string DeviceLayout::PackPath(const std::string& pack_id, int64_t version) const {
  return data_dir_ + "/" + PackName(pack_id, version);
}

int64_t DeviceLayout::VersionOfPackName(const std::string& name, const std::string& pack_id) {
  const std::string prefix = pack_id + "-", suffix = ".sqlite";
  if (!name.starts_with(prefix) || !name.ends_with(suffix) || name.size() <= prefix.size() + suffix.size()) return 0;
  return ParseVersion(std::string_view(name).substr(prefix.size(), name.size() - prefix.size() - suffix.size()));
}

std::optional<int64_t> DeviceLayout::CurrentVersion(const std::string& pack_id, std::string* problem) const {
  char target[PATH_MAX];
  const ssize_t n = ::readlink(CurrentLink().c_str(), target, sizeof target - 1);
  if (n < 0) {
    struct stat st{};
    if (problem && errno == EINVAL && ::lstat(CurrentLink().c_str(), &st) == 0)
      *problem = CurrentLink() + " is not a symbolic link";
    return std::nullopt;
  }
  target[n] = '\0';
  const std::string t = target;
  const int64_t version = t.starts_with("packs/") ? VersionOfPackName(t.substr(6), pack_id) : 0;
  if (version <= 0 || t != PackName(pack_id, version)) {
    if (problem) *problem = CurrentLink() + " points to \"" + t + "\", not to packs/" + pack_id + "-VERSION.sqlite";
    return std::nullopt;
  }
  struct stat st{};
  if (::lstat(PackPath(pack_id, version).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    if (problem) *problem = PackPath(pack_id, version) + " is missing or not a regular file";
    return std::nullopt;
  }
  return version;
}

pack::Expected<bool> DropRootToDataDirOwner(const std::string& data_dir, std::string* note) {
  using R = pack::Expected<bool>;
  if (::geteuid() != 0) return true;
  std::string dir = data_dir;
  struct stat st{};
  while (::stat(dir.c_str(), &st) != 0) {
    const size_t slash = dir.rfind('/');
    if (slash == std::string::npos || dir == "/") return R::Fail("cannot find an owner for " + data_dir);
    dir = slash == 0 ? "/" : dir.substr(0, slash);
  }
  if (st.st_uid == 0) {
    if (note) *note = "running as root: " + dir + " is owned by root (chown it to the kiosk user to run unprivileged)";
    return true;
  }
  const uid_t uid = st.st_uid;
  gid_t gid = st.st_gid;
  const passwd* pw = ::getpwuid(uid);
  if (pw != nullptr) gid = pw->pw_gid;
  // Supplementary groups first (needs root), then the group, then the user.
  const int groups = pw != nullptr ? ::initgroups(pw->pw_name, gid) : ::setgroups(0, nullptr);
  if (groups != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0)
    return R::Fail("cannot drop root privileges to the owner of " + dir + " (uid " + std::to_string(uid) + "): " +
                   Errno(errno));
  if (::setuid(0) == 0 || ::geteuid() == 0) return R::Fail("root privileges could be regained after dropping them");
  if (note)
    *note = "started as root: now running as " + (pw ? std::string(pw->pw_name) : "uid " + std::to_string(uid)) +
            ", the owner of " + dir;
  return true;
}

}  // namespace kiosk::sync

// [SECTION] What the kiosk opens

namespace kiosk::sync {
namespace {

struct DeviceParse {
  DeviceSettings* device;
};

int DeviceHandler(void* user, const char* section, const char* name, const char* value) {
  auto& st = *static_cast<DeviceParse*>(user);
  if (std::strcmp(section, "sync") != 0) return 1;
  if (std::strcmp(name, "data_dir") == 0) {
    std::string v = value;
    while (v.size() > 1 && v.back() == '/') v.pop_back();
    st.device->data_dir = v;
  } else if (std::strcmp(name, "pack_id") == 0) {
    st.device->pack_id = value;
  }
  return 1;
}

bool HasDotDot(const std::string& path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (end - start == 2 && path.compare(start, 2, "..") == 0) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

pack::Expected<DeviceSettings> LoadDeviceSettings(const std::string& path) {
  using R = pack::Expected<DeviceSettings>;
  DeviceSettings device;
  device.settings_path = path;
  if (!path.empty()) {
    DeviceParse st{&device};
    const int rc = ini_parse(path.c_str(), DeviceHandler, &st);
    if (rc == -1) return R::Fail("cannot open settings file " + path + ": " + std::strerror(errno));
    if (rc == -2) return R::Fail("out of memory reading settings file " + path);
  }
  if (device.data_dir.empty() || device.data_dir[0] != '/' || HasDotDot(device.data_dir))
    return R::Fail((path.empty() ? std::string("built-in settings") : path) + ": [sync] data_dir = " +
                   device.data_dir + ": want an absolute path without '..'");
  return device;
}

std::vector<PackOnDisk> PacksToTry(const DeviceSettings& device) {
  std::vector<PackOnDisk> out;
  if (device.pack_id.empty()) return out;
  auto layout = DeviceLayout::Open(device.data_dir, false);
  if (!layout.ok()) return out;
  auto add = [&](int64_t version) {
    for (const auto& o : out)
      if (o.version == version) return;
    const std::string path = layout->PackPath(device.pack_id, version);
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;
    out.push_back({path, version});
  };
  if (auto current = layout->CurrentVersion(device.pack_id)) add(*current);
  std::vector<int64_t> versions;
  if (DIR* d = ::opendir(layout->PacksDir().c_str())) {
    while (dirent* e = ::readdir(d))
      if (int64_t v = DeviceLayout::VersionOfPackName(e->d_name, device.pack_id)) versions.push_back(v);
    ::closedir(d);
  }
  std::sort(versions.rbegin(), versions.rend());
  for (int64_t v : versions) add(v);
  return out;
}

}  // namespace kiosk::sync
