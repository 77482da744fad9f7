#pragma once
// The contrast row of the lesson: the same is_prime and sleeps on C++ std::threads in
// the backend, one thread a worker (at most max_concurrency_workers), no GIL. The
// threads report start and end into a list that the stream's producer takes from.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

#include "concurrency/concurrency_request.hpp"

namespace looplab::backend {

struct WorkerEvent {
  std::uint64_t worker = 0;
  bool start = true;
  double t = 0;    // seconds since the run started
  double cpu = 0;  // on end: the thread's CPU time (CLOCK_THREAD_CPUTIME_ID)
};

// The seed's is_prime: counts down from n - 1 to the first divisor. Gives up (false)
// when `stop` is requested, checked every 2^20 steps.
bool seed_is_prime(std::uint64_t n, const std::stop_token& stop);

class NativeRun {
 public:
  // Starts the threads; throws std::system_error when the system refuses one (the
  // ones started are stopped and joined).
  explicit NativeRun(const ConcurrencyRequest& request);
  // Stops and joins: the threads give up within about a millisecond of CPU work.
  ~NativeRun();
  NativeRun(const NativeRun&) = delete;
  NativeRun& operator=(const NativeRun&) = delete;

  // The events reported since the last call, in time order.
  std::vector<WorkerEvent> take_events();
  bool finished() const;  // every worker has reported its end
  double seconds_since_start() const;

 private:
  void work(std::uint64_t worker, const std::stop_token& stop);
  void add(WorkerEvent event);

  ConcurrencyRequest request_;
  std::chrono::steady_clock::time_point started_;
  mutable std::mutex mutex_;
  std::vector<WorkerEvent> events_;
  std::uint64_t ended_ = 0;
  std::vector<std::jthread> threads_;
};

}  // namespace looplab::backend
