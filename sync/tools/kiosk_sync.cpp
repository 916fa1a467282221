// kiosk-sync: the update client on the command line (systemd timer, technicians, tests).
//   kiosk-sync [--config FILE] [--once] [--status] [--rollback] [--check-network]
//              [--portal URL] [--json] [--progress]
// --progress (the admin screen reads it from a pipe): one JSON object per line on stdout
// as the run goes, {"event":"stage","stage":"download"}, {"event":"progress","done":N,
// "total":N} (at most every 1/100 of a file), {"event":"log","line":"..."}, and last the
// result as --json prints it with "event":"result".
// Exit codes (a contract: tests, the systemd unit and docs/sync.md rely on them):
//   0  updated to a new version (--once), rolled back (--rollback), status printed (--status)
//   10 already current, nothing to do (--once)
//   1  failed (network, signature, verification, disk, no previous pack, ...)
//   2  usage or settings error
// Started as root (a technician at a USB stick), it first becomes the owner of the data
// directory (sync/layout.hpp): no file of a run is ever touched as root.
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "content-pack/text_safety.hpp"
#include "sync/layout.hpp"
#include "sync/network_check.hpp"
#include "sync/settings.hpp"
#include "sync/sync.hpp"

namespace {

constexpr int kExitUpdated = 0;
constexpr int kExitCurrent = 10;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;

// Text for a terminal or the journal: whatever a server or a pack put in it is escaped.
std::string Shown(const std::string& text) { return pack::PrintableText(text); }

// One --progress line, flushed at once (the reader is a pipe).
void Emit(const nlohmann::json& event) {
  std::printf("%s\n", pack::DumpJson(event).c_str());
  std::fflush(stdout);
}

// --serve-request: the request line on stdin, at most 4 KiB, within 10 s.
std::string ReadRequest(std::string* why) {
  std::string line;
  char c = 0;
  pollfd p{0, POLLIN, 0};
  while (line.size() <= 4096) {
    if (::poll(&p, 1, 10000) <= 0) {
      *why = "no request within 10 s";
      return "";
    }
    const ssize_t n = ::read(0, &c, 1);
    if (n <= 0 || c == '\n') break;
    line += c;
  }
  if (line.size() > 4096) *why = "request longer than 4 KiB";
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// A refused request: the reason as a result line (the kiosk shows it) and on stderr.
int ServeRefusal(const std::string& why) {
  std::fprintf(stderr, "kiosk-sync: refused request: %s\n", why.c_str());
  Emit({{"event", "result"}, {"result", "failed"}, {"error", "refused request: " + why}});
  return kExitUsage;
}

int Usage(const char* why) {
  if (why) std::fprintf(stderr, "kiosk-sync: %s\n", why);
  std::fprintf(stderr,
               "usage: kiosk-sync [--config FILE] [--once] [--status] [--rollback] [--check-network]\n"
               "                  [--portal URL] [--json] [--progress]\n"
               "  --once      one update run (the default): exit 0 updated, 10 already current, 1 failed\n"
               "  --status    installed and previous pack, trusted version, last runs\n"
               "  --rollback  switch back to the previous pack (exit 0) or fail (1) if none\n"
               "  --check-network  DNS, portal reachable, clock: exit 0 all pass, 1 any fails\n"
               "  --portal    use URL as the only source for this run (e.g. file:///media/usb/kiosk)\n"
               "  --json      machine-readable output\n"
               "  --progress  JSON lines on stdout while the run goes (stage, progress, log, result)\n"
               "  --serve-request  read one request (once, rollback, check-network, status, usb URL)\n"
               "              from stdin: the admin screen's socket (kiosk-sync-admin.socket)\n"
               "  --config    settings file (default %s), section [sync]\n",
               kiosk::sync::kDefaultConfigPath);
  return kExitUsage;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kiosk::sync;
  std::string config = kDefaultConfigPath;
  bool once = false, status = false, rollback = false, json = false, progress = false, check = false, serve = false;
  std::string portal_override;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--config" && i + 1 < argc) config = argv[++i];
    else if (a.starts_with("--config=")) config = a.substr(9);
    else if (a == "--once") once = true;
    else if (a == "--status") status = true;
    else if (a == "--rollback") rollback = true;
    else if (a == "--json") json = true;
    else if (a == "--progress") progress = json = true;
    else if (a == "--check-network") check = true;
    else if (a == "--portal" && i + 1 < argc) portal_override = argv[++i];
    else if (a.starts_with("--portal=")) portal_override = a.substr(9);
    else if (a == "--serve-request") serve = true;
    else if (a == "--help" || a == "-h") return Usage(nullptr);
    else return Usage(("unknown argument \"" + a + "\"").c_str());
  }
  if (serve) {
    // One request from the kiosk's admin screen over kiosk-sync-admin.socket (stdin and
    // stdout are the connection). The kiosk is less trusted than this service: only
    // these words are accepted, and a USB portal only below /media/ or /run/media/.
    std::string why;
    const std::string request = ReadRequest(&why);
    if (!why.empty()) return ServeRefusal(why);
    if (request == "once") once = true;
    else if (request == "rollback") rollback = true;
    else if (request == "check-network") check = true;
    else if (request == "status") status = true;
    else if (request.starts_with("usb file://")) {
      once = true;
      portal_override = request.substr(4);
      const std::string path = portal_override.substr(7);
      if (!(path.starts_with("/media/") || path.starts_with("/run/media/")) || path.find("/..") != std::string::npos ||
          path.find_first_of("\r\n") != std::string::npos)
        return ServeRefusal("a USB portal must be a folder below /media/ or /run/media/, not \"" + Shown(path) + "\"");
    } else {
      return ServeRefusal("unknown request \"" + Shown(request) + "\" (once, rollback, check-network, status, usb URL)");
    }
    json = true;
    progress = !status;
  }
  if (int(once) + int(status) + int(rollback) + int(check) > 1)
    return Usage("give only one of --once, --status, --rollback, --check-network");
  if (!portal_override.empty() && (status || rollback)) return Usage("--portal goes with --once or --check-network");

  auto settings = LoadSyncSettings(config);
  if (!settings.ok()) {
    std::fprintf(stderr, "kiosk-sync: %s\n", settings.error().c_str());
    if (serve) Emit({{"event", "result"}, {"result", "failed"}, {"error", settings.error()}});
    return kExitUsage;
  }
  if (!portal_override.empty()) {
    // Checked as the settings file's portal is; the mirrors are left out, so a run from a
    // USB stick reads only the stick.
    if (!portal_override.starts_with("http://") && !portal_override.starts_with("https://") &&
        !portal_override.starts_with("file://"))
      return Usage(("--portal \"" + Shown(portal_override) + "\" is not an http://, https:// or file:// url").c_str());
    while (portal_override.size() > 8 && portal_override.back() == '/') portal_override.pop_back();
    settings->portal = portal_override;
    settings->mirrors.clear();
  }

  std::string dropped;
  auto drop = DropRootToDataDirOwner(settings->data_dir, &dropped);
  if (!drop.ok()) {
    std::fprintf(stderr, "kiosk-sync: %s\n", drop.error().c_str());
    return kExitFailed;
  }
  if (!dropped.empty()) std::fprintf(stderr, "kiosk-sync: %s\n", dropped.c_str());

  if (check) {
    const std::vector<CheckLine> lines = CheckNetwork(*settings);
    bool all = true;
    nlohmann::json doc = nlohmann::json::array();
    for (const CheckLine& l : lines) {
      all = all && l.ok;
      if (json) doc.push_back({{"check", l.check}, {"target", l.target}, {"ok", l.ok}, {"detail", l.detail}});
      else std::printf("%-4s %-6s %s%s%s\n", l.ok ? "ok" : "FAIL", l.check.c_str(), Shown(l.target).c_str(),
                       l.target.empty() ? "" : ": ", Shown(l.detail).c_str());
    }
    if (json) {
      nlohmann::json out = {{"result", all ? "ok" : "failed"}, {"checks", doc}};
      if (progress) out["event"] = "result";
      std::printf("%s\n", pack::DumpJson(out).c_str());
    }
    return all ? 0 : kExitFailed;
  }

  if (status) {
    auto st = ReadStatus(*settings);
    if (!st.ok()) {
      std::fprintf(stderr, "kiosk-sync: %s\n", Shown(st.error()).c_str());
      return kExitFailed;
    }
    if (json) {
      std::printf("%s\n", StatusToJson(*st).c_str());
      return 0;
    }
    auto line = [](const char* label, const std::optional<InstalledPack>& p) {
      if (p) std::printf("%-9s %s version %lld (%s)\n", label, p->pack_id.c_str(), static_cast<long long>(p->version), p->path.c_str());
      else std::printf("%-9s none\n", label);
    };
    line("current", st->current);
    line("previous", st->previous);
    std::printf("trusted   version %lld, manifest expires %s\n", static_cast<long long>(st->trusted_version),
                st->trusted_expires.empty() ? "-" : st->trusted_expires.c_str());
    if (st->frozen) std::printf("FROZEN    %s\n", Shown(st->frozen_reason).c_str());
    if (st->held_version) std::printf("held      version %lld and older are not reinstalled (rolled back)\n", static_cast<long long>(st->held_version));
    for (const RunRecord& r : st->last_runs)
      std::printf("run       %s %-8s version %lld, %lld bytes: %s\n", r.time.c_str(), r.result.c_str(),
                  static_cast<long long>(r.version), static_cast<long long>(r.bytes),
                  Shown(r.error.empty() ? r.note : r.error).c_str());
    return 0;
  }

  if (rollback) {
    auto result = Rollback(*settings);
    if (json) {
      nlohmann::json doc = {{"result", result.ok() ? "rollback" : "failed"},
                            {"version", result.ok() ? result->version : 0},
                            {"error", result.ok() ? "" : result.error()}};
      if (progress) doc["event"] = "result";
      std::printf("%s\n", pack::DumpJson(doc).c_str());
    }
    if (!result.ok()) {
      std::fprintf(stderr, "kiosk-sync: rollback failed: %s\n", Shown(result.error()).c_str());
      return kExitFailed;
    }
    if (!json) std::printf("rolled back to %s version %lld\n", result->pack_id.c_str(), static_cast<long long>(result->version));
    return 0;
  }

  RunOptions options;
  options.log = [progress](const std::string& line) {
    std::fprintf(stderr, "kiosk-sync: %s\n", line.c_str());
    if (progress) Emit({{"event", "log"}, {"line", line}});
  };
  if (progress) {
    options.stage = [](const char* stage) { Emit({{"event", "stage"}, {"stage", stage}}); };
    // At most every 1/100 of the file or 250 ms: a reader polling once a frame keeps up.
    options.progress = [last_step = int64_t{-1}, last_at = std::chrono::steady_clock::time_point{}](
                           int64_t done, int64_t total) mutable {
      const int64_t step = total > 0 ? done * 100 / total : 0;
      const auto now = std::chrono::steady_clock::now();
      if (step == last_step && done != total && now - last_at < std::chrono::milliseconds(250)) return;
      last_step = step;
      last_at = now;
      Emit({{"event", "progress"}, {"done", done}, {"total", total}});
    };
  }
  RunReport report = RunOnce(*settings, options);
  const char* name = report.result == RunResult::Updated ? "updated"
                     : report.result == RunResult::AlreadyCurrent ? "current" : "failed";
  if (json) {
    nlohmann::json doc = {{"result", name}, {"from_version", report.from_version}, {"to_version", report.to_version},
                          {"bytes", report.bytes}, {"delta", report.used_delta}, {"source", report.source},
                          {"error", report.error}, {"note", report.note}};
    if (progress) doc["event"] = "result";
    std::printf("%s\n", pack::DumpJson(doc).c_str());
  } else if (report.result == RunResult::Failed) {
    std::fprintf(stderr, "kiosk-sync: failed: %s\n", report.error.c_str());
  } else {
    std::printf("%s: %s (%lld bytes)\n", name, report.note.c_str(), static_cast<long long>(report.bytes));
  }
  switch (report.result) {
    case RunResult::Updated: return kExitUpdated;
    case RunResult::AlreadyCurrent: return kExitCurrent;
    default: return kExitFailed;
  }
}
