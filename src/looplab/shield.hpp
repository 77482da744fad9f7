// asyncio.shield(aw): awaiting it is awaiting the task, except that cancelling the
// awaiting task does not cancel the shielded one: the awaiter raises CancelledError at once
// and the shielded task goes on. If the shielded task is cancelled some other way, the
// awaiter is cancelled too. The awaiter wakes two turns after the task finishes (the
// task's done callback completes an outer future, whose callback wakes the awaiter), as in
// CPython; shielding a task that has finished already does not suspend at all.
//
//   int r = co_await shield(task);           // task keeps running if we are cancelled
#pragma once

#include <utility>

#include "looplab/task.hpp"

namespace looplab {

namespace detail {

// The outer future and the two callbacks of shield(), shared with the inner task's done
// callback (which may run after the awaiter has gone).
class ShieldState final : public WaitSite {
 public:
  ShieldState(EventLoop& loop, TaskBase& inner);
  ~ShieldState();
  void retain() { ++refs_; }
  void release() {
    if (--refs_ == 0) delete this;
  }
  void await_suspend(coro::coroutine_handle<> h);
  // The awaiter's own cancellation, or CancelledError if the inner task was cancelled.
  void check_outcome();
  void cancel_wait(TaskBase& task) override;
  void detach(TaskBase& task) override;

 private:
  static void inner_done(void* self, std::uintptr_t);
  TaskBase::DoneCallback callback() { return {nullptr, Callback{&inner_done, this, 0}}; }
  EventLoop* loop_;
  TaskBase* inner_;
  TaskBase* waiter_ = nullptr;
  ObjectId object_;
  std::uint32_t refs_ = 1;
  bool outer_done_ = false;
  bool outer_cancelled_ = false;
  bool callback_registered_ = false;
};

}  // namespace detail

template <class T> class ShieldAwaitable {
 public:
  explicit ShieldAwaitable(Task<T> inner) : inner_(std::move(inner)) {}
  ShieldAwaitable(ShieldAwaitable&& o) noexcept : inner_(std::move(o.inner_)), state_(std::exchange(o.state_, nullptr)) {}
  ShieldAwaitable(const ShieldAwaitable&) = delete;
  ShieldAwaitable& operator=(const ShieldAwaitable&) = delete;
  ~ShieldAwaitable() {
    if (state_) state_->release();
  }

  bool await_ready() const noexcept { return inner_.done(); }
  void await_suspend(coro::coroutine_handle<> h) {
    state_ = new detail::ShieldState(inner_.base()->loop(), *inner_.base());
    state_->await_suspend(h);
  }
  T await_resume() {
    if (state_) state_->check_outcome();
    return inner_.result();
  }

 private:
  Task<T> inner_;
  detail::ShieldState* state_ = nullptr;
};

template <class T> ShieldAwaitable<T> shield(Task<T> task) { return ShieldAwaitable<T>(std::move(task)); }
// shield(coro()): the coroutine becomes a task at once (ensure_future).
template <class T> ShieldAwaitable<T> shield(Coro<T> coro) {
  return ShieldAwaitable<T>(running_loop().create_task(std::move(coro)));
}

}  // namespace looplab
