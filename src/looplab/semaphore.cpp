#include "looplab/semaphore.hpp"

#include <stdexcept>

namespace looplab {

Semaphore::Semaphore(int value, std::string_view name)
    : object_(running_loop().register_object(ObjectKind::semaphore, name)), value_(value) {
  if (value < 0) throw std::invalid_argument("Semaphore initial value must be >= 0");
}

void Semaphore::release() {
  ++value_;
  wake_up_next();
}

void BoundedSemaphore::release() {
  if (value_ >= bound_) throw std::invalid_argument("BoundedSemaphore released too many times");
  Semaphore::release();
}

void Semaphore::wake_up_next() {
  if (Waiter* f = waiters_.first_not_done()) {
    --value_;  // handed straight to that waiter
    f->set_result(WakeCause::semaphore, current_loop() ? current_loop()->current_task_id() : 0);
  }
}

bool Semaphore::Acquire::await_ready() {
  if (!sem_->locked()) {
    --sem_->value_;
    immediate_ = true;
    return true;
  }
  return false;
}

bool Semaphore::Acquire::await_resume() {
  if (immediate_) return true;
  sem_->waiters_.remove(future_);
  try {
    future_.await_resume();
  } catch (const CancelledError&) {
    if (!future_.cancelled()) {
      // It had been handed the count but was cancelled before running: pass it on.
      ++sem_->value_;
      sem_->wake_up_next();
    }
    throw;
  }
  if (sem_->value_ > 0) sem_->wake_up_next();
  return true;
}

}  // namespace looplab
