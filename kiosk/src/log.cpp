// kiosk/log.cpp: writing and tailing the technician's log (see log.hpp).
#include "log.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>

namespace kiosk {

bool Log::Open(const std::string& file) {
  if (file.empty()) return true;
  std::ofstream probe(file, std::ios::app);
  if (!probe) {
    Error("cannot open log file " + file + " for appending; logging to stderr only");
    return false;
  }
  file_ = file;
  return true;
}

void Log::Write(const char* level, const std::string& message) {
  char stamp[32];
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  const std::string line = std::string(stamp) + " " + level + " " + message;
  std::fprintf(stderr, "kiosk: %s %s\n", level, message.c_str());
  recent_.push_back(line);
  if (recent_.size() > 200) recent_.pop_front();
  if (!file_.empty()) {
    std::ofstream out(file_, std::ios::app);
    out << line << '\n';
  }
}

std::vector<std::string> Log::Tail(size_t n) const {
  std::vector<std::string> lines;
  if (!file_.empty()) {
    std::ifstream in(file_);
    std::deque<std::string> last;
    std::string line;
    while (std::getline(in, line)) {
      last.push_back(line);
      if (last.size() > n) last.pop_front();
    }
    if (!last.empty()) return {last.begin(), last.end()};
  }
  size_t start = recent_.size() > n ? recent_.size() - n : 0;
  for (size_t i = start; i < recent_.size(); ++i) lines.push_back(recent_[i]);
  return lines;
}

}  // namespace kiosk
