#pragma once
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility>.
#include <utility>
// (kept apart so include sorting never moves it below Asio)
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace looplab::db {
namespace asio = boost::asio;
}
