// sync/src/client.cpp: one update run, status and rollback (sync/sync.hpp).
//
// [SECTION] UpdateRun: one run, in stages, and why in this order:
//   Begin          the data directory checked (sync/layout.hpp), DATA_DIR/.sync.lock
//                  taken (timer and admin button must not run two at once), the state
//                  opened (a damaged state.sqlite is set aside and rebuilt);
//   ForgetRevoked  trusted state signed by a key the settings no longer pin is dropped,
//                  so rotating keys recovers a kiosk fast-forwarded by a leaked key;
//   CheckInstalled the installed pack against the sha256 it was installed with (or the
//                  trusted manifest's); a damaged one, or a `current` pointing anywhere
//                  but packs/, is repaired: fall back to the newest pack that verifies;
//   FindManifest   portal, then each mirror: conditional GET, signature against the
//                  pinned keys and its trusted comment, pack id, version >= trusted
//                  (rollback), not expired (freeze) and not valid for too long; a
//                  failing source is skipped, not fatal, until none is left;
//   Trust          the verified manifest becomes the trusted state *before* any
//                  download, so a newer signed version is never forgotten;
//   Plans          the smallest way from the installed version: a content delta (when
//                  our content stream is its base and our index recipe the
//                  publisher's), a pack delta, else the full pack;
//   Apply          for one plan: free space (checked sums), download resumed across runs
//                  (PartialDownload), sha256, rebuild into download/, size and sha256 of
//                  the raw pack, open + id + version + integrity, then rename into
//                  packs/, switch `current`, keep the previous pack, prune the rest.
// Anything that fails leaves `current` as it was (or as repaired by CheckInstalled).
// [SECTION] Status, rollback, admin lock state
#include <fcntl.h>
#include <sys/file.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <set>
#include <thread>

#include "content-pack/minisign.hpp"
#include "content-pack/portal.hpp"
#include "content-pack/rebuild.hpp"
#include "content-pack/text_safety.hpp"
#include "fetcher.hpp"
#include "pack_store.hpp"
#include "partial_download.hpp"
#include "state_store.hpp"
#include "sync/layout.hpp"
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
  bool Acquire(const std::string& path, std::string& error) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
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

// The sum of PARTS, or false when one is negative or the sum overflows int64.
bool CheckedSum(std::initializer_list<int64_t> parts, int64_t& out) {
  out = 0;
  for (int64_t p : parts)
    if (p < 0 || __builtin_add_overflow(out, p, &out)) return false;
  return true;
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
  std::string key_id;     // the pinned key that signed it
  size_t source = 0;
  bool not_modified = false;
  HttpValidators validators;
};

enum class Kind { ContentDelta, PackDelta, Full };
struct Plan {
  portal::FileRef file;
  Kind kind = Kind::Full;
  std::string from_sha256;  // content delta: the content stream it applies to
};

class UpdateRun {
 public:
  UpdateRun(const SyncSettings& settings, const RunOptions& options)
      : settings_(settings), options_(options), fetcher_(settings, options.cancel, options.progress, [this](const std::string& l) { Log(l); }) {}

  RunReport Run() {
    Stage("check");
    if (!Begin()) return report_;
    ForgetRevoked();
    CheckInstalled();
    report_.from_version = report_.to_version = current_ ? current_->version : 0;
    // A pack preinstalled by the image is trusted as far as its own version goes.
    if (current_ && current_trusted_ && current_->version > trusted_.version) trusted_.version = current_->version;

    std::optional<AcceptedManifest> accepted = FindManifest();
    if (!accepted) return report_;
    if (!Trust(*accepted)) return report_;
    const portal::Manifest& m = accepted->manifest;
    // A pack installed under a key no longer pinned is trusted again when a pinned key
    // signs exactly its bytes (a routine key rotation re-signs the current version).
    if (current_ && !current_trusted_ && current_->version == m.version) {
      const auto record = state_->Installed(current_->version);
      if (record && record->sha256 == m.raw_sha256) {
        state_->SaveInstalled(current_->version, {record->sha256, accepted->key_id});
        current_trusted_ = true;
      }
    }
    if (portal::CompareAppVersions(KIOSK_APP_VERSION, m.min_app_version) < 0)
      return Finish(RunResult::Failed, "version " + std::to_string(m.version) + " needs kiosk software " +
                                           m.min_app_version + " or newer; this kiosk runs " KIOSK_APP_VERSION);
    const bool have_it = current_ && current_trusted_ && current_->version >= m.version;
    if (have_it || trusted_.held_version >= m.version) CleanDownloads(store_->DownloadDir(), {});  // e.g. killed after installing
    if (have_it) {
      report_.note = Append(report_.note, "version " + std::to_string(current_->version) + " is current");
      return Finish(RunResult::AlreadyCurrent, "");
    }
    if (trusted_.held_version >= m.version) {
      report_.note = Append(report_.note, "version " + std::to_string(m.version) +
                                              " was rolled back by a technician; waiting for a newer one");
      return Finish(RunResult::AlreadyCurrent, "");
    }
    const std::vector<Plan> plans = Plans(m);
    // Partial files of any other target can never be resumed now: drop them.
    std::set<std::string> wanted;
    for (const Plan& p : plans)
      for (const std::string& name : PartialDownload::FileNames(p.file.url)) wanted.insert(name);
    CleanDownloads(store_->DownloadDir(), wanted);
    for (const Plan& plan : plans) {
      const Step step = Apply(plan, *accepted);
      if (step == Step::Done) return report_;
    }
    return Finish(RunResult::Failed, Join(errors_));
  }

 private:
  enum class Step { Done, TryNext };

  static std::string Append(const std::string& a, const std::string& b) { return a.empty() ? b : a + "; " + b; }

  void Log(const std::string& line) {
    if (options_.log) options_.log(pack::PrintableText(line));
  }
  void Stage(const char* name) {
    if (options_.stage) options_.stage(name);
  }

  RunReport Finish(RunResult result, std::string error) {
    report_.result = result;
    report_.error = pack::PrintableText(error);
    report_.note = pack::PrintableText(report_.note);
    report_.bytes = fetcher_.BytesReceived();
    const char* name = result == RunResult::Updated ? "updated" : result == RunResult::AlreadyCurrent ? "current" : "failed";
    if (state_ && !state_->RecordRun(name, report_.from_version, report_.to_version, report_.bytes, report_.source,
                                     report_.error, report_.note))
      Log("cannot record the run in state.sqlite: " + state_->LastError());
    return report_;
  }

  // --- Begin --------------------------------------------------------------------
  bool Begin() {
    auto layout = DeviceLayout::Open(settings_.data_dir, true);
    if (!layout.ok()) {
      report_.error = pack::PrintableText(layout.error());
      return false;
    }
    store_.emplace(*layout, settings_.pack_id);
    if (!lock_.Acquire(layout->LockPath(), report_.error)) return false;
    std::string set_aside;
    auto opened = StateStore::Open(layout->StatePath(), settings_.pack_id, &set_aside);
    if (!opened.ok()) {
      report_.error = pack::PrintableText(opened.error());
      return false;
    }
    state_ = std::move(*opened);
    if (!set_aside.empty()) {
      Log(set_aside);
      report_.note = set_aside;
    }
    for (const pack::minisign::PublicKey& k : settings_.parsed_keys) pinned_.insert(k.KeyIdHex());
    keys_ = settings_.parsed_keys;
    if (keys_.empty())
      for (const std::string& k : settings_.public_keys) {
        auto pk = pack::minisign::ParsePublicKey(k);
        if (!pk.ok()) {
          Finish(RunResult::Failed, "settings: public_key: " + pk.error());
          return false;
        }
        keys_.push_back(*pk);
        pinned_.insert(pk->KeyIdHex());
      }
    if (!state_->Trusted(&trusted_)) {
      Finish(RunResult::Failed, "cannot read the trusted state in state.sqlite: " + state_->LastError());
      return false;
    }
    if (!trusted_.manifest.empty())
      if (auto parsed = portal::ParseManifest(trusted_.manifest); parsed.ok()) trusted_manifest_ = std::move(*parsed);
    return true;
  }

  // --- ForgetRevoked --------------------------------------------------------------
  void ForgetRevoked() {
    if (trusted_.key_id.empty() || pinned_.count(trusted_.key_id)) return;
    Log("the trusted version " + std::to_string(trusted_.version) + " was signed by key " + trusted_.key_id +
        ", which the settings no longer pin: forgotten (key rotation)");
    const int64_t held = trusted_.held_version;
    trusted_ = TrustedState{};
    trusted_.held_version = held;
    trusted_manifest_.reset();
    state_->SaveTrusted(trusted_);
  }

  // --- CheckInstalled -------------------------------------------------------------
  // "" when the pack at P is the one it was installed as, else why not.
  std::string Damage(const InstalledPack& p) {
    std::string expected;
    if (auto record = state_->Installed(p.version)) expected = record->sha256;
    else if (trusted_manifest_ && trusted_manifest_->version == p.version) expected = trusted_manifest_->raw_sha256;
    auto sha = portal::Sha256File(p.path);
    if (!sha.ok()) return sha.error();
    if (!expected.empty()) {
      if (*sha != expected) return "its sha256 " + *sha + " is not the " + expected + " it was installed with";
    } else {
      // Installed before this record existed (a pack preinstalled by the image): verify
      // it once the long way and remember its hash.
      auto verified = VerifyPackFile(p.path, settings_.pack_id, p.version);
      if (!verified.ok()) return verified.error();
    }
    if (!state_->Installed(p.version)) state_->SaveInstalled(p.version, {*sha, ""});
    return "";
  }

  void CheckInstalled() {
    std::string problem;
    current_ = store_->Current(&problem);
    if (current_) {
      const std::string damage = Damage(*current_);
      if (damage.empty()) {
        const auto record = state_->Installed(current_->version);
        current_trusted_ = !record || record->key_id.empty() || pinned_.count(record->key_id);
        return;
      }
      problem = "installed version " + std::to_string(current_->version) + " is damaged: " + damage;
      store_->Remove(current_->version);
      state_->ForgetInstalled(current_->version);
      current_.reset();
    }
    if (problem.empty()) return;  // nothing installed yet
    Log(problem);
    for (const InstalledPack& p : store_->Installed()) {
      const std::string damage = Damage(p);
      if (!damage.empty()) {
        Log("installed version " + std::to_string(p.version) + " is damaged too: " + damage);
        store_->Remove(p.version);
        state_->ForgetInstalled(p.version);
        continue;
      }
      if (auto switched = store_->SwitchCurrent(p.version); switched.ok()) {
        current_ = p;
        report_.note = Append(report_.note, problem + "; fell back to version " + std::to_string(p.version));
        Log("fell back to version " + std::to_string(p.version));
        return;
      }
    }
    store_->RemoveCurrent();
    report_.note = Append(report_.note, problem + "; no other installed pack verifies: downloading the full pack");
  }

  // --- FindManifest ---------------------------------------------------------------
  std::optional<AcceptedManifest> FindManifest() {
    Stage("manifest");
    const std::time_t now = options_.now != 0 ? options_.now : std::time(nullptr);
    sources_ = {settings_.portal};
    sources_.insert(sources_.end(), settings_.mirrors.begin(), settings_.mirrors.end());
    folder_ = "/" + portal::PackFolder(settings_.pack_id) + "/";
    std::string expired_error;
    for (size_t i = 0; i < sources_.size(); ++i) {
      const std::string url = sources_[i] + folder_ + portal::kManifestName;
      HttpValidators cached = state_->Validators(url);
      bool conditional = !trusted_.manifest.empty() && cached.manifest_sha256 == trusted_.manifest_sha256 &&
                         (!cached.etag.empty() || !cached.last_modified.empty());
      for (int round = 0; round < 2; ++round) {
        AcceptedManifest candidate;
        std::string comment;  // the signature's trusted comment
        candidate.source = i;
        SmallFetch mf = fetcher_.FetchSmall(url, portal::kMaxManifestBytes, conditional ? cached.etag : "",
                                            conditional ? cached.last_modified : "");
        if (!Continue(mf.status)) return std::nullopt;
        if (mf.status == FetchStatus::NotModified && conditional) {
          candidate.text = trusted_.manifest;  // verified when it was fetched
          candidate.key_id = trusted_.key_id;
          candidate.not_modified = true;
          Log(url + ": not modified");
        } else if (mf.status != FetchStatus::Ok) {
          errors_.push_back(mf.status == FetchStatus::TooLarge ? url + ": manifest " + mf.error : mf.error);
          break;
        } else {
          SmallFetch sig = fetcher_.FetchSmall(url + ".minisig", portal::kMaxSignatureBytes);
          if (!Continue(sig.status)) return std::nullopt;
          if (sig.status != FetchStatus::Ok) {
            errors_.push_back(sig.error);
            break;
          }
          auto verified = pack::minisign::Verify(mf.body, sig.body, keys_);
          if (!verified.ok()) {
            if (round == 0) {
              // A publish may be between writing the signature and the manifest: once more.
              Log(url + ": signature check failed (" + verified.error() + "); fetching again");
              std::this_thread::sleep_for(std::chrono::milliseconds(std::min<long>(settings_.retry_base_ms, 10000)));
              conditional = false;
              continue;
            }
            errors_.push_back(url + ": signature rejected: " + verified.error());
            break;
          }
          candidate.text = std::move(mf.body);
          candidate.key_id = verified->key_id_hex;
          candidate.validators = {mf.etag, mf.last_modified, portal::Sha256Hex(candidate.text)};
          comment = verified->trusted_comment;
        }
        // Parsed once: a 304 reuses the trusted manifest parsed when the run began.
        auto parsed = candidate.not_modified && trusted_manifest_ ? pack::Expected<portal::Manifest>(*trusted_manifest_)
                                                                  : portal::ParseManifest(candidate.text);
        if (!parsed.ok()) {
          errors_.push_back(url + ": " + parsed.error());
          break;
        }
        if (!candidate.not_modified)
          if (auto agrees = portal::CheckTrustedComment(comment, *parsed); !agrees.ok()) {
            errors_.push_back(url + ": " + agrees.error());
            break;
          }
        candidate.manifest = std::move(*parsed);
        const std::string refusal = Refusal(url, candidate, now, expired_error);
        if (refusal.empty()) return candidate;
        errors_.push_back(refusal);
        break;
      }
    }
    if (!expired_error.empty()) {
      trusted_.frozen = true;
      trusted_.frozen_reason = expired_error;
      state_->SaveTrusted(trusted_);
    }
    Finish(RunResult::Failed, errors_.empty() ? "no source configured" : Join(errors_));
    return std::nullopt;
  }

  // False (and the run finished) when a fetch says the run must stop.
  bool Continue(FetchStatus status) {
    if (status == FetchStatus::Cancelled) Finish(RunResult::Failed, "cancelled");
    else if (status == FetchStatus::Deadline) Finish(RunResult::Failed, DeadlineError());
    else return true;
    return false;
  }

  std::string DeadlineError() const {
    return "the run took longer than run_timeout_seconds (" + std::to_string(settings_.run_timeout_seconds) +
           " s): stopped; the partial download is kept for the next run";
  }

  // Why a signed, well-formed manifest is still refused ("" = accepted).
  std::string Refusal(const std::string& url, const AcceptedManifest& c, std::time_t now, std::string& expired_error) {
    const portal::Manifest& m = c.manifest;
    std::time_t expires = 0;
    portal::ParseUtc(m.expires, expires);
    if (m.pack_id != settings_.pack_id)
      return url + ": manifest is for pack \"" + m.pack_id + "\", this kiosk takes \"" + settings_.pack_id +
             "\" (mix and match)";
    if (m.version < trusted_.version)
      return url + ": manifest version " + std::to_string(m.version) + " is lower than the trusted version " +
             std::to_string(trusted_.version) + " (rollback attack or stale mirror)";
    if (m.version == trusted_.version && trusted_manifest_ && !c.not_modified &&
        trusted_manifest_->raw_sha256 != m.raw_sha256)
      return url + ": manifest version " + std::to_string(m.version) +
             " names different content than the trusted manifest of the same version (mix and match)";
    if (expires <= now) {
      expired_error = url + ": manifest expired at " + m.expires +
                      " (freeze: the portal has not re-signed it; keeping the installed pack)";
      return expired_error;
    }
    if (expires - now > portal::kMaxExpirySeconds)
      return url + ": manifest expires at " + m.expires + ", more than " +
             std::to_string(portal::kMaxExpirySeconds / 86400) +
             " days from now (a manifest that never expires defeats the freeze check): refused";
    return "";
  }

  // --- Trust ----------------------------------------------------------------------
  bool Trust(const AcceptedManifest& a) {
    const portal::Manifest& m = a.manifest;
    report_.source = sources_[a.source];
    trusted_.version = m.version;
    trusted_.expires = m.expires;
    trusted_.manifest = a.text;
    trusted_.manifest_sha256 = portal::Sha256Hex(a.text);
    trusted_.key_id = a.key_id;
    trusted_.frozen = false;
    trusted_.frozen_reason.clear();
    if (!state_->SaveTrusted(trusted_)) {
      Finish(RunResult::Failed, "cannot write state.sqlite: " + state_->LastError());
      return false;
    }
    // Validators only after the manifest they name is stored: a later 304 relies on it.
    if (!a.not_modified) state_->SaveValidators(sources_[a.source] + folder_ + portal::kManifestName, a.validators);
    return true;
  }

  // --- Plans ----------------------------------------------------------------------
  // Smallest first: a content delta (patch the installed pack's content stream, rebuild
  // the pack from it; needs the publisher's index recipe), a delta between whole packs,
  // and always the full pack last.
  std::vector<Plan> Plans(const portal::Manifest& m) {
    std::vector<Plan> plans;
    if (current_) {
      const std::string recipe = pack::IndexRecipe();
      for (const portal::ContentDeltaRef& d : m.content_deltas) {
        if (d.from != current_->version || d.file.size >= m.pack.size) continue;
        if (m.recipe == recipe) plans.push_back({d.file, Kind::ContentDelta, d.from_sha256});
        else Log("content delta " + d.file.url + " not usable: the portal indexes with \"" + m.recipe + "\", this kiosk with \"" + recipe + "\"");
      }
      for (const portal::DeltaRef& d : m.deltas)
        if (d.from == current_->version && d.file.size < m.pack.size) plans.push_back({d.file, Kind::PackDelta, ""});
      std::stable_sort(plans.begin(), plans.end(), [](const Plan& a, const Plan& b) { return a.file.size < b.file.size; });
    }
    plans.push_back({m.pack, Kind::Full, ""});
    return plans;
  }

  // --- Apply ----------------------------------------------------------------------
  Step Apply(const Plan& plan, const AcceptedManifest& a) {
    const portal::Manifest& m = a.manifest;
    const bool delta = plan.kind != Kind::Full, content = plan.kind == Kind::ContentDelta;
    const std::string download_dir = store_->DownloadDir();
    PartialDownload part(download_dir, plan.file.url, plan.file.size, plan.file.sha256);
    // A content delta also needs both content streams and the rebuild's work file.
    int64_t need = 0;
    if (!CheckedSum({plan.file.size - part.ValidBytes(), m.raw_size, int64_t{settings_.min_free_mb} << 20,
                     content ? m.content_size : 0, content ? m.content_size : 0, content ? m.raw_size : 0},
                    need)) {
      Finish(RunResult::Failed, "the manifest's sizes do not add up to a number (overflow): refused");
      return Step::Done;
    }
    const int64_t have = FreeBytes(store_->Layout().DataDir());
    if (have >= 0 && have < need) {
      if (content) {
        Log("not enough free space to rebuild from the content delta (" + Mib(need) + " needed); trying the next way");
        return Step::TryNext;
      }
      Finish(RunResult::Failed, "not enough free space in " + settings_.data_dir + ": the update needs " + Mib(need) +
                                    " (download, rebuilt pack and min_free_mb), " + Mib(have) + " are free");
      return Step::Done;
    }
    const std::string stem = download_dir + "/" + settings_.pack_id + "-";
    const std::string rebuilt = stem + std::to_string(m.version) + ".sqlite.rebuild";
    portal::ScratchFile old_stream{stem + std::to_string(current_ ? current_->version : 0) + ".content"};
    portal::ScratchFile new_stream{stem + std::to_string(m.version) + ".content"};
    if (content) {
      // Only worth downloading when our content is exactly what the delta was made from.
      auto made = pack::WriteContentStream(current_->path, old_stream.path);
      if (!made.ok() || made->sha256 != plan.from_sha256) {
        std::string why = made.ok() ? "its sha256 " + made->sha256 + " is not the delta's base " + plan.from_sha256 : made.error();
        if (!made.ok() && IsDiskTrouble(why)) {
          Finish(RunResult::Failed, why);
          return Step::Done;
        }
        Log("content delta not usable: the installed pack's content stream: " + why + "; trying the next way");
        return Step::TryNext;
      }
    }
    Stage("download");
    Log(std::string("downloading ") + (content ? "content delta " : delta ? "delta " : "pack ") + plan.file.url + " (" +
        std::to_string(plan.file.size) + " bytes)");
    bool downloaded = false;
    for (size_t k = 0; k < sources_.size() && !downloaded; ++k) {
      const std::string url = sources_[(a.source + k) % sources_.size()] + folder_ + plan.file.url;
      DownloadResult r = fetcher_.Download(url, part);
      if (r.status == FetchStatus::Cancelled) {
        Finish(RunResult::Failed, "cancelled; the partial download is kept");
        return Step::Done;
      }
      if (r.status == FetchStatus::Deadline) {
        Finish(RunResult::Failed, DeadlineError());
        return Step::Done;
      }
      if (r.status == FetchStatus::LocalError) {
        Finish(RunResult::Failed, r.error);
        return Step::Done;
      }
      if (r.status != FetchStatus::Ok) {
        errors_.push_back(r.error);
        continue;
      }
      auto sha = portal::Sha256File(part.PartPath());
      if (!sha.ok()) {
        Finish(RunResult::Failed, sha.error());
        return Step::Done;
      }
      if (*sha != plan.file.sha256) {
        errors_.push_back(url + ": sha256 " + *sha + " differs from the manifest's " + plan.file.sha256 +
                          " (mix and match or a corrupt mirror)");
        part.Discard();
        continue;
      }
      downloaded = true;
    }
    if (!downloaded) {
      if (delta) {
        Log(std::string(content ? "content delta" : "delta") + " unavailable; trying the next way");
        return Step::TryNext;
      }
      Finish(RunResult::Failed, Join(errors_));
      return Step::Done;
    }
    Stage("rebuild");
    Log("rebuilding version " + std::to_string(m.version));
    auto rebuild = content ? RebuildFromContentDelta(part.PartPath(), old_stream.path, new_stream.path, rebuilt, m)
                           : portal::Decompress(part.PartPath(), delta ? current_->path : "", rebuilt, m.raw_size);
    std::string failure;
    if (!rebuild.ok()) failure = rebuild.error();
    else if (rebuild->size != m.raw_size || rebuild->sha256 != m.raw_sha256)
      failure = "the rebuilt pack's sha256 " + rebuild->sha256 + " (" + std::to_string(rebuild->size) +
                " bytes) differs from the manifest's raw sha256 " + m.raw_sha256 + " (mix and match)";
    if (!failure.empty()) {
      ::unlink(rebuilt.c_str());
      errors_.push_back(failure);
      // A verified download is kept when only our disk failed: the next run rebuilds
      // from it without fetching a byte again. Content that does not rebuild is dropped.
      const bool disk_trouble = IsDiskTrouble(failure);
      if (!disk_trouble) part.Discard();
      if (delta && !disk_trouble) {
        Log(std::string(content ? "content delta" : "delta") + " did not rebuild (" + failure + "); trying the next way");
        return Step::TryNext;
      }
      Finish(RunResult::Failed, Join(errors_));
      return Step::Done;
    }
    auto verified = VerifyPackFile(rebuilt, m.pack_id, m.version);
    if (!verified.ok()) {
      ::unlink(rebuilt.c_str());
      Finish(RunResult::Failed, "version " + std::to_string(m.version) + ": " + verified.error());
      return Step::Done;
    }
    Stage("install");
    // Recorded before the switch: a kill in between leaves a record, never a pack without one.
    state_->SaveInstalled(m.version, {m.raw_sha256, a.key_id});
    auto installed = store_->Install(rebuilt, m.version);
    if (!installed.ok()) {
      ::unlink(rebuilt.c_str());
      Finish(RunResult::Failed, installed.error());
      return Step::Done;
    }
    const int64_t keep = current_ && current_trusted_ ? current_->version : 0;
    for (const InstalledPack& p : store_->Installed())
      if (p.version != m.version && p.version != keep) state_->ForgetInstalled(p.version);
    store_->Prune(m.version, keep);
    CleanDownloads(download_dir, {});  // incl. the part files of a plan not taken
    if (trusted_.held_version != 0) {
      trusted_.held_version = 0;
      state_->SaveTrusted(trusted_);
    }
    report_.used_delta = delta;
    report_.to_version = m.version;
    report_.note = Append(report_.note, std::string("installed version ") + std::to_string(m.version) +
                                            (content ? " from a content delta" : delta ? " from a delta" : ""));
    Log("installed version " + std::to_string(m.version));
    Finish(RunResult::Updated, "");
    return Step::Done;
  }

  const SyncSettings& settings_;
  const RunOptions& options_;
  Fetcher fetcher_;
  RunReport report_;
  RunLock lock_;
  std::optional<PackStore> store_;
  std::unique_ptr<StateStore> state_;
  std::vector<pack::minisign::PublicKey> keys_;
  std::set<std::string> pinned_;               // KeyIdHex() of the pinned keys
  TrustedState trusted_;
  std::optional<portal::Manifest> trusted_manifest_;  // trusted_.manifest, parsed once
  std::optional<InstalledPack> current_;
  bool current_trusted_ = true;                // false: installed under a key no longer pinned
  std::vector<std::string> sources_;
  std::string folder_;
  std::vector<std::string> errors_;
};

}  // namespace

RunReport RunOnce(const SyncSettings& settings, const RunOptions& options) { return UpdateRun(settings, options).Run(); }

// [SECTION] Status, rollback, admin lock state

pack::Expected<SyncStatus> ReadStatus(const SyncSettings& settings, int max_runs) {
  using R = pack::Expected<SyncStatus>;
  SyncStatus status;
  if (::access(settings.data_dir.c_str(), F_OK) != 0) return status;  // nothing installed yet
  auto layout = DeviceLayout::Open(settings.data_dir, false);
  if (!layout.ok()) return R::Fail(layout.error());
  PackStore store(*layout, settings.pack_id);
  status.current = store.Current();
  status.previous = store.Previous();
  if (::access(layout->StatePath().c_str(), F_OK) != 0) return status;
  auto opened = StateStore::Open(layout->StatePath(), settings.pack_id);
  if (!opened.ok()) return R::Fail(opened.error());
  TrustedState t;
  if (!(*opened)->Trusted(&t)) return R::Fail("cannot read state.sqlite: " + (*opened)->LastError());
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
  // Rows written by older versions (or a damaged file) may hold any bytes.
  return pack::DumpJson(doc, 2);
}

pack::Expected<InstalledPack> Rollback(const SyncSettings& settings) {
  using R = pack::Expected<InstalledPack>;
  if (::access(settings.data_dir.c_str(), W_OK) != 0)
    return R::Fail("cannot write " + settings.data_dir + ": " + std::strerror(errno));
  auto layout = DeviceLayout::Open(settings.data_dir, false);
  if (!layout.ok()) return R::Fail(layout.error());
  PackStore store(*layout, settings.pack_id);
  std::string error;
  RunLock lock;
  if (!lock.Acquire(layout->LockPath(), error)) return R::Fail(error);
  auto current = store.Current();
  if (!current) return R::Fail("no pack is installed");
  auto previous = store.Previous();
  if (!previous) return R::Fail("no previous pack to roll back to (none older than version " + std::to_string(current->version) + " is installed)");
  auto opened = StateStore::Open(layout->StatePath(), settings.pack_id);
  if (!opened.ok()) return R::Fail(opened.error());
  auto verified = VerifyPackFile(previous->path, settings.pack_id, previous->version);
  if (!verified.ok()) {
    (*opened)->RecordRun("failed", current->version, current->version, 0, "rollback", "rollback: " + verified.error());
    return R::Fail("the previous pack (version " + std::to_string(previous->version) + ") is unusable: " + verified.error());
  }
  TrustedState t;
  if (!(*opened)->Trusted(&t)) return R::Fail("cannot read state.sqlite: " + (*opened)->LastError());
  auto switched = store.SwitchCurrent(previous->version);
  if (!switched.ok()) return R::Fail(switched.error());
  t.held_version = std::max(t.held_version, current->version);
  (*opened)->SaveTrusted(t);
  (*opened)->RecordRun("rollback", current->version, previous->version, 0, "", "",
                       "rolled back from version " + std::to_string(current->version));
  return *previous;
}

}  // namespace kiosk::sync
