// tests/bench/ui/bench_ui.cpp: figures for the kiosk shell, printed, never asserted.
//
//   start to first frame   process start to the first frame presented (kiosk's own
//                          measurement, --script mode, 1920x1080), median of 5 runs
//   frame time p50/p99     real time to build and render a frame (glFinish included)
//                          while flicking through a long page of text (the guide,
//                          repeated to ~30 screens) at 1920x1080; and the part of it
//                          spent building the UI (ImGui, no GL); screenshot frames excluded
//   resident memory        VmRSS at the end of that run
//   idle                   kiosk running interactively offscreen on the real clock: frames
//                          drawn and CPU seconds used over IDLE seconds (default 30) after
//                          a 3 s settle, measured from /proc and the state dump
// usage: bench-ui [--kiosk PATH] [--idle-seconds N] [--width W --height H]
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

pid_t Spawn(const std::vector<std::string>& args) {
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stderr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

int WaitFor(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

double CpuSeconds(pid_t pid) {
  // /proc/PID/stat fields 14 and 15: utime and stime in clock ticks (all threads).
  std::string stat = ReadFile("/proc/" + std::to_string(pid) + "/stat");
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(stat.substr(close + 2));
  std::string field;
  long utime = 0, stime = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i == 14) utime = std::atol(field.c_str());
    if (i == 15) stime = std::atol(field.c_str());
  }
  return (double)(utime + stime) / (double)sysconf(_SC_CLK_TCK);
}

}  // namespace

int main(int argc, char** argv) {
  std::string kiosk = "build/bin/kiosk";
  int idle_seconds = 30, width = 1920, height = 1080;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--kiosk" && i + 1 < argc) kiosk = argv[++i];
    else if (a == "--idle-seconds" && i + 1 < argc) idle_seconds = std::atoi(argv[++i]);
    else if (a == "--width" && i + 1 < argc) width = std::atoi(argv[++i]);
    else if (a == "--height" && i + 1 < argc) height = std::atoi(argv[++i]);
    else {
      std::fprintf(stderr, "usage: bench-ui [--kiosk PATH] [--idle-seconds N] [--width W --height H]\n");
      return 2;
    }
  }
  char tmpl[] = "/tmp/bench-ui-XXXXXX";
  const fs::path dir = mkdtemp(tmpl);
  const std::string window = std::to_string(width) + "x" + std::to_string(height);
  std::ofstream(dir / "kiosk.conf") << "[kiosk]\ncommune = UBND xã Vị Thủy\nattract_seconds = 0\n"
                                    << "admin_state_file = " << (dir / "lock.json").string() << "\n";

  // 1. Start to first frame.
  std::ofstream(dir / "start.txt") << "wait 10\n";
  std::vector<double> starts;
  for (int run = 0; run < 5; ++run) {
    const fs::path dump = dir / "start.json";
    int rc = WaitFor(Spawn({kiosk, "--config", (dir / "kiosk.conf").string(), "--window", window,
                            "--script", (dir / "start.txt").string(), "--dump-state", dump.string()}));
    if (rc != 0) {
      std::fprintf(stderr, "bench-ui: kiosk failed (exit %d); is %s built?\n", rc, kiosk.c_str());
      return 1;
    }
    starts.push_back(json::parse(ReadFile(dump))["perf"]["first_frame_ms"].get<double>());
  }
  std::sort(starts.begin(), starts.end());

  // 2. Frame times on a long page: the guide repeated to about forty screens.
  json strings = json::parse(ReadFile(fs::path(KIOSK_SOURCE_DIR) / "kiosk/strings/vi.json"));
  json paragraphs = json::array();
  for (int copy = 0; copy < 16; ++copy)
    for (const auto& p : strings["guide.paragraphs"]) paragraphs.push_back(p);
  strings["guide.paragraphs"] = paragraphs;
  std::ofstream(dir / "long.json") << strings.dump();
  {
    std::ofstream script(dir / "long.txt");
    script << "key home:guide\n";
    for (int i = 0; i < 20; ++i) script << "drag 960 900 960 300 120\nwait 400\n";
    for (int i = 0; i < 10; ++i) script << "drag 960 300 960 900 120\nwait 400\n";
  }
  const fs::path long_dump = dir / "long-dump.json";
  if (WaitFor(Spawn({kiosk, "--config", (dir / "kiosk.conf").string(), "--window", window,
                     "--strings", (dir / "long.json").string(), "--script", (dir / "long.txt").string(),
                     "--dump-state", long_dump.string()})) != 0) {
    std::fprintf(stderr, "bench-ui: the long-page run failed\n");
    return 1;
  }
  json long_run = json::parse(ReadFile(long_dump));

  // 3. Idle: interactive on the real clock; SIGTERM ends it and writes the dump.
  const fs::path idle_dump = dir / "idle.json";
  const auto t0 = std::chrono::steady_clock::now();
  pid_t pid = Spawn({kiosk, "--config", (dir / "kiosk.conf").string(), "--offscreen", "--window", window,
                     "--dump-state", idle_dump.string()});
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const double cpu_before = CpuSeconds(pid);
  const double settle_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  std::this_thread::sleep_for(std::chrono::seconds(idle_seconds));
  const double cpu_after = CpuSeconds(pid);
  kill(pid, SIGTERM);
  WaitFor(pid);
  json idle = json::parse(ReadFile(idle_dump), nullptr, false);
  int idle_frames = -1;
  if (!idle.is_discarded()) {
    idle_frames = 0;
    for (const auto& at : idle["perf"]["recent_frame_real_ms"])
      if (at.get<double>() > settle_ms) ++idle_frames;
  }

  std::printf("kiosk shell benchmark (%s, %s)\n", window.c_str(),
              long_run["display"]["driver"].get<std::string>().c_str());
  std::printf("  start to first frame      median %.0f ms (min %.0f, max %.0f, 5 runs)\n",
              starts[starts.size() / 2], starts.front(), starts.back());
  std::printf("  frame time, long page     p50 %.2f ms, p99 %.2f ms over %d frames (%.0f px of text)\n",
              long_run["perf"]["frame_ms_p50"].get<double>(), long_run["perf"]["frame_ms_p99"].get<double>(),
              long_run["perf"]["frames_measured"].get<int>(),
              long_run["scroll"]["guide"]["max"].get<double>() + height);
  std::printf("  of which UI build (no GL)  p50 %.2f ms, p99 %.2f ms\n",
              long_run["perf"]["frame_build_ms_p50"].get<double>(),
              long_run["perf"]["frame_build_ms_p99"].get<double>());
  std::printf("  resident memory           %.1f MiB (VmRSS at the end of the long-page run)\n",
              long_run["perf"]["resident_kb"].get<double>() / 1024.0);
  std::printf("  idle %d s                  %d frames, %.3f s CPU\n", idle_seconds, idle_frames,
              cpu_after - cpu_before);
  std::error_code ec;
  fs::remove_all(dir, ec);
  return 0;
}
