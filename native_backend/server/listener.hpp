#pragma once
// The listening sockets: binds each address on one port (0 = the first free one,
// then the same port on the others) and hands accepted connections on.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "http/asio_beast.hpp"
#include "ops/logger.hpp"

namespace looplab::backend {

class Listener {
 public:
  using OnAccept = std::function<void(tcp::socket)>;

  Listener(asio::io_context& io, Logger& log);
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

  asio::io_context& io_;
  Logger& log_;
  std::vector<std::unique_ptr<tcp::acceptor>> acceptors_;
  OnAccept on_accept_;
  std::uint16_t port_ = 0;
  bool closed_ = false;
};

}  // namespace looplab::backend
