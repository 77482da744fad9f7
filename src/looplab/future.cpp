#include "looplab/future.hpp"

namespace looplab {

void Future::set_result(WakeCause cause, std::uint32_t waker) {
  if (done_) return;
  done_ = true;
  if (task_ != nullptr && task_->wait_site() == this) task_->loop().schedule_step(*task_, cause, waker);
}

bool Future::cancel() {
  if (done_) return false;
  if (task_ != nullptr && task_->wait_site() == this) {
    cancel_wait(*task_);
  } else {
    done_ = cancelled_ = true;
  }
  return true;
}

void Future::await_suspend(coro::coroutine_handle<> h) {
  EventLoop& loop = running_loop();
  task_ = loop.current_task();
  if (silent_)
    task_->suspend(h, this);
  else
    loop.suspend_current(h, this, state_, related_, detail_);
}

void Future::await_resume() {
  if (task_ != nullptr) task_->throw_if_cancelled();
}

void Future::cancel_wait(TaskBase& task) {
  if (done_) {
    // Already woken, not yet run: the cancellation wins when it runs.
    task.set_must_cancel();
    return;
  }
  done_ = cancelled_ = true;
  if (on_cancel_ != nullptr) on_cancel_(owner_, *this);
  task.set_must_cancel();
  EventLoop& loop = task.loop();
  loop.schedule_step(task, WakeCause::cancelled, loop.current_task_id());
}

}  // namespace looplab
