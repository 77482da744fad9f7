#pragma once
// One line per request on stdout. Lines go through a LogSink (written by its own
// thread, dropped and counted when the reader does not keep up), and at most
// --access-log-rate lines a second are written at all: a flood of requests cannot
// fill the disk faster than that. Safe to call from any thread.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "ops/log_sink.hpp"

namespace looplab::backend {

struct AccessRecord {
  std::string_view remote;   // "127.0.0.1:52344", or the client a trusted proxy forwarded for
  std::string_view method;
  std::string_view target;
  unsigned status = 0;       // 499 when the client went away before the reply
  std::uint64_t body_bytes = 0;  // body bytes actually sent
  std::chrono::steady_clock::duration duration{};
  std::string_view outcome;  // empty when the reply went out whole, else e.g. "cut:write-timeout"
};

class AccessLog {
 public:
  // lines_per_second: 0 means no bound.
  AccessLog(int fd, bool enabled, double lines_per_second);
  void record(const AccessRecord& entry);
  void flush();
  std::uint64_t dropped_lines() const;

 private:
  bool take_token(std::chrono::steady_clock::time_point now);

  LogSink sink_;
  const bool enabled_;
  const double rate_;
  mutable std::mutex mutex_;
  double tokens_;
  std::chrono::steady_clock::time_point refilled_at_;
  std::uint64_t over_rate_ = 0, over_rate_unreported_ = 0;
};

// Formats one line (without the timestamp); public so tests can check escaping.
void append_access_fields(std::string& out, const AccessRecord& entry);

}  // namespace looplab::backend
