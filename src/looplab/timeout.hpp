// asyncio.timeout(delay) / timeout_at(when) (3.11): a deadline for a block of code in the
// running task. When it passes, the task is cancelled; the block's CancelledError becomes
// TimeoutError as it leaves. `async with asyncio.timeout(2): await slow()` is
//
//   co_await timeout(2, slow());                          // the value of slow(), if in time
//   co_await timeout(2, [&](Timeout& t) -> Coro<void> {   // several statements; t.reschedule()
//     co_await slow();
//   });
//
// A delay of kNoTimeout (infinity) is Python's timeout(None): no deadline. The trace shows
// the task woken by the expiry with WakeCause::timeout (detail: the timeout).
#pragma once

#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#include "looplab/task.hpp"
#include "looplab/wait.hpp"

namespace looplab {

class Timeout {
 public:
  // The deadline in loop time (kNoTimeout: none).
  explicit Timeout(double when);
  ~Timeout();
  Timeout(const Timeout&) = delete;
  Timeout& operator=(const Timeout&) = delete;

  double when() const { return when_; }
  // Moves the deadline (kNoTimeout: none). InvalidStateError unless inside the block.
  void reschedule(double when);
  // Did the deadline pass while the block ran?
  bool expired() const { return state_ == State::expiring || state_ == State::expired; }

  // __aenter__ / __aexit__, for the helpers below.
  void enter();
  // Rethrows `body_error`, as TimeoutError if it is the cancellation the expiry caused.
  void exit(std::exception_ptr body_error);

 private:
  enum class State : std::uint8_t { created, entered, expiring, expired, exited };
  static void fire(void* self, std::uintptr_t generation);
  void disarm();
  double when_;
  State state_ = State::created;
  TaskBase* task_ = nullptr;
  EventLoop* loop_ = nullptr;
  ObjectId object_ = 0;
  TimerId timer_;
  bool armed_ = false;
  std::uint32_t soon_ = 0;  // the loop handle of a deadline already past (0: none)
  std::uintptr_t generation_ = 0;  // a fired timer of an older deadline is ignored
};

namespace detail {
template <class F> using BodyResult = typename std::invoke_result_t<F&, Timeout&>;
template <class C> struct CoroValue;
template <class T> struct CoroValue<Coro<T>> { using type = T; };

template <class T, class Make> Coro<T> run_with_timeout(double when, Make make) {
  Timeout scope(when);
  scope.enter();
  std::exception_ptr error;
  if constexpr (std::is_void_v<T>) {
    try {
      co_await make(scope);
    } catch (const GeneratorExit&) {
      throw;
    } catch (...) {
      error = std::current_exception();
    }
    scope.exit(error);
  } else {
    std::optional<T> value;
    try {
      value.emplace(co_await make(scope));
    } catch (const GeneratorExit&) {
      throw;
    } catch (...) {
      error = std::current_exception();
    }
    scope.exit(error);
    co_return std::move(*value);
  }
}
}  // namespace detail

// `async with asyncio.timeout_at(when): await body`.
template <class T> Coro<T> timeout_at(double when, Coro<T> body) {
  return detail::run_with_timeout<T>(when, [body = std::move(body)](Timeout&) mutable { return std::move(body); });
}
// `async with asyncio.timeout_at(when) as t:` around `body(t)`, a coroutine.
template <class F, class = std::enable_if_t<std::is_invocable_v<F&, Timeout&>>> auto timeout_at(double when, F body) {
  using T = typename detail::CoroValue<detail::BodyResult<F>>::type;
  return detail::run_with_timeout<T>(when, std::move(body));
}
// `async with asyncio.timeout(delay)`: the deadline is now + delay.
template <class B> auto timeout(double delay, B body) {
  return timeout_at(delay == kNoTimeout ? kNoTimeout : running_loop().time() + delay, std::move(body));
}

}  // namespace looplab
