// kiosk/admin_lock.cpp: PIN hashing and verification with libsodium, and the persisted
// lockout (see admin_lock.hpp).
#include "admin_lock.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "sync/sync.hpp"

namespace kiosk {
namespace {

// Reads at most MAX bytes of a regular file: a device or FIFO at PATH (/dev/zero) is
// refused, never read. *TOO_BIG is set when the file is larger.
bool ReadSmallFile(const std::string& path, size_t max, std::string* out, bool* exists, bool* too_big,
                   bool* not_regular) {
  *exists = *too_big = *not_regular = false;
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return errno == ENOENT;
  *exists = true;
  struct stat st{};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (!ok) *not_regular = true;
  if (ok && static_cast<size_t>(st.st_size) > max) *too_big = true;
  if (ok && !*too_big) {
    out->assign(max + 1, '\0');
    ssize_t n = ::read(fd, out->data(), max + 1);
    ok = n >= 0;
    if (ok) out->resize(static_cast<size_t>(n));
    if (ok && out->size() > max) *too_big = true;
  }
  ::close(fd);
  return ok && !*too_big;
}

bool ValidPin(const std::string& pin) {
  return pin.size() >= 4 && pin.size() <= 12 &&
         std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Writes DATA to PATH the crash-safe way: temp file, fsync, rename, fsync directory.
bool WriteAtomically(const std::string& path, const std::string& data, std::string* error) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    *error = "cannot write " + tmp;
    return false;
  }
  bool ok = ::write(fd, data.data(), data.size()) == (ssize_t)data.size() && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    *error = "cannot replace " + path;
    return false;
  }
  const size_t slash = path.find_last_of('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash ? slash : 1);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return true;
}

}  // namespace

void AdminLock::Load(const std::string& state_file, const touchui::Clock* clock, std::string* warning,
                     const std::string& data_dir) {
  file_ = state_file;
  clock_ = clock;
  failures_ = 0;
  locked_until_ = 0;
  storage_problem_.clear();
  data_dir_ = data_dir;
  if (data_dir_.empty() && !state_file.empty()) {
    const size_t slash = state_file.find_last_of('/');
    data_dir_ = slash == std::string::npos ? "." : state_file.substr(0, slash ? slash : 1);
  }
  auto note = [&](const std::string& line) {
    if (warning) *warning = warning->empty() ? line : *warning + "; " + line;
  };
  // The trusted state first.
  if (!data_dir_.empty()) {
    auto stored = sync::LoadAdminLockState(data_dir_);
    if (stored.ok()) {
      failures_ = stored->failures;
      locked_until_ = stored->locked_until;
    } else {
      storage_problem_ = "the admin lock cannot be kept in the trusted state: " + stored.error();
      note(storage_problem_);
    }
  }
  // Then the mirror file: the stricter of the two wins.
  std::string text;
  bool exists = false, too_big = false, not_regular = false;
  const bool read = !state_file.empty() &&
                    ReadSmallFile(state_file, kMaxStateFileBytes, &text, &exists, &too_big, &not_regular);
  if (exists) {
    auto doc = read ? nlohmann::json::parse(text, nullptr, false) : nlohmann::json();
    if (!read || doc.is_discarded() || !doc.is_object() || !doc["failures"].is_number_integer() ||
        !doc["locked_until"].is_number_integer()) {
      // A device or FIFO is neither read nor ever replaced by the mirror.
      if (not_regular) file_.clear();
      note("admin lock state " + state_file + (not_regular ? " is not a regular file (not used)" : " is corrupt") +
           (too_big ? " (too large)" : "") + "; locking for " + std::to_string(kFirstLockSeconds) + " s");
      failures_ = std::max(failures_, kFreeTries);
      locked_until_ = std::max(locked_until_, clock_->WallSeconds() + kFirstLockSeconds);
      Save();
      return;
    }
    failures_ = std::max(failures_, std::max(0, std::min(doc["failures"].get<int>(), 1000)));
    locked_until_ = std::max(locked_until_, doc["locked_until"].get<int64_t>());
  }
  // A clock set backwards must not stretch a lock beyond its longest length.
  locked_until_ = std::min(locked_until_, clock_->WallSeconds() + kMaxLockSeconds);
}

int64_t AdminLock::RemainingSeconds() const {
  if (!clock_) return 0;
  const int64_t left = locked_until_ - clock_->WallSeconds();
  return left > 0 ? left : 0;
}

// True when the state survives a reboot somewhere (the trusted state or the mirror).
bool AdminLock::Save() {
  bool stored = data_dir_.empty() && file_.empty();
  if (!data_dir_.empty()) {
    auto saved = sync::SaveAdminLockState(data_dir_, {failures_, locked_until_});
    if (saved.ok()) storage_problem_.clear();
    else storage_problem_ = "the admin lock cannot be kept in the trusted state: " + saved.error();
    stored = stored || saved.ok();
  }
  if (!file_.empty()) {
    nlohmann::json doc = {{"failures", failures_}, {"locked_until", locked_until_}};
    stored = WriteAtomically(file_, doc.dump() + "\n", &last_error_) || stored;
  }
  if (!stored && !storage_problem_.empty()) last_error_ += "; " + storage_problem_;
  return stored;
}

std::string PinHashProblem(const std::string& hash) {
  // $argon2id$v=19$m=65536,t=2,p=1$SALT$HASH
  const bool id = hash.rfind("$argon2id$", 0) == 0, i = hash.rfind("$argon2i$", 0) == 0;
  if (!id && !i) return "not a crypto_pwhash_str hash (make one with `kiosk hash-pin`)";
  unsigned long long v = 0, m = 0, t = 0, p = 0;
  int used = 0;
  const char* params = hash.c_str() + (id ? 10 : 9);
  if (std::sscanf(params, "v=%llu$m=%llu,t=%llu,p=%llu$%n", &v, &m, &t, &p, &used) != 4 || used == 0)
    return "not a crypto_pwhash_str hash (expected $argon2id$v=19$m=...,t=...,p=1$...; make one with `kiosk hash-pin`)";
  if (v != 19 || p != 1) return "unsupported Argon2 version or parallelism (want v=19, p=1)";
  if (m > kMaxPinHashMemoryKiB || t > kMaxPinHashPasses || m * t > kMaxPinHashWork || t < 1 || m < 8)
    return "Argon2 costs m=" + std::to_string(m) + " KiB, t=" + std::to_string(t) +
           " are more than a kiosk checks in about a second (at most m=" + std::to_string(kMaxPinHashMemoryKiB) +
           ", t=" + std::to_string(kMaxPinHashPasses) + ", m*t=" + std::to_string(kMaxPinHashWork) +
           "; make one with `kiosk hash-pin`)";
  return "";
}

AdminLock::Outcome AdminLock::Try(const std::string& pin, const std::string& pin_hash) {
  last_error_.clear();
  if (IsLocked()) return Outcome::Locked;
  if (pin_hash.empty()) return Outcome::NoPinSet;
  if (std::string why = PinHashProblem(pin_hash); !why.empty()) {
    last_error_ = "admin_pin_hash: " + why;
    return Outcome::Error;
  }
  if (sodium_init() < 0) {
    last_error_ = "libsodium failed to initialise";
    return Outcome::Error;
  }
  if (crypto_pwhash_str_verify(pin_hash.c_str(), pin.c_str(), pin.size()) == 0) {
    failures_ = 0;
    locked_until_ = 0;
    Save();
    return Outcome::Accepted;
  }
  ++failures_;
  if (failures_ >= kFreeTries) {
    const int doublings = std::min(failures_ - kFreeTries, 20);
    const int64_t seconds = std::min(kFirstLockSeconds << doublings, kMaxLockSeconds);
    locked_until_ = clock_->WallSeconds() + seconds;
  }
  if (!Save()) return Outcome::Error;  // unsaved failures would vanish on reboot: say so
  return Outcome::Wrong;
}

std::string HashPin(const std::string& pin, std::string* error) {
  if (!ValidPin(pin)) {
    *error = "a PIN is 4 to 12 digits (0-9), as typed on the admin PIN pad";
    return "";
  }
  if (sodium_init() < 0) {
    *error = "libsodium failed to initialise";
    return "";
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    *error = "out of memory while hashing the PIN";
    return "";
  }
  return out;
}

int RunHashPin(std::istream& in, std::ostream& out, std::ostream& err) {
  std::string pin;
  std::getline(in, pin);
  while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
  std::string error;
  const std::string hash = HashPin(pin, &error);
  if (hash.empty()) {
    err << "kiosk hash-pin: " << error << "\n";
    return 2;
  }
  out << "admin_pin_hash = " << hash << "\n";
  return 0;
}

}  // namespace kiosk
