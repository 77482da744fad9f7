// asyncio.Semaphore (3.11.2): release() hands the count straight to the first waiter, so a
// newcomer cannot overtake the tasks already waiting.
#pragma once

#include <string_view>

#include "looplab/waiter_list.hpp"

namespace looplab {

class Semaphore {
 public:
  // Throws std::invalid_argument for a negative value, as Python raises ValueError.
  explicit Semaphore(int value = 1, std::string_view name = "semaphore");
  Semaphore(const Semaphore&) = delete;
  Semaphore& operator=(const Semaphore&) = delete;
  bool locked() const { return value_ == 0 || waiters_.any_not_cancelled(); }
  int value() const { return value_; }
  void release();
  ObjectId object() const { return object_; }

  class Acquire {
   public:
    explicit Acquire(Semaphore& sem) : sem_(&sem), future_(TaskState::waiting_semaphore, sem.object_) {}
    bool await_ready();
    void await_suspend(coro::coroutine_handle<> h) {
      sem_->waiters_.push(future_);
      future_.await_suspend(h);
    }
    bool await_resume();

   private:
    Semaphore* sem_;
    Waiter future_;
    bool immediate_ = false;
  };
  Acquire acquire() { return Acquire(*this); }

 private:
  friend class Acquire;
  friend class BoundedSemaphore;
  void wake_up_next();
  ObjectId object_;
  int value_;
  WaiterList waiters_;
};

// asyncio.BoundedSemaphore: a release() that would raise the value above the initial one
// throws std::invalid_argument ("BoundedSemaphore released too many times"), as Python's
// ValueError.
class BoundedSemaphore : public Semaphore {
 public:
  explicit BoundedSemaphore(int value = 1, std::string_view name = "BoundedSemaphore")
      : Semaphore(value, name), bound_(value) {}
  void release();

 private:
  int bound_;
};

}  // namespace looplab
