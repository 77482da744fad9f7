// The waiter future every primitive keeps (asyncio's `loop.create_future()` inside Sleep,
// Queue.get, Lock.acquire...): a one-shot completion that one task awaits. Completing it
// schedules the awaiting task's next step (one loop iteration later, as future callbacks
// go through call_soon in asyncio). The asyncio.Future scenario code uses is future.hpp.
#pragma once

#include <cstdint>

#include "looplab/task.hpp"

namespace looplab {

class Waiter final : public WaitSite {
 public:
  // Called when the awaiting task is cancelled (or destroyed) while waiting, to detach the
  // waiter from its owner (a timer, a queue's waiters...).
  using CancelHook = void (*)(void* owner, Waiter& waiter);

  // `state` and `detail` are what the trace shows while a task waits on it.
  explicit Waiter(TaskState state, std::uint32_t detail = 0, CancelHook on_cancel = nullptr, void* owner = nullptr)
      : state_(state), detail_(detail), on_cancel_(on_cancel), owner_(owner) {}
  Waiter(const Waiter&) = delete;
  Waiter& operator=(const Waiter&) = delete;

  // The task shown at the other end of the wait (waiting_task: the awaited task).
  void set_related(std::uint32_t related) { related_ = related; }
  std::uint32_t related() const { return related_; }
  void set_detail(std::uint32_t detail) { detail_ = detail; }
  // The caller records the waiting state itself (the executor knows the lane).
  void set_silent() { silent_ = true; }
  bool done() const { return done_; }
  bool cancelled() const { return cancelled_; }
  TaskBase* waiter() const { return task_; }
  // Future.set_result: wakes the awaiting task, if one waits. No effect once done.
  // `detail` names the object that woke it, for the trace.
  void set_result(WakeCause cause, std::uint32_t waker = 0, std::uint32_t detail = 0);
  // Future.cancel: done, and the awaiting task (if any) wakes with CancelledError.
  bool cancel();

  bool await_ready() const noexcept { return done_; }
  void await_suspend(coro::coroutine_handle<> h);
  // Throws CancelledError if the waiter or the awaiting task was cancelled.
  void await_resume();

  void cancel_wait(TaskBase& task) override;
  void detach(TaskBase& task) override;

 private:
  TaskBase* task_ = nullptr;
  TaskState state_;
  std::uint32_t detail_;
  std::uint32_t related_ = 0;
  CancelHook on_cancel_;
  void* owner_;
  bool done_ = false;
  bool cancelled_ = false;
  bool silent_ = false;
};

}  // namespace looplab
