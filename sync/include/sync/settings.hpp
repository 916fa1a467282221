// sync/settings.hpp: the [sync] section of the kiosk settings file (DESIGN.md), as the
// update client reads it. `kiosk` and `kiosk-sync` read the same file; this reads only
// [sync] and ignores every other section. docs/sync.md lists every key for technicians.
#pragma once

#include <string>
#include <vector>

#include "content-pack/expected.hpp"
#include "content-pack/minisign.hpp"

namespace kiosk::sync {

inline constexpr const char* kDefaultConfigPath = "/etc/kiosk/kiosk.conf";

struct SyncSettings {
  std::string portal;                     // BASE url: http://, https:// or file://
  std::vector<std::string> mirrors;       // tried in order after portal (key repeats)
  std::string pack_id;                    // the only pack id this kiosk accepts
  std::vector<std::string> public_keys;   // base64 minisign public keys (key repeats)
  std::string data_dir = "/var/lib/kiosk";// packs/, current, state.sqlite, download/
  long connect_timeout_seconds = 30;      // per connection attempt
  long low_speed_limit_bytes = 256;       // a transfer slower than this (bytes/s) ...
  long low_speed_seconds = 60;            // ... for this long is aborted and retried
  int retries = 4;                        // extra attempts per file and source
  long retry_base_ms = 2000;              // backoff: base * 2^attempt, +-50% jitter
  long max_bytes_per_second = 0;          // bandwidth cap; 0 = none
  std::string proxy;                      // e.g. http://10.0.0.1:3128; empty: env http_proxy etc.
  long min_free_mb = 64;                  // left free on data_dir after an update
  std::string ca_file;                    // extra CA bundle; empty: the system store
  long run_timeout_seconds = 4 * 3600;    // a whole run (all transfers) ends by then; the
                                          // partial download is kept for the next run
  // The public_keys, parsed once by LoadSyncSettings (RunOnce parses them itself when
  // a caller filled only public_keys).
  std::vector<pack::minisign::PublicKey> parsed_keys;
};

// Reads PATH. Fails (a usage/config error: exit 2) when the file is unreadable, a value
// is malformed, or portal, pack_id or public_key is missing.
pack::Expected<SyncSettings> LoadSyncSettings(const std::string& path);

}  // namespace kiosk::sync
