// tests/support/nginx_server.hpp: a real nginx on a free loopback port, serving a folder,
// for tests (tests/sync, through its harness) and benchmarks (bench-sync). No doctest
// here, so a benchmark can use it too; callers decide what a failure means.
#pragma once

#include <sys/types.h>

#include <string>

namespace testsupport {

class NginxServer {
 public:
  // Starts nginx serving ROOT with its config, logs and temp folders in DIR (which must
  // exist). Tries a few free ports; on failure ok() is false and error() has nginx's
  // error log.
  NginxServer(const std::string& root, const std::string& dir);
  ~NginxServer();  // stops it
  NginxServer(const NginxServer&) = delete;
  NginxServer& operator=(const NginxServer&) = delete;

  bool ok() const { return pid_ > 0; }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // One line per request: STATUS BYTES "REQUEST" "RANGE".
  std::string AccessLogPath() const { return dir_ + "/access.log"; }

 private:
  std::string dir_, error_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace testsupport
