// tests/support/nginx_server.cpp: see nginx_server.hpp.
#include "nginx_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace testsupport {
namespace {

sockaddr_in Loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

int FreePort() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = Loopback(0);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  int port = ntohs(a.sin_port);
  ::close(s);
  return port;
}

bool CanConnect(int port) {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a = Loopback(port);
  bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  ::close(s);
  return ok;
}

}  // namespace

NginxServer::NginxServer(const std::string& root, const std::string& dir) : dir_(dir) {
  const std::string& d = dir_;
  for (int attempt = 0; attempt < 5 && pid_ < 0; ++attempt) {
    port_ = FreePort();
    std::ofstream(d + "/nginx.conf")
        << "daemon off;\nworker_processes 1;\npid " << d << "/nginx.pid;\nerror_log " << d
        << "/error.log;\nevents { worker_connections 64; }\nhttp {\n"
           "  log_format plain '$status $body_bytes_sent \"$request\" \"$http_range\"';\n"
           "  access_log " << d << "/access.log plain;\n"
           "  client_body_temp_path " << d << "/body;\n  proxy_temp_path " << d << "/proxy;\n"
           "  fastcgi_temp_path " << d << "/fastcgi;\n  uwsgi_temp_path " << d << "/uwsgi;\n"
           "  scgi_temp_path " << d << "/scgi;\n"
           "  types { application/json json; }\n  default_type application/octet-stream;\n"
           "  server {\n    listen 127.0.0.1:" << port_ << ";\n    root " << root << ";\n  }\n}\n";
    pid_t pid = ::fork();
    if (pid < 0) break;
    if (pid == 0) {
      int devnull = ::open("/dev/null", O_RDWR);
      ::dup2(devnull, 1);
      ::dup2(devnull, 2);
      ::execl("/usr/sbin/nginx", "nginx", "-c", (d + "/nginx.conf").c_str(), "-p", d.c_str(), (char*)nullptr);
      ::_exit(127);
    }
    for (int i = 0; i < 200; ++i) {
      if (CanConnect(port_)) {
        pid_ = pid;
        break;
      }
      int status;
      if (::waitpid(pid, &status, WNOHANG) == pid) break;  // died: port taken? try another
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
    if (pid_ < 0) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
    }
  }
  if (pid_ < 0) {
    std::ifstream log(d + "/error.log");
    std::stringstream text;
    text << log.rdbuf();
    error_ = "nginx did not start: " + text.str();
  }
}

NginxServer::~NginxServer() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);  // the master stops its worker
    ::waitpid(pid_, nullptr, 0);
  }
}

}  // namespace testsupport
