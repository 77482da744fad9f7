#pragma once
// The one place Asio and Beast are included, so every file sees the same workaround:
// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

namespace looplab::backend {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using error_code = boost::system::error_code;

template <class T>
using Awaitable = asio::awaitable<T>;

// Coroutine operations report errors in a variable instead of throwing: a closed
// connection is an ordinary event here, not an exception.
inline auto use_awaitable_with(error_code& ec) {
  return asio::redirect_error(asio::use_awaitable, ec);
}

}  // namespace looplab::backend
