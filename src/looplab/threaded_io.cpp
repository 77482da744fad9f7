#include "looplab/threaded_io.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

namespace looplab {

ThreadedIo::ThreadedIo(Perform perform) : perform_(std::move(perform)) {
  if (!perform_) {
    perform_ = [](const IoRequest& request) {
      std::this_thread::sleep_for(std::chrono::duration<double>(std::max(0.0, request.simulated_seconds)));
      IoResult result;
      if (!request.simulated_error.empty()) {
        result.ok = false;
        result.error = request.simulated_error;
      } else if (request.kind == IoKind::db_query) {
        result.status = 0;
        result.rows = request.simulated_rows;
      } else {
        result.status = request.simulated_status;
        result.body = "response to " + request.target;
      }
      return result;
    };
  }
}

ThreadedIo::~ThreadedIo() {
  for (std::thread& t : threads_) t.join();
}

void ThreadedIo::start(IoOpId op, const IoRequest& request, double) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++in_flight_;
  }
  threads_.emplace_back([this, op, request] {
    IoResult result = perform_(request);
    std::lock_guard<std::mutex> lock(mutex_);
    done_.push_back(IoCompletion{op, std::move(result)});
    arrived_.notify_all();
  });
}

void ThreadedIo::cancel(IoOpId op) {
  std::lock_guard<std::mutex> lock(mutex_);
  cancelled_.push_back(op);
}

double ThreadedIo::next_completion_time() const { return std::numeric_limits<double>::infinity(); }

void ThreadedIo::poll(double, double max_wait, std::vector<IoCompletion>& out) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (done_.empty() && in_flight_ > 0 && max_wait > 0) {
    auto ready = [this] { return !done_.empty(); };
    if (max_wait == std::numeric_limits<double>::infinity())
      arrived_.wait(lock, ready);
    else
      arrived_.wait_for(lock, std::chrono::duration<double>(max_wait), ready);
  }
  for (IoCompletion& c : done_) {
    --in_flight_;
    auto it = std::find(cancelled_.begin(), cancelled_.end(), c.op);
    if (it != cancelled_.end()) {
      cancelled_.erase(it);
      continue;
    }
    out.push_back(std::move(c));
  }
  done_.clear();
}

std::size_t ThreadedIo::in_flight() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_flight_;
}

}  // namespace looplab
