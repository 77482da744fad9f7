#include "ops/wall_clock.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace looplab::backend {

void append_iso_timestamp(std::string& out) {
  using namespace std::chrono;
  auto now = system_clock::now();
  auto since_epoch = now.time_since_epoch();
  std::time_t seconds = static_cast<std::time_t>(duration_cast<std::chrono::seconds>(since_epoch).count());
  int millis = static_cast<int>(duration_cast<milliseconds>(since_epoch).count() % 1000);
  // Formatting the date part once per second keeps the per-request cost to a copy.
  thread_local std::time_t cached_second = -1;
  thread_local char cached[32];
  if (seconds != cached_second) {
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    std::strftime(cached, sizeof cached, "%Y-%m-%dT%H:%M:%S", &parts);
    cached_second = seconds;
  }
  char tail[8];
  std::snprintf(tail, sizeof tail, ".%03dZ", millis);
  out += cached;
  out += tail;
}

}  // namespace looplab::backend
