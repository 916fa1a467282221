// The admin PIN lockout state in DATA_DIR/state.sqlite (sync/admin_lock.hpp).
#include "sync/admin_lock.hpp"

#include "state_store.hpp"
#include "sync/layout.hpp"

namespace kiosk::sync {

pack::Expected<AdminLockState> LoadAdminLockState(const std::string& data_dir) {
  using R = pack::Expected<AdminLockState>;
  auto layout = DeviceLayout::Open(data_dir, false);
  if (!layout.ok()) return R::Fail(layout.error());
  auto opened = StateStore::Open(layout->StatePath(), "");
  if (!opened.ok()) return R::Fail(opened.error());
  AdminLockState state;
  if (!(*opened)->LoadAdminLock(&state)) return R::Fail("cannot read the admin lock from state.sqlite: " + (*opened)->LastError());
  return state;
}

pack::Expected<bool> SaveAdminLockState(const std::string& data_dir, const AdminLockState& state) {
  using R = pack::Expected<bool>;
  auto layout = DeviceLayout::Open(data_dir, false);
  if (!layout.ok()) return R::Fail(layout.error());
  auto opened = StateStore::Open(layout->StatePath(), "");
  if (!opened.ok()) return R::Fail(opened.error());
  if (!(*opened)->SaveAdminLock(state)) return R::Fail("cannot store the admin lock in state.sqlite: " + (*opened)->LastError());
  return true;
}

}  // namespace kiosk::sync
