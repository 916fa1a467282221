// kiosk/admin_lock.hpp: checking the admin PIN, and locking the PIN pad after wrong PINs.
//
// The PIN is never stored: the settings hold libsodium's crypto_pwhash_str (Argon2id,
// salted) of it, with costs a kiosk verifies in about a second (PinHashProblem). After 3
// wrong PINs in a row the pad locks for 30 s, and each further wrong PIN doubles that
// (60 s, 120 s, ... capped at a day). The count and the lock end are kept in the trusted
// state (DATA_DIR/state.sqlite, sync/sync.hpp AdminLockState) and mirrored in a small
// JSON file written atomically; loading takes the stricter of the two, so deleting or
// corrupting either one does not reset the escalation, and pulling the plug does not
// either. Times come from the Clock (virtual in scripted tests).
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

  // STATE_FILE (the JSON mirror) may not exist yet. A corrupt or oversize one is
  // reported in *WARNING and counts as "locked at the first level", so corrupting it
  // cannot unlock anything. DATA_DIR holds state.sqlite; empty means STATE_FILE's
  // folder (the default admin_state_file is DATA_DIR/admin-lock.json). When the trusted
  // state cannot be read or written, StorageProblem() says so (for the admin screen).
  void Load(const std::string& state_file, const touchui::Clock* clock, std::string* warning,
            const std::string& data_dir = {});
  Outcome Try(const std::string& pin, const std::string& pin_hash);
  bool IsLocked() const { return RemainingSeconds() > 0; }
  int64_t RemainingSeconds() const;
  int Failures() const { return failures_; }
  const std::string& LastError() const { return last_error_; }
  // Empty while the lock is kept in the trusted state; else why it is not (the lock
  // then lives in memory and the mirror file only): show it on the admin screen.
  const std::string& StorageProblem() const { return storage_problem_; }

  static constexpr size_t kMaxStateFileBytes = 4096;

 private:
  bool Save();
  std::string file_;
  std::string data_dir_;
  std::string storage_problem_;
  const touchui::Clock* clock_ = nullptr;
  int failures_ = 0;
  int64_t locked_until_ = 0;  // wall seconds
  std::string last_error_;
};

// Limits on a PIN hash's Argon2 costs: a hash with more would freeze the PIN pad (and
// ignore SIGTERM) while it is checked. crypto_pwhash's MODERATE costs (3 passes over
// 256 MiB) are the most a kiosk accepts; `kiosk hash-pin` writes INTERACTIVE (2, 64 MiB).
inline constexpr uint64_t kMaxPinHashMemoryKiB = 256 * 1024;
inline constexpr uint64_t kMaxPinHashPasses = 4;
inline constexpr uint64_t kMaxPinHashWork = 3 * 256 * 1024;  // passes x KiB

// Empty when HASH is a crypto_pwhash_str string ($argon2id$ or $argon2i$, v=19, p=1)
// whose costs are within the limits above; else why not. Never quotes HASH (a plain PIN
// put there by mistake must not reach the journal).
std::string PinHashProblem(const std::string& hash);

// crypto_pwhash_str of PIN (4..12 digits). Returns "" with ERROR set when the PIN is
// not acceptable or hashing failed.
std::string HashPin(const std::string& pin, std::string* error);
// `kiosk hash-pin`: reads the PIN from the first line of IN, prints the settings line.
int RunHashPin(std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace kiosk
