// sync/src/network_check.cpp: the technician's network check (sync/network_check.hpp).
// Everything a server sends back (its status line, its Date header) is capped and passed
// through pack::PrintableText before it reaches a line.
#include "sync/network_check.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "content-pack/portal.hpp"
#include "content-pack/text_safety.hpp"

#ifndef KIOSK_APP_VERSION
#define KIOSK_APP_VERSION "0"
#endif

namespace kiosk::sync {
namespace {

// 2026-01-01T00:00:00Z: no kiosk running this software can be earlier than this.
constexpr std::time_t kEarliestPlausible = 1767225600;

struct HeadResult {
  long status = 0;
  std::string date;    // the Date header, capped
  std::string error;   // libcurl's, when the request failed
};

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* r = static_cast<HeadResult*>(user);
  const size_t n = size * count;
  std::string line(data, std::min<size_t>(n, 256));
  if (line.size() > 5 && strncasecmp(line.c_str(), "date:", 5) == 0) {
    line = line.substr(5);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) line.pop_back();
    r->date = line.substr(std::min(line.find_first_not_of(' '), line.size()));
  }
  return n;
}

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

HeadResult Head(const std::string& url, const SyncSettings& s, long timeout) {
  HeadResult r;
  CURL* curl = curl_easy_init();
  if (!curl) {
    r.error = "libcurl: out of memory";
    return r;
  }
  char error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout * 2);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "kiosk-sync/" KIOSK_APP_VERSION " (network check)");
  if (!s.proxy.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, s.proxy.c_str());
  if (!s.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, s.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Discard);
  const CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r.status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK)
    r.error = std::string(curl_easy_strerror(rc)) + (error[0] ? std::string(": ") + pack::PrintableText(error) : "");
  return r;
}

// The host of an http(s) url, "" when it has none.
std::string HostOf(const std::string& url) {
  std::string host;
  CURLU* u = curl_url();
  char* h = nullptr;
  if (u && curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h)
    host = h;
  curl_free(h);
  curl_url_cleanup(u);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return host;
}

CheckLine Dns(const std::string& host) {
  CheckLine line{"dns", host, false, ""};
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), nullptr, &hints, &found);
  if (rc != 0) {
    line.detail = std::string("does not resolve: ") + gai_strerror(rc);
    return line;
  }
  char text[INET6_ADDRSTRLEN] = "?";
  for (addrinfo* a = found; a; a = a->ai_next) {
    const void* addr = a->ai_family == AF_INET ? (const void*)&((sockaddr_in*)a->ai_addr)->sin_addr
                       : a->ai_family == AF_INET6 ? (const void*)&((sockaddr_in6*)a->ai_addr)->sin6_addr : nullptr;
    if (addr && ::inet_ntop(a->ai_family, addr, text, sizeof text)) break;
  }
  ::freeaddrinfo(found);
  line.ok = true;
  line.detail = std::string("resolves to ") + text;
  return line;
}

// A file:// source: BASE/v1/PACK_ID/manifest.json must be a regular file reached through
// real folders (the same rule the download follows: no link anywhere below BASE).
CheckLine FileSource(const std::string& url, const std::string& pack_id) {
  CheckLine line{"portal", url, false, ""};
  std::string base = url.substr(7);
  const std::string rel = pack::portal::PackFolder(pack_id) + "/" + pack::portal::kManifestName;
  int dir = ::open(base.empty() ? "/" : base.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) {
    line.detail = "cannot open " + base + ": " + std::strerror(errno);
    return line;
  }
  size_t start = 0;
  for (;;) {
    const size_t slash = rel.find('/', start);
    const bool last = slash == std::string::npos;
    const std::string part = rel.substr(start, last ? std::string::npos : slash - start);
    const int next = ::openat(dir, part.c_str(), (last ? O_RDONLY | O_NONBLOCK : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC);
    const int e = errno;
    ::close(dir);
    if (next < 0) {
      line.detail = base + "/" + rel.substr(0, last ? rel.size() : slash) +
                    (e == ELOOP || e == ENOTDIR ? ": a symbolic link or not a folder (refused)" : std::string(": ") + std::strerror(e));
      return line;
    }
    if (last) {
      struct stat st{};
      const bool regular = ::fstat(next, &st) == 0 && S_ISREG(st.st_mode);
      ::close(next);
      line.ok = regular;
      line.detail = regular ? "manifest found (" + std::to_string(st.st_size) + " bytes)"
                            : base + "/" + rel + " is not a regular file (refused)";
      return line;
    }
    dir = next;
    start = slash + 1;
  }
}

std::string Utc(std::time_t t) {
  char text[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

}  // namespace

std::vector<CheckLine> CheckNetwork(const SyncSettings& settings, std::time_t now) {
  static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  (void)curl_ready;
  std::vector<CheckLine> lines;
  std::vector<std::string> sources{settings.portal};
  sources.insert(sources.end(), settings.mirrors.begin(), settings.mirrors.end());
  const long timeout = std::clamp(settings.connect_timeout_seconds, 1L, 10L);
  std::string server_date;
  std::time_t server_time = 0;
  for (const std::string& source : sources) {
    if (source.starts_with("file://")) {
      lines.push_back(FileSource(source, settings.pack_id));
      continue;
    }
    const std::string host = HostOf(source);
    if (host.empty()) {
      lines.push_back({"dns", source, false, "no host name in the url"});
      continue;
    }
    CheckLine dns = Dns(host);
    lines.push_back(dns);
    if (!dns.ok && settings.proxy.empty()) {
      lines.push_back({"portal", source, false, "not tried: the name does not resolve"});
      continue;
    }
    const std::string url = source + "/" + pack::portal::PackFolder(settings.pack_id) + "/" + pack::portal::kManifestName;
    const HeadResult head = Head(url, settings, timeout);
    CheckLine reach{"portal", source, false, ""};
    if (!head.error.empty()) reach.detail = head.error;
    else if (head.status != 200) reach.detail = "answers HTTP " + std::to_string(head.status) + " for " + url;
    else {
      reach.ok = true;
      reach.detail = "HTTP 200 for " + url;
    }
    lines.push_back(reach);
    if (server_time == 0 && !head.date.empty()) {
      const std::time_t t = curl_getdate(head.date.c_str(), nullptr);
      if (t > 0) {
        server_time = t;
        server_date = pack::PrintableText(head.date);
      }
    }
  }
  const std::time_t clock = now != 0 ? now : std::time(nullptr);
  CheckLine time_line{"clock", "", false, ""};
  if (server_time != 0) {
    const long long off = static_cast<long long>(clock) - static_cast<long long>(server_time);
    time_line.ok = off <= kMaxClockSkewSeconds && -off <= kMaxClockSkewSeconds;
    time_line.detail = "the kiosk says " + Utc(clock) + ", the portal " + server_date + " (" +
                       (off >= 0 ? "+" : "") + std::to_string(off) + " s)";
  } else {
    time_line.ok = clock >= kEarliestPlausible;
    time_line.detail = "the kiosk says " + Utc(clock) + (time_line.ok ? "; no portal answered to compare with"
                                                                      : ": earlier than this software (the clock is not set)");
  }
  lines.push_back(time_line);
  return lines;
}

}  // namespace kiosk::sync
