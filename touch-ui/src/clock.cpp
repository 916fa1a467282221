// touch-ui/clock.cpp: the system and manual clocks (see clock.hpp).
#include "touch-ui/clock.hpp"

#include <chrono>

namespace touchui {

int64_t SystemClock::NowMs() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

int64_t SystemClock::WallSeconds() const {
  using namespace std::chrono;
  return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

ManualClock::ManualClock() : wall_start_s_(SystemClock().WallSeconds()) {}

}  // namespace touchui
