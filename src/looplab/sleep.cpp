#include "looplab/sleep.hpp"

#include <cmath>
#include <stdexcept>

namespace looplab {

Sleep::Sleep(double seconds) : seconds_(seconds), waiter_(TaskState::waiting_timer, 0, &on_cancel, this) {
  if (std::isnan(seconds)) throw std::invalid_argument("sleep() needs a number of seconds, not NaN");
}

void Sleep::await_suspend(coro::coroutine_handle<> h) {
  EventLoop& loop = running_loop();
  loop_ = &loop;
  task_ = loop.current_task();
  if (seconds_ <= 0) {
    // asyncio's __sleep0: a bare yield; the task goes straight back to the ready queue.
    task_->suspend(h, nullptr);
    loop.schedule_step(*task_, WakeCause::yielded, task_->id());
    return;
  }
  // The timer's callback completes the waiter, which then schedules the task.
  // `arg` carries the task only so the loop can prefetch it before the timer fires.
  if (std::isfinite(seconds_))
    timer_ = loop.schedule_later(seconds_, Callback{&fire, this, reinterpret_cast<std::uintptr_t>(task_)});
  waiter_.await_suspend(h);
}

void Sleep::await_resume() {
  if (seconds_ <= 0)
    task_->throw_if_cancelled();
  else
    waiter_.await_resume();
}

void Sleep::fire(void* self, std::uintptr_t) { static_cast<Sleep*>(self)->waiter_.set_result(WakeCause::timer); }

void Sleep::on_cancel(void* owner, Waiter&) {
  auto* self = static_cast<Sleep*>(owner);
  self->loop_->cancel_timer(self->timer_);
}

}  // namespace looplab
