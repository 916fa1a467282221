// kiosk/log.hpp: the technician's log: stderr (the journal under systemd), an optional
// file (log_file), and the last lines in memory for the admin screen's log tail.
// Never shown to citizens.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include "touch-ui/clock.hpp"

namespace kiosk {

class Log {
 public:
  // Opens FILE for appending ("" = none). Returns false (and logs why) when it cannot.
  bool Open(const std::string& file);
  void Info(const std::string& message) { Write("info", message); }
  void Warn(const std::string& message) { Write("warn", message); }
  void Error(const std::string& message) { Write("error", message); }
  // The last N lines, oldest first: from the file when there is one (so lines of earlier
  // runs show too), otherwise from memory.
  std::vector<std::string> Tail(size_t n) const;

 private:
  void Write(const char* level, const std::string& message);
  std::string file_;
  std::deque<std::string> recent_;  // = 200 lines
};

}  // namespace kiosk
