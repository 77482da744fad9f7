#pragma once
// The server's threads: N event loops, each an io_context run by a thread of its own.
// A connection lives on one loop from accept to close, so its session, its timers and
// its stream never need a lock or a strand; what loops share (the connection slots,
// the stats, the logs, the pools) is thread-safe. One io_context per thread rather
// than one io_context run by N threads: no strand on every handler, and the
// one-thread io_context keeps its cheaper private queues.
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "http/asio_beast.hpp"

namespace looplab::backend {

class EventLoops {
 public:
  // Throws std::invalid_argument unless 1 <= count <= most_threads.
  explicit EventLoops(std::size_t count);
  EventLoops(const EventLoops&) = delete;
  EventLoops& operator=(const EventLoops&) = delete;

  static constexpr std::size_t most_threads = 256;
  // What --threads is when not given: the number of cores (1 when it cannot be told).
  static std::size_t default_count();

  std::size_t size() const { return loops_.size(); }
  asio::io_context& at(std::size_t index) { return loops_[index]->io; }
  // Loop 0 also holds the listening sockets, the signal handler and the shutdown timers.
  asio::io_context& main() { return at(0); }
  // Round robin: where the next accepted connection goes.
  std::size_t next_index();

  // Runs every loop, loop 0 on the calling thread, until release() let them run out of
  // work or stop() stopped them; returns after every thread has been joined.
  void run();
  // The loops may end once they have nothing left to do (shutdown is complete).
  void release();
  // Stops every loop now (a second signal, or the grace period overrun).
  void stop();

 private:
  struct Loop {
    asio::io_context io{1};
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> keep_running{io.get_executor()};
  };
  std::vector<std::unique_ptr<Loop>> loops_;
  std::size_t next_ = 0;  // touched by the accepting thread only (loop 0)
};

}  // namespace looplab::backend
