// The deque of waiter futures every asyncio primitive keeps, with `_wakeup_next`: wake the
// first waiter that is not done yet.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>

#include "looplab/future.hpp"

namespace looplab {

class WaiterList {
 public:
  void push(Future& f) { waiters_.push_back(&f); }
  // Removes `f` if present (asyncio removes a waiter when its task resumes, in `finally`).
  void remove(Future& f) {
    auto it = std::find(waiters_.begin(), waiters_.end(), &f);
    if (it != waiters_.end()) waiters_.erase(it);
  }
  bool empty() const { return waiters_.empty(); }
  std::size_t size() const { return waiters_.size(); }
  // Queue._wakeup_next: pops waiters until one is not done, and completes it.
  bool pop_and_wake_next(WakeCause cause, std::uint32_t waker) {
    while (!waiters_.empty()) {
      Future* f = waiters_.front();
      waiters_.pop_front();
      if (!f->done()) {
        f->set_result(cause, waker);
        return true;
      }
    }
    return false;
  }
  // Lock._wake_up_first looks at the first waiter only, done or not.
  Future* first_any() const { return waiters_.empty() ? nullptr : waiters_.front(); }
  // Semaphore: the first waiter that is not done, leaving it in the list.
  Future* first_not_done() const {
    for (Future* f : waiters_)
      if (!f->done()) return f;
    return nullptr;
  }
  bool all_cancelled() const {
    return std::all_of(waiters_.begin(), waiters_.end(), [](const Future* f) { return f->cancelled(); });
  }
  bool any_not_cancelled() const { return !all_cancelled(); }
  template <class F> void for_each(F&& f) const {
    for (Future* w : waiters_) f(*w);
  }

 private:
  std::deque<Future*> waiters_;
};

}  // namespace looplab
