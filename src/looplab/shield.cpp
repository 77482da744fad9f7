#include "looplab/shield.hpp"

namespace looplab::detail {

ShieldState::ShieldState(EventLoop& loop, TaskBase& inner)
    : loop_(&loop), inner_(&inner), object_(loop.register_object(ObjectKind::shield, "shield")) {
  inner_->retain();
}

ShieldState::~ShieldState() { inner_->release(); }

void ShieldState::await_suspend(coro::coroutine_handle<> h) {
  waiter_ = loop_->current_task();
  loop_->suspend_current(h, this, TaskState::waiting_task, inner_->id(), object_);
  retain();  // for the inner task's done callback
  callback_registered_ = true;
  inner_->add_done_callback(callback());
}

// shield()'s _inner_done_callback: the outer future takes the inner task's outcome and
// wakes the awaiter (one more turn).
void ShieldState::inner_done(void* self, std::uintptr_t) {
  auto* s = static_cast<ShieldState*>(self);
  s->callback_registered_ = false;
  if (s->outer_cancelled_) {
    if (!s->inner_->cancelled()) s->inner_->mark_retrieved();
  } else if (!s->outer_done_) {
    s->outer_done_ = true;
    // A cancelled inner task cancels the outer future, without a message (3.11); the
    // detail of a cancelled wake-up is the message, so 0 here.
    const bool cancelled = s->inner_->cancelled();
    if (s->waiter_ != nullptr && s->waiter_->wait_site() == s)
      s->loop_->schedule_step(*s->waiter_, cancelled ? WakeCause::cancelled : WakeCause::task_done, s->inner_->id(),
                              cancelled ? 0 : s->object_);
  }
  s->release();
}

void ShieldState::check_outcome() {
  if (waiter_ != nullptr) waiter_->throw_if_cancelled();
  // The inner task was cancelled: outer.cancel(), so the awaiter raises a new CancelledError.
  if (inner_->cancelled()) throw CancelledError{};
}

void ShieldState::cancel_wait(TaskBase& task) {
  if (outer_done_) {
    task.set_must_cancel();  // woken already: the cancellation wins when it runs
    return;
  }
  // Cancelling the awaiter cancels only the outer future; _outer_done_callback then
  // unhooks the inner task, which goes on.
  outer_done_ = outer_cancelled_ = true;
  if (callback_registered_ && inner_->remove_done_callback(callback())) {
    callback_registered_ = false;
    release();
  }
  task.set_must_cancel();
  loop_->schedule_step(task, task.cancel_cause(), task.cancel_by(), task.cancel_wake_detail());
}

void ShieldState::detach(TaskBase&) { outer_done_ = outer_cancelled_ = true; }

}  // namespace looplab::detail
