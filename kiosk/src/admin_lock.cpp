// kiosk/admin_lock.cpp: PIN hashing and verification with libsodium, and the persisted
// lockout (see admin_lock.hpp).
#include "admin_lock.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace kiosk {
namespace {

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

void AdminLock::Load(const std::string& state_file, const touchui::Clock* clock,
                     std::string* warning) {
  file_ = state_file;
  clock_ = clock;
  failures_ = 0;
  locked_until_ = 0;
  std::ifstream in(state_file);
  if (!in) return;  // never locked yet
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto doc = nlohmann::json::parse(buffer.str(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc["failures"].is_number_integer() ||
      !doc["locked_until"].is_number_integer()) {
    if (warning) *warning = "admin lock state " + state_file + " is corrupt; locking for " +
                            std::to_string(kFirstLockSeconds) + " s";
    failures_ = kFreeTries;
    locked_until_ = clock_->WallSeconds() + kFirstLockSeconds;
    Save();
    return;
  }
  failures_ = std::max(0, doc["failures"].get<int>());
  locked_until_ = doc["locked_until"].get<int64_t>();
  // A clock set backwards must not stretch a lock beyond its longest length.
  locked_until_ = std::min(locked_until_, clock_->WallSeconds() + kMaxLockSeconds);
}

int64_t AdminLock::RemainingSeconds() const {
  if (!clock_) return 0;
  const int64_t left = locked_until_ - clock_->WallSeconds();
  return left > 0 ? left : 0;
}

bool AdminLock::Save() {
  if (file_.empty()) return true;
  nlohmann::json doc = {{"failures", failures_}, {"locked_until", locked_until_}};
  return WriteAtomically(file_, doc.dump() + "\n", &last_error_);
}

AdminLock::Outcome AdminLock::Try(const std::string& pin, const std::string& pin_hash) {
  last_error_.clear();
  if (IsLocked()) return Outcome::Locked;
  if (pin_hash.empty()) return Outcome::NoPinSet;
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
