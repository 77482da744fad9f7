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
  auto same = [&](const DoneCallback& c) { return c.wakes == cb.wakes && c.call == cb.call; };
  if (has_first_done_ && same(first_done_)) {
    if (more_done_.empty()) {
      has_first_done_ = false;
    } else {
      first_done_ = more_done_.front();
      more_done_.erase(more_done_.begin());
    }
    return true;
  }
  auto it = std::find_if(more_done_.begin(), more_done_.end(), same);
  if (it == more_done_.end()) return false;
  more_done_.erase(it);
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
  if (how == TaskState::failed && refs_ == 1 && !has_first_done_ && !retrieved_)
    trace.record(loop.time(), EventKind::error_unretrieved, id_, 0, error);
  auto run = [&](const DoneCallback& cb) {
    if (cb.wakes != nullptr)
      loop.schedule_step(*cb.wakes, WakeCause::task_done, id_);
    else
      loop.call_soon(cb.call);
  };
  if (has_first_done_) run(first_done_);
  has_first_done_ = false;
  std::vector<DoneCallback> more;
  more.swap(more_done_);
  for (const DoneCallback& cb : more) run(cb);
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
