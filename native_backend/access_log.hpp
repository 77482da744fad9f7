#pragma once
// One line per request on stdout, buffered: under load a write(2) per request would
// cost more than the request itself, so lines are flushed in batches (at most 100 ms late).
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "asio_beast.hpp"

namespace looplab::backend {

struct AccessRecord {
  std::string_view remote;   // "127.0.0.1:52344"
  std::string_view method;
  std::string_view target;
  unsigned status = 0;       // 499 when the client went away before the reply
  std::uint64_t body_bytes = 0;
  std::chrono::steady_clock::duration duration{};
};

class AccessLog {
 public:
  AccessLog(asio::any_io_executor executor, int fd, bool enabled);
  void record(const AccessRecord& entry);
  void flush();

 private:
  void schedule_flush();

  asio::steady_timer flush_timer_;
  int fd_;
  bool enabled_;
  bool flush_scheduled_ = false;
  std::string pending_;
};

// Formats one line (without the timestamp); public so tests can check escaping.
void append_access_fields(std::string& out, const AccessRecord& entry);

}  // namespace looplab::backend
