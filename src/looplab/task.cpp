#include "looplab/task.hpp"

#include <algorithm>

namespace looplab {

TaskBase::~TaskBase() {
  if (root_) root_.destroy();
}

std::string TaskBase::name() const { return loop_->trace().task_name(id_); }

bool TaskBase::cancel(std::optional<std::string> msg) {
  return cancel_with(std::move(msg), WakeCause::cancelled, loop_->current_task_id(), 0);
}

bool TaskBase::cancel_with(std::optional<std::string> msg, WakeCause cause, std::uint32_t by, std::uint32_t detail) {
  retrieved_ = true;  // as CPython: cancel() clears the "never retrieved" flag, even when done
  if (done()) return false;
  RareState& r = rare();
  ++r.cancel_requests;
  // The first message wins until it is delivered (CPython: the waited-for future keeps it).
  if (!must_cancel_ && !r.cancel_message && msg) r.cancel_message = std::move(msg);
  r.cancel_cause = cause;
  r.cancel_by = by;
  r.cancel_detail = detail;
  if (wait_ != nullptr) {
    wait_->cancel_wait(*this);
  } else {
    set_must_cancel();  // delivered when it next resumes (or instead of its first step)
  }
  return true;
}

std::uint32_t TaskBase::cancel_wake_detail() {
  if (!rare_) return 0;
  if (rare_->cancel_detail != 0) return rare_->cancel_detail;
  return rare_->cancel_message ? loop_->trace().add_text(*rare_->cancel_message) : 0;
}

void TaskBase::raise_interruption() {
  if (closing_) throw GeneratorExit{};
  must_cancel_ = false;
  interrupted_ = false;
  if (rare_) rare_->cancel_cause = WakeCause::cancelled;
  throw CancelledError{take_cancel_message()};
}

std::exception_ptr TaskBase::exception() {
  if (!done()) throw InvalidStateError("Exception is not set.");
  if (cancelled()) std::rethrow_exception(take_cancelled_error());
  retrieved_ = true;
  return promise_->error;
}

std::exception_ptr TaskBase::take_cancelled_error() {
  if (!cancelled_error_taken_ && promise_->error) {
    cancelled_error_taken_ = true;
    return promise_->error;
  }
  return std::make_exception_ptr(CancelledError{rare_ ? rare_->final_message : std::nullopt});
}

void TaskBase::add_done_callback(DoneCallback cb) {
  if (done()) {
    // asyncio: a callback added to a finished future is scheduled with call_soon at once.
    if (cb.wakes != nullptr)
      loop_->schedule_step(*cb.wakes, WakeCause::task_done, id_);
    else
      loop_->schedule(cb.call);
    return;
  }
  if (!has_first_done_) {
    first_done_ = cb;
    has_first_done_ = true;
  } else {
    rare().more_done.push_back(cb);
  }
}

bool TaskBase::remove_done_callback(const DoneCallback& cb) {
  auto same = [&](const DoneCallback& c) { return c.wakes == cb.wakes && c.call == cb.call; };
  std::vector<DoneCallback>* more = rare_ ? &rare_->more_done : nullptr;
  if (has_first_done_ && same(first_done_)) {
    if (more == nullptr || more->empty()) {
      has_first_done_ = false;
    } else {
      first_done_ = more->front();
      more->erase(more->begin());
    }
    return true;
  }
  if (more == nullptr) return false;
  auto it = std::find_if(more->begin(), more->end(), same);
  if (it == more->end()) return false;
  more->erase(it);
  return true;
}

// asyncio's Task.__step: run the coroutine up to its next await (or its end).
void TaskBase::step(bool after_yield) {
  if (done()) return;  // a destroyed task's stale entry in a closed loop's queue
  if (!started_ && must_cancel_) {
    // Cancelled before its first step: CPython throws into the fresh coroutine, which ends
    // at once without running a line of its body.
    promise_->error = std::make_exception_ptr(CancelledError{take_cancel_message()});
    must_cancel_ = interrupted_ = false;
    finish(TaskState::cancelled);
    return;
  }
  started_ = true;
  wait_ = nullptr;
  loop_->enter_task(*this, after_yield);
  resume_point_.resume();
  loop_->leave_task();
  if (root_.done()) {
    const std::exception_ptr& error = promise_->error;
    if (!error && must_cancel_) {
      // cancel() reached it in its last step and it returned without awaiting again: it
      // ends cancelled all the same, its result dropped (Task.__step's StopIteration case).
      must_cancel_ = interrupted_ = false;
      RareState& r = rare();
      r.final_message = std::exchange(r.cancel_message, std::nullopt);
      promise_->error = std::make_exception_ptr(CancelledError{r.final_message});
      cancelled_error_taken_ = true;  // each retriever gets a fresh one, with the message
      finish(TaskState::cancelled);
      return;
    }
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
  if (how == TaskState::failed) error_text_ = trace.add_text(error_text(promise_->error));
  trace.record_task_finished(loop.time(), id_, how, error_text_);
  if (how != TaskState::destroyed) {
    auto run = [&](const DoneCallback& cb) {
      if (cb.wakes != nullptr)
        loop.schedule_step(*cb.wakes, WakeCause::task_done, id_);
      else
        loop.schedule(cb.call);
    };
    if (has_first_done_) run(first_done_);
    if (rare_ && !rare_->more_done.empty()) {
      std::vector<DoneCallback> more;
      more.swap(rare_->more_done);
      for (const DoneCallback& cb : more) run(cb);
    }
  } else if (rare_) {
    rare_->more_done.clear();  // a destroyed task never completes: its callbacks never run
  }
  has_first_done_ = false;
  loop.task_finished(*this);  // may delete this
}

void TaskBase::last_reference_dropped() {
  // CPython's Future.__del__: a failed task freed with its exception never looked at.
  if (failed() && !retrieved_ && !loop_->tearing_down())
    loop_->trace().record(loop_->time(), EventKind::error_unretrieved, id_, loop_->current_task_id(), error_text_);
  delete this;
}

void TaskBase::close() {
  if (done()) return;
  if (started_) {
    if (wait_ != nullptr) wait_->detach(*this);
    wait_ = nullptr;
    closing_ = interrupted_ = true;
    // Outside any task, as the garbage collector closes it in CPython.
    resume_point_.resume();
    if (!root_.done() && wait_ != nullptr) wait_->detach(*this);  // it ignored GeneratorExit
    wait_ = nullptr;
  }
  finish(TaskState::destroyed);
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
  // asyncio: cancelling a task that awaits another cancels that one (with the message);
  // the waiter then gets whatever it ends with. Only if it cannot be cancelled does the
  // waiter itself raise.
  if (target_->done() || !target_->cancel_with(task.cancel_message(), task.cancel_cause(), task.cancel_by(),
                                               task.cancel_detail()))
    task.set_must_cancel();
}

void TaskWait::detach(TaskBase& task) { target_->remove_done_callback(TaskBase::DoneCallback{&task, Callback{}}); }

namespace detail {

std::uint32_t add_task_done_handle(TaskBase& task, std::function<void()> fn) {
  EventLoop& loop = task.loop();
  const std::uint32_t id = loop.add_handle(std::move(fn), "done callback", &task);
  task.add_done_callback(TaskBase::DoneCallback{nullptr, loop.handle_callback(id)});
  return id;
}

std::size_t remove_task_done_handle(TaskBase& task, std::uint32_t id) {
  EventLoop& loop = task.loop();
  if (!task.remove_done_callback(TaskBase::DoneCallback{nullptr, loop.handle_callback(id)})) return 0;
  loop.drop_handle(id);
  return 1;
}

}  // namespace detail

}  // namespace looplab
