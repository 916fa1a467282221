// sync/src/partial_download.cpp: see partial_download.hpp.
#include "partial_download.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

namespace kiosk::sync {
namespace {

constexpr const char* kPartSuffix = ".part";
constexpr const char* kInfoSuffix = ".part.info";
constexpr size_t kMaxSidecarBytes = 4096;

std::string BaseName(const std::string& url) { return url.substr(url.rfind('/') + 1); }

// Reads a small regular file NAME in DIR_FD without following a link; "" on any problem.
std::string ReadSmall(int dir_fd, const std::string& name) {
  const int fd = ::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return "";
  struct stat st{};
  std::string out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size <= static_cast<off_t>(kMaxSidecarBytes)) {
    char buf[kMaxSidecarBytes];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) out.assign(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

}  // namespace

PartialDownload::PartialDownload(std::string download_dir, const std::string& file_url, int64_t size,
                                 std::string sha256)
    : download_dir_(std::move(download_dir)), name_(BaseName(file_url)), sha256_(std::move(sha256)), size_(size) {
  part_path_ = download_dir_ + "/" + name_ + kPartSuffix;
}

std::set<std::string> PartialDownload::FileNames(const std::string& file_url) {
  const std::string name = BaseName(file_url);
  return {name + kPartSuffix, name + kInfoSuffix};
}

int PartialDownload::OpenDir() const {
  return ::open(download_dir_.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

bool PartialDownload::SidecarMatches(int dir) const {
  std::istringstream info(ReadSmall(dir, name_ + kInfoSuffix));
  std::string sha_key, sha, size_key;
  int64_t size = -1;
  info >> sha_key >> sha >> size_key >> size;
  // The url may differ (another mirror serves the same bytes); the hash and size may not.
  return sha_key == "sha256" && sha == sha256_ && size_key == "size" && size == size_;
}

int64_t PartialDownload::ValidBytes() const {
  const int dir = OpenDir();
  if (dir < 0) return 0;
  int64_t have = 0;
  struct stat st{};
  if (SidecarMatches(dir) && ::fstatat(dir, (name_ + kPartSuffix).c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
      S_ISREG(st.st_mode) && st.st_size <= size_)
    have = static_cast<int64_t>(st.st_size);
  ::close(dir);
  return have;
}

pack::Expected<int> PartialDownload::OpenForAppend(const std::string& url) {
  using R = pack::Expected<int>;
  const int dir = OpenDir();
  if (dir < 0) return R::Fail("cannot open " + download_dir_ + ": " + std::strerror(errno));
  const std::string part = name_ + kPartSuffix, info = name_ + kInfoSuffix;
  struct stat st{};
  const bool part_ok = ::fstatat(dir, part.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 ? S_ISREG(st.st_mode) : errno == ENOENT;
  if (!part_ok || !SidecarMatches(dir)) {
    // Not ours to continue: start again with a sidecar naming this file.
    ::unlinkat(dir, part.c_str(), 0);
    ::unlinkat(dir, info.c_str(), 0);
    const std::string text = "sha256 " + sha256_ + "\nsize " + std::to_string(size_) + "\nurl " + url + "\n";
    const std::string tmp = info + ".tmp";
    ::unlinkat(dir, tmp.c_str(), 0);
    const int fd = ::openat(dir, tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    bool ok = fd >= 0 && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
    const int e = errno;
    if (fd >= 0) ::close(fd);
    ok = ok && ::renameat(dir, tmp.c_str(), dir, info.c_str()) == 0;
    if (!ok) {
      ::unlinkat(dir, tmp.c_str(), 0);
      ::close(dir);
      return R::Fail("cannot write " + download_dir_ + "/" + info + ": " + std::strerror(e ? e : errno));
    }
    ::fsync(dir);
  }
  const int fd = ::openat(dir, part.c_str(), O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0600);
  const int e = errno;
  ::close(dir);
  if (fd < 0) return R::Fail("cannot open " + part_path_ + ": " + std::strerror(e));
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return R::Fail(part_path_ + " is not a regular file");
  }
  return fd;
}

void PartialDownload::Discard() {
  const int dir = OpenDir();
  if (dir < 0) return;
  ::unlinkat(dir, (name_ + kPartSuffix).c_str(), 0);
  ::unlinkat(dir, (name_ + kInfoSuffix).c_str(), 0);
  ::close(dir);
}

void CleanDownloads(const std::string& download_dir, const std::set<std::string>& keep) {
  const int dir = ::open(download_dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (dir < 0) return;
  const int list_fd = ::dup(dir);
  DIR* d = list_fd >= 0 ? ::fdopendir(list_fd) : nullptr;
  if (d == nullptr) {
    if (list_fd >= 0) ::close(list_fd);
    ::close(dir);
    return;
  }
  while (dirent* e = ::readdir(d)) {
    const std::string name = e->d_name;
    if (name == "." || name == ".." || keep.count(name)) continue;
    if (::unlinkat(dir, name.c_str(), 0) != 0 && errno == EISDIR) ::unlinkat(dir, name.c_str(), AT_REMOVEDIR);
  }
  ::closedir(d);
  ::close(dir);
}

}  // namespace kiosk::sync
