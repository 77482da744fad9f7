// loop.call_soon / call_later / call_at and the handles they return (asyncio.Handle,
// asyncio.TimerHandle): `fn` runs on the loop, outside any task; cancel() before it runs
// and it never does. A timer handle's when() is its deadline on the loop's clock. Each run
// is recorded in the trace under the callback's name (EventKind::callback), and an
// exception escaping it is recorded instead of propagating (EventKind::error_in_callback),
// as CPython logs "Exception in callback ...".
//
//   Handle h = loop.call_later(2.0, [] { print("tick"); }, "tick");
//   h.cancel();
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>

#include "looplab/event_loop.hpp"
#include "looplab/timer_heap.hpp"

namespace looplab {

namespace detail {
struct HandleState {
  std::function<void()> fn;
  StringId name = 0;
  TaskId creator = 0;
  TimerId timer;
  double when = std::numeric_limits<double>::quiet_NaN();  // NaN: call_soon
  bool cancelled = false;
  TaskBase* keep_alive = nullptr;  // released when the handle is dropped
  ~HandleState();
};
}  // namespace detail

class Handle {
 public:
  Handle() = default;
  Handle(EventLoop* loop, std::uint32_t id, std::shared_ptr<detail::HandleState> state)
      : loop_(loop), id_(id), state_(std::move(state)) {}

  // Handle.cancel(): if it has not run yet, it never will. Harmless afterwards.
  void cancel();
  bool cancelled() const { return state_ && state_->cancelled; }
  // TimerHandle.when(): the deadline, in loop time (NaN for a call_soon handle).
  double when() const { return state_ ? state_->when : std::numeric_limits<double>::quiet_NaN(); }
  explicit operator bool() const { return static_cast<bool>(state_); }

 private:
  EventLoop* loop_ = nullptr;
  std::uint32_t id_ = 0;
  std::shared_ptr<detail::HandleState> state_;
};

}  // namespace looplab
