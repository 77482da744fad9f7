// A real-clock I/O driver for native builds: each operation runs on its own thread (by
// default it just takes its stated time, like a remote server would) and its completion is
// handed to the loop, which waits on it without knowing when it will come, as it waits on a
// socket. The browser's counterpart wraps emscripten_fetch.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "looplab/io.hpp"

namespace looplab {

class ThreadedIo final : public IoDriver {
 public:
  // `perform` runs on the operation's thread; the default sleeps simulated_seconds and
  // answers like SimulatedIo.
  using Perform = std::function<IoResult(const IoRequest&)>;
  explicit ThreadedIo(Perform perform = {});
  ~ThreadedIo() override;

  void start(IoOpId op, const IoRequest& request, double now) override;
  void cancel(IoOpId op) override;
  double next_completion_time() const override;
  void poll(double now, double max_wait, std::vector<IoCompletion>& out) override;
  std::size_t in_flight() const override;

 private:
  Perform perform_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<IoCompletion> done_;
  std::vector<IoOpId> cancelled_;
  std::size_t in_flight_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace looplab
