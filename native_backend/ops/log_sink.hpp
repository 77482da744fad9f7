#pragma once
// Where log lines go: a bounded buffer that a thread of its own writes to a file
// descriptor, so a slow, stuck or vanished reader of stdout/stderr never blocks or
// kills the thread that serves requests. Lines that do not fit are dropped and
// counted, and a line saying how many is written once the reader keeps up again.
//
// append() is safe to call from any number of threads.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace looplab::backend {

class LogSink {
 public:
  // capacity: bytes waiting to be written at most; past it, new lines are dropped.
  LogSink(int fd, std::size_t capacity, std::string name);
  ~LogSink();  // writes what it can within a second, then stops
  LogSink(const LogSink&) = delete;
  LogSink& operator=(const LogSink&) = delete;

  // Whole lines, each ending in '\n'. False when they were dropped.
  bool append(std::string_view lines);
  // Waits until everything appended so far is written, or `within` passed.
  void flush(std::chrono::milliseconds within);
  std::uint64_t dropped_lines() const;

 private:
  void run();
  // Writes without ever blocking for long: false when the reader is gone for good.
  bool write_out(std::string_view bytes);

  const int fd_;
  const std::size_t capacity_;
  const std::string name_;
  mutable std::mutex mutex_;
  std::condition_variable wake_writer_;
  std::condition_variable written_;
  std::string pending_;
  std::uint64_t appended_batches_ = 0, written_batches_ = 0;
  std::uint64_t dropped_ = 0, dropped_unreported_ = 0;
  bool stopping_ = false;
  bool reader_gone_ = false;
  std::chrono::steady_clock::time_point give_up_at_ = std::chrono::steady_clock::time_point::max();
  std::thread writer_;
};

}  // namespace looplab::backend
