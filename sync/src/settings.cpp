// sync/src/settings.cpp: reads the [sync] section of the kiosk settings file with libinih.
// Unknown keys in [sync] are an error (a typo would otherwise silently keep a default on
// a device in a far commune); other sections belong to the kiosk and are skipped.
#include "sync/settings.hpp"

#include <ini.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "content-pack/minisign.hpp"
#include "content-pack/portal.hpp"

namespace kiosk::sync {
namespace {

struct ParseState {
  SyncSettings settings;
  std::string error;
};

bool ParseLong(const char* text, long min, long max, long& out) {
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || v < min || v > max) return false;
  out = v;
  return true;
}

bool IsSupportedUrl(const std::string& url) {
  return url.starts_with("http://") || url.starts_with("https://") || url.starts_with("file://");
}

int Handler(void* user, const char* section, const char* name, const char* value) {
  auto* st = static_cast<ParseState*>(user);
  if (std::strcmp(section, "sync") != 0 || !st->error.empty()) return 1;
  SyncSettings& s = st->settings;
  const std::string key = name;
  const std::string v = value;
  auto bad = [&](const std::string& why) {
    st->error = "[sync] " + key + ": " + why;
    return 1;
  };
  long n = 0;
  if (key == "portal" || key == "mirror") {
    if (!IsSupportedUrl(v)) return bad("\"" + v + "\" is not an http://, https:// or file:// url");
    std::string url = v;
    while (url.size() > 8 && url.back() == '/') url.pop_back();
    if (key == "portal") s.portal = url;
    else s.mirrors.push_back(url);
  } else if (key == "pack_id") {
    if (!pack::portal::IsValidPackId(v)) return bad("\"" + v + "\" is not [a-z0-9-]+");
    s.pack_id = v;
  } else if (key == "public_key") {
    auto pk = pack::minisign::ParsePublicKey(v);
    if (!pk.ok()) return bad(pk.error());
    s.public_keys.push_back(v);
    s.parsed_keys.push_back(*pk);
  } else if (key == "data_dir") {
    if (v.empty() || v.front() != '/') return bad("must be an absolute path");
    s.data_dir = v;
    while (s.data_dir.size() > 1 && s.data_dir.back() == '/') s.data_dir.pop_back();
  } else if (key == "connect_timeout_seconds") {
    if (!ParseLong(value, 1, 3600, n)) return bad("expected 1..3600");
    s.connect_timeout_seconds = n;
  } else if (key == "low_speed_limit_bytes") {
    // 0 would switch the low-speed abort off, and a stalled server would hold the run.
    if (!ParseLong(value, 1, 1L << 30, n)) return bad("expected a number of bytes per second, at least 1");
    s.low_speed_limit_bytes = n;
  } else if (key == "low_speed_seconds") {
    if (!ParseLong(value, 1, 3600, n)) return bad("expected 1..3600");
    s.low_speed_seconds = n;
  } else if (key == "retries") {
    if (!ParseLong(value, 0, 100, n)) return bad("expected 0..100");
    s.retries = static_cast<int>(n);
  } else if (key == "retry_base_ms") {
    if (!ParseLong(value, 0, 600000, n)) return bad("expected 0..600000");
    s.retry_base_ms = n;
  } else if (key == "max_bytes_per_second") {
    if (!ParseLong(value, 0, 1L << 40, n)) return bad("expected a number of bytes per second (0 = no cap)");
    s.max_bytes_per_second = n;
  } else if (key == "proxy") {
    s.proxy = v;
  } else if (key == "min_free_mb") {
    if (!ParseLong(value, 0, 1L << 20, n)) return bad("expected a number of MiB");
    s.min_free_mb = n;
  } else if (key == "ca_file") {
    s.ca_file = v;
  } else if (key == "run_timeout_seconds") {
    if (!ParseLong(value, 10, 86400, n)) return bad("expected 10..86400");
    s.run_timeout_seconds = n;
  } else {
    return bad("unknown key (see docs/sync.md)");
  }
  return 1;
}

}  // namespace

pack::Expected<SyncSettings> LoadSyncSettings(const std::string& path) {
  using R = pack::Expected<SyncSettings>;
  ParseState st;
  int rc = ini_parse(path.c_str(), Handler, &st);
  if (rc == -1) return R::Fail("cannot open the settings file " + path);
  if (rc == -2) return R::Fail("out of memory reading " + path);
  if (!st.error.empty()) return R::Fail(path + ": " + st.error);
  if (rc > 0) return R::Fail(path + ": line " + std::to_string(rc) + " is not `key = value` or [section]");
  const SyncSettings& s = st.settings;
  if (s.portal.empty()) return R::Fail(path + ": [sync] portal is missing");
  if (s.pack_id.empty()) return R::Fail(path + ": [sync] pack_id is missing");
  if (s.public_keys.empty()) return R::Fail(path + ": [sync] public_key is missing (the pinned signing key)");
  return st.settings;
}

}  // namespace kiosk::sync
