// Test harness of tests/sync-faults/: temporary folders, child processes with timeouts,
// the fault server as a child process, its request log, and a raw HTTP client for the
// server's own tests. Shared by fault_server_test.cpp and sync_faults_test.cpp.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace faults {

namespace fs = std::filesystem;

std::string BinDir();  // KIOSK_BINARY_DIR/bin
std::string ReadFile(const fs::path& path);
bool WriteFile(const fs::path& path, const std::string& data);
std::string Sha256Hex(const std::string& data);
std::string Sha256FileHex(const fs::path& path);

// A fresh folder under TMPDIR, removed with everything in it when the object dies.
class TempDir {
 public:
  explicit TempDir(const std::string& tag);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

struct ProcessResult {
  int exit_code = -1;     // -1 when killed by a signal
  int signal = 0;         // the signal that ended it, 0 if it exited
  bool timed_out = false;
  std::string out, err;
};

// Runs ARGV to completion (killed with SIGKILL after TIMEOUT); stdout and stderr kept.
ProcessResult RunProcess(const std::vector<std::string>& argv,
                         std::chrono::milliseconds timeout = std::chrono::seconds(120));

// A child started without waiting, for the SIGKILL runs: output goes to files.
class Child {
 public:
  Child(const std::vector<std::string>& argv, const fs::path& out_file, const fs::path& err_file);
  ~Child();  // kills and reaps it if still running
  pid_t pid() const { return pid_; }
  // Non-blocking: the result once it ended.
  std::optional<ProcessResult> Poll();
  void Kill();                   // SIGKILL (no-op once reaped)
  ProcessResult Wait();          // blocks until it ends

 private:
  pid_t pid_ = -1;
  std::optional<ProcessResult> result_;
  fs::path out_file_, err_file_;
};

// One line of the fault server's request log.
struct LogEntry {
  int64_t req = 0, gen = 0, conn = 0;
  std::string method, path, range, end, fault;
  int status = 0;
  int64_t offset = 0, length = 0, sent = 0;
};

// sync-fault-server running as a child process on an ephemeral port.
class FaultServer {
 public:
  // ROOT: portal tree served; WORK: where control, log and port files live.
  FaultServer(const fs::path& root, const fs::path& work, uint64_t seed = 1);
  ~FaultServer();
  bool ok() const { return port_ > 0; }
  int port() const { return port_; }
  std::string Url() const;  // http://127.0.0.1:PORT
  // Replaces the control file (a new generation of faults starts at the next request).
  void Control(const std::string& text);
  // Waits until no response is in flight, so the log is complete.
  bool WaitIdle();
  std::vector<LogEntry> Log() const;
  const fs::path& log_path() const { return log_; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  fs::path control_, log_;
};

std::vector<LogEntry> ParseLog(const std::string& text);
// Sum of body bytes sent for requests whose path ends with SUFFIX (GET only).
int64_t BytesServed(const std::vector<LogEntry>& log, const std::string& suffix,
                    int64_t from_req = 0);

// A raw HTTP exchange (Connection: close; reads until EOF) for the server's self-tests.
struct RawResponse {
  bool ok = false;       // a status line was read
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;      // everything after the head, as received
  bool reset = false;    // the connection ended with an error (RST)
};
RawResponse RawHttp(int port, const std::string& method, const std::string& path,
                    const std::vector<std::string>& extra_headers = {},
                    std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace faults
