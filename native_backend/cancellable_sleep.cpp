#include "cancellable_sleep.hpp"

namespace looplab::backend {

Awaitable<bool> sleep_unless_cancelled(std::chrono::nanoseconds duration, CancelSignal& cancel) {
  if (cancel.cancelled()) co_return false;
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  auto subscription = cancel.subscribe([&timer] { timer.cancel(); });
  error_code ec;
  co_await timer.async_wait(use_awaitable_with(ec));
  co_return !ec && !cancel.cancelled();
}

}  // namespace looplab::backend
