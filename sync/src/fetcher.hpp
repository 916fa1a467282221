// sync/src/fetcher.hpp: every transfer of the client, on libcurl: small capped fetches
// (manifest, signature) with conditional GET, and resumable downloads of declared size
// into DATA_DIR/download/. The same code serves http://, https:// and file:// urls.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

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
};

struct SmallFetch {
  FetchStatus status = FetchStatus::Transient;
  std::string body;
  std::string etag;
  std::string last_modified;
  std::string error;
};

struct DownloadRequest {
  std::string url;
  std::string part_path;       // DATA_DIR/download/NAME.part (its sidecar: + ".info")
  int64_t size = 0;            // declared by the manifest
  std::string sha256;          // declared by the manifest
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
  // Downloads to REQUEST.part_path, continuing a partial file whose sidecar names the
  // same url, size and sha256 (anything else is discarded first). Retries transient
  // failures with exponential backoff and jitter, resuming each time.
  DownloadResult Download(const DownloadRequest& request);

  int64_t BytesReceived() const { return bytes_; }

  // For the libcurl callbacks.
  struct Attempt;
  bool Cancelled() const;
  void CountBytes(int64_t n);
  void ReportProgress(int64_t done, int64_t total);

 private:
  FetchStatus Perform(Attempt& attempt, std::string& error);
  void Backoff(int attempt);
  const SyncSettings& settings_;
  const std::atomic<bool>* cancel_;
  std::function<void(int64_t, int64_t)> progress_;
  std::function<void(const std::string&)> log_;
  int64_t bytes_ = 0;
};

// Bytes of a partial download that is still valid for REQUEST (0 if none).
int64_t PartialBytes(const DownloadRequest& request);

}  // namespace kiosk::sync
