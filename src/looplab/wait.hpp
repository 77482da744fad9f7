// asyncio.wait(tasks, return_when=..., timeout=...): waits until the condition holds and
// returns the tasks split into done and pending (in the order given; Python's sets have
// none). It raises nothing itself: failures stay in their tasks, and a timeout just returns
// what is done by then. Like CPython it wakes two turns after the deciding task finishes
// (its done callback, then the caller), and the tasks must be tasks, not coroutines.
//
//   auto [done, pending] = co_await wait(tasks, FIRST_COMPLETED);
#pragma once

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "looplab/waiter.hpp"

namespace looplab {

enum class ReturnWhen : std::uint8_t { first_completed, first_exception, all_completed };
inline constexpr ReturnWhen FIRST_COMPLETED = ReturnWhen::first_completed;
inline constexpr ReturnWhen FIRST_EXCEPTION = ReturnWhen::first_exception;
inline constexpr ReturnWhen ALL_COMPLETED = ReturnWhen::all_completed;
inline constexpr double kNoTimeout = std::numeric_limits<double>::infinity();

template <class T> struct WaitResult {
  std::vector<Task<T>> done;
  std::vector<Task<T>> pending;
};

namespace detail {

// _wait's waiter future, counter and timeout, shared with the tasks' done callbacks.
class WaitState {
 public:
  WaitState(EventLoop& loop, std::vector<TaskBase*> tasks, ReturnWhen when, double timeout);
  ~WaitState();
  WaitState(const WaitState&) = delete;
  WaitState& operator=(const WaitState&) = delete;
  void retain() { ++refs_; }
  void release() {
    if (--refs_ == 0) delete this;
  }
  Waiter& waiter() { return waiter_; }
  // The `finally:` of _wait: the timer cancelled, the callbacks removed.
  void finish();

 private:
  static void on_completion(void* self, std::uintptr_t index);
  static void on_timeout(void* self, std::uintptr_t);
  TaskBase::DoneCallback callback(std::size_t i) { return {nullptr, Callback{&on_completion, this, i}}; }
  EventLoop* loop_;
  std::vector<TaskBase*> tasks_;
  ReturnWhen when_;
  ObjectId object_;
  Waiter waiter_;
  TimerId timer_;
  bool has_timer_ = false;
  std::size_t counter_;
  std::uint32_t refs_ = 1;
};

const char* to_string(ReturnWhen when);
Coro<void> wait_until_done(std::vector<TaskBase*> tasks, ReturnWhen when, double timeout);

}  // namespace detail

// Throws std::invalid_argument for an empty list, as Python raises ValueError.
template <class T>
Coro<WaitResult<T>> wait(std::vector<Task<T>> tasks, ReturnWhen return_when = ALL_COMPLETED,
                         double timeout = kNoTimeout) {
  if (tasks.empty()) throw std::invalid_argument("Set of Tasks/Futures is empty.");
  std::vector<TaskBase*> bases;
  bases.reserve(tasks.size());
  for (const auto& t : tasks) bases.push_back(t.base());
  co_await detail::wait_until_done(std::move(bases), return_when, timeout);
  WaitResult<T> result;
  for (auto& t : tasks) (t.done() ? result.done : result.pending).push_back(std::move(t));
  co_return result;
}

}  // namespace looplab
