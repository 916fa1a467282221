// sync/src/client.cpp: one update run, status and rollback (sync/sync.hpp).
//
// The order of a run, and why:
//   1. lock DATA_DIR/.sync.lock (timer and admin button must not run two at once);
//   2. manifest from the portal, then each mirror: conditional GET, signature against
//      the pinned keys, pack id, version >= trusted (rollback), not expired (freeze);
//      a failing source is skipped, not fatal, until none is left;
//   3. the verified manifest becomes the trusted state *before* any download, so a
//      newer signed version is never forgotten and a later 304 can finish the job;
//   4. the smallest way from the installed version: a content delta (when our content
//      stream is its base and our index recipe the publisher's), a pack delta, else the
//      full pack; free space checked first; download resumed across runs; sha256 checked;
//   5. rebuild into download/ (patch the pack, or patch the content stream and rebuild
//      the pack from it), size and sha256 of the raw pack checked, then the pack must
//      open with the manifest's id and version and pass its integrity check;
//   6. rename into packs/, switch `current`, keep the previous pack, prune the rest.
// Anything that fails leaves `current` as it was.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <dirent.h>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "content-pack/minisign.hpp"
#include "content-pack/portal.hpp"
#include "content-pack/rebuild.hpp"
#include "fetcher.hpp"
#include "pack_store.hpp"
#include "state_store.hpp"
#include "sync/sync.hpp"

#ifndef KIOSK_APP_VERSION
#define KIOSK_APP_VERSION "0"
#endif

namespace kiosk::sync {
namespace {

namespace portal = pack::portal;

// Holds DATA_DIR/.sync.lock for the life of a run or a rollback.
class RunLock {
 public:
  bool Acquire(const std::string& data_dir, std::string& error) {
    const std::string path = data_dir + "/.sync.lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      error = "cannot create " + path + ": " + std::strerror(errno);
      return false;
    }
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
      error = "another kiosk-sync run is in progress (" + path + " is locked)";
      return false;
    }
    return true;
  }
  ~RunLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_ = -1;
};

std::string BaseName(const std::string& url) { return url.substr(url.rfind('/') + 1); }

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

int64_t FreeBytes(const std::string& dir) {
  struct statvfs vfs{};
  if (::statvfs(dir.c_str(), &vfs) != 0) return -1;
  return static_cast<int64_t>(vfs.f_bavail) * static_cast<int64_t>(vfs.f_frsize);
}

// Deletes everything in download/ except KEEP: leftovers of runs killed mid-way.
void CleanDownloads(const std::string& dir, const std::set<std::string>& keep) {
  if (DIR* d = ::opendir(dir.c_str())) {
    while (dirent* e = ::readdir(d)) {
      std::string name = e->d_name;
      if (name != "." && name != ".." && !keep.count(name)) ::unlink((dir + "/" + name).c_str());
    }
    ::closedir(d);
  }
}

// Our own disk failed (full, read-only, I/O error), as opposed to content that is wrong.
bool IsDiskTrouble(const std::string& error) {
  for (const char* sign : {"cannot write", "disk is full", "No space left", "Read-only file system", "I/O error"})
    if (error.find(sign) != std::string::npos) return true;
  return false;
}

// A content delta applied: the installed pack's content stream (OLD_STREAM) patched into
// NEW_STREAM, checked against the manifest, and the pack rebuilt from it into REBUILT.
// Both streams are deleted as soon as they are used.
pack::Expected<portal::RebuildResult> RebuildFromContentDelta(const std::string& delta, const std::string& old_stream,
                                                             const std::string& new_stream, const std::string& rebuilt,
                                                             const portal::Manifest& m) {
  using R = pack::Expected<portal::RebuildResult>;
  auto patched = portal::Decompress(delta, old_stream, new_stream, m.content_size);
  ::unlink(old_stream.c_str());
  if (!patched.ok()) return R::Fail(patched.error());
  if (patched->size != m.content_size || patched->sha256 != m.content_sha256) {
    ::unlink(new_stream.c_str());
    return R::Fail("the patched content stream's sha256 " + patched->sha256 + " differs from the manifest's " +
                   m.content_sha256 + " (mix and match)");
  }
  auto made = pack::RebuildPack(new_stream, rebuilt);
  ::unlink(new_stream.c_str());
  if (!made.ok()) return R::Fail(made.error());
  return portal::RebuildResult{made->size, made->sha256};
}

std::string Mib(int64_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MiB"; }

struct AcceptedManifest {
  portal::Manifest manifest;
  std::string text;
  size_t source = 0;
  bool not_modified = false;
  HttpValidators validators;
};

}  // namespace

RunReport RunOnce(const SyncSettings& settings, const RunOptions& options) {
  RunReport report;
  auto log = [&](const std::string& line) {
    if (options.log) options.log(line);
  };
  PackStore store(settings.data_dir, settings.pack_id);
  if (auto prepared = store.Prepare(); !prepared.ok()) {
    report.error = prepared.error();
    return report;
  }
  RunLock lock;
  if (!lock.Acquire(settings.data_dir, report.error)) return report;
  auto opened = StateStore::Open(settings.data_dir, settings.pack_id);
  if (!opened.ok()) {
    report.error = opened.error();
    return report;
  }
  StateStore& state = **opened;
  Fetcher fetcher(settings, options.cancel, options.progress, options.log);

  auto finish = [&](RunResult result, std::string error) -> RunReport {
    report.result = result;
    report.error = std::move(error);
    report.bytes = fetcher.BytesReceived();
    const char* name = result == RunResult::Updated ? "updated" : result == RunResult::AlreadyCurrent ? "current" : "failed";
    if (!state.RecordRun(name, report.from_version, report.to_version, report.bytes, report.source,
                         report.error, report.note))
      log("cannot record the run in state.sqlite: " + state.LastError());
    return report;
  };

  std::vector<pack::minisign::PublicKey> keys;
  for (const std::string& k : settings.public_keys) {
    auto pk = pack::minisign::ParsePublicKey(k);
    if (!pk.ok()) return finish(RunResult::Failed, "settings: public_key: " + pk.error());
    keys.push_back(*pk);
  }

  const std::optional<InstalledPack> current = store.Current();
  report.from_version = report.to_version = current ? current->version : 0;
  TrustedState trusted = state.Trusted();
  // A pack preinstalled by the image is trusted as far as its own version goes.
  if (current && current->version > trusted.version) trusted.version = current->version;

  const std::time_t now = options.now != 0 ? options.now : std::time(nullptr);
  std::vector<std::string> sources{settings.portal};
  sources.insert(sources.end(), settings.mirrors.begin(), settings.mirrors.end());
  const std::string folder = "/" + portal::PackFolder(settings.pack_id) + "/";

  // --- 2. find a manifest we can trust -------------------------------------------
  std::optional<AcceptedManifest> accepted;
  std::vector<std::string> errors;
  std::string expired_error;
  for (size_t i = 0; i < sources.size() && !accepted; ++i) {
    const std::string url = sources[i] + folder + portal::kManifestName;
    HttpValidators cached = state.Validators(url);
    bool conditional = !trusted.manifest.empty() && cached.manifest_sha256 == trusted.manifest_sha256 &&
                       (!cached.etag.empty() || !cached.last_modified.empty());
    for (int round = 0; round < 2; ++round) {
      AcceptedManifest candidate;
      candidate.source = i;
      SmallFetch mf = fetcher.FetchSmall(url, portal::kMaxManifestBytes, conditional ? cached.etag : "",
                                         conditional ? cached.last_modified : "");
      if (mf.status == FetchStatus::Cancelled) return finish(RunResult::Failed, "cancelled");
      if (mf.status == FetchStatus::NotModified && conditional) {
        candidate.text = trusted.manifest;  // verified when it was fetched
        candidate.not_modified = true;
        log(url + ": not modified");
      } else if (mf.status != FetchStatus::Ok) {
        errors.push_back(mf.status == FetchStatus::TooLarge ? url + ": manifest " + mf.error : mf.error);
        break;
      } else {
        SmallFetch sig = fetcher.FetchSmall(url + ".minisig", portal::kMaxSignatureBytes);
        if (sig.status == FetchStatus::Cancelled) return finish(RunResult::Failed, "cancelled");
        if (sig.status != FetchStatus::Ok) {
          errors.push_back(sig.error);
          break;
        }
        auto verified = pack::minisign::Verify(mf.body, sig.body, keys);
        if (!verified.ok()) {
          if (round == 0) {
            // A publish may be between writing the signature and the manifest: once more.
            log(url + ": signature check failed (" + verified.error() + "); fetching again");
            std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long>(settings.retry_base_ms, 10000)));
            conditional = false;
            continue;
          }
          errors.push_back(url + ": signature rejected: " + verified.error());
          break;
        }
        candidate.text = std::move(mf.body);
        candidate.validators = {mf.etag, mf.last_modified, portal::Sha256Hex(candidate.text)};
      }
      auto parsed = portal::ParseManifest(candidate.text);
      if (!parsed.ok()) {
        errors.push_back(url + ": " + parsed.error());
        break;
      }
      candidate.manifest = std::move(*parsed);
      const portal::Manifest& m = candidate.manifest;
      std::time_t expires = 0;
      portal::ParseUtc(m.expires, expires);
      if (m.pack_id != settings.pack_id) {
        errors.push_back(url + ": manifest is for pack \"" + m.pack_id + "\", this kiosk takes \"" +
                         settings.pack_id + "\" (mix and match)");
      } else if (m.version < trusted.version) {
        errors.push_back(url + ": manifest version " + std::to_string(m.version) + " is lower than the trusted version " +
                         std::to_string(trusted.version) + " (rollback attack or stale mirror)");
      } else if (m.version == trusted.version && !trusted.manifest.empty() && !candidate.not_modified &&
                 portal::ParseManifest(trusted.manifest).ok() &&
                 portal::ParseManifest(trusted.manifest)->raw_sha256 != m.raw_sha256) {
        errors.push_back(url + ": manifest version " + std::to_string(m.version) +
                         " names different content than the trusted manifest of the same version (mix and match)");
      } else if (expires <= now) {
        expired_error = url + ": manifest expired at " + m.expires +
                        " (freeze: the portal has not re-signed it; keeping the installed pack)";
        errors.push_back(expired_error);
      } else {
        accepted = std::move(candidate);
      }
      break;
    }
  }
  if (!accepted) {
    if (!expired_error.empty()) {
      trusted.frozen = true;
      trusted.frozen_reason = expired_error;
      state.SaveTrusted(trusted);
    }
    return finish(RunResult::Failed, errors.empty() ? "no source configured" : Join(errors));
  }

  // --- 3. remember what we now trust ---------------------------------------------
  const portal::Manifest& m = accepted->manifest;
  report.source = sources[accepted->source];
  trusted.version = m.version;
  trusted.expires = m.expires;
  trusted.manifest = accepted->text;
  trusted.manifest_sha256 = portal::Sha256Hex(accepted->text);
  trusted.frozen = false;
  trusted.frozen_reason.clear();
  if (!state.SaveTrusted(trusted)) return finish(RunResult::Failed, "cannot write state.sqlite: " + state.LastError());
  // Validators only after the manifest they name is stored: a later 304 relies on it.
  if (!accepted->not_modified)
    state.SaveValidators(sources[accepted->source] + folder + portal::kManifestName, accepted->validators);

  if (portal::CompareAppVersions(KIOSK_APP_VERSION, m.min_app_version) < 0)
    return finish(RunResult::Failed, "version " + std::to_string(m.version) + " needs kiosk software " +
                                         m.min_app_version + " or newer; this kiosk runs " KIOSK_APP_VERSION);
  if ((current && current->version >= m.version) || trusted.held_version >= m.version)
    CleanDownloads(store.DownloadDir(), {});  // e.g. a run killed after installing
  if (current && current->version >= m.version) {
    report.note = "version " + std::to_string(current->version) + " is current";
    return finish(RunResult::AlreadyCurrent, "");
  }
  if (trusted.held_version >= m.version) {
    report.note = "version " + std::to_string(m.version) + " was rolled back by a technician; waiting for a newer one";
    return finish(RunResult::AlreadyCurrent, "");
  }

  // --- 4-6. download, rebuild, verify, install -----------------------------------
  // Smallest first: a content delta (patch the installed pack's content stream, rebuild
  // the pack from it; needs the publisher's index recipe), a delta between whole packs,
  // and always the full pack last.
  enum class Kind { ContentDelta, PackDelta, Full };
  struct Plan {
    portal::FileRef file;
    Kind kind = Kind::Full;
    std::string from_sha256;  // content delta: the content stream it applies to
  };
  std::vector<Plan> plans;
  if (current) {
    const std::string recipe = pack::IndexRecipe();
    for (const portal::ContentDeltaRef& d : m.content_deltas) {
      if (d.from != current->version || d.file.size >= m.pack.size) continue;
      if (m.recipe == recipe) plans.push_back({d.file, Kind::ContentDelta, d.from_sha256});
      else log("content delta " + d.file.url + " not usable: the portal indexes with \"" + m.recipe + "\", this kiosk with \"" + recipe + "\"");
    }
    for (const portal::DeltaRef& d : m.deltas)
      if (d.from == current->version && d.file.size < m.pack.size) plans.push_back({d.file, Kind::PackDelta, ""});
    std::stable_sort(plans.begin(), plans.end(), [](const Plan& a, const Plan& b) { return a.file.size < b.file.size; });
  }
  plans.push_back({m.pack, Kind::Full, ""});

  // Partial files of any other target can never be resumed now: drop them.
  std::set<std::string> wanted;
  for (const Plan& p : plans) {
    wanted.insert(BaseName(p.file.url) + ".part");
    wanted.insert(BaseName(p.file.url) + ".part.info");
  }
  CleanDownloads(store.DownloadDir(), wanted);

  const std::string rebuilt = store.DownloadDir() + "/" + settings.pack_id + "-" + std::to_string(m.version) + ".sqlite.rebuild";
  const std::string stream_stem = store.DownloadDir() + "/" + settings.pack_id + "-";
  for (const Plan& plan : plans) {
    const bool delta = plan.kind != Kind::Full, content = plan.kind == Kind::ContentDelta;
    DownloadRequest request;
    request.part_path = store.DownloadDir() + "/" + BaseName(plan.file.url) + ".part";
    request.size = plan.file.size;
    request.sha256 = plan.file.sha256;
    // A content delta also needs both content streams and the rebuild's work file.
    const int64_t need = (plan.file.size - PartialBytes(request)) + m.raw_size + (int64_t{settings.min_free_mb} << 20) +
                         (content ? 2 * m.content_size + m.raw_size : 0);
    const int64_t have = FreeBytes(settings.data_dir);
    if (have >= 0 && have < need) {
      if (content) {
        log("not enough free space to rebuild from the content delta (" + Mib(need) + " needed); trying the next way");
        continue;
      }
      return finish(RunResult::Failed, "not enough free space in " + settings.data_dir + ": the update needs " + Mib(need) +
                                           " (download, rebuilt pack and min_free_mb), " + Mib(have) + " are free");
    }
    portal::ScratchFile old_stream{stream_stem + std::to_string(current ? current->version : 0) + ".content"};
    portal::ScratchFile new_stream{stream_stem + std::to_string(m.version) + ".content"};
    if (content) {
      // Only worth downloading when our content is exactly what the delta was made from.
      auto made = pack::WriteContentStream(current->path, old_stream.path);
      if (!made.ok() || made->sha256 != plan.from_sha256) {
        std::string why = made.ok() ? "its sha256 " + made->sha256 + " is not the delta's base " + plan.from_sha256 : made.error();
        if (!made.ok() && IsDiskTrouble(why)) return finish(RunResult::Failed, why);
        log("content delta not usable: the installed pack's content stream: " + why + "; trying the next way");
        continue;
      }
    }
    log(std::string("downloading ") + (content ? "content delta " : delta ? "delta " : "pack ") + plan.file.url + " (" +
        std::to_string(plan.file.size) + " bytes)");
    bool downloaded = false;
    for (size_t k = 0; k < sources.size() && !downloaded; ++k) {
      const size_t s = (accepted->source + k) % sources.size();
      request.url = sources[s] + folder + plan.file.url;
      DownloadResult r = fetcher.Download(request);
      if (r.status == FetchStatus::Cancelled) return finish(RunResult::Failed, "cancelled; the partial download is kept");
      if (r.status == FetchStatus::LocalError) return finish(RunResult::Failed, r.error);
      if (r.status != FetchStatus::Ok) {
        errors.push_back(r.error);
        continue;
      }
      auto sha = portal::Sha256File(request.part_path);
      if (!sha.ok()) return finish(RunResult::Failed, sha.error());
      if (*sha != plan.file.sha256) {
        errors.push_back(request.url + ": sha256 " + *sha + " differs from the manifest's " + plan.file.sha256 +
                         " (mix and match or a corrupt mirror)");
        ::unlink(request.part_path.c_str());
        ::unlink((request.part_path + ".info").c_str());
        continue;
      }
      downloaded = true;
    }
    if (!downloaded) {
      if (delta) {
        log(std::string(content ? "content delta" : "delta") + " unavailable; trying the next way");
        continue;
      }
      return finish(RunResult::Failed, Join(errors));
    }
    log("rebuilding version " + std::to_string(m.version));
    auto rebuild = content ? RebuildFromContentDelta(request.part_path, old_stream.path, new_stream.path, rebuilt, m)
                           : portal::Decompress(request.part_path, delta ? current->path : "", rebuilt, m.raw_size);
    std::string failure;
    if (!rebuild.ok()) failure = rebuild.error();
    else if (rebuild->size != m.raw_size || rebuild->sha256 != m.raw_sha256)
      failure = "the rebuilt pack's sha256 " + rebuild->sha256 + " (" + std::to_string(rebuild->size) +
                " bytes) differs from the manifest's raw sha256 " + m.raw_sha256 + " (mix and match)";
    if (!failure.empty()) {
      ::unlink(rebuilt.c_str());
      errors.push_back(failure);
      // A verified download is kept when only our disk failed: the next run rebuilds
      // from it without fetching a byte again. Content that does not rebuild is dropped.
      const bool disk_trouble = IsDiskTrouble(failure);
      if (!disk_trouble) {
        ::unlink(request.part_path.c_str());
        ::unlink((request.part_path + ".info").c_str());
      }
      if (delta && !disk_trouble) {
        log(std::string(content ? "content delta" : "delta") + " did not rebuild (" + failure + "); trying the next way");
        continue;
      }
      return finish(RunResult::Failed, Join(errors));
    }
    auto verified = VerifyPackFile(rebuilt, m.pack_id, m.version);
    if (!verified.ok()) {
      ::unlink(rebuilt.c_str());
      return finish(RunResult::Failed, "version " + std::to_string(m.version) + ": " + verified.error());
    }
    auto installed = store.Install(rebuilt, m.version);
    if (!installed.ok()) {
      ::unlink(rebuilt.c_str());
      return finish(RunResult::Failed, installed.error());
    }
    store.Prune(m.version, current ? current->version : 0);
    CleanDownloads(store.DownloadDir(), {});  // incl. the part files of a plan not taken
    if (trusted.held_version != 0) {
      trusted.held_version = 0;
      state.SaveTrusted(trusted);
    }
    report.used_delta = delta;
    report.to_version = m.version;
    report.note = std::string("installed version ") + std::to_string(m.version) +
                  (content ? " from a content delta" : delta ? " from a delta" : "");
    log(report.note);
    return finish(RunResult::Updated, "");
  }
  return finish(RunResult::Failed, Join(errors));
}

pack::Expected<SyncStatus> ReadStatus(const SyncSettings& settings, int max_runs) {
  using R = pack::Expected<SyncStatus>;
  SyncStatus status;
  PackStore store(settings.data_dir, settings.pack_id);
  status.current = store.Current();
  status.previous = store.Previous();
  if (::access((settings.data_dir + "/state.sqlite").c_str(), F_OK) != 0) return status;
  auto opened = StateStore::Open(settings.data_dir, settings.pack_id);
  if (!opened.ok()) return R::Fail(opened.error());
  TrustedState t = (*opened)->Trusted();
  status.trusted_version = t.version;
  status.trusted_expires = t.expires;
  status.frozen = t.frozen;
  status.frozen_reason = t.frozen_reason;
  status.held_version = t.held_version;
  status.last_runs = (*opened)->LastRuns(max_runs);
  return status;
}

std::string StatusToJson(const SyncStatus& s) {
  using json = nlohmann::json;
  auto pack_json = [](const std::optional<InstalledPack>& p) -> json {
    if (!p) return nullptr;
    return {{"pack_id", p->pack_id}, {"version", p->version}, {"path", p->path}};
  };
  json runs = json::array();
  for (const RunRecord& r : s.last_runs)
    runs.push_back({{"time", r.time}, {"result", r.result}, {"from_version", r.from_version}, {"version", r.version},
                    {"bytes", r.bytes}, {"error", r.error}, {"note", r.note}});
  json doc = {{"current", pack_json(s.current)},
              {"previous", pack_json(s.previous)},
              {"trusted_version", s.trusted_version},
              {"expires", s.trusted_expires},
              {"frozen", s.frozen},
              {"frozen_reason", s.frozen_reason},
              {"held_version", s.held_version},
              {"last_runs", runs}};
  return doc.dump(2);
}

pack::Expected<InstalledPack> Rollback(const SyncSettings& settings) {
  using R = pack::Expected<InstalledPack>;
  PackStore store(settings.data_dir, settings.pack_id);
  std::string error;
  RunLock lock;
  if (::access(settings.data_dir.c_str(), W_OK) != 0)
    return R::Fail("cannot write " + settings.data_dir + ": " + std::strerror(errno));
  if (!lock.Acquire(settings.data_dir, error)) return R::Fail(error);
  auto current = store.Current();
  if (!current) return R::Fail("no pack is installed");
  auto previous = store.Previous();
  if (!previous) return R::Fail("no previous pack to roll back to (none older than version " + std::to_string(current->version) + " is installed)");
  auto opened = StateStore::Open(settings.data_dir, settings.pack_id);
  if (!opened.ok()) return R::Fail(opened.error());
  auto verified = VerifyPackFile(previous->path, settings.pack_id, previous->version);
  if (!verified.ok()) {
    (*opened)->RecordRun("failed", current->version, current->version, 0, "rollback", "rollback: " + verified.error());
    return R::Fail("the previous pack (version " + std::to_string(previous->version) + ") is unusable: " + verified.error());
  }
  auto switched = store.SwitchCurrent(previous->version);
  if (!switched.ok()) return R::Fail(switched.error());
  TrustedState t = (*opened)->Trusted();
  t.held_version = std::max(t.held_version, current->version);
  (*opened)->SaveTrusted(t);
  (*opened)->RecordRun("rollback", current->version, previous->version, 0, "", "",
                       "rolled back from version " + std::to_string(current->version));
  return *previous;
}

}  // namespace kiosk::sync
