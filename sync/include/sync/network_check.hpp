// sync/network_check.hpp: the technician's network check (`kiosk-sync --check-network`,
// the admin screen's "Kiểm tra mạng"): can this kiosk reach its portal, does the name
// resolve, is its clock right? Each answer is one pass/fail line with the exact cause.
//
// For every source (portal, then mirrors): an http(s) source gets a DNS line (the host
// name resolves, to which address) and a reachability line (a HEAD of its manifest.json:
// HTTP 200 within the connect timeout); a file:// source (a USB stick) gets one line (its
// manifest.json is a regular file there). Then one clock line: the kiosk's clock against
// the Date header of the first source that answered (more than kMaxClockSkewSeconds off
// fails: expiry checks and TLS need a right clock), or, when no server answered, only
// whether the clock is plausible at all (not before this software was built).
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "sync/settings.hpp"

namespace kiosk::sync {

inline constexpr long kMaxClockSkewSeconds = 300;

struct CheckLine {
  std::string check;   // "dns", "portal", "clock"
  std::string target;  // the host or url checked ("" for the clock)
  bool ok = false;
  std::string detail;  // what was found, or the exact cause of the failure
};

// At most about connect_timeout_seconds (capped at 10 s) per source and check. NOW: 0 =
// the clock (tests pin it to check the clock line).
std::vector<CheckLine> CheckNetwork(const SyncSettings& settings, std::time_t now = 0);

}  // namespace kiosk::sync
