#include "server/listener.hpp"

#include <cerrno>
#include <stdexcept>

#include <boost/asio/ip/v6_only.hpp>

namespace looplab::backend {
namespace {

// The kernel caps the backlog at net.core.somaxconn; asking for more lets the
// sysctl decide. A short backlog drops bursts of new connections (Django's is 10).
constexpr int listen_backlog = 65535;

bool accept_error_is_transient(const error_code& ec) {
  return ec == asio::error::no_descriptors || ec.value() == ENFILE || ec == asio::error::no_buffer_space ||
         ec == asio::error::no_memory || ec == asio::error::connection_aborted || ec.value() == EPROTO ||
         ec.value() == EPERM;
}

}  // namespace

Listener::Listener(EventLoops& loops, Logger& log) : loops_(loops), io_(loops.main()), log_(log) {}

bool Listener::try_bind_all(const std::vector<asio::ip::address>& addresses, std::uint16_t port, bool optional_v6,
                            std::string& error) {
  acceptors_.clear();
  for (const auto& address : addresses) {
    auto acceptor = std::make_unique<tcp::acceptor>(io_);
    tcp::endpoint endpoint{address, port};
    error_code ec;
    acceptor->open(endpoint.protocol(), ec);
    if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec && address.is_v6()) acceptor->set_option(asio::ip::v6_only(true), ec);
    if (!ec) acceptor->bind(endpoint, ec);
    if (!ec) acceptor->listen(listen_backlog, ec);
    if (ec) {
      if (optional_v6 && address.is_v6() &&
          (ec == asio::error::address_family_not_supported || ec.value() == EADDRNOTAVAIL)) {
        log_.warn("IPv6 loopback ::1 is not available here (" + ec.message() + "); listening on 127.0.0.1 only");
        continue;
      }
      error = "cannot listen on " + address.to_string() + " port " + std::to_string(port) + ": " + ec.message();
      acceptors_.clear();
      return false;
    }
    // Port 0: the first bind chooses, the other addresses follow it.
    if (port == 0) port = acceptor->local_endpoint().port();
    acceptors_.push_back(std::move(acceptor));
  }
  port_ = port;
  return true;
}

void Listener::bind(const std::vector<std::string>& addresses, std::uint16_t port) {
  std::vector<asio::ip::address> parsed;
  bool defaults = addresses.empty();
  if (defaults) {
    parsed = {asio::ip::make_address("127.0.0.1"), asio::ip::make_address("::1")};
  } else {
    for (const auto& text : addresses) parsed.push_back(asio::ip::make_address(text));
  }
  std::string error;
  // With port 0 the chosen port may be taken on the next address: pick again.
  int attempts = port == 0 ? 20 : 1;
  for (int i = 0; i < attempts; ++i)
    if (try_bind_all(parsed, port, defaults, error)) return;
  throw std::runtime_error(error);
}

void Listener::start(OnAccept on_accept) {
  on_accept_ = std::move(on_accept);
  for (auto& acceptor : acceptors_) asio::co_spawn(io_, accept_loop(*acceptor), asio::detached);
}

void Listener::close() {
  closed_ = true;
  for (auto& acceptor : acceptors_) {
    error_code ignored;
    acceptor->close(ignored);
  }
}

std::string Listener::urls() const {
  std::string out;
  for (const auto& acceptor : acceptors_) {
    error_code ec;
    auto endpoint = acceptor->local_endpoint(ec);
    if (ec) continue;
    if (!out.empty()) out += ' ';
    out += "http://";
    out += endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]" : endpoint.address().to_string();
    out += ':' + std::to_string(endpoint.port()) + '/';
  }
  return out;
}

Awaitable<void> Listener::accept_loop(tcp::acceptor& acceptor) {
  asio::steady_timer pause(io_);
  while (!closed_) {
    error_code ec;
    std::size_t loop = loops_.next_index();
    tcp::socket socket = co_await acceptor.async_accept(loops_.at(loop), use_awaitable_with(ec));
    if (closed_) break;
    if (ec) {
      if (ec == asio::error::operation_aborted) break;
      log_.fail(ec, "accepting a connection");
      if (!accept_error_is_transient(ec)) break;
      // Out of file descriptors: retrying at once would spin; pausing lets connections close.
      pause.expires_after(std::chrono::milliseconds(100));
      co_await pause.async_wait(use_awaitable_with(ec));
      continue;
    }
    on_accept_(std::move(socket), loop);
  }
}

}  // namespace looplab::backend
