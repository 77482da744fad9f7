#pragma once
// A sleep that holds no thread and ends early when the request is cancelled.
#include <chrono>

#include "http/asio_beast.hpp"
#include "http/cancel_signal.hpp"

namespace looplab::backend {

// True when the whole duration passed; false when cancelled first.
Awaitable<bool> sleep_unless_cancelled(std::chrono::nanoseconds duration, CancelSignal& cancel);

}  // namespace looplab::backend
