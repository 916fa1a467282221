// sync/src/fetcher.hpp: every transfer of the client, on libcurl: small capped fetches
// (manifest, signature) with conditional GET, and resumable downloads of declared size
// into DATA_DIR/download/ (PartialDownload). http:// and https:// go through libcurl;
// file:// (a USB stick) is read here, opening each path component under the portal base
// without following links and refusing anything but regular files (a FIFO would hang
// the run, a link to /etc/shadow would be copied). Every transfer of a run shares one
// deadline (run_timeout_seconds).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "partial_download.hpp"
#include "sync/settings.hpp"

namespace kiosk::sync {

enum class FetchStatus {
  Ok,            // body complete (download: size reached, hash not yet checked)
  NotModified,   // 304 to a conditional GET
  NotFound,      // 404/410 or a missing file: try the next source, do not retry
  Transient,     // network trouble after all retries: try the next source
  TooLarge,      // more bytes than declared (endless data): try the next source
  Invalid,       // the server answered nonsense (bad Content-Range, other status)
  LocalError,    // our side: disk full, cannot write: stop the run
  Cancelled,
  Deadline,      // the run's deadline passed: stop the run, keep the partial download
};

struct SmallFetch {
  FetchStatus status = FetchStatus::Transient;
  std::string body;
  std::string etag;
  std::string last_modified;
  std::string error;
};

struct DownloadResult {
  FetchStatus status = FetchStatus::Transient;
  std::string error;
};

class Fetcher {
 public:
  Fetcher(const SyncSettings& settings, const std::atomic<bool>* cancel,
          std::function<void(int64_t, int64_t)> progress, std::function<void(const std::string&)> log);

  // GET URL, at most MAX_BYTES; with validators a conditional GET (http only).
  SmallFetch FetchSmall(const std::string& url, int64_t max_bytes, const std::string& etag = {},
                        const std::string& last_modified = {});
  // Downloads URL into PART, continuing it when its sidecar names the same size and
  // sha256 (anything else is discarded first). Retries transient failures with
  // exponential backoff and jitter, resuming each time.
  DownloadResult Download(const std::string& url, PartialDownload& part);

  int64_t BytesReceived() const { return bytes_; }

  // For the libcurl callbacks.
  struct Attempt;
  bool Cancelled() const;
  bool PastDeadline() const { return std::chrono::steady_clock::now() >= deadline_; }
  void CountBytes(int64_t n);
  void ReportProgress(int64_t done, int64_t total);

 private:
  FetchStatus Perform(Attempt& attempt, std::string& error);
  FetchStatus PerformFile(Attempt& attempt, std::string& error);
  void Backoff(int attempt);
  const SyncSettings& settings_;
  const std::atomic<bool>* cancel_;
  std::function<void(int64_t, int64_t)> progress_;
  std::function<void(const std::string&)> log_;
  int64_t bytes_ = 0;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace kiosk::sync
