// kiosk/admin_tasks.hpp: the admin screen's long work, none of it on the frame's time:
// kiosk-sync runs as a child process (sync now, roll back, install from a USB stick,
// network check, status) whose output the screen polls once a frame, and the search for
// a USB stick runs on a thread.
//
// On a device the kiosk's sandbox (kiosk.service: the data dir read-only, no IP at all)
// lets no child of it sync; there the request goes to kiosk-sync-admin.socket instead
// (settings `sync_socket`), whose service runs kiosk-sync as its own user with its own
// sandbox, one connection per request, and answers with the same JSON lines.
// Why kiosk-sync and not the sync library in-process: the kiosk never parses [sync]
// nor writes the data directory (docs/developers.md); kiosk-sync is the one program that
// does, with the same settings file (`--config`), the same lock (DATA_DIR/.sync.lock: a
// nightly run and the button never run at once) and the same checks, so a USB stick is
// verified exactly as the network is. `kiosk-sync --progress` writes one JSON object per
// line (stage, bytes, log lines, then the result); everything it prints is parsed as
// hostile (capped lines, no-throw JSON, unknown fields ignored).
//
// [SECTION] ChildProcess: spawn with pipes, poll without blocking
// [SECTION] AdminTasks: the jobs, their progress and results, the USB search
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk {

struct Settings;
struct UsbSearch;

// [SECTION] ChildProcess
class ChildProcess {
 public:
  static constexpr size_t kMaxLineBytes = 16 * 1024;     // longer lines are cut
  static constexpr size_t kMaxStdoutLines = 4096;        // older lines are dropped
  static constexpr size_t kMaxStderrBytes = 16 * 1024;   // the newest bytes are kept

  ChildProcess() = default;
  ~ChildProcess();  // closes the pipes; a child still running is left to finish
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // posix_spawn of ARGV[0] (an absolute path) with stdin from /dev/null and stdout and
  // stderr on non-blocking pipes. False with ERROR when it cannot start.
  bool Start(const std::vector<std::string>& argv, std::string* error);
  // Instead of a process: connects to the unix socket PATH (systemd's
  // kiosk-sync-admin.socket), sends REQUEST and a newline, and reads the answer as
  // stdout; done at its end. ExitCode() stays -1.
  bool Connect(const std::string& path, const std::string& request, std::string* error);
  // Reads whatever the child wrote (never blocks) and reaps it once it exited. True
  // while it runs or its pipes still hold output.
  bool Poll();
  bool Started() const { return pid_ > 0 || done_; }
  bool Done() const { return done_; }
  int ExitCode() const { return exit_code_; }           // 128+N for signal N
  // Complete stdout lines since the last call.
  std::vector<std::string> TakeLines();
  const std::string& Stderr() const { return stderr_; }

 private:
  void Drain(int& fd, std::string& buffer, bool is_stdout);
  pid_t pid_ = -1;
  int out_ = -1, err_ = -1;
  bool exited_ = false, done_ = false;
  bool socket_ = false;  // Connect(): no process, the answer ends at the socket's end
  int exit_code_ = -1;
  std::string out_buffer_, stderr_;
  std::vector<std::string> lines_;
};

// [SECTION] AdminTasks
struct SyncStatusView {
  bool loaded = false;
  std::string error;               // why the status could not be read
  int64_t current_version = 0, previous_version = 0, trusted_version = 0, held_version = 0;
  std::string expires;
  bool frozen = false;
  std::string frozen_reason;
  std::string last_time, last_result, last_detail;  // the newest run: time (UTC), result, error or note
  int64_t last_version = 0;
};

struct CheckLineView {
  std::string check, target, detail;
  bool ok = false;
};

// One technician's action and what became of it.
struct JobView {
  std::string kind;                // "sync", "rollback", "usb", "network"; "" = none yet
  bool running = false;
  std::string stage;               // kiosk-sync's stage: check manifest download rebuild install
  int64_t done = 0, total = 0;     // bytes of the current download
  std::string last_log;            // the newest log line of the run
  std::string result;              // updated current failed rollback ok (network) ...
  std::string error, note;         // the exact cause, or what happened
  int64_t to_version = 0;
  int exit_code = -1;
  std::vector<CheckLineView> checks;  // the network check's lines
};

// The USB stick's verdict: "searching", "none" (no stick with a kiosk/ folder),
// "refused" (REASON says why), "verifying" (kiosk-sync reads it), "accepted".
struct UsbView {
  std::string state;
  std::string path;                // the portal folder on the stick
  std::string reason;
};

class AdminTasks {
 public:
  static constexpr int64_t kPollMs = 100;  // a frame this often while something runs
  static constexpr size_t kMaxJournal = 500;

  explicit AdminTasks(const Settings& settings) : settings_(settings) {}
  ~AdminTasks();

  // The kiosk-sync program: sync_command, else kiosk-sync beside this binary.
  std::string Program() const;
  // Starts a job unless one runs; false with the reason in the job's error.
  bool StartSync();
  bool StartRollback();
  bool StartNetworkCheck();
  bool StartUsbInstall();           // search the stick (thread), then verify and install
  void RefreshStatus();             // kiosk-sync --status --json, in the background
  // Reads the children's output; call once a frame. True when something changed (a
  // job finished: the screen rereads the log and the free space).
  bool Poll();
  bool Busy() const;

  // Lines for the kiosk's log (the journal): kiosk-sync's own log lines as they come,
  // and one line per finished job with its result and exact cause. WARN marks failures.
  struct JournalLine { bool warn; std::string text; };
  std::vector<JournalLine> TakeJournal();

  const JobView& Job() const { return job_; }
  const UsbView& Usb() const { return usb_; }
  const SyncStatusView& Status() const { return status_; }
  bool StatusLoading() const { return status_child_ != nullptr; }
  nlohmann::json Dump() const;

  // The portal folder of the first stick under ROOT (ROOT/*/kiosk, ROOT/*/*/kiosk, in
  // name order; links are never followed), or nullopt with WHY ("" = no stick at all).
  static std::optional<std::string> FindUsbPortal(const std::string& root, std::string* why);

 private:
  // ARGS for a child run; REQUEST for the socket (kiosk-sync --serve-request).
  bool StartChild(const std::string& kind, const std::vector<std::string>& args, const std::string& request);
  bool UseSocket() const;
  void OnLine(const std::string& line);
  void FinishJob();
  void Journal(bool warn, std::string text);
  void JournalResult();
  void FinishStatus();

  const Settings& settings_;
  JobView job_;
  UsbView usb_;
  SyncStatusView status_;
  std::unique_ptr<ChildProcess> child_, status_child_;
  std::vector<std::string> status_lines_;
  std::vector<JournalLine> journal_;            // at most kMaxJournal, oldest dropped
  // The USB search runs on a detached thread (a hung stick must not hang the kiosk).
  std::thread usb_thread_;
  std::shared_ptr<UsbSearch> usb_search_;
};

// The next kiosk-sync.timer window after NOW (unix seconds), in Vietnam's time (UTC+7,
// the image's Asia/Ho_Chi_Minh): "01:00–04:00 30/11/2026" (start, end, start's date).
std::string NextSyncWindow(int64_t now, int start_minutes, int window_minutes);
// Free bytes for an unprivileged user on the file system holding PATH; -1 when unknown.
int64_t FreeBytes(const std::string& path);

// `kiosk admin-request REQUEST [--config FILE] [--timeout SECONDS]`: sends REQUEST (once,
// rollback, check-network, status, "usb file://...") to kiosk-sync-admin.socket as the
// admin screen does (settings `sync_socket`), prints the answer's lines, and exits 0 when
// the answer is complete, 1 when the socket cannot be reached or answers nothing, 3 when
// the time runs out. For a technician over SSH, and for the image's boot test (it proves
// the socket, its unit and kiosk-sync's sandbox work on a device).
int RunAdminRequest(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace kiosk
