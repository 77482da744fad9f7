#pragma once
// The listening sockets: binds each address on one port (0 = the first free one,
// then the same port on the others) and hands accepted connections on, each one made
// a socket of the next event loop in turn.
//
// One set of sockets on loop 0 rather than one SO_REUSEPORT socket per loop: the
// kernel spreads SO_REUSEPORT connections by a hash of their addresses, so a handful
// of keep-alive clients can land on one loop while the others idle, where turns are
// even; a second server started on a taken port still fails with "address in use"
// instead of silently sharing it; and closing at shutdown resets nothing queued in
// a closed socket's backlog. Accepting is a small part of serving a connection, so one
// thread keeps up with the others.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "http/asio_beast.hpp"
#include "ops/logger.hpp"
#include "server/event_loops.hpp"

namespace looplab::backend {

class Listener {
 public:
  // Called on loop 0 with a socket of loop `loop_index`.
  using OnAccept = std::function<void(tcp::socket, std::size_t loop_index)>;

  Listener(EventLoops& loops, Logger& log);
  // Empty addresses means 127.0.0.1 and ::1 (::1 skipped with a warning if IPv6 is off).
  // Throws std::runtime_error with a readable sentence when binding fails.
  void bind(const std::vector<std::string>& addresses, std::uint16_t port);
  void start(OnAccept on_accept);
  void close();
  std::uint16_t port() const { return port_; }
  // "http://127.0.0.1:8000/ http://[::1]:8000/"
  std::string urls() const;

 private:
  Awaitable<void> accept_loop(tcp::acceptor& acceptor);
  bool try_bind_all(const std::vector<asio::ip::address>& addresses, std::uint16_t port, bool optional_v6,
                    std::string& error);

  EventLoops& loops_;
  asio::io_context& io_;  // loop 0's
  Logger& log_;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors_;
  OnAccept on_accept_;
  std::uint16_t port_ = 0;
  bool closed_ = false;
};

}  // namespace looplab::backend
