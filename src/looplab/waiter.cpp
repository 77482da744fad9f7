#include "looplab/waiter.hpp"

namespace looplab {

void Waiter::set_result(WakeCause cause, std::uint32_t waker, std::uint32_t detail) {
  if (done_) return;
  done_ = true;
  if (task_ != nullptr && task_->wait_site() == this) task_->loop().schedule_step(*task_, cause, waker, detail);
}

bool Waiter::cancel() {
  if (done_) return false;
  if (task_ != nullptr && task_->wait_site() == this) {
    cancel_wait(*task_);
  } else {
    done_ = cancelled_ = true;
  }
  return true;
}

void Waiter::await_suspend(coro::coroutine_handle<> h) {
  EventLoop& loop = running_loop();
  task_ = loop.current_task();
  if (silent_)
    task_->suspend(h, this);
  else
    loop.suspend_current(h, this, state_, related_, detail_);
}

void Waiter::await_resume() {
  if (task_ != nullptr) task_->throw_if_cancelled();
}

void Waiter::cancel_wait(TaskBase& task) {
  if (done_) {
    // Already woken, not yet run: the cancellation wins when it runs.
    task.set_must_cancel();
    return;
  }
  done_ = cancelled_ = true;
  if (on_cancel_ != nullptr) on_cancel_(owner_, *this);
  task.set_must_cancel();
  task.loop().schedule_step(task, task.cancel_cause(), task.cancel_by(), task.cancel_wake_detail());
}

void Waiter::detach(TaskBase&) {
  if (done_) return;
  done_ = cancelled_ = true;
  if (on_cancel_ != nullptr) on_cancel_(owner_, *this);
}

}  // namespace looplab
