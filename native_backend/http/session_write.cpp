// Session: writing a reply, counting the body bytes that really went out, and
// closing connections (cleanly, or with a reset when a reply was cut).
#include "http/http_date.hpp"
#include "http/security_headers.hpp"
#include "server/server.hpp"
#include "http/session.hpp"

namespace looplab::backend {

void Session::finish_headers(Response& response, const Request& request, bool keep_alive) const {
  const std::string& origin = server_.config().allow_origin;
  std::visit(
      [&](auto& r) {
        r.set(http::field::server, "LoopLab/" LOOPLAB_VERSION);
        r.set(http::field::date, current_http_date());
        add_security_headers(r);
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
        // A stream's body is open-ended: it ends with the connection.
        constexpr bool stream = std::is_same_v<std::decay_t<decltype(r)>, StreamResponse>;
        if (!stream && !bodiless && r.find(http::field::content_length) == r.end()) r.prepare_payload();
      },
      response);
}

// The header first, then the body: what the second write moved is exactly the body
// bytes the client got, also when the write was cut short.
template <class Body>
Awaitable<std::uint64_t> Session::write_message(http::response<Body>& response, bool head_only, error_code& ec) {
  http::response_serializer<Body> serializer{response};
  co_await http::async_write_header(socket_, serializer, use_awaitable_with(ec));
  if (ec || head_only) co_return 0;
  std::size_t body = co_await http::async_write(socket_, serializer, use_awaitable_with(ec));
  co_return body;
}

Awaitable<std::uint64_t> Session::write(Response& response, bool head_only, error_code& ec) {
  if (auto* text = std::get_if<StringResponse>(&response)) co_return co_await write_message(*text, head_only, ec);
  if (auto* stream = std::get_if<StreamResponse>(&response))  // only its header: HEAD
    co_return co_await write_message(static_cast<StringResponse&>(*stream), true, ec);
  co_return co_await write_message(std::get<FileResponse>(response), head_only, ec);
}

void Session::reset_socket(std::string_view why) {
  if (!socket_.is_open()) return;
  cut_ = why;
  error_code ignored;
  socket_.set_option(asio::socket_base::linger(true, 0), ignored);
  socket_.close(ignored);
}

void Session::close_socket() {
  error_code ignored;
  if (!socket_.is_open()) return;
  socket_.shutdown(tcp::socket::shutdown_both, ignored);
  socket_.close(ignored);
}

Awaitable<void> Session::linger_close() {
  error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  // The sweep closes the socket if the client never stops sending (the write deadline).
  deadline_ = Clock::now() + std::chrono::seconds(2);
  char sink[4096];
  std::size_t drained = 0;
  while (!ec && drained < (1u << 20)) {
    drained += co_await socket_.async_read_some(asio::buffer(sink), use_awaitable_with(ec));
  }
}

}  // namespace looplab::backend
