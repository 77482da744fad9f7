#include "session.hpp"

#include <sys/socket.h>

#include <cerrno>

#include "http_date.hpp"
#include "responses.hpp"
#include "server.hpp"

namespace looplab::backend {
namespace {

std::string describe(const tcp::socket& socket) {
  error_code ec;
  auto endpoint = socket.remote_endpoint(ec);
  if (ec) return "unknown-client";
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

}  // namespace

Session::Session(tcp::socket socket, Server& server) : socket_(std::move(socket)), server_(server) {
  remote_ = describe(socket_);
  error_code ignored;
  socket_.set_option(tcp::no_delay(true), ignored);
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
  close_socket();
  server_.remove_session(*this);
}

Awaitable<bool> Session::serve_one_request() {
  const ServerConfig& config = server_.config();
  if (server_.stopping()) co_return false;
  parser_.emplace();
  parser_->header_limit(config.header_limit_bytes);
  parser_->body_limit(config.body_limit_bytes);
  phase_ = Phase::reading;
  deadline_ = Clock::now() + config.header_timeout;

  error_code ec;
  co_await http::async_read(socket_, buffer_, *parser_, use_awaitable_with(ec));
  if (ec) {
    co_await answer_read_error(ec);
    co_return false;
  }

  Request request = parser_->release();
  auto started = Clock::now();
  phase_ = Phase::handling;
  deadline_ = Clock::time_point::max();
  cancel_.reset();
  RequestContext context{server_.context(), cancel_, remote_};
  Response response = co_await server_.router().dispatch(request, context);
  stop_watching_client();

  AccessRecord record{remote_, request.method_string(), request.target(), status_of(response), 0, {}};
  if (client_vanished_) {
    record.status = 499;  // nginx's "client closed request": no reply was possible
    record.duration = Clock::now() - started;
    server_.access_log().record(record);
    co_return false;
  }
  bool keep_alive = request.keep_alive() && !server_.stopping() && !cancel_.cancelled();
  finish_headers(response, request, keep_alive);
  phase_ = Phase::writing;
  deadline_ = Clock::now() + config.write_timeout;
  record.body_bytes = co_await write(response, request.method() == http::verb::head, ec);
  record.duration = Clock::now() - started;
  server_.count_request();
  server_.access_log().record(record);
  if (ec) {
    if (!is_disconnect(ec)) server_.context().log.fail(ec, "writing a reply to " + remote_);
    co_return false;
  }
  co_return keep_alive;
}

Awaitable<void> Session::answer_read_error(const error_code& ec) {
  std::optional<StringResponse> reply;
  Request blank;
  blank.version(11);
  blank.keep_alive(false);
  if (timed_out_) {
    // An idle keep-alive connection just closes; a half-sent request learns why.
    if (parser_->got_some())
      reply = error_response(blank, http::status::request_timeout,
                             "The request took too long to arrive: the whole header must come within " +
                                 std::to_string(server_.config().header_timeout.count()) + " ms.");
  } else if (ec == http::error::header_limit) {
    reply = error_response(blank, http::status::request_header_fields_too_large,
                           "The request header is too large: at most " +
                               std::to_string(server_.config().header_limit_bytes) + " bytes are accepted.");
  } else if (ec == http::error::body_limit) {
    reply = error_response(blank, http::status::payload_too_large,
                           "The request body is too large: at most " +
                               std::to_string(server_.config().body_limit_bytes) + " bytes are accepted.");
  } else if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
             ec != http::error::end_of_stream && ec != http::error::partial_message) {
    reply = error_response(blank, http::status::bad_request,
                           "The request is not valid HTTP/1.1 (" + ec.message() + ").");
  } else if (!is_disconnect(ec) && ec != http::error::partial_message) {
    server_.context().log.fail(ec, "reading a request from " + remote_);
  }
  if (!reply) co_return;
  Response response = std::move(*reply);
  finish_headers(response, blank, false);
  phase_ = Phase::writing;
  deadline_ = Clock::now() + std::min(server_.config().write_timeout, std::chrono::milliseconds(5000));
  error_code write_ec;
  auto bytes = co_await write(response, false, write_ec);
  server_.access_log().record({remote_, "-", "-", status_of(response), bytes, {}});
}

void Session::finish_headers(Response& response, const Request& request, bool keep_alive) const {
  const std::string& origin = server_.config().allow_origin;
  std::visit(
      [&](auto& r) {
        r.set(http::field::server, "LoopLab/" LOOPLAB_VERSION);
        r.set(http::field::date, current_http_date());
        if (!origin.empty()) {
          r.set(http::field::access_control_allow_origin, origin);
          if (origin != "*") r.insert(http::field::vary, "Origin");
          if (request.method() == http::verb::options) {
            auto allow = r.find(http::field::allow);
            if (allow != r.end()) r.set(http::field::access_control_allow_methods, allow->value());
            auto asked = request.find(http::field::access_control_request_headers);
            r.set(http::field::access_control_allow_headers,
                  asked != request.end() ? asked->value() : std::string_view{"Content-Type"});
            r.set(http::field::access_control_max_age, "600");
          }
        }
        r.keep_alive(keep_alive);
        auto status = r.result();
        bool bodiless = status == http::status::no_content || status == http::status::not_modified ||
                        r.result_int() < 200;
        if (!bodiless && r.find(http::field::content_length) == r.end()) r.prepare_payload();
      },
      response);
}

template <class Body>
Awaitable<std::uint64_t> Session::write_message(http::response<Body>& response, bool head_only, error_code& ec) {
  if (head_only) {
    http::response_serializer<Body> serializer{response};
    co_await http::async_write_header(socket_, serializer, use_awaitable_with(ec));
    co_return 0;
  }
  co_await http::async_write(socket_, response, use_awaitable_with(ec));
  auto length = response.find(http::field::content_length);
  if (length == response.end()) co_return 0;
  co_return std::strtoull(std::string(length->value()).c_str(), nullptr, 10);
}

Awaitable<std::uint64_t> Session::write(Response& response, bool head_only, error_code& ec) {
  if (auto* text = std::get_if<StringResponse>(&response)) {
    std::uint64_t size = text->body().size();
    co_await write_message(*text, head_only, ec);
    co_return head_only ? 0 : size;
  }
  co_return co_await write_message(std::get<FileResponse>(response), head_only, ec);
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
  if (now < deadline_) return;
  deadline_ = Clock::time_point::max();
  timed_out_ = true;
  error_code ignored;
  if (phase_ == Phase::reading)
    socket_.cancel(ignored);  // the session still answers 408 to a half-sent request
  else if (phase_ == Phase::writing)
    close_socket();
}

void Session::begin_shutdown() {
  if (phase_ == Phase::reading && !(parser_ && parser_->got_some())) {
    error_code ignored;
    socket_.cancel(ignored);
  }
}

void Session::end_grace(const std::string& reason) {
  if (phase_ == Phase::handling)
    cancel_.cancel(CancelCause::server_shutdown, reason);
  else
    close_socket();
}

void Session::close_socket() {
  error_code ignored;
  if (!socket_.is_open()) return;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

}  // namespace looplab::backend
