#pragma once
// One client connection: read a request (within the header timeout), ask the router,
// write the reply (within the write timeout), repeat while keep-alive holds.
#include <chrono>
#include <list>
#include <memory>
#include <optional>
#include <string>

#include "asio_beast.hpp"
#include "cancel_signal.hpp"
#include "http_message.hpp"

namespace looplab::backend {

class Server;

class Session : public std::enable_shared_from_this<Session> {
 public:
  using Clock = std::chrono::steady_clock;

  Session(tcp::socket socket, Server& server);
  void start();

  // Called by the server's timeout sweep: cuts a client that is too slow to send its
  // request or to read its reply.
  void enforce_deadline(Clock::time_point now);
  // Shutdown: idle connections close now; busy ones close after their reply.
  void begin_shutdown();
  // Shutdown grace period over: waiting endpoints are cancelled, everything else closed.
  void end_grace(const std::string& reason);

  std::list<Session*>::iterator registry_position;

 private:
  enum class Phase { reading, handling, writing, done };

  Awaitable<void> run(std::shared_ptr<Session> self);
  // False when the connection should close afterwards.
  Awaitable<bool> serve_one_request();
  Awaitable<void> answer_read_error(const error_code& ec);
  Awaitable<std::uint64_t> write(Response& response, bool head_only, error_code& ec);
  template <class Body>
  Awaitable<std::uint64_t> write_message(http::response<Body>& response, bool head_only, error_code& ec);
  void finish_headers(Response& response, const Request& request, bool keep_alive) const;
  void watch_for_vanished_client();
  void stop_watching_client();
  void close_socket();

  tcp::socket socket_;
  Server& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  CancelSignal cancel_;
  Phase phase_ = Phase::reading;
  Clock::time_point deadline_ = Clock::time_point::max();
  bool timed_out_ = false;
  bool watching_client_ = false;
  std::uint64_t watch_generation_ = 0;
  bool client_vanished_ = false;
  std::string remote_;
};

}  // namespace looplab::backend
