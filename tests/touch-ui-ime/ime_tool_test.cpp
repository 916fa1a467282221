// End-to-end tests of the `kiosk ime` filter through the ime-tool process: real pipes,
// lines in, lines out, including empty lines, CRLF, control bytes and invalid UTF-8,
// plus the failure paths (bad arguments, a reader that goes away).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sstream>
#include <string>
#include <vector>

#include "touch-ui/vietnamese_input.hpp"

namespace {

const std::string kTool = std::string(KIOSK_BINARY_DIR) + "/bin/ime-tool";

struct Pipe {
  int fd[2] = {-1, -1};
  Pipe() { REQUIRE(pipe2(fd, O_CLOEXEC) == 0); }
  ~Pipe() { Close(0), Close(1); }
  void Close(int end) {
    if (fd[end] >= 0) close(fd[end]);
    fd[end] = -1;
  }
};

// A running ime-tool with its stdin, stdout and stderr on pipes.
struct ToolProcess {
  pid_t pid = -1;
  Pipe in, out, err;

  explicit ToolProcess(const std::vector<std::string>& args) {
    // The tool may exit before reading its input (bad arguments): writing to it must
    // fail with EPIPE here, not kill the test.
    signal(SIGPIPE, SIG_IGN);
    pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      signal(SIGPIPE, SIG_DFL);  // the tool must cope with a closed stdout by itself
      dup2(in.fd[0], 0);
      dup2(out.fd[1], 1);
      dup2(err.fd[1], 2);
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(kTool.c_str()));
      for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(kTool.c_str(), argv.data());
      _exit(127);
    }
    in.Close(0);
    out.Close(1);
    err.Close(1);
  }
  ~ToolProcess() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
  int Wait() {
    int status = 0;
    REQUIRE(waitpid(pid, &status, 0) == pid);
    pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
};

struct RunResult {
  int status = -1;
  std::string out, err;
};

// Feeds `input` and collects stdout and stderr until the tool exits (poll, so neither
// side can block the other).
RunResult Run(const std::vector<std::string>& args, const std::string& input) {
  ToolProcess tool(args);
  RunResult result;
  std::size_t written = 0;
  if (input.empty()) tool.in.Close(1);
  while (tool.out.fd[0] >= 0 || tool.err.fd[0] >= 0) {
    std::vector<pollfd> fds;
    if (tool.in.fd[1] >= 0) fds.push_back({tool.in.fd[1], POLLOUT, 0});
    if (tool.out.fd[0] >= 0) fds.push_back({tool.out.fd[0], POLLIN, 0});
    if (tool.err.fd[0] >= 0) fds.push_back({tool.err.fd[0], POLLIN, 0});
    // 60 s only guards against a hung tool; it is never reached when things work.
    REQUIRE(poll(fds.data(), fds.size(), 60000) > 0);
    for (const pollfd& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == tool.in.fd[1]) {
        ssize_t n = write(p.fd, input.data() + written, input.size() - written);
        if (n > 0) written += static_cast<std::size_t>(n);
        if (n < 0 || written == input.size()) tool.in.Close(1);
        continue;
      }
      char buffer[4096];
      ssize_t n = read(p.fd, buffer, sizeof buffer);
      const bool is_out = p.fd == tool.out.fd[0];
      if (n <= 0) {
        (is_out ? tool.out : tool.err).Close(0);
      } else {
        (is_out ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      }
    }
  }
  tool.in.Close(1);
  result.status = tool.Wait();
  return result;
}

std::string ReadLine(int fd) {
  std::string line;
  char c = 0;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    REQUIRE(poll(&p, 1, 60000) == 1);  // hang guard only
    REQUIRE(read(fd, &c, 1) == 1);
    if (c == '\n') return line;
    line += c;
  }
}

}  // namespace

TEST_CASE("ime-tool telex: one output line per input line") {
  const RunResult r = Run({"telex"},
                          "Tooi muoons ddangw kys khai sinh cho con\n"
                          "\n"
                          "Luaatj Hooj tichj 2014\r\n"
                          "Uyr ban nhaan daan xax\n"
                          "\n"
                          "vieetj\x7F" "t\n"          // DEL is backspace
                          "Chuwngs thucwj banr sao");  // last line without newline
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        "Tôi muốn đăng ký khai sinh cho con\n"
        "\n"
        "Luật Hộ tịch 2014\n"
        "Uỷ ban nhân dân xã\n"
        "\n"
        "việt\n"
        "Chứng thực bản sao\n");
}

TEST_CASE("ime-tool: control bytes are dropped, invalid UTF-8 becomes U+FFFD") {
  const RunResult r = Run({"telex"},
                          std::string("a\x01\x02s\x1B[0m\n", 9) +
                              std::string("x\0y\n", 4) +
                              "\xFF\xFEhoaf\xC3\n"
                              "Vi\xE1\xBB\x87t\n");  // already-composed input passes through
  CHECK(r.status == 0);
  CHECK(r.out ==
        "á[0m\n"
        "xy\n"
        "\xEF\xBF\xBD\xEF\xBF\xBDhoà\xEF\xBF\xBD\n"
        "Việt\n");
}

TEST_CASE("ime-tool vni and tone styles") {
  RunResult r = Run({"vni"}, "Luat65 Ho65 tich5 2014\nhoa2 2024\n");
  CHECK(r.status == 0);
  CHECK(r.out == "Luật Hộ tịch 2014\nhoà 2024\n");
  r = Run({"vni", "old"}, "hoa2\n");
  CHECK(r.out == "hòa\n");
  r = Run({"telex", "old"}, "khoer\nthuys\n");
  CHECK(r.out == "khỏe\nthúy\n");
  r = Run({"PLAIN"}, "Vieetj\n");
  CHECK(r.out == "Vieetj\n");
}

TEST_CASE("ime-tool: empty input gives empty output") {
  const RunResult r = Run({"telex"}, "");
  CHECK(r.status == 0);
  CHECK(r.out.empty());
}

TEST_CASE("ime-tool: bad arguments exit 2 with a usage message") {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {}, {"wubi"}, {"telex", "modern"}, {"telex", "new", "extra"}}) {
    const RunResult r = Run(args, "aa\n");
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("usage: ime-tool") != std::string::npos);
  }
}

TEST_CASE("ime-tool: answers each line at once (interactive use)") {
  ToolProcess tool({"telex"});
  for (const auto& [keys, text] : std::vector<std::pair<std::string, std::string>>{
           {"xin chaof", "xin chào"}, {"", ""}, {"nguwowif", "người"}}) {
    const std::string line = keys + "\n";
    REQUIRE(write(tool.in.fd[1], line.data(), line.size()) == static_cast<ssize_t>(line.size()));
    CHECK(ReadLine(tool.out.fd[0]) == text);  // before stdin is closed
  }
  tool.in.Close(1);
  CHECK(tool.Wait() == 0);
}

TEST_CASE("ime-tool: a reader that goes away gives exit status 1") {
  ToolProcess tool({"telex"});
  tool.out.Close(0);  // nobody reads stdout any more
  const std::string line = "aa\n";
  REQUIRE(write(tool.in.fd[1], line.data(), line.size()) == 3);
  tool.in.Close(1);
  CHECK(tool.Wait() == 1);
  std::string err;
  char buffer[256];
  ssize_t n = 0;
  while ((n = read(tool.err.fd[0], buffer, sizeof buffer)) > 0) err.append(buffer, n);
  CHECK(err.find("could not read stdin or write stdout") != std::string::npos);
}

TEST_CASE("RunImeFilter in process: streams and a failing output") {
  std::istringstream in("aa\nddi\n");
  std::ostringstream out;
  CHECK(touchui::RunImeFilter(touchui::InputMethod::Telex, touchui::ToneStyle::New, in, out) == 0);
  CHECK(out.str() == "â\nđi\n");

  std::istringstream again("aa\n");
  std::ostringstream broken;
  broken.setstate(std::ios::badbit);
  CHECK(touchui::RunImeFilter(touchui::InputMethod::Telex, touchui::ToneStyle::New, again,
                              broken) == 1);
}
