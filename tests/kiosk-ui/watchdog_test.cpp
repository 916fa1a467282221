// tests/kiosk-ui/watchdog_test.cpp: the interactive main loop under a (fake) systemd:
// READY=1 after the first frame, WATCHDOG=1 pings while idle without drawing frames,
// STOPPING=1 and a clean exit on SIGTERM. The test plays systemd's notify socket.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

TEST_CASE("under systemd the idle main loop pings the watchdog and draws nothing") {
  char tmpl[] = "/tmp/kiosk-watchdog-test-XXXXXX";
  const fs::path dir = mkdtemp(tmpl);
  const std::string sock_path = (dir / "notify.sock").string();
  int sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  REQUIRE(sock >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock_path.c_str());
  REQUIRE(bind(sock, (sockaddr*)&addr, sizeof addr) == 0);
  std::ofstream(dir / "kiosk.conf") << "[kiosk]\nattract_seconds = 0\nadmin_state_file = "
                                    << (dir / "lock.json").string() << "\n";
  const std::string kiosk = std::string(KIOSK_BINARY_DIR) + "/bin/kiosk";
  const std::string dump = (dir / "dump.json").string();
  const std::string config = (dir / "kiosk.conf").string();

  pid_t pid = fork();
  if (pid == 0) {
    setenv("NOTIFY_SOCKET", sock_path.c_str(), 1);
    setenv("WATCHDOG_USEC", "600000", 1);  // 0.6 s: pings at least every 0.2 s
    unsetenv("WATCHDOG_PID");
    freopen("/dev/null", "w", stderr);
    execl(kiosk.c_str(), kiosk.c_str(), "--config", config.c_str(), "--offscreen", "--window",
          "640x480", "--dump-state", dump.c_str(), (char*)nullptr);
    _exit(127);
  }
  REQUIRE(pid > 0);

  std::vector<std::string> messages;
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(2500);
  while (std::chrono::steady_clock::now() < end) {
    pollfd p{sock, POLLIN, 0};
    if (poll(&p, 1, 100) > 0) {
      char buf[512];
      ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
      if (n > 0) messages.emplace_back(buf, (size_t)n);
    }
  }
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  // Drain what came during shutdown.
  for (;;) {
    pollfd p{sock, POLLIN, 0};
    if (poll(&p, 1, 200) <= 0) break;
    char buf[512];
    ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
    if (n <= 0) break;
    messages.emplace_back(buf, (size_t)n);
  }
  close(sock);

  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  int ready = 0, pings = 0, stopping = 0;
  for (const auto& m : messages) {
    if (m.find("READY=1") != std::string::npos) ++ready;
    if (m.find("WATCHDOG=1") != std::string::npos) ++pings;
    if (m.find("STOPPING=1") != std::string::npos) ++stopping;
  }
  CHECK(ready == 1);
  CHECK(pings >= 5);  // ~2 s of idle at one ping per <= 0.2 s, with room for a slow start
  CHECK(stopping == 1);
  std::ifstream in(dump);
  std::stringstream text;
  text << in.rdbuf();
  auto state = nlohmann::json::parse(text.str(), nullptr, false);
  REQUIRE(!state.is_discarded());
  CHECK(state["frames"].get<int>() <= 4);  // the start-up frames, none for the pings
  std::error_code ec;
  fs::remove_all(dir, ec);
}
