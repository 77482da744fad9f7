#include "looplab/future.hpp"

#include <algorithm>

namespace looplab::detail {

FutureCore::FutureCore(EventLoop& loop, std::string_view name)
    : loop_(&loop), object_(loop.register_object(ObjectKind::future, name)) {}

void FutureCore::mark_finished(std::exception_ptr error) {
  if (done()) throw InvalidStateError("invalid state: the future is already done");
  error_ = std::move(error);
  status_ = Status::finished;
  schedule_callbacks();
}

bool FutureCore::cancel(std::optional<std::string> msg) {
  if (done()) return false;
  status_ = Status::cancelled;
  cancel_message_ = std::move(msg);
  schedule_callbacks();
  return true;
}

void FutureCore::check_result() {
  if (status_ == Status::cancelled) throw CancelledError{cancel_message_};
  if (status_ != Status::finished) throw InvalidStateError("Result is not ready.");
  if (error_) std::rethrow_exception(error_);
}

std::exception_ptr FutureCore::exception() {
  if (status_ == Status::cancelled) throw CancelledError{cancel_message_};
  if (status_ != Status::finished) throw InvalidStateError("Exception is not set.");
  return error_;
}

void FutureCore::remove_wait(FutureWait& wait) {
  callbacks_.erase(std::remove_if(callbacks_.begin(), callbacks_.end(), [&](const Entry& e) { return e.wait == &wait; }),
                   callbacks_.end());
}

void FutureCore::add_handle(std::uint32_t id) {
  if (done()) {
    loop_->schedule(loop_->handle_callback(id));  // a done future schedules a new callback at once
    return;
  }
  callbacks_.push_back(Entry{nullptr, id});
}

std::size_t FutureCore::remove_handle(std::uint32_t id) {
  const auto before = callbacks_.size();
  callbacks_.erase(std::remove_if(callbacks_.begin(), callbacks_.end(),
                                  [&](const Entry& e) { return e.wait == nullptr && e.handle == id; }),
                   callbacks_.end());
  if (callbacks_.size() == before) return 0;
  loop_->drop_handle(id);
  return 1;
}

// Future.__schedule_callbacks: each callback, in order, with call_soon.
void FutureCore::schedule_callbacks() {
  resolver_ = loop_->current_task_id();
  std::vector<Entry> callbacks;
  callbacks.swap(callbacks_);
  const WakeCause cause = cancelled() ? WakeCause::cancelled : WakeCause::future;
  // What the wake-up names: the future, or for a cancellation its message (as Task.cancel's).
  std::uint32_t detail = object_;
  if (cancelled()) detail = cancel_message_ ? loop_->trace().intern(*cancel_message_) : 0;
  for (const Entry& e : callbacks) {
    if (e.wait != nullptr)
      e.wait->wake(cause, resolver_, detail);
    else
      loop_->schedule(loop_->handle_callback(e.handle));
  }
}

void FutureWait::await_suspend(coro::coroutine_handle<> h) {
  EventLoop& loop = core_->loop();
  task_ = loop.current_task();
  loop.suspend_current(h, this, TaskState::waiting_future, 0, core_->object());
  core_->add_wait(*this);
  registered_ = true;
}

void FutureWait::await_resume() {
  if (task_ != nullptr) {
    if (registered_) core_->remove_wait(*this);
    registered_ = false;
    task_->throw_if_cancelled();
  }
  core_->check_result();
}

void FutureWait::wake(WakeCause cause, std::uint32_t by, std::uint32_t detail) {
  registered_ = false;
  if (task_ != nullptr && task_->wait_site() == this) task_->loop().schedule_step(*task_, cause, by, detail);
}

void FutureWait::cancel_wait(TaskBase& task) {
  // Task.cancel(): the future it waits on is cancelled (waking every task that awaits it).
  // If it is already done, the task itself raises when it runs.
  if (!core_->cancel(task.cancel_message())) task.set_must_cancel();
}

void FutureWait::detach(TaskBase&) {
  if (registered_) core_->remove_wait(*this);
  registered_ = false;
}

}  // namespace looplab::detail
