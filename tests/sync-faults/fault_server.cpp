// sync-fault-server: a small HTTP/1.1 server that serves a portal directory and breaks
// its responses on purpose, for the faults nginx cannot produce (tests/sync-faults/).
//
// [SECTION] Usage
//   sync-fault-server --root DIR [--port N] [--port-file FILE] [--log FILE]
//                     [--control FILE] [--seed N]
// Listens on 127.0.0.1 (port 0 = ephemeral), prints the port on stdout and writes it to
// --port-file (atomically, so a test can poll for it). Serves GET and HEAD with Range
// (bytes=N- and bytes=N-M, one range), If-Range, ETag/If-None-Match,
// Last-Modified/If-Modified-Since, Content-Length and keep-alive.
//
// [SECTION] Control file
// Re-read on every request, so a test switches faults between client runs without
// restarting the server. `key = value` lines, `#` comments. When its text changes, a
// new "generation" starts and all per-request counters start from zero again.
//   root = DIR           serve this directory instead of --root (alternative portal trees)
//   match = SUBSTR       faults below apply only to paths containing SUBSTR (default .zst)
//   fail_first = K       the first K matching GETs get fail_status (default 500)
//   fail_status = CODE
//   fault_requests = K   byte faults hit only the first K matching GETs after the
//                        failed ones (default: all of them)
//   drop_after = N       close the connection after N body bytes
//   drop_random = A B    ... after N body bytes, N drawn per request from [A, B]
//   drop_rst = 1         close with a TCP reset instead of a FIN
//   stall_at = OFFSET    stall when the file offset OFFSET is reached (default 0)
//   stall_ms = MS        ... for MS milliseconds, -1 = until the client gives up
//   flip_at = OFFSET     XOR 0x5A into the byte at file offset OFFSET
//   rate = BYTES         throttle bodies to BYTES per second
//   oversize = N         the file seems N bytes longer (junk appended, honest length)
//   overrun = N          send N junk bytes after the declared Content-Length
//   endless = 1          no Content-Length, the file then junk until the client closes
//   seed = N             for drop_random (default --seed)
// Special path: GET /__fault/idle waits (up to 20 s) until no other response is in
// flight, so a test reads a complete log after its client exited.
//
// [SECTION] Request log
// One line per response, written when the response ends, tab-separated key=value:
//   req=7 gen=2 conn=3 method=GET path=/v1/p/packs/2.sqlite.zst range=1000-
//   status=206 offset=1000 length=5000 sent=4096 end=dropped fault=drop
// `sent` counts body bytes written to the socket; end is complete, dropped (by a
// fault), client-closed (the client went away) or stalled-out.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

// [SECTION] Settings

struct FaultPlan {
  std::string root;             // directory served
  std::string match = ".zst";   // byte faults apply to paths containing this
  int64_t fail_first = 0;
  int fail_status = 500;
  int64_t fault_requests = -1;  // -1: every matching request
  int64_t drop_after = -1;
  int64_t drop_min = -1, drop_max = -1;
  bool drop_rst = false;
  int64_t stall_at = 0;
  int64_t stall_ms = 0;         // 0: no stall, -1: forever
  int64_t flip_at = -1;
  int64_t rate = 0;             // bytes per second, 0: unthrottled
  int64_t oversize = 0;
  int64_t overrun = 0;
  bool endless = false;
  uint64_t seed = 1;
};

struct ServerOptions {
  std::string root;
  std::string control_path;
  std::string log_path;
  std::string port_file;
  int port = 0;
  uint64_t seed = 1;
};

ServerOptions g_options;
std::mutex g_mutex;             // guards everything below
std::string g_control_text;     // text of the control file of the current generation
int64_t g_generation = 0;
int64_t g_matching_gets = 0;    // matching GETs in this generation
std::mt19937_64 g_rng;
int64_t g_next_request = 0;
FILE* g_log = nullptr;
int g_active_responses = 0;
std::condition_variable g_idle_cv;

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int64_t ToInt(const std::string& s, int64_t fallback) {
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (errno != 0 || end == s.c_str()) return fallback;
  return v;
}

FaultPlan ParsePlan(const std::string& text) {
  FaultPlan plan;
  plan.root = g_options.root;
  plan.seed = g_options.seed;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    line = Trim(line);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = Trim(line.substr(0, eq)), value = Trim(line.substr(eq + 1));
    if (key == "root") plan.root = value;
    else if (key == "match") plan.match = value;
    else if (key == "fail_first") plan.fail_first = ToInt(value, 0);
    else if (key == "fail_status") plan.fail_status = static_cast<int>(ToInt(value, 500));
    else if (key == "fault_requests") plan.fault_requests = ToInt(value, -1);
    else if (key == "drop_after") plan.drop_after = ToInt(value, -1);
    else if (key == "drop_random") {
      std::istringstream two(value);
      two >> plan.drop_min >> plan.drop_max;
      if (plan.drop_max < plan.drop_min) plan.drop_max = plan.drop_min;
    } else if (key == "drop_rst") plan.drop_rst = ToInt(value, 0) != 0;
    else if (key == "stall_at") plan.stall_at = ToInt(value, 0);
    else if (key == "stall_ms") plan.stall_ms = ToInt(value, 0);
    else if (key == "flip_at") plan.flip_at = ToInt(value, -1);
    else if (key == "rate") plan.rate = ToInt(value, 0);
    else if (key == "oversize") plan.oversize = ToInt(value, 0);
    else if (key == "overrun") plan.overrun = ToInt(value, 0);
    else if (key == "endless") plan.endless = ToInt(value, 0) != 0;
    else if (key == "seed") plan.seed = static_cast<uint64_t>(ToInt(value, 1));
    else std::fprintf(stderr, "sync-fault-server: unknown control key '%s'\n", key.c_str());
  }
  return plan;
}

// Re-reads the control file; a changed text starts a new generation.
FaultPlan CurrentPlan(int64_t* generation) {
  std::string text = g_options.control_path.empty() ? std::string()
                                                     : ReadWholeFile(g_options.control_path);
  std::lock_guard<std::mutex> lock(g_mutex);
  FaultPlan plan = ParsePlan(text);
  if (text != g_control_text || g_generation == 0) {
    g_control_text = text;
    ++g_generation;
    g_matching_gets = 0;
    g_rng.seed(plan.seed);
  }
  *generation = g_generation;
  return plan;
}

// [SECTION] HTTP helpers

std::string HttpDate(time_t t) {
  char buf[64];
  struct tm tm_utc;
  gmtime_r(&t, &tm_utc);
  strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm_utc);
  return buf;
}

std::optional<time_t> ParseHttpDate(const std::string& s) {
  struct tm tm_utc {};
  const char* end = strptime(s.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm_utc);
  if (!end) return std::nullopt;
  return timegm(&tm_utc);
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 416: return "Range Not Satisfiable";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    default: return "Status";
  }
}

bool SendAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// True when the peer closed its side (or reset) while we wait: a stalled response ends
// as soon as the client gives up instead of holding a thread forever.
bool PeerGoneWithin(int fd, int timeout_ms) {
  struct pollfd p {fd, POLLIN | POLLRDHUP, 0};
  int r = poll(&p, 1, timeout_ms);
  if (r <= 0) return false;
  if (p.revents & (POLLERR | POLLHUP | POLLRDHUP)) return true;
  if (p.revents & POLLIN) {
    char c;
    ssize_t n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return n == 0;
  }
  return false;
}

struct Request {
  std::string method, target, version;
  std::map<std::string, std::string> headers;  // lower-case names
};

// Reads one request head from FD (BUFFER keeps bytes read past it). False on EOF/error.
bool ReadRequest(int fd, std::string& buffer, Request& req) {
  size_t end;
  while ((end = buffer.find("\r\n\r\n")) == std::string::npos) {
    if (buffer.size() > 64 * 1024) return false;
    char chunk[4096];
    ssize_t n = recv(fd, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<size_t>(n));
  }
  std::string head = buffer.substr(0, end);
  buffer.erase(0, end + 4);
  std::istringstream lines(head);
  std::string line;
  if (!std::getline(lines, line)) return false;
  std::istringstream first(Trim(line));
  first >> req.method >> req.target >> req.version;
  if (req.method.empty() || req.target.empty()) return false;
  while (std::getline(lines, line)) {
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    req.headers[Lower(Trim(line.substr(0, colon)))] = Trim(line.substr(colon + 1));
  }
  return true;
}

std::string Header(const Request& req, const char* name) {
  auto it = req.headers.find(name);
  return it == req.headers.end() ? std::string() : it->second;
}

void LogLine(const std::string& line) {
  std::lock_guard<std::mutex> lock(g_mutex);
  if (!g_log) return;
  std::fputs(line.c_str(), g_log);
  std::fputc('\n', g_log);
  std::fflush(g_log);
}

// Counts a response as in flight while it lives, for /__fault/idle.
struct ActiveResponse {
  ActiveResponse() { std::lock_guard<std::mutex> lock(g_mutex); ++g_active_responses; }
  ~ActiveResponse() {
    std::lock_guard<std::mutex> lock(g_mutex);
    --g_active_responses;
    g_idle_cv.notify_all();
  }
};

// [SECTION] Serving one request

struct Outcome {
  int status = 0;
  int64_t offset = 0, length = -1, sent = 0;
  std::string end = "complete";
  std::string fault;
  bool keep_alive = true;
};

bool SendSimple(int fd, int status, const std::string& body, bool keep_alive,
                const std::string& extra_headers = {}) {
  std::string head = "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) + "\r\n" +
                     "Content-Length: " + std::to_string(body.size()) + "\r\n" +
                     "Content-Type: text/plain\r\n" + extra_headers +
                     (keep_alive ? "" : "Connection: close\r\n") + "\r\n";
  return SendAll(fd, head.data(), head.size()) && SendAll(fd, body.data(), body.size());
}

// Junk bytes beyond the real file: recognisable in a hex dump, never valid zstd.
char JunkByte(int64_t i) { return static_cast<char>("JUNK"[i & 3]); }

Outcome Serve(int fd, const Request& req) {
  Outcome out;
  bool client_keep_alive = Lower(Header(req, "connection")) != "close" && req.version == "HTTP/1.1";
  out.keep_alive = client_keep_alive;
  std::string path = req.target.substr(0, req.target.find('?'));

  if (path == "/__fault/idle") {
    std::unique_lock<std::mutex> lock(g_mutex);
    // This request itself is not counted (no ActiveResponse is made for it).
    bool idle = g_idle_cv.wait_for(lock, std::chrono::seconds(20),
                                   [] { return g_active_responses == 0; });
    lock.unlock();
    out.status = idle ? 200 : 503;
    SendSimple(fd, out.status, idle ? "idle\n" : "busy\n", out.keep_alive);
    return out;
  }

  int64_t generation = 0;
  FaultPlan plan = CurrentPlan(&generation);

  if (req.method != "GET" && req.method != "HEAD") {
    out.status = 405;
    SendSimple(fd, 405, "only GET and HEAD\n", out.keep_alive);
    return out;
  }
  if (path.empty() || path[0] != '/' || path.find("..") != std::string::npos) {
    out.status = 400;
    SendSimple(fd, 400, "bad path\n", out.keep_alive);
    return out;
  }
  std::string file_path = plan.root + path;
  struct stat st {};
  if (stat(file_path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
    out.status = 404;
    SendSimple(fd, 404, "not found\n", out.keep_alive);
    return out;
  }

  bool matching = !plan.match.empty() && path.find(plan.match) != std::string::npos;
  bool is_get = req.method == "GET";
  bool byte_faults = false;
  int64_t drop_after = -1;
  if (matching && is_get) {
    std::lock_guard<std::mutex> lock(g_mutex);
    int64_t index = g_matching_gets++;
    if (index < plan.fail_first) {
      out.status = plan.fail_status;
      out.fault = "fail";
    } else {
      int64_t after_fails = index - plan.fail_first;
      byte_faults = plan.fault_requests < 0 || after_fails < plan.fault_requests;
      if (byte_faults) {
        if (plan.drop_min >= 0) {
          std::uniform_int_distribution<int64_t> pick(plan.drop_min, plan.drop_max);
          drop_after = pick(g_rng);
        } else {
          drop_after = plan.drop_after;
        }
      }
    }
  }
  if (out.status != 0) {
    SendSimple(fd, out.status, "injected failure\n", out.keep_alive);
    return out;
  }

  int64_t real_size = st.st_size;
  int64_t apparent_size = real_size + (byte_faults ? plan.oversize : 0);
  int64_t mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  char etag_buf[64];
  std::snprintf(etag_buf, sizeof etag_buf, "\"%llx-%llx\"",
                static_cast<unsigned long long>(apparent_size),
                static_cast<unsigned long long>(mtime_ns));
  std::string etag = etag_buf;
  std::string last_modified = HttpDate(st.st_mtim.tv_sec);
  std::string validators = "ETag: " + etag + "\r\nLast-Modified: " + last_modified + "\r\n";

  // Conditional GET: If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2).
  std::string inm = Header(req, "if-none-match");
  bool not_modified = false;
  if (!inm.empty()) {
    not_modified = inm == "*" || inm.find(etag) != std::string::npos;
  } else if (auto ims = ParseHttpDate(Header(req, "if-modified-since"))) {
    not_modified = st.st_mtim.tv_sec <= *ims;
  }
  if (not_modified) {
    out.status = 304;
    std::string head = "HTTP/1.1 304 Not Modified\r\n" + validators +
                       (out.keep_alive ? "" : "Connection: close\r\n") + "\r\n";
    SendAll(fd, head.data(), head.size());
    return out;
  }

  int64_t first = 0, last = apparent_size - 1;
  bool partial = false;
  std::string range = Header(req, "range");
  std::string if_range = Header(req, "if-range");
  bool range_allowed = if_range.empty() || if_range == etag || if_range == last_modified;
  out.status = 200;
  if (!range.empty() && range_allowed && !(plan.endless && byte_faults)) {
    long long a = -1, b = -1;
    if (range.rfind("bytes=", 0) == 0 && range.find(',') == std::string::npos) {
      std::string spec = range.substr(6);
      size_t dash = spec.find('-');
      if (dash != std::string::npos && dash > 0) {
        a = ToInt(spec.substr(0, dash), -1);
        if (dash + 1 < spec.size()) b = ToInt(spec.substr(dash + 1), -1);
      }
    }
    if (a >= 0) {
      if (a >= apparent_size) {
        out.status = 416;
        SendSimple(fd, 416, "", out.keep_alive,
                   "Content-Range: bytes */" + std::to_string(apparent_size) + "\r\n");
        return out;
      }
      first = a;
      if (b >= 0 && b < last) last = b;
      if (last < first) last = first;
      partial = true;
      out.status = 206;
    }
  }
  int64_t length = last - first + 1;
  if (apparent_size == 0) length = 0;
  out.offset = first;
  out.length = plan.endless && byte_faults ? -1 : length;

  std::string head = "HTTP/1.1 " + std::to_string(out.status) + " " + Reason(out.status) + "\r\n";
  head += validators;
  head += "Accept-Ranges: bytes\r\n";
  head += std::string("Content-Type: ") +
          (path.size() > 5 && path.substr(path.size() - 5) == ".json" ? "application/json"
                                                                      : "application/octet-stream") +
          "\r\n";
  if (partial) {
    head += "Content-Range: bytes " + std::to_string(first) + "-" + std::to_string(last) + "/" +
            std::to_string(apparent_size) + "\r\n";
  }
  bool endless = byte_faults && plan.endless && is_get;
  if (endless) {
    out.keep_alive = false;  // close-delimited body
  } else {
    head += "Content-Length: " + std::to_string(length) + "\r\n";
  }
  if (byte_faults && plan.overrun > 0) out.keep_alive = false;
  if (!out.keep_alive) head += "Connection: close\r\n";
  head += "\r\n";
  if (!SendAll(fd, head.data(), head.size())) {
    out.end = "client-closed";
    return out;
  }
  if (!is_get) return out;

  int file_fd = open(file_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (file_fd < 0) {
    out.end = "client-closed";
    out.keep_alive = false;
    return out;
  }
  // Bytes to send: the requested range (endless: the rest of the file, then junk forever),
  // then the overrun junk past the declared length.
  int64_t body_total = endless ? INT64_MAX : length + (byte_faults ? plan.overrun : 0);
  int64_t chunk = 16 * 1024;
  int64_t pause_ms = 0;
  if (byte_faults && plan.rate > 0) {
    // ~50 sends per second keeps the rate smooth and the kill moments fine-grained.
    chunk = std::max<int64_t>(1, plan.rate / 50);
    pause_ms = 20;
  }
  bool stalled = false;
  std::vector<char> buf(static_cast<size_t>(chunk));
  auto started = std::chrono::steady_clock::now();
  while (out.sent < body_total) {
    int64_t offset = first + out.sent;  // offset in the (apparent) file
    int64_t want = std::min<int64_t>(chunk, body_total - out.sent);
    if (drop_after >= 0) want = std::min<int64_t>(want, drop_after - out.sent);
    if (byte_faults && plan.stall_ms != 0 && !stalled && offset < plan.stall_at)
      want = std::min<int64_t>(want, plan.stall_at - offset);
    if (drop_after >= 0 && out.sent >= drop_after) {
      out.end = "dropped";
      out.fault += out.fault.empty() ? "drop" : ",drop";
      if (plan.drop_rst) {
        struct linger lg {1, 0};
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      } else {
        shutdown(fd, SHUT_RDWR);
      }
      out.keep_alive = false;
      break;
    }
    if (byte_faults && plan.stall_ms != 0 && !stalled && offset >= plan.stall_at) {
      stalled = true;
      out.fault += out.fault.empty() ? "stall" : ",stall";
      int64_t budget = plan.stall_ms < 0 ? 600000 : plan.stall_ms;  // forever: 10 min cap
      bool gone = false;
      auto stall_start = std::chrono::steady_clock::now();
      while (!gone) {
        auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - stall_start).count();
        if (waited >= budget) break;
        gone = PeerGoneWithin(fd, static_cast<int>(std::min<int64_t>(100, budget - waited)));
      }
      if (gone) {
        out.end = "client-closed";
        out.keep_alive = false;
        break;
      }
      if (plan.stall_ms < 0) {
        out.end = "stalled-out";
        out.keep_alive = false;
        break;
      }
      continue;
    }
    // Fill: real file bytes below real_size, junk beyond (oversize, overrun, endless).
    int64_t filled = 0;
    while (filled < want) {
      int64_t at = offset + filled;
      if (at < real_size) {
        ssize_t n = pread(file_fd, buf.data() + filled,
                          static_cast<size_t>(std::min<int64_t>(want - filled, real_size - at)), at);
        if (n <= 0) break;
        filled += n;
      } else {
        buf[static_cast<size_t>(filled)] = JunkByte(at);
        ++filled;
      }
    }
    if (filled == 0) break;
    if (byte_faults && plan.flip_at >= offset && plan.flip_at < offset + filled) {
      buf[static_cast<size_t>(plan.flip_at - offset)] ^= 0x5A;
      out.fault += out.fault.empty() ? "flip" : ",flip";
    }
    if (!SendAll(fd, buf.data(), static_cast<size_t>(filled))) {
      out.end = "client-closed";
      out.keep_alive = false;
      break;
    }
    out.sent += filled;
    if (pause_ms > 0) {
      // Pace against the clock so scheduling delays do not lower the average rate.
      auto due = started + std::chrono::milliseconds(out.sent * 1000 / plan.rate);
      std::this_thread::sleep_until(due);
    }
  }
  if (endless && out.end == "complete") out.end = "client-closed";
  if (byte_faults && plan.oversize > 0) out.fault += out.fault.empty() ? "oversize" : ",oversize";
  if (byte_faults && plan.overrun > 0) out.fault += out.fault.empty() ? "overrun" : ",overrun";
  if (endless) out.fault += out.fault.empty() ? "endless" : ",endless";
  close(file_fd);
  return out;
}

void HandleConnection(int fd, int64_t conn) {
  std::string buffer;
  for (;;) {
    Request req;
    if (!ReadRequest(fd, buffer, req)) break;
    int64_t number;
    {
      std::lock_guard<std::mutex> lock(g_mutex);
      number = ++g_next_request;
    }
    // In flight until its log line is written, so /__fault/idle means "log complete".
    std::optional<ActiveResponse> active;
    if (req.target != "/__fault/idle") active.emplace();
    Outcome out = Serve(fd, req);
    std::string range = Header(req, "range");
    if (range.rfind("bytes=", 0) == 0) range = range.substr(6);
    int64_t generation;
    {
      std::lock_guard<std::mutex> lock(g_mutex);
      generation = g_generation;
    }
    std::ostringstream line;
    line << "req=" << number << "\tgen=" << generation << "\tconn=" << conn
         << "\tmethod=" << req.method << "\tpath=" << req.target
         << "\trange=" << (range.empty() ? "-" : range) << "\tstatus=" << out.status
         << "\toffset=" << out.offset << "\tlength=" << out.length << "\tsent=" << out.sent
         << "\tend=" << out.end << "\tfault=" << (out.fault.empty() ? "-" : out.fault);
    if (req.target != "/__fault/idle") LogLine(line.str());
    if (!out.keep_alive) break;
  }
  close(fd);
}

void Usage() {
  std::fprintf(stderr,
               "usage: sync-fault-server --root DIR [--port N] [--port-file FILE] [--log FILE]\n"
               "                         [--control FILE] [--seed N]\n");
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        Usage();
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--root") g_options.root = next();
    else if (a == "--port") g_options.port = static_cast<int>(ToInt(next(), 0));
    else if (a == "--port-file") g_options.port_file = next();
    else if (a == "--log") g_options.log_path = next();
    else if (a == "--control") g_options.control_path = next();
    else if (a == "--seed") g_options.seed = static_cast<uint64_t>(ToInt(next(), 1));
    else if (a == "--help" || a == "-h") {
      Usage();
      return 0;
    } else {
      Usage();
      return 2;
    }
  }
  if (g_options.root.empty()) {
    Usage();
    return 2;
  }
  while (g_options.root.size() > 1 && g_options.root.back() == '/') g_options.root.pop_back();
  if (!g_options.log_path.empty()) {
    g_log = std::fopen(g_options.log_path.c_str(), "a");
    if (!g_log) {
      std::fprintf(stderr, "sync-fault-server: cannot open log %s: %s\n",
                   g_options.log_path.c_str(), std::strerror(errno));
      return 1;
    }
  }

  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr {};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(g_options.port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listener, 64) != 0) {
    std::fprintf(stderr, "sync-fault-server: cannot listen on 127.0.0.1:%d: %s\n",
                 g_options.port, std::strerror(errno));
    return 1;
  }
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  std::printf("%d\n", port);
  std::fflush(stdout);
  if (!g_options.port_file.empty()) {
    std::string tmp = g_options.port_file + ".tmp";
    FILE* f = std::fopen(tmp.c_str(), "w");
    if (!f || std::fprintf(f, "%d\n", port) < 0 || std::fclose(f) != 0 ||
        std::rename(tmp.c_str(), g_options.port_file.c_str()) != 0) {
      std::fprintf(stderr, "sync-fault-server: cannot write %s\n", g_options.port_file.c_str());
      return 1;
    }
  }

  int64_t conn = 0;
  for (;;) {
    int fd = accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED || errno == EMFILE) continue;
      std::fprintf(stderr, "sync-fault-server: accept: %s\n", std::strerror(errno));
      return 1;
    }
    // A small send buffer keeps the bytes "in flight" at a kill few, so the request log
    // stays close to what the client really received.
    int sndbuf = 64 * 1024;
    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::thread(HandleConnection, fd, ++conn).detach();
  }
}
