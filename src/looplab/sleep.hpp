// asyncio.sleep: sleep(0) gives the loop one turn (the task goes to the back of the ready
// queue); sleep(d > 0) waits on a timer whose callback completes a future, so the task runs
// on the iteration after the timer fires, exactly as in CPython. sleep(d, result) returns
// `result` when it wakes. sleep(inf) never wakes by itself (it can still be cancelled); a
// NaN delay throws std::invalid_argument.
#pragma once

#include <string>
#include <type_traits>
#include <utility>

#include "looplab/waiter.hpp"

namespace looplab {

class Sleep {
 public:
  explicit Sleep(double seconds);
  Sleep(const Sleep&) = delete;
  Sleep& operator=(const Sleep&) = delete;
  bool await_ready() const noexcept { return false; }
  void await_suspend(coro::coroutine_handle<> h);
  void await_resume();

 private:
  static void fire(void* self, std::uintptr_t);
  static void on_cancel(void* owner, Waiter& waiter);
  double seconds_;
  Waiter waiter_;
  TimerId timer_;
  EventLoop* loop_ = nullptr;
  TaskBase* task_ = nullptr;
};

// sleep(delay, result): the same wait, handing back `result`.
template <class T> class SleepWith : public Sleep {
 public:
  SleepWith(double seconds, T result) : Sleep(seconds), result_(std::move(result)) {}
  T await_resume() {
    Sleep::await_resume();
    return std::move(result_);
  }

 private:
  T result_;
};

inline Sleep sleep(double seconds) { return Sleep(seconds); }
// Beats ::sleep(unsigned) from <unistd.h> for `sleep(1)` under `using namespace looplab`.
inline Sleep sleep(int seconds) { return Sleep(seconds); }
template <class T> SleepWith<std::decay_t<T>> sleep(double seconds, T&& result) {
  return SleepWith<std::decay_t<T>>(seconds, std::forward<T>(result));
}
// A string literal comes back as a std::string, as Python's str.
inline SleepWith<std::string> sleep(double seconds, const char* result) {
  return SleepWith<std::string>(seconds, std::string(result));
}

}  // namespace looplab
