// The deque of waiter futures every asyncio primitive keeps, with `_wakeup_next`: wake the
// first waiter that is not done yet.
#pragma once

#include <algorithm>
#include <cstdint>
#include <deque>

#include <exception>

#include "looplab/waiter.hpp"

namespace looplab {

class WaiterList {
 public:
  void push(Waiter& f) { waiters_.push_back(&f); }
  // Removes `f` if present (asyncio removes a waiter when its task resumes, in `finally`).
  void remove(Waiter& f) {
    auto it = std::find(waiters_.begin(), waiters_.end(), &f);
    if (it != waiters_.end()) waiters_.erase(it);
  }
  bool empty() const { return waiters_.empty(); }
  std::size_t size() const { return waiters_.size(); }
  // Queue._wakeup_next: pops waiters until one is not done, and completes it.
  bool pop_and_wake_next(WakeCause cause, std::uint32_t waker, std::uint32_t detail = 0) {
    while (!waiters_.empty()) {
      Waiter* f = waiters_.front();
      waiters_.pop_front();
      if (!f->done()) {
        f->set_result(cause, waker, detail);
        return true;
      }
    }
    return false;
  }
  // Condition.notify(n): wakes the first `n` waiters that are not done yet, leaving them
  // in the list (each removes itself when it resumes).
  void wake_first(std::size_t n, WakeCause cause, std::uint32_t waker, std::uint32_t detail) {
    std::size_t woken = 0;
    for (Waiter* f : waiters_) {
      if (woken >= n) break;
      if (!f->done()) {
        ++woken;
        f->set_result(cause, waker, detail);
      }
    }
  }
  // Lock._wake_up_first looks at the first waiter only, done or not.
  Waiter* first_any() const { return waiters_.empty() ? nullptr : waiters_.front(); }
  // Semaphore: the first waiter that is not done, leaving it in the list.
  Waiter* first_not_done() const {
    for (Waiter* f : waiters_)
      if (!f->done()) return f;
    return nullptr;
  }
  bool all_cancelled() const {
    return std::all_of(waiters_.begin(), waiters_.end(), [](const Waiter* f) { return f->cancelled(); });
  }
  bool any_not_cancelled() const { return !all_cancelled(); }
  template <class F> void for_each(F&& f) const {
    for (Waiter* w : waiters_) f(*w);
  }

 private:
  std::deque<Waiter*> waiters_;
};

// Queue.get's and Queue.put's `while <not ready>:` loop: wait in `line` until `ready()` holds
// (a woken waiter checks again, as another task may have come first). A waiter woken and
// then cancelled before it ran passes its turn on, as CPython's `_wakeup_next`.
struct LineWait {
  TaskState state;
  ObjectId object;
  std::uint32_t related = 0;       // shown at the other end of the wait
  WakeCause pass_on = WakeCause::queue;
  std::uint32_t pass_on_detail = 0;
};
template <class Ready> LOOPLAB_WASM_EH_SAFE Coro<void> wait_in_line(WaiterList& line, Ready ready, LineWait how) {
  while (!ready()) {
    Waiter waiter(how.state, how.object);
    waiter.set_related(how.related);
    line.push(waiter);
    std::exception_ptr error;
    try {
      co_await waiter;
    } catch (...) {
      error = std::current_exception();
    }
    if (error) {
      // `except: waiter.cancel(); line.remove(waiter); if ready and not waiter.cancelled(): wake next`
      waiter.cancel();
      line.remove(waiter);
      if (ready() && !waiter.cancelled()) line.pop_and_wake_next(how.pass_on, running_loop().current_task_id(), how.pass_on_detail);
      std::rethrow_exception(error);
    }
  }
}

}  // namespace looplab
