// Helpers for the content-pack tests: temporary folders, files, child processes.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "content-pack/builder.hpp"

namespace testing {

namespace fs = std::filesystem;

// A fresh folder under /tmp, removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "cpack-test-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    path_ = ::mkdtemp(buf.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  std::string operator/(const std::string& rel) const { return (path_ / rel).string(); }

 private:
  fs::path path_;
};

inline void WriteFile(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

inline std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Copies the committed mini source to DIR/src and returns that path.
inline fs::path CopyMiniSource(const TempDir& dir) {
  fs::path dst = dir.path() / "src";
  fs::copy(MINI_SOURCE_DIR, dst, fs::copy_options::recursive);
  return dst;
}

inline pack::BuildReport Build(const fs::path& src, const fs::path& out, int64_t version = 1) {
  pack::BuildOptions options;
  options.source_dir = src.string();
  options.output_path = out.string();
  options.version = version;
  options.created_epoch = 1700000000;
  return pack::BuildPack(options);
}

inline std::string Errors(const pack::BuildReport& report) {
  std::string out;
  for (const auto& d : report.diagnostics) out += d.Format() + "\n";
  return out;
}

struct CommandResult {
  int status = -1;
  std::string out;
  std::string err;
};

// Runs ARGS (no shell), capturing stdout and stderr.
inline CommandResult Run(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  CommandResult result;
  TempDir dir;
  std::string out_path = dir / "stdout", err_path = dir / "stderr";
  pid_t pid = ::fork();
  if (pid == 0) {
    FILE* o = std::freopen(out_path.c_str(), "w", stdout);
    FILE* e = std::freopen(err_path.c_str(), "w", stderr);
    (void)o; (void)e;
    for (const auto& kv : env) ::putenv(const_cast<char*>(kv.c_str()));
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    std::_Exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = ReadFile(out_path);
  result.err = ReadFile(err_path);
  return result;
}

}  // namespace testing
