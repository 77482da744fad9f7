#include "concurrency/native_run.hpp"

#include <time.h>

#include <algorithm>
#include <condition_variable>

namespace looplab::backend {
namespace {

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Sleeps like time.sleep, but wakes at once when the run is stopped.
void stoppable_sleep(double seconds, const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  wake.wait_for(lock, stop, std::chrono::duration<double>(seconds), [] { return false; });
}

}  // namespace

bool seed_is_prime(std::uint64_t n, const std::stop_token& stop) {
  for (std::uint64_t i = n - 1; i > 0; --i) {
    if ((i & 0xFFFFF) == 0 && stop.stop_requested()) return false;
    if (n % i == 0) return true;
  }
  return false;
}

NativeRun::NativeRun(const ConcurrencyRequest& request)
    : request_(request), started_(std::chrono::steady_clock::now()) {
  threads_.reserve(request.workers);
  // On a refused thread the vector's jthreads stop and join as the exception leaves.
  for (std::uint64_t worker = 0; worker < request.workers; ++worker)
    threads_.emplace_back([this, worker](std::stop_token stop) { work(worker, stop); });
}

NativeRun::~NativeRun() {
  for (auto& thread : threads_) thread.request_stop();
  threads_.clear();  // joins
}

void NativeRun::work(std::uint64_t worker, const std::stop_token& stop) {
  add({worker, true, seconds_since_start(), 0});
  double cpu_started = thread_cpu_seconds();
  const std::string& workload = request_.workload;
  if (workload == "sleep" || workload == "sleep-prime") stoppable_sleep(request_.seconds, stop);
  if ((workload == "prime" || workload == "sleep-prime") && !stop.stop_requested()) seed_is_prime(request_.prime, stop);
  add({worker, false, seconds_since_start(), thread_cpu_seconds() - cpu_started});
}

void NativeRun::add(WorkerEvent event) {
  std::lock_guard lock(mutex_);
  if (!event.start) ++ended_;
  events_.push_back(event);
}

std::vector<WorkerEvent> NativeRun::take_events() {
  std::vector<WorkerEvent> taken;
  {
    std::lock_guard lock(mutex_);
    taken.swap(events_);
  }
  std::stable_sort(taken.begin(), taken.end(), [](const auto& a, const auto& b) { return a.t < b.t; });
  return taken;
}

bool NativeRun::finished() const {
  std::lock_guard lock(mutex_);
  return ended_ == request_.workers;
}

double NativeRun::seconds_since_start() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

}  // namespace looplab::backend
