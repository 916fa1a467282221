// kiosk/admin_lock.hpp: checking the admin PIN, and locking the PIN pad after wrong PINs.
//
// The PIN is never stored: the settings hold libsodium's crypto_pwhash_str (Argon2id,
// salted) of it. After 3 wrong PINs in a row the pad locks for 30 s, and each further
// wrong PIN doubles that (60 s, 120 s, ... capped at a day). The count and the lock end
// are kept in a small JSON state file written atomically, so pulling the plug does not
// reset them. Times come from the Clock (virtual in scripted tests).
#pragma once

#include <cstdint>
#include <string>

#include "touch-ui/clock.hpp"

namespace kiosk {

class AdminLock {
 public:
  static constexpr int kFreeTries = 3;           // wrong PINs before the first lock
  static constexpr int64_t kFirstLockSeconds = 30;
  static constexpr int64_t kMaxLockSeconds = 86400;

  enum class Outcome { Accepted, Wrong, Locked, NoPinSet, Error };

  // STATE_FILE may not exist yet. A corrupt file is reported in *WARNING and treated as
  // "locked at the first level" so that corrupting it cannot unlock anything.
  void Load(const std::string& state_file, const touchui::Clock* clock, std::string* warning);
  Outcome Try(const std::string& pin, const std::string& pin_hash);
  bool IsLocked() const { return RemainingSeconds() > 0; }
  int64_t RemainingSeconds() const;
  int Failures() const { return failures_; }
  const std::string& LastError() const { return last_error_; }

 private:
  bool Save();
  std::string file_;
  const touchui::Clock* clock_ = nullptr;
  int failures_ = 0;
  int64_t locked_until_ = 0;  // wall seconds
  std::string last_error_;
};

// crypto_pwhash_str of PIN (4..12 digits). Returns "" with ERROR set when the PIN is
// not acceptable or hashing failed.
std::string HashPin(const std::string& pin, std::string* error);
// `kiosk hash-pin`: reads the PIN from the first line of IN, prints the settings line.
int RunHashPin(std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace kiosk
