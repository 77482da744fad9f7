#include "looplab/to_thread.hpp"

namespace looplab {

ToThread::ToThread(double seconds)
    : seconds_(seconds), future_(TaskState::in_executor, 0, &on_cancel, this) {
  future_.set_silent();  // the executor records waiting_executor / in_executor itself
}

void ToThread::await_suspend(coro::coroutine_handle<> h) {
  EventLoop& loop = running_loop();
  loop_ = &loop;
  future_.await_suspend(h);
  job_ = loop.executor().submit(loop.time(), seconds_, loop.current_task_id(), Callback{&finished, this, 0},
                                loop.trace());
}

void ToThread::await_resume() { future_.await_resume(); }

// Runs on the loop once the worker is done (call_soon_threadsafe), then wakes the task.
void ToThread::finished(void* self, std::uintptr_t) {
  static_cast<ToThread*>(self)->future_.set_result(WakeCause::executor);
}

void ToThread::on_cancel(void* owner, Waiter&) {
  auto* self = static_cast<ToThread*>(owner);
  self->loop_->executor().abandon(self->job_);
}

}  // namespace looplab
