#include "http/session.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <limits>

#include "ops/client_address.hpp"
#include "server/server.hpp"
#include "streams/live_stream.hpp"

namespace looplab::backend {
namespace {

std::string describe(const tcp::endpoint& endpoint) {
  auto address = endpoint.address();
  if (address.is_v6()) return "[" + address.to_string() + "]:" + std::to_string(endpoint.port());
  return address.to_string() + ":" + std::to_string(endpoint.port());
}

bool is_disconnect(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor ||
         ec == asio::error::not_connected;
}

unsigned status_of(const Response& response) {
  return std::visit([](const auto& r) { return static_cast<unsigned>(r.result_int()); }, response);
}

// A request's read buffer may have grown to the header limit; holding that through
// a long wait, times every connection, is what the memory budget counts against.
constexpr std::size_t kept_buffer_bytes = 4096;

}  // namespace

Session::Session(tcp::socket socket, Server& server, ConnectionSlots::Slot slot)
    : socket_(std::move(socket)), server_(server), slot_(std::move(slot)) {
  error_code ec;
  auto endpoint = socket_.remote_endpoint(ec);
  remote_ = ec ? "unknown-client" : describe(endpoint);
  if (!ec) peer_ = endpoint.address();
  socket_.set_option(tcp::no_delay(true), ec);
}

void Session::start() {
  server_.add_session(*this);
  asio::co_spawn(socket_.get_executor(), run(shared_from_this()), asio::detached);
}

// `self` keeps the connection alive for as long as this coroutine runs (a parameter,
// because the frame is created before the coroutine first runs).
Awaitable<void> Session::run([[maybe_unused]] std::shared_ptr<Session> self) {
  cancel_.on_first_subscriber([this] { watch_for_vanished_client(); });
  try {
    while (co_await serve_one_request()) {
    }
  } catch (const std::exception& e) {
    server_.context().log.error("connection from " + remote_ + " failed: " + e.what());
  }
  phase_ = Phase::done;
  // The slot goes back before the close is sent: a client that has seen the close (a
  // `Connection: close` reply read to its end) can count on the slot being free again.
  slot_.release();
  close_socket();
  server_.remove_session(*this);
}

std::string Session::client_for_log(const Request& request) const {
  const auto& proxies = server_.config().trusted_proxies;
  if (proxies.empty()) return remote_;
  auto forwarded = request.find("X-Forwarded-For");
  if (forwarded == request.end()) return remote_;
  std::string client = client_address(peer_, forwarded->value(), proxies);
  return client.empty() ? remote_ : client;
}

Awaitable<bool> Session::serve_one_request() {
  const ServerConfig& config = server_.config();
  if (server_.stopping()) co_return false;
  parser_.emplace();
  parser_->header_limit(config.header_limit_bytes);
  // No limit while the header is parsed (Beast would call a large Content-Length a
  // parse error); vet_header refuses bodies with a sentence, read_request sets the limit.
  // (Not boost::none: Beast 1.74 compares the length with the empty optional, and loses.)
  parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
  phase_ = Phase::reading;
  deadline_ = Clock::now() + config.header_timeout;
  if (!co_await read_request()) co_return false;

  Request request = parser_->release();
  parser_.reset();
  if (buffer_.capacity() > kept_buffer_bytes && buffer_.size() <= kept_buffer_bytes) buffer_.shrink_to_fit();
  auto started = Clock::now();
  phase_ = Phase::handling;
  deadline_ = Clock::time_point::max();
  cancel_.reset();
  cut_.clear();
  RequestContext context{server_.context(), cancel_, remote_};
  Response response = co_await server_.router().dispatch(request, context);
  stop_watching_client();

  std::string client = client_for_log(request);
  AccessRecord record{client, request.method_string(), request.target(), status_of(response), 0, {}, {}};
  if (client_vanished_) {
    record.status = 499;  // nginx's "client closed request": no reply was possible
    record.duration = Clock::now() - started;
    server_.access_log().record(record);
    co_return false;
  }
  if (std::holds_alternative<StreamResponse>(response) && request.method() != http::verb::head)
    co_return co_await serve_stream(request, response, record, started);
  bool keep_alive = request.keep_alive() && !server_.stopping() && !cancel_.cancelled();
  finish_headers(response, request, keep_alive);
  phase_ = Phase::writing;
  deadline_ = Clock::now() + config.write_timeout;
  error_code ec;
  record.body_bytes = co_await write(response, request.method() == http::verb::head, ec);
  record.duration = Clock::now() - started;
  if (ec) record.outcome = cut_.empty() ? std::string_view("cut:client-gone") : std::string_view(cut_);
  server_.count_request();
  server_.access_log().record(record);
  if (ec) {
    if (!is_disconnect(ec) && cut_.empty()) server_.context().log.fail(ec, "writing a reply to " + remote_);
    co_return false;
  }
  co_return keep_alive;
}

void Session::watch_for_vanished_client() {
  if (phase_ != Phase::handling || watching_client_) return;
  // A peek tells "closed" (0) from "sent more" (>0) without consuming anything.
  char byte;
  ssize_t n = ::recv(socket_.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
    client_vanished_ = true;
    cancel_.cancel(CancelCause::client_gone, "the client closed the connection");
    return;
  }
  if (n > 0) return;  // pipelined requests are waiting: the client is still there
  watching_client_ = true;
  auto generation = ++watch_generation_;
  socket_.async_wait(tcp::socket::wait_read, [self = shared_from_this(), generation](const error_code& ec) {
    if (generation != self->watch_generation_) return;  // an old watch, from an earlier request
    self->watching_client_ = false;
    if (ec || self->phase_ != Phase::handling) return;
    self->watch_for_vanished_client();
  });
}

void Session::stop_watching_client() {
  if (!watching_client_) return;
  watching_client_ = false;
  ++watch_generation_;
  error_code ignored;
  socket_.cancel(ignored);
}

void Session::enforce_deadline(Clock::time_point now) {
  if (stream_) return stream_->enforce_deadline(now);
  if (now < deadline_) return;
  deadline_ = Clock::time_point::max();
  timed_out_ = true;
  error_code ignored;
  if (phase_ == Phase::reading)
    socket_.cancel(ignored);  // the session still answers 408 to a half-sent request
  else if (phase_ == Phase::writing)
    reset_socket("cut:write-timeout");
}

void Session::begin_shutdown() {
  if (stream_) return stream_->begin_shutdown();
  if (phase_ == Phase::reading && buffer_.size() == 0 && !(parser_ && parser_->got_some())) {
    error_code ignored;
    socket_.cancel(ignored);
  }
}

void Session::end_grace(const std::string& reason) {
  if (stream_) return stream_->end_grace();
  if (phase_ == Phase::handling)
    cancel_.cancel(CancelCause::server_shutdown, reason);
  else if (phase_ == Phase::writing)
    reset_socket("cut:shutdown");
  else
    close_socket();
}

}  // namespace looplab::backend
