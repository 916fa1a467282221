// Test harness of tests/sync-faults/ (see harness.hpp).
#include "harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace faults {

std::string BinDir() { return std::string(KIOSK_BINARY_DIR) + "/bin"; }

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool WriteFile(const fs::path& path, const std::string& data) {
  fs::path tmp = path;
  tmp += ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return false;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  return !ec;
}

static std::string Hex(const unsigned char* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s += digits[p[i] >> 4];
    s += digits[p[i] & 15];
  }
  return s;
}

std::string Sha256Hex(const std::string& data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return Hex(h, sizeof h);
}

std::string Sha256FileHex(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(in.gcount()));
  }
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, h);
  return Hex(h, sizeof h);
}

TempDir::TempDir(const std::string& tag) {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base && *base ? base : "/tmp") + "/kiosk-" + tag + "-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data())) path_ = buf.data();
}

TempDir::~TempDir() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

// fork + exec with stdout/stderr to files; the child dies with the test process.
static pid_t Spawn(const std::vector<std::string>& argv, const fs::path& out_file,
                   const fs::path& err_file) {
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid != 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != parent) _exit(127);
  int out = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out >= 0) dup2(out, 1);
  if (err >= 0) dup2(err, 2);
  int null_in = open("/dev/null", O_RDONLY);
  if (null_in >= 0) dup2(null_in, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  execv(args[0], args.data());
  std::fprintf(stderr, "exec %s: %s\n", args[0], std::strerror(errno));
  _exit(127);
}

static ProcessResult FromStatus(int status) {
  ProcessResult r;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  return r;
}

Child::Child(const std::vector<std::string>& argv, const fs::path& out_file,
             const fs::path& err_file)
    : out_file_(out_file), err_file_(err_file) {
  pid_ = Spawn(argv, out_file, err_file);
}

Child::~Child() {
  if (pid_ > 0 && !result_) {
    Kill();
    Wait();
  }
}

std::optional<ProcessResult> Child::Poll() {
  if (result_ || pid_ <= 0) return result_;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    result_ = FromStatus(status);
    result_->out = ReadFile(out_file_);
    result_->err = ReadFile(err_file_);
  }
  return result_;
}

void Child::Kill() {
  if (pid_ > 0 && !result_) kill(pid_, SIGKILL);
}

ProcessResult Child::Wait() {
  if (result_ || pid_ <= 0) return result_.value_or(ProcessResult{});
  int status = 0;
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  result_ = FromStatus(status);
  result_->out = ReadFile(out_file_);
  result_->err = ReadFile(err_file_);
  return *result_;
}

ProcessResult RunProcess(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
  TempDir io("run");
  Child child(argv, io / "out", io / "err");
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (auto r = child.Poll()) return *r;
    if (std::chrono::steady_clock::now() > deadline) {
      child.Kill();
      ProcessResult r = child.Wait();
      r.timed_out = true;
      return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

FaultServer::FaultServer(const fs::path& root, const fs::path& work, uint64_t seed)
    : control_(work / "fault-control.conf"), log_(work / "fault-requests.log") {
  fs::create_directories(work);
  WriteFile(control_, "");
  fs::path port_file = work / "fault-port";
  std::error_code ec;
  fs::remove(port_file, ec);
  std::vector<std::string> argv = {BinDir() + "/sync-fault-server", "--root", root.string(),
                                   "--control", control_.string(), "--log", log_.string(),
                                   "--port-file", port_file.string(),
                                   "--seed", std::to_string(seed)};
  pid_ = Spawn(argv, work / "fault-server.out", work / "fault-server.err");
  for (int i = 0; i < 1000 && pid_ > 0; ++i) {
    std::string text = ReadFile(port_file);
    if (!text.empty()) {
      port_ = std::atoi(text.c_str());
      break;
    }
    int status;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

FaultServer::~FaultServer() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    int status;
    waitpid(pid_, &status, 0);
  }
}

std::string FaultServer::Url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FaultServer::Control(const std::string& text) { WriteFile(control_, text); }

bool FaultServer::WaitIdle() {
  RawResponse r = RawHttp(port_, "GET", "/__fault/idle", {}, std::chrono::seconds(30));
  return r.ok && r.status == 200;
}

std::vector<LogEntry> ParseLog(const std::string& text) {
  std::vector<LogEntry> entries;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    LogEntry e;
    std::istringstream fields(line);
    std::string field;
    while (std::getline(fields, field, '\t')) {
      size_t eq = field.find('=');
      if (eq == std::string::npos) continue;
      std::string k = field.substr(0, eq), v = field.substr(eq + 1);
      if (k == "req") e.req = std::atoll(v.c_str());
      else if (k == "gen") e.gen = std::atoll(v.c_str());
      else if (k == "conn") e.conn = std::atoll(v.c_str());
      else if (k == "method") e.method = v;
      else if (k == "path") e.path = v;
      else if (k == "range") e.range = v;
      else if (k == "status") e.status = std::atoi(v.c_str());
      else if (k == "offset") e.offset = std::atoll(v.c_str());
      else if (k == "length") e.length = std::atoll(v.c_str());
      else if (k == "sent") e.sent = std::atoll(v.c_str());
      else if (k == "end") e.end = v;
      else if (k == "fault") e.fault = v;
    }
    if (e.req > 0) entries.push_back(e);
  }
  // Lines are written when responses end; callers think in request order.
  std::sort(entries.begin(), entries.end(), [](const LogEntry& a, const LogEntry& b) { return a.req < b.req; });
  return entries;
}

std::vector<LogEntry> FaultServer::Log() const { return ParseLog(ReadFile(log_)); }

int64_t BytesServed(const std::vector<LogEntry>& log, const std::string& suffix, int64_t from_req) {
  int64_t sum = 0;
  for (const auto& e : log) {
    if (e.req < from_req || e.method != "GET") continue;
    if (e.path.size() >= suffix.size() &&
        e.path.compare(e.path.size() - suffix.size(), suffix.size(), suffix) == 0)
      sum += e.sent;
  }
  return sum;
}

RawResponse RawHttp(int port, const std::string& method, const std::string& path,
                    const std::vector<std::string>& extra_headers,
                    std::chrono::milliseconds timeout) {
  RawResponse r;
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return r;
  sockaddr_in addr {};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return r;
  }
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& h : extra_headers) req += h + "\r\n";
  req += "\r\n";
  send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  std::string data;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now()).count();
    if (left <= 0) break;
    struct pollfd p {fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) break;
    char buf[65536];
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.reset = true;
      break;
    }
    if (n == 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  close(fd);
  size_t end = data.find("\r\n\r\n");
  if (end == std::string::npos) return r;
  std::istringstream head(data.substr(0, end));
  std::string line;
  std::getline(head, line);
  if (line.rfind("HTTP/1.1 ", 0) != 0) return r;
  r.ok = true;
  r.status = std::atoi(line.c_str() + 9);
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t v = line.find_first_not_of(' ', colon + 1);
    r.headers[name] = v == std::string::npos ? "" : line.substr(v);
  }
  r.body = data.substr(end + 4);
  return r;
}

}  // namespace faults
