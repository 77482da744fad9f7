#include "http/cancellable_sleep.hpp"

namespace looplab::backend {

Awaitable<bool> sleep_unless_cancelled(std::chrono::nanoseconds duration, CancelSignal& cancel) {
  if (cancel.cancelled()) co_return false;
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  auto subscription = cancel.subscribe([&timer] { timer.cancel(); });
  // Subscribing starts the watch for a vanished client, which may cancel at once: a
  // timer cancelled before it waits would ignore it and sleep the whole duration.
  if (cancel.cancelled()) co_return false;
  error_code ec;
  co_await timer.async_wait(use_awaitable_with(ec));
  co_return !ec && !cancel.cancelled();
}

}  // namespace looplab::backend
