// asyncio.to_thread / loop.run_in_executor(None, ...): work that takes `seconds` on one of
// the executor's worker lanes, beside the loop. The loop stays free while it runs. Cancelling
// the awaiting task does not stop the work (a thread cannot be interrupted): the lane stays
// busy until it is done, as in CPython.
#pragma once

#include <cstdint>

#include "looplab/waiter.hpp"

namespace looplab {

class ToThread {
 public:
  explicit ToThread(double seconds);
  ToThread(const ToThread&) = delete;
  ToThread& operator=(const ToThread&) = delete;
  bool await_ready() const noexcept { return false; }
  void await_suspend(coro::coroutine_handle<> h);
  void await_resume();

 private:
  static void finished(void* self, std::uintptr_t);
  static void on_cancel(void* owner, Waiter& future);
  double seconds_;
  Waiter future_;
  std::uint32_t job_ = 0;
  EventLoop* loop_ = nullptr;
};

inline ToThread to_thread(double seconds) { return ToThread(seconds); }

}  // namespace looplab
