// The kiosk's admin PIN lockout state, kept with the sync state (part of the curl-free
// `sync_device` library that the kiosk links; see sync/CMakeLists.txt).
#pragma once

#include <cstdint>
#include <string>

#include "content-pack/expected.hpp"

namespace kiosk::sync {

// The kiosk's admin PIN lockout, kept in the trusted state (DATA_DIR/state.sqlite) with
// the sync state rather than in a file of its own: deleting or corrupting one small
// file must not reset the escalation (attack review, issue 10).
struct AdminLockState {
  int failures = 0;           // wrong PINs in a row
  int64_t locked_until = 0;   // unix seconds
};
// Fails when state.sqlite cannot be opened or read (the caller then keeps the lock in
// memory and says so on the admin screen). A damaged state.sqlite is set aside first.
pack::Expected<AdminLockState> LoadAdminLockState(const std::string& data_dir);
pack::Expected<bool> SaveAdminLockState(const std::string& data_dir, const AdminLockState& state);

}  // namespace kiosk::sync
