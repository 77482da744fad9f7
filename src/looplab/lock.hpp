// asyncio.Lock: FIFO; release() wakes the first waiter, which takes the lock when it runs.
#pragma once

#include <string_view>

#include "looplab/waiter_list.hpp"

namespace looplab {

class Lock {
 public:
  explicit Lock(std::string_view name = "lock");
  bool locked() const { return locked_; }
  // Throws InvalidStateError ("Lock is not acquired.") if not locked.
  void release();
  ObjectId object() const { return object_; }

  class Acquire {
   public:
    explicit Acquire(Lock& lock) : lock_(&lock), future_(TaskState::waiting_lock, lock.object_) {}
    bool await_ready();
    void await_suspend(coro::coroutine_handle<> h) {
      lock_->waiters_.push(future_);
      future_.await_suspend(h);
    }
    bool await_resume();

   private:
    Lock* lock_;
    Waiter future_;
    bool immediate_ = false;
  };
  Acquire acquire() { return Acquire(*this); }

 private:
  void wake_up_first();
  ObjectId object_;
  bool locked_ = false;
  WaiterList waiters_;
};

}  // namespace looplab
