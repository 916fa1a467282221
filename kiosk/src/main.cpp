// kiosk/main.cpp: the `kiosk` executable: the application shell, its scripted test
// mode, and three helper commands.
//
//   kiosk [--config FILE] [--window WxH | --offscreen] [--strings FILE] [--dump-state FILE]
//   kiosk --script FILE --screenshot-dir DIR [--dump-state FILE] [--window WxH] ...
//   kiosk ime telex|vni|plain [--tone new|old]   keystroke lines on stdin -> text lines
//   kiosk hash-pin                               PIN on stdin -> admin_pin_hash line
//   kiosk admin-request REQUEST [--config FILE]  one admin screen request to kiosk-sync's socket
// Without --window/--offscreen/--script it takes the whole primary display: SDL uses
// KMS/DRM on a bare console, or X11/Wayland when one runs.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "content-pack/text_safety.hpp"
#include "admin_tasks.hpp"
#include "app.hpp"
#include "shell.hpp"
#include "touch-ui/backend.hpp"
#include "touch-ui/theme.hpp"
#include "touch-ui/vietnamese_input.hpp"

#ifndef KIOSK_APP_VERSION
#define KIOSK_APP_VERSION "0.0.0"
#endif

namespace {

const char* kUsage =
    "usage: kiosk [--config FILE] [--window WxH | --offscreen] [--strings FILE]\n"
    "             [--script FILE --screenshot-dir DIR] [--dump-state FILE]\n"
    "             [--local-time YYYY-MM-DDTHH:MM]   (scripted runs: the day and time in Vietnam)\n"
    "       kiosk ime telex|vni|plain [--tone new|old]\n"
    "       kiosk hash-pin\n"
    "       kiosk admin-request REQUEST [--config FILE] [--timeout SECONDS]\n"
    "       kiosk --version\n";

std::string ExeDir() {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  buf[n] = 0;
  std::string path(buf);
  return path.substr(0, path.find_last_of('/'));
}

bool FileExists(const std::string& path) { return access(path.c_str(), R_OK) == 0; }

int RunIme(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "%s", kUsage);
    return 2;
  }
  auto method = touchui::ParseInputMethod(argv[2]);
  if (!method) {
    std::fprintf(stderr, "kiosk ime: unknown input method '%s' (telex, vni, plain)\n", argv[2]);
    return 2;
  }
  touchui::ToneStyle style = touchui::ToneStyle::New;
  for (int i = 3; i < argc; ++i) {
    if (std::strcmp(argv[i], "--tone") == 0 && i + 1 < argc) {
      auto t = touchui::ParseToneStyle(argv[++i]);
      if (!t) {
        std::fprintf(stderr, "kiosk ime: unknown tone style '%s' (new, old)\n", argv[i]);
        return 2;
      }
      style = *t;
    } else {
      std::fprintf(stderr, "kiosk ime: unknown argument '%s'\n%s", argv[i], kUsage);
      return 2;
    }
  }
  std::ios::sync_with_stdio(false);
  return touchui::RunImeFilter(*method, style, std::cin, std::cout);
}

bool ParseSize(const char* text, int* w, int* h) {
  return std::sscanf(text, "%dx%d", w, h) == 2 && *w >= 320 && *h >= 240 && *w <= 16384 && *h <= 16384;
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t process_start_ms = touchui::SystemClock().NowMs();  // for "start to first frame"
  if (argc >= 2 && std::strcmp(argv[1], "ime") == 0) return RunIme(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "admin-request") == 0)
    return kiosk::RunAdminRequest(argc, argv, std::cout, std::cerr);
  if (argc >= 2 && std::strcmp(argv[1], "hash-pin") == 0) {
    if (argc != 2) {
      std::fprintf(stderr, "%s", kUsage);
      return 2;
    }
    return kiosk::RunHashPin(std::cin, std::cout, std::cerr);
  }

  std::string config, script, screenshot_dir, dump_state, strings_path, local_time;
  bool local_time_given = false;
  int width = 0, height = 0;
  bool offscreen = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "kiosk: %s needs a value\n%s", a.c_str(), kUsage);
        std::exit(2);
      }
      *out = argv[++i];
    };
    if (a == "--config") value(&config);
    else if (a == "--script") value(&script);
    else if (a == "--screenshot-dir") value(&screenshot_dir);
    else if (a == "--dump-state") value(&dump_state);
    else if (a == "--strings") value(&strings_path);
    else if (a == "--local-time") {
      value(&local_time);
      local_time_given = true;
    }
    else if (a == "--offscreen") offscreen = true;
    else if (a == "--window") {
      std::string size;
      value(&size);
      if (!ParseSize(size.c_str(), &width, &height)) {
        std::fprintf(stderr, "kiosk: --window wants WxH, e.g. 1280x800 (got '%s')\n", size.c_str());
        return 2;
      }
    } else if (a == "--version") {
      std::printf("kiosk %s\n", KIOSK_APP_VERSION);
      return 0;
    } else if (a == "--help" || a == "-h") {
      std::printf("%s", kUsage);
      return 0;
    } else {
      std::fprintf(stderr, "kiosk: unknown argument '%s'\n%s", a.c_str(), kUsage);
      return 2;
    }
  }

  // Start-up phases (ms since process start), reported in the dump's perf.start_phases_ms.
  std::vector<std::pair<std::string, double>> start_phases;
  auto mark = [&](const char* phase) {
    start_phases.push_back({phase, std::chrono::duration<double, std::milli>(
                                       std::chrono::steady_clock::now().time_since_epoch()).count()});
  };
  kiosk::Log log;
  kiosk::Settings settings;
  if (config.empty() && script.empty() && FileExists("/etc/kiosk/kiosk.conf")) config = "/etc/kiosk/kiosk.conf";
  if (!config.empty()) {
    std::string error;
    if (!kiosk::LoadSettings(config, &settings, &error)) {
      log.Error(error);
      return 2;
    }
  } else {
    kiosk::FinishSettings(&settings);
  }
  log.Open(settings.log_file);
  log.Info(std::string("kiosk ") + KIOSK_APP_VERSION + " starting, settings: " +
           (config.empty() ? "built-in defaults" : config));
  for (const auto& problem : settings.problems) log.Warn("settings: " + problem);

  // Strings: --strings, then the settings, then beside the binary, then the install path.
  if (strings_path.empty()) strings_path = settings.strings;
  if (strings_path.empty()) {
    const std::string dir = ExeDir();
    for (const std::string& candidate : {dir + "/strings/vi.json", dir + "/../share/kiosk/strings/vi.json"})
      if (FileExists(candidate)) { strings_path = candidate; break; }
    if (strings_path.empty()) strings_path = dir + "/strings/vi.json";
  }
  touchui::Strings strings;
  {
    std::string error;
    if (!strings.Load(strings_path, &error)) {
      log.Error(error);
      return 2;
    }
    // One tone style on screen: the strings follow the one the keyboard types.
    strings.Transform([&](const std::string& text) { return touchui::RestyleTones(text, settings.tone_style); });
  }

  const bool scripted = !script.empty();
  std::vector<kiosk::ScriptCommand> commands;
  struct stat script_stat{};
  const bool script_fifo = scripted && ::stat(script.c_str(), &script_stat) == 0 && S_ISFIFO(script_stat.st_mode);
  if (scripted && !script_fifo) {
    std::string error;
    if (!kiosk::ParseScript(script, &commands, &error)) {
      log.Error(error);
      return 2;
    }
  }

  mark("settings");
  touchui::BackendOptions options;
  if (scripted || offscreen) {
    options.mode = touchui::BackendMode::Offscreen;
    options.width = width ? width : 1920;
    options.height = height ? height : 1080;
  } else if (width) {
    options.mode = touchui::BackendMode::Window;
    options.width = width;
    options.height = height;
  } else {
    options.mode = touchui::BackendMode::Fullscreen;
  }
  options.hide_pointer = settings.hide_pointer < 0 ? options.mode == touchui::BackendMode::Fullscreen
                                                   : settings.hide_pointer == 1;
  options.lock_keyboard = !settings.allow_exit;
  options.display_dpi = settings.display_dpi;
  options.rotation = settings.rotation;
  options.title = "kiosk";
  // What the kiosk can rebuild, kept between starts: the font atlas, and with cache_dir
  // also Mesa's shader cache, which the GL driver reads when the context is made.
  std::string cache_dir;
  {
    struct stat data_stat{};
    if (!settings.cache_dir.empty()) {
      cache_dir = settings.cache_dir;
      const std::string mesa = cache_dir + "/mesa";
      if ((::mkdir(cache_dir.c_str(), 0700) == 0 || errno == EEXIST) &&
          (::mkdir(mesa.c_str(), 0700) == 0 || errno == EEXIST))
        ::setenv("MESA_SHADER_CACHE_DIR", mesa.c_str(), /*overwrite=*/0);
      else {
        log.Warn("cannot use the cache folder " + cache_dir + ": " + std::strerror(errno) +
                 "; the fonts and shaders are rebuilt at every start");
        cache_dir.clear();
      }
    } else if (!settings.data_dir.empty() && ::stat(settings.data_dir.c_str(), &data_stat) == 0 &&
               S_ISDIR(data_stat.st_mode)) {
      cache_dir = settings.data_dir + "/cache";
    }
  }
  std::string error;
  auto backend = touchui::CreateSdlBackend(options, &error);
  if (!backend) {
    log.Error(error);
    return 1;
  }
  mark("window");
  log.Info("display " + std::to_string(backend->Width()) + "x" + std::to_string(backend->Height()) +
           (backend->Rotation() ? " (a " + std::to_string(backend->PanelWidth()) + "x" +
                                      std::to_string(backend->PanelHeight()) + " panel turned " +
                                      std::to_string(backend->Rotation()) + " degrees)"
                                : std::string()) +
           " on " + backend->DriverName() + ", " + backend->GlRenderer());

  touchui::SystemClock system_clock;
  touchui::ManualClock manual_clock;
  touchui::Clock& clock = scripted ? static_cast<touchui::Clock&>(manual_clock) : system_clock;
  if (local_time_given) {
    // A scripted run on a given day (announcement windows): Vietnam time, UTC+7.
    struct tm tm {};
    char tail = 0;
    if (!scripted || std::sscanf(local_time.c_str(), "%4d-%2d-%2dT%2d:%2d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                 &tm.tm_hour, &tm.tm_min, &tail) != 5) {
      std::fprintf(stderr, "kiosk: --local-time wants YYYY-MM-DDTHH:MM with --script (got '%s')\n", local_time.c_str());
      return 2;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    manual_clock.SetWallStart((int64_t)timegm(&tm) - 7 * 3600);
  }
  touchui::TouchInput input;
  touchui::FontSet fonts;
  touchui::FontPaths font_paths;
  font_paths.regular = settings.font_regular;
  font_paths.bold = settings.font_bold;

  // The pack: opened before the first frame, so home shows content at once.
  kiosk::ContentService content(settings.pack, config, &log);
  content.Open();
  mark("pack_open");
  kiosk::AdminLock admin_lock;
  {
    std::string warning;
    admin_lock.Load(settings.admin_state_file, &clock, &warning, settings.data_dir);
    if (!warning.empty()) log.Warn(warning);
    if (admin_lock.IsLocked())
      log.Warn("admin PIN pad locked for another " + std::to_string(admin_lock.RemainingSeconds()) + " s (" +
               std::to_string(admin_lock.Failures()) + " wrong PINs)");
  }

  kiosk::AppDeps deps;
  deps.backend = backend.get();
  deps.input = &input;
  deps.clock = &clock;
  deps.strings = &strings;
  deps.fonts = &fonts;
  deps.settings = &settings;
  deps.log = &log;
  deps.content = &content;
  deps.admin_lock = &admin_lock;
  kiosk::KioskApp app(deps);
  kiosk::Shell shell(app, *backend, input, clock, fonts, font_paths, log);
  shell.SetStartMs(process_start_ms);
  // The font atlas is cached (a file of its own, checked whole before use); without a
  // cache folder every start rasterises the fonts.
  if (!cache_dir.empty()) shell.SetFontCacheDir(cache_dir);
  for (const auto& [phase, at] : start_phases) shell.AddStartPhase(phase, at);
  shell.MarkStart("app");
  if (!shell.ApplyStyle(&error)) {
    log.Error(error);
    return 1;
  }
  shell.MarkStart("fonts");
  app.Start(clock.NowMs());
  shell.MarkStart("app_start");

  int rc = 0;
  if (!screenshot_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(screenshot_dir, ec);
    if (ec) {
      log.Error("cannot create screenshot folder " + screenshot_dir + ": " + ec.message());
      return 2;
    }
  }
  if (scripted) {
    if (script_fifo) {
      std::ifstream in(script);
      rc = shell.RunScriptStream(in, script, manual_clock, screenshot_dir, &error);
    } else {
      rc = shell.RunScript(commands, manual_clock, screenshot_dir, &error);
    }
    if (rc != 0) log.Error(error);
  } else {
    rc = shell.RunInteractive();
  }
  if (!dump_state.empty()) {
    std::ofstream out(dump_state);
    out << pack::DumpJson(shell.State(), 2) << "\n";
    if (!out) {
      log.Error("cannot write state dump " + dump_state);
      if (rc == 0) rc = 1;
    }
  }
  if (rc == 0 && !strings.Missing().empty()) {
    log.Error("missing strings in " + strings.Path() + " (see above); failing");
    rc = 3;
  }
  log.Info("kiosk exits with " + std::to_string(rc) + " after " + std::to_string(shell.Frames()) + " frames");
  return rc;
}
