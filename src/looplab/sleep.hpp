// asyncio.sleep: sleep(0) gives the loop one turn (the task goes to the back of the ready
// queue); sleep(d > 0) waits on a timer whose callback completes a future, so the task runs
// on the iteration after the timer fires, exactly as in CPython.
#pragma once

#include "looplab/future.hpp"

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
  static void on_cancel(void* owner, Future& future);
  double seconds_;
  Future future_;
  TimerId timer_;
  EventLoop* loop_ = nullptr;
  TaskBase* task_ = nullptr;
};

inline Sleep sleep(double seconds) { return Sleep(seconds); }
// Beats ::sleep(unsigned) from <unistd.h> for `sleep(1)` under `using namespace looplab`.
inline Sleep sleep(int seconds) { return Sleep(seconds); }

}  // namespace looplab
