// tests/sync/harness.cpp: see harness.hpp.
#include "harness.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <doctest/doctest.h>

namespace synctest {

namespace fs = std::filesystem;

std::string Bin(const std::string& tool) {
  // KIOSK_TEST_BIN_DIR runs the tests against other builds of the tools (e.g. a test
  // of a fix checked against the code before it).
  const char* dir = std::getenv("KIOSK_TEST_BIN_DIR");
  return (dir && *dir ? std::string(dir) : std::string(KIOSK_BINARY_DIR) + "/bin") + "/" + tool;
}

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "kiosk-sync-test-XXXXXX").string();
  char* p = ::mkdtemp(tmpl.data());
  REQUIRE(p != nullptr);
  path_ = p;
  ::chmod(path_.c_str(), 0755);  // nginx workers run as another user when the tests run as root
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

Result Run(const std::vector<std::string>& argv, const std::string& stdin_text,
           const std::map<std::string, std::string>& env) {
  TempDir io;
  const std::string in_path = io / "in", out_path = io / "out", err_path = io / "err";
  WriteFile(in_path, stdin_text);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int in = ::open(in_path.c_str(), O_RDONLY);
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  Result r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = ReadFile(out_path);
  r.err = ReadFile(err_path);
  return r;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& data) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << data;
  REQUIRE(out.good());
}

int64_t FileSize(const std::string& path) {
  struct stat st{};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : -1;
}

bool Exists(const std::string& path) {
  struct stat st{};
  return ::lstat(path.c_str(), &st) == 0;
}

void MakeSource(const std::string& dir, const std::string& pack_id, int count, int changed, int variant,
                int body_words) {
  WriteFile(dir + "/pack.yaml", "id: " + pack_id +
                                    "\ntitle: Tủ sách pháp luật thử nghiệm\npublisher: Sở Tư pháp\nlanguage: vi\n");
  static const char* words[] = {"hộ", "tịch", "khai", "sinh", "kết", "hôn", "chứng", "thực", "bản", "sao",
                                "giấy", "tờ", "ủy", "ban", "nhân", "dân", "xã", "phường", "thủ", "tục"};
  for (int i = 0; i < count; ++i) {
    std::mt19937 rng(static_cast<unsigned>(i * 7919 + (i < changed ? variant * 104729 : 0)));
    std::string body;
    for (int w = 0; w < body_words; ++w) body += std::string(words[rng() % 20]) + (w % 12 == 11 ? ".\n" : " ");
    std::string item = "---\ntype: faq\nid: faq-" + std::to_string(i) + "\ntitle: Câu hỏi số " + std::to_string(i) +
                       (i < changed ? " (sửa " + std::to_string(variant) + ")" : "") + "\nfield: Hộ tịch\n---\n" + body + "\n";
    WriteFile(dir + "/faq/q" + std::to_string(i) + ".md", item);
  }
}

void BuildPack(const std::string& src, const std::string& out, int version) {
  Result r = Run({Bin("content-pack"), "build", src, "-o", out, "--version", std::to_string(version)});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
}

KeyPair MakeKeys(const std::string& dir, const std::string& name) {
  KeyPair k;
  k.pub_file = dir + "/" + name + ".pub";
  k.sec_file = dir + "/" + name + ".key";
  Result r = Run({"/usr/bin/minisign", "-G", "-W", "-p", k.pub_file, "-s", k.sec_file});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::istringstream in(ReadFile(k.pub_file));
  std::getline(in, k.pub_line);
  std::getline(in, k.pub_line);
  return k;
}

Result Publish(const std::string& pack, const KeyPair& key, const std::string& portal,
               const std::vector<std::string>& extra) {
  std::vector<std::string> argv{Bin("content-pack"), "publish", pack, "--key", key.sec_file, "--out", portal};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return Run(argv);
}

Nginx::Nginx(const std::string& root) : server_(root, dir_.Path()) {
  REQUIRE_MESSAGE(server_.ok(), server_.error());
}

std::string Nginx::AccessLog() const {
  // nginx writes the log line after the response; give it a moment to land.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  return ReadFile(server_.AccessLogPath());
}

std::string Nginx::AccessLogWhen(const std::string& needle) const {
  std::string log;
  for (int i = 0; i < 100; ++i) {
    log = ReadFile(server_.AccessLogPath());
    if (log.find(needle) != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return log;
}

std::string WriteConfig(const std::string& path, const std::string& portal, const std::vector<std::string>& keys,
                        const std::string& data_dir, const std::string& extra, const std::string& pack_id) {
  std::string text = "# written by tests/sync\n[kiosk]\ncommune = UBND xã Vị Thủy\nidle_reset_seconds = 90\n\n[sync]\n";
  text += "portal = " + portal + "\npack_id = " + pack_id + "\n";
  for (const std::string& k : keys) text += "public_key = " + k + "\n";
  text += "data_dir = " + data_dir + "\nretries = 1\nretry_base_ms = 50\nconnect_timeout_seconds = 5\nmin_free_mb = 1\n";
  text += extra;
  WriteFile(path, text);
  return path;
}

Result Sync(const std::string& conf, const std::vector<std::string>& args) {
  std::vector<std::string> argv{Bin("kiosk-sync"), "--config", conf};
  argv.insert(argv.end(), args.begin(), args.end());
  return Run(argv);
}

}  // namespace synctest
