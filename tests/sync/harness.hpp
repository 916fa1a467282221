// tests/sync/harness.hpp: real peers for the sync tests: temp folders, child processes,
// an nginx on a free loopback port serving a portal tree, small pack sources, a settings
// file. Everything is cleaned up by destructors, so a failing test leaves nothing behind.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "nginx_server.hpp"

namespace synctest {

std::string Bin(const std::string& tool);  // KIOSK_BINARY_DIR/bin/TOOL (or $KIOSK_TEST_BIN_DIR/TOOL)

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& Path() const { return path_; }
  std::string operator/(const std::string& rel) const { return path_ + "/" + rel; }

 private:
  std::string path_;
};

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs ARGV (no shell); STDIN_TEXT fed to the child; ENV added to the environment.
Result Run(const std::vector<std::string>& argv, const std::string& stdin_text = {},
           const std::map<std::string, std::string>& env = {});

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& data);
int64_t FileSize(const std::string& path);
bool Exists(const std::string& path);

// A pack source with COUNT faq items; items [0, changed) get text that depends on VARIANT.
void MakeSource(const std::string& dir, const std::string& pack_id, int count, int changed = 0,
                int variant = 0, int body_words = 40);
// content-pack build SRC -o OUT --version V; fails the test when the tool fails.
void BuildPack(const std::string& src, const std::string& out, int version);

struct KeyPair {
  std::string pub_file, sec_file, pub_line;
};
KeyPair MakeKeys(const std::string& dir, const std::string& name);  // minisign -G -W

// content-pack publish; returns the tool's result.
Result Publish(const std::string& pack, const KeyPair& key, const std::string& portal,
               const std::vector<std::string>& extra = {});

// An nginx serving ROOT on 127.0.0.1:PORT, with its own config, logs and temp dirs.
class Nginx {
 public:
  explicit Nginx(const std::string& root);  // fails the test when nginx does not start
  bool Ok() const { return server_.ok(); }
  std::string Url() const { return server_.Url(); }
  std::string AccessLog() const;  // "STATUS BYTES \"REQUEST\" \"RANGE\"" per line
  // The access log once it contains NEEDLE (nginx logs after responding: under load the
  // line can land after the client is done), or after 5 s whatever it holds.
  std::string AccessLogWhen(const std::string& needle) const;

 private:
  TempDir dir_;
  testsupport::NginxServer server_;
};

// A settings file with a [kiosk] section (ignored by sync) and [sync].
std::string WriteConfig(const std::string& path, const std::string& portal, const std::vector<std::string>& keys,
                        const std::string& data_dir, const std::string& extra = {},
                        const std::string& pack_id = "vn-test-sync");

// kiosk-sync --config CONF ARGS...
Result Sync(const std::string& conf, const std::vector<std::string>& args = {"--once"});

}  // namespace synctest
