// asyncio.Condition: wait() releases the lock, waits for notify(), then takes the lock
// back before it returns (even when cancelled); notify(n) wakes the first n waiters in the
// order they waited, notify_all() all of them. Both require the lock to be held, as in
// Python (InvalidStateError otherwise). `async with cond:` is acquire() ... release().
//
//   co_await cond.acquire();
//   co_await cond.wait_for([&] { return !box.empty(); });
//   cond.release();
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "looplab/lock.hpp"
#include "looplab/waiter_list.hpp"

namespace looplab {

class Condition {
 public:
  // With its own lock, or with `lock` (shared with other conditions or code).
  explicit Condition(std::string_view name = "condition");
  explicit Condition(Lock& lock, std::string_view name = "condition");
  // For a primitive built on a condition (Barrier): waits show as `state` on `object`,
  // wake-ups as `cause`.
  Condition(TaskState state, WakeCause cause, ObjectId object, std::string_view lock_name);
  Condition(const Condition&) = delete;
  Condition& operator=(const Condition&) = delete;

  Lock::Acquire acquire() { return lock_->acquire(); }
  void release() { lock_->release(); }
  bool locked() const { return lock_->locked(); }
  Lock& lock() { return *lock_; }
  ObjectId object() const { return object_; }

  // Condition.wait(): true once notified and holding the lock again.
  Coro<bool> wait();
  // Condition.wait_for(predicate): waits until predicate() is true; returns it.
  template <class P> Coro<bool> wait_for(P predicate) {
    bool result = static_cast<bool>(predicate());
    while (!result) {
      co_await wait();
      result = static_cast<bool>(predicate());
    }
    co_return result;
  }
  void notify(std::size_t n = 1);
  void notify_all() { notify(waiters_.size()); }

 private:
  std::optional<Lock> own_lock_;
  Lock* lock_;
  TaskState state_ = TaskState::waiting_condition;
  WakeCause cause_ = WakeCause::condition;
  ObjectId object_;
  WaiterList waiters_;
};

}  // namespace looplab
