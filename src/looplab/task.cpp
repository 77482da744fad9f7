#include "looplab/task.hpp"

#include <algorithm>

namespace looplab {

TaskBase::~TaskBase() {
  if (root_) root_.destroy();
}

std::string TaskBase::name() const { return loop_->trace().task_name(id_); }

bool TaskBase::cancel() {
  if (done()) return false;
  if (wait_ != nullptr) {
    wait_->cancel_wait(*this);
  } else {
    must_cancel_ = true;  // delivered when it next resumes (or instead of its first step)
  }
  return true;
}

std::exception_ptr TaskBase::exception() {
  if (!done()) throw InvalidStateError("Exception is not set.");
  retrieved_ = true;
  return promise_->error;
}

bool TaskBase::remove_done_callback(const DoneCallback& cb) {
  auto it = std::find_if(done_callbacks_.begin(), done_callbacks_.end(),
                         [&](const DoneCallback& c) { return c.wakes == cb.wakes && c.call == cb.call; });
  if (it == done_callbacks_.end()) return false;
  done_callbacks_.erase(it);
  return true;
}

// asyncio's Task.__step: run the coroutine up to its next await (or its end).
void TaskBase::step() {
  if (!started_ && must_cancel_) {
    // Cancelled before its first step: CPython throws into the fresh coroutine, which ends
    // at once without running a line of its body.
    promise_->error = std::make_exception_ptr(CancelledError{});
    finish(TaskState::cancelled);
    return;
  }
  started_ = true;
  wait_ = nullptr;
  loop_->enter_task(*this);
  resume_point_.resume();
  loop_->leave_task();
  if (root_.done()) {
    const std::exception_ptr& error = promise_->error;
    finish(!error ? TaskState::done : is_cancellation(error) ? TaskState::cancelled : TaskState::failed);
    return;
  }
  // cancel() reached it while it ran: the await it has just suspended on is cancelled.
  if (must_cancel_ && wait_ != nullptr) wait_->cancel_wait(*this);
}

void TaskBase::finish(TaskState how) {
  finished_ = how;
  EventLoop& loop = *loop_;
  Trace& trace = loop.trace();
  const StringId error = how == TaskState::failed ? trace.add_text(error_text(promise_->error)) : 0;
  trace.record_task_finished(loop.time(), id_, how, error);
  // Nobody holds the task and nobody waits for it: its exception can never be retrieved.
  if (how == TaskState::failed && refs_ == 1 && done_callbacks_.empty() && !retrieved_)
    trace.record(loop.time(), EventKind::error_unretrieved, id_, 0, error);
  std::vector<DoneCallback> callbacks;
  callbacks.swap(done_callbacks_);
  for (const DoneCallback& cb : callbacks) {
    if (cb.wakes != nullptr)
      loop.schedule_step(*cb.wakes, WakeCause::task_done, id_);
    else
      loop.call_soon(cb.call);
  }
  loop.task_finished(*this);  // may delete this
}

void TaskWait::await_suspend(coro::coroutine_handle<> h) {
  EventLoop& loop = target_->loop();
  waiter_ = loop.current_task();
  loop.suspend_current(h, this, TaskState::waiting_task, target_->id());
  target_->add_done_callback(TaskBase::DoneCallback{waiter_, Callback{}});
}

void TaskWait::check_cancelled() const {
  if (waiter_ != nullptr) waiter_->throw_if_cancelled();
}

void TaskWait::cancel_wait(TaskBase& task) {
  // asyncio: cancelling a task that awaits another cancels that one; the waiter then gets
  // whatever it ends with. Only if it cannot be cancelled does the waiter itself raise.
  if (target_->done() || !target_->cancel()) task.set_must_cancel();
}

}  // namespace looplab
