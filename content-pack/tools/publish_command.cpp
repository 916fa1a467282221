// content-pack publish / keygen: the publishing side of the portal protocol.
//   content-pack publish PACK --key SECRET_KEY --out PORTAL_DIR [--keep N]
//       [--expires-days D] [--min-app-version V] [--level L] [--password-file FILE]
//       [--no-pack-deltas] [--no-content-deltas]
//   content-pack keygen --public PUB --secret KEY [--password-file FILE | --unencrypted]
// Keys are minisign's: `minisign -G` pairs work here, our pairs work with minisign.
// The password of an encrypted key comes from --password-file or KIOSK_SIGN_PASSWORD,
// never from the command line (it would show in `ps`).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "content-pack/minisign.hpp"
#include "content-pack/portal.hpp"

namespace pack::cli {
namespace {

using portal::ReadWholeFile;

bool ParseInt(const std::string& text, int& out) {
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str() || *end != '\0' || v < -1000000 || v > 1000000) return false;
  out = static_cast<int>(v);
  return true;
}

// The password: first line of FILE, else $KIOSK_SIGN_PASSWORD, else empty.
bool LoadPassword(const std::string& file, std::string& password) {
  if (!file.empty()) {
    if (!ReadWholeFile(file, password)) {
      std::fprintf(stderr, "content-pack: cannot read password file %s\n", file.c_str());
      return false;
    }
    size_t nl = password.find_first_of("\r\n");
    if (nl != std::string::npos) password.resize(nl);
    return true;
  }
  if (const char* env = std::getenv("KIOSK_SIGN_PASSWORD")) password = env;
  return true;
}

bool WriteNewFile(const std::string& path, const std::string& data, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    std::fprintf(stderr, "content-pack keygen: cannot create %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  bool ok = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size()) && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok) std::fprintf(stderr, "content-pack keygen: cannot write %s\n", path.c_str());
  return ok;
}

}  // namespace

int RunPublish(const Args& args) {
  portal::PublishOptions options;
  std::string key_path, password_file;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= args.size()) return false;
      out = args[++i];
      return true;
    };
    std::string v;
    bool ok = true;
    if (a == "--key") ok = value(key_path);
    else if (a == "--out") ok = value(options.out_dir);
    else if (a == "--password-file") ok = value(password_file);
    else if (a == "--min-app-version") ok = value(options.min_app_version);
    else if (a == "--keep") ok = value(v) && ParseInt(v, options.keep);
    else if (a == "--expires-days") ok = value(v) && ParseInt(v, options.expires_days);
    else if (a == "--level") ok = value(v) && ParseInt(v, options.level);
    else if (a == "--no-pack-deltas") options.pack_deltas = false;
    else if (a == "--no-content-deltas") options.content_deltas = false;
    else if (!a.starts_with("--") && options.pack_path.empty()) options.pack_path = a;
    else ok = false;
    if (!ok) {
      std::fprintf(stderr, "content-pack publish: bad argument \"%s\"\n", a.c_str());
      options.pack_path.clear();
      break;
    }
  }
  if (options.pack_path.empty() || key_path.empty() || options.out_dir.empty()) {
    std::fprintf(stderr,
                 "usage: content-pack publish PACK --key SECRET_KEY --out PORTAL_DIR [--keep N]\n"
                 "         [--expires-days D] [--min-app-version V] [--level L] [--password-file FILE]\n"
                 "         [--no-pack-deltas] [--no-content-deltas]\n"
                 "  the password of an encrypted key: --password-file or env KIOSK_SIGN_PASSWORD\n");
    return 2;
  }
  if (!ReadWholeFile(key_path, options.secret_key_file)) {
    std::fprintf(stderr, "content-pack publish: cannot read the secret key %s\n", key_path.c_str());
    return 2;
  }
  if (!LoadPassword(password_file, options.password)) return 2;
  auto report = portal::Publish(options);
  if (!report.ok()) {
    std::fprintf(stderr, "content-pack publish: %s\n", report.error().c_str());
    return 1;
  }
  const portal::Manifest& m = report->manifest;
  std::printf("%s %s version %lld (expires %s)\n", report->refreshed ? "re-signed" : "published",
              m.pack_id.c_str(), static_cast<long long>(m.version), m.expires.c_str());
  std::printf("  pack %s: %lld bytes (raw %lld)\n", m.pack.url.c_str(), static_cast<long long>(m.pack.size),
              static_cast<long long>(m.raw_size));
  for (const portal::DeltaRef& d : m.deltas)
    std::printf("  delta %s: %lld bytes\n", d.file.url.c_str(), static_cast<long long>(d.file.size));
  for (const portal::ContentDeltaRef& d : m.content_deltas)
    std::printf("  content delta %s: %lld bytes\n", d.file.url.c_str(), static_cast<long long>(d.file.size));
  for (const std::string& w : report->warnings) std::fprintf(stderr, "content-pack publish: warning: %s\n", w.c_str());
  for (const std::string& p : report->pruned) std::printf("  pruned %s\n", p.c_str());
  return 0;
}

int RunKeygen(const Args& args) {
  std::string pub_path, sec_path, password_file;
  bool unencrypted = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if ((a == "--public" || a == "-p") && i + 1 < args.size()) pub_path = args[++i];
    else if ((a == "--secret" || a == "-s") && i + 1 < args.size()) sec_path = args[++i];
    else if (a == "--password-file" && i + 1 < args.size()) password_file = args[++i];
    else if (a == "--unencrypted" || a == "-W") unencrypted = true;
    else {
      pub_path.clear();
      break;
    }
  }
  if (pub_path.empty() || sec_path.empty()) {
    std::fprintf(stderr,
                 "usage: content-pack keygen --public PUB --secret KEY [--password-file FILE | --unencrypted]\n"
                 "  without --unencrypted the password comes from --password-file or KIOSK_SIGN_PASSWORD\n");
    return 2;
  }
  std::string password;
  if (!unencrypted) {
    if (!LoadPassword(password_file, password)) return 2;
    if (password.empty()) {
      std::fprintf(stderr, "content-pack keygen: no password (give --password-file, KIOSK_SIGN_PASSWORD, or --unencrypted)\n");
      return 2;
    }
  }
  auto pair = minisign::GenerateKeyPair(password);
  if (!pair.ok()) {
    std::fprintf(stderr, "content-pack keygen: %s\n", pair.error().c_str());
    return 1;
  }
  if (!WriteNewFile(sec_path, pair->secret_file, 0600)) return 1;
  if (!WriteNewFile(pub_path, pair->public_file, 0644)) return 1;
  auto pk = minisign::ParsePublicKey(pair->public_file);
  std::printf("key id %s\npublic_key = %s\n", pk->KeyIdHex().c_str(), pk->Base64().c_str());
  return 0;
}

}  // namespace pack::cli
