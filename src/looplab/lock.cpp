#include "looplab/lock.hpp"

namespace looplab {

Lock::Lock(std::string_view name) : object_(running_loop().register_object(ObjectKind::lock, name)) {}

void Lock::release() {
  if (!locked_) throw InvalidStateError("Lock is not acquired.");
  locked_ = false;
  wake_up_first();
}

void Lock::wake_up_first() {
  if (Waiter* f = waiters_.empty() ? nullptr : waiters_.first_any()) {
    if (!f->done()) f->set_result(WakeCause::lock, current_loop() ? current_loop()->current_task_id() : 0);
  }
}

bool Lock::Acquire::await_ready() {
  if (!lock_->locked_ && lock_->waiters_.all_cancelled()) {
    lock_->locked_ = true;
    immediate_ = true;
    return true;
  }
  return false;
}

bool Lock::Acquire::await_resume() {
  if (immediate_) return true;
  lock_->waiters_.remove(future_);  // `finally: self._waiters.remove(fut)`
  try {
    future_.await_resume();
  } catch (const CancelledError&) {
    if (!lock_->locked_) lock_->wake_up_first();
    throw;
  }
  lock_->locked_ = true;
  return true;
}

}  // namespace looplab
