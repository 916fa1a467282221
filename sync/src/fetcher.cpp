// sync/src/fetcher.cpp: libcurl transfers for the update client.
//
// Rural links drop, stall and come back: every transfer has a connect timeout and a
// low-speed abort, transient failures are retried with exponential backoff and jitter,
// and downloads continue from the partial file with a Range request. The partial file
// has a sidecar (NAME.part.info: sha256, size, url) so a resume only ever continues the
// same file; a 206 must start exactly where we are and name the declared total size, a
// 200 to a Range request restarts from zero, and no byte beyond the declared size is
// accepted (TUF "endless data").
#include "fetcher.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>
#include <thread>

#include "content-pack/portal.hpp"
#include "content-pack/text_safety.hpp"

#ifndef KIOSK_APP_VERSION
#define KIOSK_APP_VERSION "0"
#endif

namespace kiosk::sync {
namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
};

bool StartsWithNoCase(const std::string& s, const char* prefix) {
  size_t n = std::strlen(prefix);
  if (s.size() < n) return false;
  for (size_t i = 0; i < n; ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

// A header value, trimmed and capped. Its bytes are the server's: whatever quotes them
// into a message for people passes them through pack::PrintableText.
std::string TrimHeader(std::string v) {
  while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.pop_back();
  size_t start = v.find_first_not_of(' ');
  v = start == std::string::npos ? std::string() : v.substr(start);
  if (v.size() > 512) v.resize(512);
  return v;
}

// "%41" -> "A" in a file:// url's path.
std::string DecodePercent(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

struct Fetcher::Attempt {
  std::string url;
  bool is_http = true;
  // small fetch
  bool small = true;
  int64_t max_bytes = 0;
  std::string etag, last_modified;  // request validators
  std::string body;
  // download
  int fd = -1;
  int64_t offset = 0;     // bytes in the file before this attempt
  int64_t declared = 0;   // size the manifest declares
  int64_t written = 0;    // bytes appended in this attempt
  // response
  long status = 0;
  std::string resp_etag, resp_last_modified, content_range;
  bool body_started = false;
  bool discard = false;   // an error page: count it, do not keep it
  FetchStatus failure = FetchStatus::Ok;
  std::string failure_text;
  bool deadline = false;  // aborted because the run's deadline passed
  Fetcher* self = nullptr;
};

Fetcher::Fetcher(const SyncSettings& settings, const std::atomic<bool>* cancel,
                 std::function<void(int64_t, int64_t)> progress, std::function<void(const std::string&)> log)
    : settings_(settings), cancel_(cancel), progress_(std::move(progress)), log_(std::move(log)),
      deadline_(std::chrono::steady_clock::now() + std::chrono::seconds(settings.run_timeout_seconds)) {
  static CurlGlobal global;
}

static size_t HeaderCallback(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Fetcher::Attempt*>(user);
  std::string line(data, size * count);
  if (line.starts_with("HTTP/")) {
    // A new response (after a redirect or a 100 Continue): forget the previous one.
    a->status = 0;
    size_t sp = line.find(' ');
    if (sp != std::string::npos) a->status = std::strtol(line.c_str() + sp + 1, nullptr, 10);
    a->resp_etag.clear();
    a->resp_last_modified.clear();
    a->content_range.clear();
  } else if (StartsWithNoCase(line, "etag:")) {
    a->resp_etag = TrimHeader(line.substr(5));
  } else if (StartsWithNoCase(line, "last-modified:")) {
    a->resp_last_modified = TrimHeader(line.substr(14));
  } else if (StartsWithNoCase(line, "content-range:")) {
    a->content_range = TrimHeader(line.substr(14));
  }
  return size * count;
}

// First body bytes of a download: decide whether they continue our file.
static bool StartDownloadBody(Fetcher::Attempt* a) {
  if (!a->is_http) return true;  // file:// seeks for us
  if (a->status == 206) {
    long long first = -1, last = -1, total = -1;
    if (std::sscanf(a->content_range.c_str(), "bytes %lld-%lld/%lld", &first, &last, &total) != 3 ||
        first != a->offset || total != a->declared || last < first || last >= total) {
      a->failure = FetchStatus::Invalid;
      a->failure_text = "the server answered the Range request with \"Content-Range: " + pack::PrintableText(a->content_range) +
                        "\" (expected bytes " + std::to_string(a->offset) + "-.../" + std::to_string(a->declared) + ")";
      return false;
    }
    return true;
  }
  if (a->status == 200) {
    if (a->offset > 0) {
      // The server ignored Range: start the file again rather than append a second copy.
      if (::ftruncate(a->fd, 0) != 0 || ::lseek(a->fd, 0, SEEK_SET) != 0) {
        a->failure = FetchStatus::LocalError;
        a->failure_text = std::string("cannot truncate the partial download: ") + std::strerror(errno);
        return false;
      }
      a->offset = 0;
    }
    return true;
  }
  a->discard = true;  // 404 page and the like
  return true;
}

static size_t WriteCallback(char* data, size_t size, size_t count, void* user) {
  auto* a = static_cast<Fetcher::Attempt*>(user);
  const size_t n = size * count;
  a->self->CountBytes(static_cast<int64_t>(n));
  if (!a->body_started) {
    a->body_started = true;
    if (a->small) {
      if (a->is_http && a->status != 200) a->discard = true;
    } else if (!StartDownloadBody(a)) {
      return 0;
    }
  }
  if (a->discard) {
    if (a->body.size() < 512) a->body.append(data, std::min<size_t>(n, 512));  // for the error message
    return n;
  }
  if (a->small) {
    if (static_cast<int64_t>(a->body.size() + n) > a->max_bytes) {
      a->failure = FetchStatus::TooLarge;
      a->failure_text = "more than " + std::to_string(a->max_bytes) + " bytes (endless data)";
      return 0;
    }
    a->body.append(data, n);
    return n;
  }
  if (a->offset + a->written + static_cast<int64_t>(n) > a->declared) {
    a->failure = FetchStatus::TooLarge;
    a->failure_text = "the server sent more than the declared " + std::to_string(a->declared) +
                      " bytes (endless data): aborted";
    return 0;
  }
  size_t done = 0;
  while (done < n) {
    ssize_t w = ::write(a->fd, data + done, n - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      a->failure = FetchStatus::LocalError;
      a->failure_text = std::string("cannot write the download: ") + std::strerror(w < 0 ? errno : EIO);
      return 0;
    }
    done += static_cast<size_t>(w);
  }
  a->written += static_cast<int64_t>(n);
  a->self->ReportProgress(a->offset + a->written, a->declared);
  return n;
}

static int ProgressCallback(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* a = static_cast<Fetcher::Attempt*>(user);
  if (a->self->PastDeadline()) a->deadline = true;
  return a->self->Cancelled() || a->deadline ? 1 : 0;
}

bool Fetcher::Cancelled() const { return cancel_ != nullptr && cancel_->load(); }
void Fetcher::CountBytes(int64_t n) { bytes_ += n; }
void Fetcher::ReportProgress(int64_t done, int64_t total) {
  if (progress_) progress_(done, total);
}

// Reads a file:// url. Below the portal base (the configured url, trusted as the
// technician wrote it) every component is opened with O_NOFOLLOW: a link anywhere in
// the portal tree is refused, and so is anything but a regular file (O_NONBLOCK: a FIFO
// does not block the open; fstat then refuses it).
FetchStatus Fetcher::PerformFile(Attempt& a, std::string& error) {
  std::string base_url;
  for (const std::string& s : [&] {
         std::vector<std::string> all{settings_.portal};
         all.insert(all.end(), settings_.mirrors.begin(), settings_.mirrors.end());
         return all;
       }())
    if (a.url.starts_with(s + "/") && s.size() > base_url.size()) base_url = s;
  if (base_url.empty() || !base_url.starts_with("file://")) {
    error = "not a file:// url of a configured portal";
    return FetchStatus::Invalid;
  }
  const std::string base = DecodePercent(base_url.substr(7));
  const std::string rel = DecodePercent(a.url.substr(base_url.size() + 1));
  int dir = ::open(base.empty() ? "/" : base.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) {
    const int e = errno;
    error = "cannot open " + base + ": " + std::strerror(e);
    return e == ENOENT ? FetchStatus::NotFound : FetchStatus::Transient;
  }
  int fd = -1;
  size_t start = 0;
  for (;;) {
    const size_t slash = rel.find('/', start);
    const std::string part = rel.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    const bool last = slash == std::string::npos;
    const int next = ::openat(dir, part.c_str(),
                              (last ? O_RDONLY | O_NONBLOCK : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC);
    const int e = errno;
    ::close(dir);
    if (next < 0) {
      const std::string where = base + "/" + rel.substr(0, last ? rel.size() : slash);
      if (e == ELOOP || (e == ENOTDIR && !last)) {
        error = where + " is a symbolic link or not a folder: refused (a portal on a USB stick must hold real files)";
        return FetchStatus::Invalid;
      }
      error = "cannot open " + where + ": " + std::strerror(e);
      return e == ENOENT ? FetchStatus::NotFound : FetchStatus::Transient;
    }
    if (last) {
      fd = next;
      break;
    }
    dir = next;
    start = slash + 1;
  }
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    error = base + "/" + rel + " is not a regular file: refused (a FIFO or device would never end)";
    return FetchStatus::Invalid;
  }
  if (!a.small && st.st_size > a.declared) {
    ::close(fd);
    error = "the file is larger than the declared " + std::to_string(a.declared) + " bytes (endless data)";
    return FetchStatus::TooLarge;
  }
  FetchStatus status = FetchStatus::Ok;
  std::vector<char> buf(1 << 16);
  off_t offset = a.small ? 0 : static_cast<off_t>(a.offset);
  for (;;) {
    if (Cancelled()) {
      error = "cancelled";
      status = FetchStatus::Cancelled;
      break;
    }
    if (PastDeadline()) {
      a.deadline = true;
      error = "the run's deadline passed";
      status = FetchStatus::Deadline;
      break;
    }
    const ssize_t n = ::pread(fd, buf.data(), buf.size(), offset);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::string("cannot read ") + base + "/" + rel + ": " + std::strerror(errno);
      status = FetchStatus::Transient;
      break;
    }
    if (n == 0) break;
    offset += n;
    if (WriteCallback(buf.data(), 1, static_cast<size_t>(n), &a) != static_cast<size_t>(n)) {
      error = a.failure_text;
      status = a.failure;
      break;
    }
  }
  ::close(fd);
  return status;
}

FetchStatus Fetcher::Perform(Attempt& a, std::string& error) {
  a.self = this;
  a.is_http = !a.url.starts_with("file://");
  if (!a.is_http) return PerformFile(a, error);
  if (PastDeadline()) {
    error = "the run's deadline passed";
    return FetchStatus::Deadline;
  }
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    error = "libcurl: out of memory";
    return FetchStatus::LocalError;
  }
  char curl_error[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(curl, CURLOPT_URL, a.url.c_str());
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - std::chrono::steady_clock::now());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(std::max<int64_t>(1, left.count())));
  // A portal may redirect to a CDN, never to a local file.
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "kiosk-sync/" KIOSK_APP_VERSION);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, settings_.connect_timeout_seconds);
  if (settings_.low_speed_limit_bytes > 0) {
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, settings_.low_speed_limit_bytes);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, settings_.low_speed_seconds);
  }
  if (settings_.max_bytes_per_second > 0)
    curl_easy_setopt(curl, CURLOPT_MAX_RECV_SPEED_LARGE, static_cast<curl_off_t>(settings_.max_bytes_per_second));
  if (!settings_.proxy.empty()) curl_easy_setopt(curl, CURLOPT_PROXY, settings_.proxy.c_str());
  if (!settings_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, settings_.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, HeaderCallback);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &a);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, WriteCallback);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &a);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, ProgressCallback);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &a);
  curl_slist* headers = nullptr;
  if (a.small && a.is_http) {
    if (!a.etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + a.etag).c_str());
    if (!a.last_modified.empty())
      headers = curl_slist_append(headers, ("If-Modified-Since: " + a.last_modified).c_str());
    // Caches between a commune and the portal must not serve a stale manifest.
    headers = curl_slist_append(headers, "Cache-Control: no-cache");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  }
  if (!a.small) {
    // Early refusal of an announced oversize body; the write callback enforces the cap
    // byte-exactly either way (and on resumed transfers, where announced sizes differ).
    if (a.offset == 0) curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(a.declared));
    else curl_easy_setopt(curl, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(a.offset));
  }
  CURLcode rc = curl_easy_perform(curl);
  long response = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response);
  if (a.is_http && response != 0) a.status = response;
  curl_easy_cleanup(curl);
  curl_slist_free_all(headers);

  if (a.failure != FetchStatus::Ok) {
    error = a.failure_text;
    return a.failure;
  }
  if (a.deadline || (rc == CURLE_OPERATION_TIMEDOUT && PastDeadline())) {
    error = "the run's deadline passed";
    return FetchStatus::Deadline;
  }
  if (rc == CURLE_ABORTED_BY_CALLBACK) {
    error = "cancelled";
    return FetchStatus::Cancelled;
  }
  if (rc != CURLE_OK) {
    // curl's message can quote the server (a redirect target, a status line).
    error = std::string(curl_easy_strerror(rc)) + (curl_error[0] ? std::string(": ") + pack::PrintableText(curl_error) : "");
    switch (rc) {
      case CURLE_FILE_COULDNT_READ_FILE:
      case CURLE_REMOTE_FILE_NOT_FOUND:
        return FetchStatus::NotFound;
      case CURLE_FILESIZE_EXCEEDED:
        error = "the server announced more than the declared " + std::to_string(a.declared) + " bytes (endless data)";
        return FetchStatus::TooLarge;
      case CURLE_BAD_DOWNLOAD_RESUME:
      case CURLE_RANGE_ERROR:
        return FetchStatus::Invalid;
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_UNSUPPORTED_PROTOCOL:
      case CURLE_URL_MALFORMAT:
      case CURLE_TOO_MANY_REDIRECTS:
        return FetchStatus::Invalid;
      case CURLE_WRITE_ERROR:
        return FetchStatus::LocalError;
      default:
        return FetchStatus::Transient;
    }
  }
  if (!a.is_http) return FetchStatus::Ok;
  if (a.status == 200 || a.status == 206) return FetchStatus::Ok;
  if (a.status == 304) return FetchStatus::NotModified;
  error = "HTTP " + std::to_string(a.status);
  if (a.status == 404 || a.status == 410) return FetchStatus::NotFound;
  if (a.status >= 500 || a.status == 408 || a.status == 429) return FetchStatus::Transient;
  return FetchStatus::Invalid;
}

void Fetcher::Backoff(int attempt) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  double delay = static_cast<double>(settings_.retry_base_ms) * std::pow(2.0, std::min(attempt, 10));
  delay = std::min(delay, 300000.0);
  // Jitter spreads a province's kiosks that failed together over time.
  delay *= std::uniform_real_distribution<double>(0.5, 1.5)(rng);
  auto until = std::min(deadline_, std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<int64_t>(delay)));
  while (std::chrono::steady_clock::now() < until && !Cancelled())
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

SmallFetch Fetcher::FetchSmall(const std::string& url, int64_t max_bytes, const std::string& etag,
                               const std::string& last_modified) {
  SmallFetch out;
  for (int attempt = 0;; ++attempt) {
    Attempt a;
    a.url = url;
    a.small = true;
    a.max_bytes = max_bytes;
    a.etag = etag;
    a.last_modified = last_modified;
    out.error.clear();
    out.status = Perform(a, out.error);
    if (out.status == FetchStatus::Ok) {
      out.body = std::move(a.body);
      out.etag = a.resp_etag;
      out.last_modified = a.resp_last_modified;
      return out;
    }
    if (out.status != FetchStatus::Transient || attempt >= settings_.retries || Cancelled() || PastDeadline()) {
      out.error = url + ": " + out.error;
      return out;
    }
    if (log_) log_(url + ": " + out.error + "; retrying");
    Backoff(attempt);
  }
}

DownloadResult Fetcher::Download(const std::string& url, PartialDownload& part) {
  DownloadResult out;
  for (int attempt = 0;; ++attempt) {
    if (Cancelled()) {
      out.status = FetchStatus::Cancelled;
      out.error = "cancelled";
      return out;
    }
    auto opened = part.OpenForAppend(url);
    if (!opened.ok()) {
      out.status = FetchStatus::LocalError;
      out.error = opened.error();
      return out;
    }
    const int fd = *opened;
    int64_t have = static_cast<int64_t>(::lseek(fd, 0, SEEK_END));
    if (have > part.Size()) {
      (void)!::ftruncate(fd, 0);
      have = static_cast<int64_t>(::lseek(fd, 0, SEEK_SET));
    }
    if (have == part.Size()) {
      ::close(fd);
      out.status = FetchStatus::Ok;
      return out;
    }
    if (have > 0 && log_) log_("resuming " + url + " at byte " + std::to_string(have));
    Attempt a;
    a.url = url;
    a.small = false;
    a.fd = fd;
    a.offset = have;
    a.declared = part.Size();
    std::string error;
    FetchStatus st = Perform(a, error);
    if (::fsync(fd) != 0 && st == FetchStatus::Ok) {
      st = FetchStatus::LocalError;
      error = std::string("cannot write the download: ") + std::strerror(errno);
    }
    struct stat after{};
    const int64_t now_have = ::fstat(fd, &after) == 0 ? static_cast<int64_t>(after.st_size) : -1;
    if (st == FetchStatus::Invalid && a.offset > 0) {
      // A server that cannot continue our partial file: start over on the next attempt.
      (void)!::ftruncate(fd, 0);
    }
    ::close(fd);
    if (st == FetchStatus::Ok && now_have == part.Size()) {
      out.status = FetchStatus::Ok;
      return out;
    }
    if (st == FetchStatus::Ok) {
      st = FetchStatus::Transient;
      error = "the transfer ended at byte " + std::to_string(now_have) + " of " + std::to_string(part.Size());
    }
    if (st == FetchStatus::TooLarge) part.Discard();  // not the file the manifest describes
    const bool retry = (st == FetchStatus::Transient || (st == FetchStatus::Invalid && a.offset > 0)) &&
                       attempt < settings_.retries && !Cancelled() && !PastDeadline();
    if (!retry) {
      out.status = st == FetchStatus::Transient && PastDeadline() ? FetchStatus::Deadline : st;
      out.error = url + ": " + error;
      return out;
    }
    if (log_) log_(url + ": " + error + "; retrying");
    Backoff(attempt);
  }
}

}  // namespace kiosk::sync
