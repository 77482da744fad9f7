#include "looplab/wait_for.hpp"

namespace looplab::detail {

SharedWaiter* SharedWaiter::make(TaskId awaited, ObjectId object) {
  auto* w = new SharedWaiter();
  w->future_.set_related(awaited);
  w->future_.set_detail(object);
  w->object_ = object;
  return w;
}

// _release_waiter: whichever of the task and the timeout comes first completes the waiter.
void SharedWaiter::on_task_done(void* self, std::uintptr_t) {
  auto* w = static_cast<SharedWaiter*>(self);
  w->future_.set_result(WakeCause::task_done, w->future_.related(), w->object_);
  w->release();
}

void SharedWaiter::on_timeout(void* self, std::uintptr_t) {
  auto* w = static_cast<SharedWaiter*>(self);
  w->future_.set_result(WakeCause::timeout, 0, w->object_);
  w->release();
}

Coro<void> cancel_and_wait_base(TaskBase& task, ObjectId object) {
  SharedWaiter* waiter = SharedWaiter::make(task.id(), object);
  waiter->retain();  // for the done callback
  const TaskBase::DoneCallback cb = waiter->as_done_callback();
  task.add_done_callback(cb);
  task.cancel();
  bool cancelled = false;
  std::optional<std::string> message;
  Waiter& released = waiter->future();
  try {
    co_await released;
  } catch (const CancelledError& e) {
    cancelled = true;
    message = e.message;
  }
  if (task.remove_done_callback(cb)) waiter->release();
  waiter->release();
  if (cancelled) throw CancelledError{message};
}

}  // namespace looplab::detail
