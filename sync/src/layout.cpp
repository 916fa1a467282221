// sync/src/layout.cpp: the device layout and the packs a kiosk may open (see layout.hpp).
#include "sync/layout.hpp"

#include <ini.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "pack_store.hpp"

namespace kiosk::sync {
namespace {

struct LayoutParse {
  DeviceLayout* layout;
  std::string error;
};

int LayoutHandler(void* user, const char* section, const char* name, const char* value) {
  auto& st = *static_cast<LayoutParse*>(user);
  if (std::strcmp(section, "sync") != 0) return 1;
  if (std::strcmp(name, "data_dir") == 0) {
    std::string v = value;
    while (v.size() > 1 && v.back() == '/') v.pop_back();
    st.layout->data_dir = v;
  } else if (std::strcmp(name, "pack_id") == 0) {
    st.layout->pack_id = value;
  }
  return 1;
}

bool HasDotDot(const std::string& path) {
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    if (path.compare(start, end - start, "..") == 0 && end - start == 2) return true;
    start = end + 1;
  }
  return false;
}

bool IsRegularFile(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

pack::Expected<DeviceLayout> LoadDeviceLayout(const std::string& path) {
  using R = pack::Expected<DeviceLayout>;
  DeviceLayout layout;
  layout.settings_path = path;
  if (!path.empty()) {
    LayoutParse st{&layout, {}};
    const int rc = ini_parse(path.c_str(), LayoutHandler, &st);
    if (rc == -1) return R::Fail("cannot open settings file " + path + ": " + std::strerror(errno));
    if (rc == -2) return R::Fail("out of memory reading settings file " + path);
  }
  if (layout.data_dir.empty() || layout.data_dir[0] != '/' || HasDotDot(layout.data_dir))
    return R::Fail((path.empty() ? std::string("built-in settings") : path) + ": [sync] data_dir = " +
                   layout.data_dir + ": want an absolute path without '..'");
  return layout;
}

std::vector<PackOnDisk> PacksToTry(const DeviceLayout& layout) {
  std::vector<PackOnDisk> out;
  auto add = [&](const std::string& p, int64_t version) {
    char real[PATH_MAX];
    const std::string r = ::realpath(p.c_str(), real) ? std::string(real) : p;
    for (const auto& o : out)
      if (o.path == r) return;
    out.push_back({r, version});
  };
  // `current` is believed only when it resolves to a regular file inside packs/.
  char resolved[PATH_MAX];
  char packs_real[PATH_MAX];
  if (::realpath(layout.CurrentLink().c_str(), resolved) && ::realpath(layout.PacksDir().c_str(), packs_real)) {
    const std::string r = resolved, dir = std::string(packs_real) + "/";
    if (r.compare(0, dir.size(), dir) == 0 && r.find('/', dir.size()) == std::string::npos && IsRegularFile(r)) {
      int64_t version = 0;
      if (!layout.pack_id.empty())
        if (auto cur = PackStore(layout.data_dir, layout.pack_id).Current()) version = cur->version;
      add(r, version);
    }
  }
  if (!layout.pack_id.empty())
    for (const InstalledPack& p : PackStore(layout.data_dir, layout.pack_id).Installed())
      if (IsRegularFile(p.path)) add(p.path, p.version);
  return out;
}

}  // namespace kiosk::sync
