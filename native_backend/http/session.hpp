#pragma once
// One client connection: read a request (within the header timeout), ask the router,
// write the reply (within the write timeout), repeat while keep-alive holds.
// session.cpp serves; session_read.cpp reads and vets requests; session_write.cpp
// writes replies and cuts connections.
#include <chrono>
#include <list>
#include <memory>
#include <optional>
#include <string>

#include "http/asio_beast.hpp"
#include "http/cancel_signal.hpp"
#include "server/connection_slots.hpp"
#include "http/http_message.hpp"
#include "http/request_vetting.hpp"

namespace looplab::backend {

class Server;
class LiveStream;
struct AccessRecord;

class Session : public std::enable_shared_from_this<Session> {
 public:
  using Clock = std::chrono::steady_clock;

  Session(tcp::socket socket, Server& server, ConnectionSlots::Slot slot);
  void start();

  // Called by the server's timeout sweep: cuts a client that is too slow to send its
  // request or to read its reply.
  void enforce_deadline(Clock::time_point now);
  // Shutdown: idle connections close now; busy ones close after their reply.
  void begin_shutdown();
  // Shutdown grace period over: waiting endpoints are cancelled, everything else closed
  // (a reply still being written is reset, so the client knows it is incomplete).
  void end_grace(const std::string& reason);

  // Set by the server: the event loop this connection lives on, and its place there.
  std::size_t loop_index = 0;
  std::list<Session*>::iterator registry_position;

 private:
  enum class Phase { reading, handling, writing, streaming, done };

  Awaitable<void> run(std::shared_ptr<Session> self);
  // False when the connection should close afterwards.
  Awaitable<bool> serve_one_request();

  // session_read.cpp: true when a request is ready in parser_; false when the
  // connection is to close (a refusal or error was answered, or the client left).
  Awaitable<bool> read_request();
  Awaitable<bool> read_header_bytes(std::size_t& header_end);
  Awaitable<void> answer_read_error(const error_code& ec);
  Awaitable<void> answer_refusal(const Refusal& refusal);

  // session_write.cpp
  Awaitable<std::uint64_t> write(Response& response, bool head_only, error_code& ec);
  template <class Body>
  Awaitable<std::uint64_t> write_message(http::response<Body>& response, bool head_only, error_code& ec);
  void finish_headers(Response& response, const Request& request, bool keep_alive) const;
  // Closes with a reset (RST), not a FIN: a cut reply must not look complete.
  void reset_socket(std::string_view why);
  void close_socket();
  // After refusing a request whose body may still be arriving: half-close, drain a
  // little, then close, so the reply is not destroyed by a reset.
  Awaitable<void> linger_close();

  // streams/session_stream.cpp: the rest of the connection is a live stream.
  // `response` holds a StreamResponse.
  Awaitable<bool> serve_stream(const Request& request, Response& response, AccessRecord& record,
                               Clock::time_point started);

  void watch_for_vanished_client();
  void stop_watching_client();
  std::string client_for_log(const Request& request) const;

  tcp::socket socket_;
  Server& server_;
  ConnectionSlots::Slot slot_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  CancelSignal cancel_;
  Phase phase_ = Phase::reading;
  Clock::time_point deadline_ = Clock::time_point::max();
  bool timed_out_ = false;
  bool watching_client_ = false;
  std::uint64_t watch_generation_ = 0;
  bool client_vanished_ = false;
  LiveStream* stream_ = nullptr;  // while Phase::streaming; the sweep and shutdown reach it here
  std::string cut_;  // why the reply being written was cut ("cut:write-timeout"), if it was
  asio::ip::address peer_;
  std::string remote_;
};

}  // namespace looplab::backend
