// kiosk/admin_tasks.cpp: kiosk-sync children and the USB search for the admin screen
// (see admin_tasks.hpp).
#include "admin_tasks.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ostream>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "settings.hpp"

extern char** environ;

namespace kiosk {

// [SECTION] ChildProcess

ChildProcess::~ChildProcess() {
  if (out_ >= 0) ::close(out_);
  if (err_ >= 0) ::close(err_);
  // Reap it if it already ended; one still running is left to finish (kiosk-sync is
  // safe to stop at any instant, but a run half done is better finished).
  if (pid_ > 0 && !exited_) {
    int status = 0;
    ::waitpid(pid_, &status, WNOHANG);
  }
}

bool ChildProcess::Start(const std::vector<std::string>& argv, std::string* error) {
  int out[2] = {-1, -1}, err[2] = {-1, -1};
  if (::pipe2(out, O_CLOEXEC | O_NONBLOCK) != 0 || ::pipe2(err, O_CLOEXEC | O_NONBLOCK) != 0) {
    *error = std::string("cannot make a pipe: ") + std::strerror(errno);
    for (int fd : {out[0], out[1], err[0], err[1]})
      if (fd >= 0) ::close(fd);
    return false;
  }
  // The child's ends are blocking: kiosk-sync writes plainly.
  ::fcntl(out[1], F_SETFL, 0);
  ::fcntl(err[1], F_SETFL, 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Default signal handling and an empty mask, whatever the kiosk set for itself.
  sigset_t all, none;
  sigfillset(&all);
  sigemptyset(&none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, args[0], &actions, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(out[1]);
  ::close(err[1]);
  if (rc != 0) {
    ::close(out[0]);
    ::close(err[0]);
    *error = "cannot run " + argv[0] + ": " + std::strerror(rc);
    return false;
  }
  pid_ = pid;
  out_ = out[0];
  err_ = err[0];
  return true;
}

bool ChildProcess::Connect(const std::string& path, const std::string& request, std::string* error) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (fd < 0 || path.size() >= sizeof addr.sun_path) {
    *error = "cannot connect to " + path + ": " + (fd < 0 ? std::strerror(errno) : "path too long");
    if (fd >= 0) ::close(fd);
    return false;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size());
  const std::string line = request + "\n";
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::send(fd, line.data(), line.size(), MSG_NOSIGNAL) != (ssize_t)line.size()) {
    *error = "cannot send the request to " + path + ": " + std::strerror(errno);
    ::close(fd);
    return false;
  }
  ::shutdown(fd, SHUT_WR);
  ::fcntl(fd, F_SETFL, O_NONBLOCK);
  out_ = fd;
  socket_ = true;
  return true;
}

void ChildProcess::Drain(int& fd, std::string& buffer, bool is_stdout) {
  if (fd < 0) return;
  char chunk[4096];
  for (int reads = 0; reads < 64; ++reads) {  // at most 256 KiB a frame
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;  // EAGAIN: nothing more now
    if (n == 0) {
      ::close(fd);
      fd = -1;
      break;
    }
    if (!is_stdout) {
      buffer.append(chunk, static_cast<size_t>(n));
      if (buffer.size() > kMaxStderrBytes) buffer.erase(0, buffer.size() - kMaxStderrBytes);
      continue;
    }
    for (ssize_t i = 0; i < n; ++i) {
      if (chunk[i] == '\n') {
        lines_.push_back(std::move(buffer));
        buffer.clear();
        if (lines_.size() > kMaxStdoutLines) lines_.erase(lines_.begin());
      } else if (buffer.size() < kMaxLineBytes) {
        buffer += chunk[i];
      }
    }
  }
  if (fd < 0 && is_stdout && !buffer.empty()) {
    lines_.push_back(std::move(buffer));
    buffer.clear();
  }
}

bool ChildProcess::Poll() {
  if (done_) return false;
  if (socket_) {
    Drain(out_, out_buffer_, true);
    if (out_ < 0) done_ = true;
    return !done_;
  }
  if (pid_ <= 0) return false;
  Drain(out_, out_buffer_, true);
  Drain(err_, stderr_, false);
  if (!exited_) {
    int status = 0;
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      exited_ = true;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    } else if (r < 0 && errno == ECHILD) {
      exited_ = true;
    }
  }
  // Output is complete once the child exited and both pipes reached their end (a
  // grandchild holding them open cannot keep the job running: exit is enough).
  if (exited_) {
    Drain(out_, out_buffer_, true);
    Drain(err_, stderr_, false);
    if (!out_buffer_.empty()) {
      lines_.push_back(std::move(out_buffer_));
      out_buffer_.clear();
    }
    done_ = true;
  }
  return !done_;
}

std::vector<std::string> ChildProcess::TakeLines() {
  std::vector<std::string> out;
  out.swap(lines_);
  return out;
}

// [SECTION] AdminTasks

namespace {

// The last non-empty line of TEXT (kiosk-sync's own message on stderr), capped.
std::string LastLine(const std::string& text) {
  size_t end = text.find_last_not_of("\n\r ");
  if (end == std::string::npos) return "";
  size_t start = text.rfind('\n', end);
  start = start == std::string::npos ? 0 : start + 1;
  std::string line = text.substr(start, std::min<size_t>(end + 1 - start, 2000));
  if (line.rfind("kiosk-sync: ", 0) == 0) line = line.substr(12);
  return line;
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  std::string s = it->get<std::string>();
  if (s.size() > 4000) s.resize(4000);
  return s;
}

int64_t Int(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

}  // namespace

// The USB search's result, shared with its (detached) thread: a stick that hangs the
// file system must not hang the kiosk, not even at exit.
struct UsbSearch {
  std::atomic<bool> done{false};
  std::mutex mutex;
  std::optional<std::string> found;
  std::string why;
};

AdminTasks::~AdminTasks() {
  if (usb_thread_.joinable()) usb_thread_.detach();
}

std::string AdminTasks::Program() const {
  if (!settings_.sync_command.empty()) return settings_.sync_command;
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return "/usr/bin/kiosk-sync";
  std::string dir(self, static_cast<size_t>(n));
  dir = dir.substr(0, dir.find_last_of('/'));
  return dir + "/kiosk-sync";
}

bool AdminTasks::Busy() const { return job_.running || status_child_ != nullptr; }

bool AdminTasks::UseSocket() const {
  struct stat st{};
  return !settings_.sync_socket.empty() && ::stat(settings_.sync_socket.c_str(), &st) == 0 && S_ISSOCK(st.st_mode);
}

bool AdminTasks::StartChild(const std::string& kind, const std::vector<std::string>& args, const std::string& request) {
  job_ = JobView{};
  job_.kind = kind;
  auto child = std::make_unique<ChildProcess>();
  std::string error;
  bool started = false;
  if (UseSocket()) {
    started = child->Connect(settings_.sync_socket, request, &error);
  } else if (settings_.path.empty()) {
    error = "the kiosk runs without a settings file (--config): kiosk-sync has no portal or keys";
  } else {
    std::vector<std::string> argv{Program(), "--config", settings_.path};
    argv.insert(argv.end(), args.begin(), args.end());
    started = child->Start(argv, &error);
  }
  if (!started) {
    job_.result = "failed";
    job_.error = error;
    return false;
  }
  child_ = std::move(child);
  job_.running = true;
  return true;
}

bool AdminTasks::StartSync() {
  if (Busy() && job_.running) return false;
  return StartChild("sync", {"--once", "--progress"}, "once");
}

bool AdminTasks::StartRollback() {
  if (job_.running) return false;
  return StartChild("rollback", {"--rollback", "--progress"}, "rollback");
}

bool AdminTasks::StartNetworkCheck() {
  if (job_.running) return false;
  return StartChild("network", {"--check-network", "--progress"}, "check-network");
}

bool AdminTasks::StartUsbInstall() {
  if (job_.running) return false;
  job_ = JobView{};
  job_.kind = "usb";
  job_.running = true;
  job_.stage = "search";
  usb_ = UsbView{"searching", "", ""};
  auto search = std::make_shared<UsbSearch>();
  const std::string root = settings_.usb_root;
  usb_thread_ = std::thread([search, root] {
    std::string why;
    std::optional<std::string> found = FindUsbPortal(root, &why);
    std::lock_guard<std::mutex> lock(search->mutex);
    search->found = found;
    search->why = why;
    search->done = true;
  });
  usb_thread_.detach();
  usb_search_ = search;
  return true;
}

void AdminTasks::RefreshStatus() {
  if (status_child_ || (settings_.path.empty() && !UseSocket())) return;
  auto child = std::make_unique<ChildProcess>();
  std::string error;
  const bool started = UseSocket() ? child->Connect(settings_.sync_socket, "status", &error)
                                   : child->Start({Program(), "--config", settings_.path, "--status", "--json"}, &error);
  if (!started) {
    status_.loaded = false;
    status_.error = error;
    return;
  }
  status_child_ = std::move(child);
  status_lines_.clear();
}

void AdminTasks::OnLine(const std::string& line) {
  const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return;  // not ours: ignored
  const std::string event = Str(j, "event");
  if (event == "stage") {
    job_.stage = Str(j, "stage");
    job_.done = job_.total = 0;
  } else if (event == "progress") {
    job_.done = Int(j, "done");
    job_.total = Int(j, "total");
  } else if (event == "log") {
    job_.last_log = Str(j, "line");
    Journal(false, "kiosk-sync: " + job_.last_log);
  } else if (event == "result") {
    job_.result = Str(j, "result");
    job_.error = Str(j, "error");
    job_.note = Str(j, "note");
    job_.to_version = j.contains("to_version") ? Int(j, "to_version") : Int(j, "version");
    job_.checks.clear();
    if (auto it = j.find("checks"); it != j.end() && it->is_array())
      for (const nlohmann::json& c : *it) {
        if (!c.is_object() || job_.checks.size() >= 32) continue;
        auto ok = c.find("ok");
        job_.checks.push_back({Str(c, "check"), Str(c, "target"), Str(c, "detail"), ok != c.end() && ok->is_boolean() && ok->get<bool>()});
      }
  }
}

void AdminTasks::FinishJob() {
  job_.running = false;
  job_.exit_code = child_->ExitCode();
  if (job_.result.empty()) {
    // No result line: kiosk-sync could not start its work (settings, usage): its own
    // message is the last line on stderr.
    job_.result = "failed";
    const std::string why = LastLine(child_->Stderr());
    job_.error = (why.empty() ? std::string("kiosk-sync ended without a result") : why) + " (exit " +
                 std::to_string(job_.exit_code) + ")";
  }
  if (job_.kind == "usb") {
    const bool ok = job_.result == "updated" || job_.result == "current";
    usb_.state = ok ? "accepted" : "refused";
    usb_.reason = ok ? job_.note : job_.error;
  }
  child_.reset();
  JournalResult();
}

void AdminTasks::JournalResult() {
  const bool failed = job_.result != "updated" && job_.result != "current" && job_.result != "rollback" && job_.result != "ok";
  // A USB stick kiosk-sync refused is "refused", as the screen says.
  std::string line = "admin: " + job_.kind + ": " + (job_.kind == "usb" && failed && job_.result == "failed" ? usb_.state : job_.result);
  if (!job_.error.empty()) line += ": " + job_.error;
  else if (!job_.note.empty()) line += ": " + job_.note;
  for (const CheckLineView& c : job_.checks)
    if (!c.ok) line += "; " + c.check + " " + c.target + ": " + c.detail;
  Journal(failed, line);
}

void AdminTasks::Journal(bool warn, std::string text) {
  journal_.push_back({warn, std::move(text)});
  if (journal_.size() > kMaxJournal) journal_.erase(journal_.begin());
}

std::vector<AdminTasks::JournalLine> AdminTasks::TakeJournal() {
  std::vector<JournalLine> out;
  out.swap(journal_);
  return out;
}

void AdminTasks::FinishStatus() {
  std::string text;
  for (const std::string& l : status_lines_) text += l + "\n";
  status_lines_.clear();
  SyncStatusView s;
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (status_child_->ExitCode() > 0 || j.is_discarded() || !j.is_object()) {
    s.error = LastLine(status_child_->Stderr());
    if (s.error.empty()) s.error = "kiosk-sync --status gave no status (exit " + std::to_string(status_child_->ExitCode()) + ")";
    if (j.is_object() && !Str(j, "error").empty()) s.error = Str(j, "error");  // a refusal over the socket
  } else {
    s.loaded = true;
    if (auto c = j.find("current"); c != j.end() && c->is_object()) s.current_version = Int(*c, "version");
    if (auto p = j.find("previous"); p != j.end() && p->is_object()) s.previous_version = Int(*p, "version");
    s.trusted_version = Int(j, "trusted_version");
    s.held_version = Int(j, "held_version");
    s.expires = Str(j, "expires");
    auto frozen = j.find("frozen");
    s.frozen = frozen != j.end() && frozen->is_boolean() && frozen->get<bool>();
    s.frozen_reason = Str(j, "frozen_reason");
    if (auto runs = j.find("last_runs"); runs != j.end() && runs->is_array() && !runs->empty() && (*runs)[0].is_object()) {
      const nlohmann::json& r = (*runs)[0];
      s.last_time = Str(r, "time");
      s.last_result = Str(r, "result");
      s.last_version = Int(r, "version");
      s.last_detail = Str(r, "error").empty() ? Str(r, "note") : Str(r, "error");
    }
  }
  status_ = s;
  status_child_.reset();
}

bool AdminTasks::Poll() {
  bool changed = false;
  if (job_.kind == "usb" && usb_.state == "searching" && usb_search_ && usb_search_->done) {
    std::optional<std::string> found;
    std::string why;
    {
      std::lock_guard<std::mutex> lock(usb_search_->mutex);
      found = usb_search_->found;
      why = usb_search_->why;
    }
    usb_search_.reset();
    if (found) {
      usb_.path = *found;
      usb_.state = "verifying";
      const bool started = StartChild("usb", {"--once", "--progress", "--portal", "file://" + *found}, "usb file://" + *found);
      if (!started) {
        usb_.state = "refused";
        usb_.reason = job_.error;
        JournalResult();
      }
    } else {
      usb_.state = why.empty() ? "none" : "refused";
      usb_.reason = why;
      job_.running = false;
      job_.result = usb_.state;
      job_.error = why;
      JournalResult();
    }
    changed = true;
  }
  if (child_) {
    const bool running = child_->Poll();
    for (const std::string& line : child_->TakeLines()) OnLine(line);
    if (!running) {
      FinishJob();
      RefreshStatus();
      changed = true;
    }
  }
  if (status_child_) {
    const bool running = status_child_->Poll();
    for (std::string& line : status_child_->TakeLines())
      if (status_lines_.size() < 20000) status_lines_.push_back(std::move(line));
    if (!running) {
      FinishStatus();
      changed = true;
    }
  }
  return changed;
}

nlohmann::json AdminTasks::Dump() const {
  nlohmann::json checks = nlohmann::json::array();
  for (const CheckLineView& c : job_.checks)
    checks.push_back({{"check", c.check}, {"target", c.target}, {"ok", c.ok}, {"detail", c.detail}});
  return {
      {"job", {{"kind", job_.kind}, {"running", job_.running}, {"stage", job_.stage}, {"done", job_.done},
               {"total", job_.total}, {"result", job_.result}, {"error", job_.error}, {"note", job_.note},
               {"to_version", job_.to_version}, {"exit_code", job_.exit_code}, {"checks", checks}}},
      {"usb", {{"state", usb_.state}, {"path", usb_.path}, {"reason", usb_.reason}}},
      {"status", {{"loaded", status_.loaded}, {"loading", status_child_ != nullptr}, {"error", status_.error},
                  {"current_version", status_.current_version}, {"previous_version", status_.previous_version},
                  {"trusted_version", status_.trusted_version}, {"held_version", status_.held_version},
                  {"frozen", status_.frozen}, {"last_time", status_.last_time}, {"last_result", status_.last_result},
                  {"last_detail", status_.last_detail}}},
  };
}

std::optional<std::string> AdminTasks::FindUsbPortal(const std::string& root, std::string* why) {
  constexpr size_t kMaxEntries = 256;  // per folder: a planted folder of millions is not read
  why->clear();
  auto list = [&](const std::string& dir) {
    std::vector<std::string> names;
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return names;
    DIR* d = ::fdopendir(fd);
    if (!d) {
      ::close(fd);
      return names;
    }
    while (dirent* e = ::readdir(d)) {
      const std::string n = e->d_name;
      if (n == "." || n == "..") continue;
      names.push_back(n);
      if (names.size() >= kMaxEntries) break;
    }
    ::closedir(d);
    std::sort(names.begin(), names.end());
    return names;
  };
  auto is_dir = [](const std::string& path, bool* link) {
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0) return false;
    *link = S_ISLNK(st.st_mode);
    return S_ISDIR(st.st_mode);
  };
  // A mount point's kiosk/ folder: a real folder, never a link (a link on a stick could
  // name any folder of the kiosk's own disk).
  auto check = [&](const std::string& mount, std::optional<std::string>* found) {
    const std::string portal = mount + "/kiosk";
    struct stat st{};
    if (::lstat(portal.c_str(), &st) != 0) return false;
    if (S_ISLNK(st.st_mode)) {
      if (why->empty()) *why = portal + " is a symbolic link: refused (the stick's kiosk folder must be a real folder)";
      return false;
    }
    if (!S_ISDIR(st.st_mode)) {
      if (why->empty()) *why = portal + " is not a folder: refused";
      return false;
    }
    *found = portal;
    return true;
  };
  std::optional<std::string> found;
  for (const std::string& a : list(root)) {
    bool link = false;
    const std::string first = root + "/" + a;
    if (!is_dir(first, &link)) continue;  // links in the mount root are not followed
    if (check(first, &found)) return found;
    for (const std::string& b : list(first)) {
      const std::string second = first + "/" + b;
      if (!is_dir(second, &link)) continue;
      if (check(second, &found)) return found;
    }
  }
  return std::nullopt;
}

std::string NextSyncWindow(int64_t now, int start_minutes, int window_minutes) {
  // Vietnam's time (UTC+7 all year, as ContentService::LocalDate): the image's time zone,
  // whatever TZ this process has.
  constexpr int64_t kOffset = 7 * 3600;
  const int64_t local = now + kOffset;
  const int64_t day = local - ((local % 86400) + 86400) % 86400;
  int64_t start = day + int64_t{start_minutes} * 60;
  if (start <= local) start += 86400;
  const int64_t end = start + int64_t{window_minutes} * 60;
  std::tm a{}, b{};
  const std::time_t ta = static_cast<std::time_t>(start), tb = static_cast<std::time_t>(end);
  gmtime_r(&ta, &a);
  gmtime_r(&tb, &b);
  char text[64];
  if (window_minutes > 0)
    std::snprintf(text, sizeof text, "%02d:%02d\xE2\x80\x93%02d:%02d %02d/%02d/%04d", a.tm_hour, a.tm_min, b.tm_hour,
                  b.tm_min, a.tm_mday, a.tm_mon + 1, a.tm_year + 1900);
  else
    std::snprintf(text, sizeof text, "%02d:%02d %02d/%02d/%04d", a.tm_hour, a.tm_min, a.tm_mday, a.tm_mon + 1,
                  a.tm_year + 1900);
  return text;
}

int64_t FreeBytes(const std::string& path) {
  struct statvfs vfs{};
  if (::statvfs(path.c_str(), &vfs) != 0) return -1;
  return static_cast<int64_t>(vfs.f_bavail) * static_cast<int64_t>(vfs.f_frsize);
}

// [SECTION] kiosk admin-request

int RunAdminRequest(int argc, char** argv, std::ostream& out, std::ostream& err) {
  const char* usage = "usage: kiosk admin-request REQUEST [--config FILE] [--timeout SECONDS]\n"
                      "  REQUEST: once, rollback, check-network, status, or \"usb file:///...\"\n";
  std::string request, config = "/etc/kiosk/kiosk.conf";
  long timeout_s = 60;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) config = argv[++i];
    else if (a == "--timeout" && i + 1 < argc) {
      char* end = nullptr;
      timeout_s = std::strtol(argv[++i], &end, 10);
      if (!end || *end || timeout_s <= 0 || timeout_s > 24 * 3600) {
        err << "kiosk admin-request: --timeout wants 1..86400 seconds\n" << usage;
        return 2;
      }
    } else if (request.empty() && !a.starts_with("--")) request = a;
    else {
      err << "kiosk admin-request: unexpected argument '" << a << "'\n" << usage;
      return 2;
    }
  }
  if (request.empty() || request.find('\n') != std::string::npos) {
    err << usage;
    return 2;
  }
  Settings settings;
  std::string error;
  if (!LoadSettings(config, &settings, &error)) {
    err << "kiosk admin-request: " << error << "\n";
    return 1;
  }
  if (settings.sync_socket.empty()) {
    err << "kiosk admin-request: no sync_socket in " << config << "\n";
    return 1;
  }
  ChildProcess answer;
  if (!answer.Connect(settings.sync_socket, request, &error)) {
    err << "kiosk admin-request: " << error << "\n";
    return 1;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_s);
  size_t lines = 0;
  for (;;) {
    const bool more = answer.Poll();
    for (const std::string& line : answer.TakeLines()) {
      out << line << "\n";
      ++lines;
    }
    out.flush();
    if (!more) break;
    if (std::chrono::steady_clock::now() >= deadline) {
      err << "kiosk admin-request: no complete answer from " << settings.sync_socket << " within " << timeout_s
          << " s\n";
      return 3;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (lines == 0) {
    err << "kiosk admin-request: " << settings.sync_socket << " closed without an answer\n";
    return 1;
  }
  return 0;
}

}  // namespace kiosk
