#pragma once
// co_await offload(pool, fn, cancel): runs fn(stop_token) on a pool thread and hands
// its return value back on the caller's executor. See worker_pool.hpp for what
// happens on cancellation, a full queue and shutdown.
#include <exception>
#include <memory>
#include <optional>
#include <stop_token>
#include <type_traits>
#include <utility>

#include "workers/worker_pool.hpp"

namespace looplab::backend {

template <class Result>
struct Offloaded {
  OffloadStatus status = OffloadStatus::finished;
  bool started = false;        // a pool thread had begun it (also when cancelled later)
  std::optional<Result> value; // set exactly when status is finished
  std::exception_ptr error;    // set exactly when status is failed

  bool finished() const { return status == OffloadStatus::finished; }
};

// `fn` is copied onto the pool thread: capture by value, never the request or the
// session (they may be gone while it still runs after a cancellation).
template <class Fn>
auto offload(WorkerPool& pool, Fn fn, CancelSignal& cancel)
    -> Awaitable<Offloaded<std::invoke_result_t<Fn&, std::stop_token>>> {
  using Result = std::invoke_result_t<Fn&, std::stop_token>;
  static_assert(!std::is_void_v<Result>, "return something (e.g. bool) from an offloaded function");
  // Shared, because a job cancelled while running still writes here after the caller left.
  auto slot = std::make_shared<std::optional<Result>>();
  // A named local, never a temporary in the co_await expression (see WorkerPool::run).
  WorkerPool::Work work = [slot, fn = std::move(fn)](std::stop_token stop) mutable {
    slot->emplace(fn(std::move(stop)));
  };
  OffloadOutcome outcome = co_await pool.run(std::move(work), cancel);
  Offloaded<Result> result;
  result.status = outcome.status;
  result.started = outcome.started;
  result.error = outcome.error;
  // Only a finished job's thread is done with the slot (its end was posted after it wrote).
  if (outcome.status == OffloadStatus::finished) result.value = std::move(*slot);
  co_return result;
}

}  // namespace looplab::backend
