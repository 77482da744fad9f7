// Session: reading one request and refusing what HTTP/1.1 says to refuse, before any
// endpoint sees it (request_vetting.hpp says what and why).
#include <algorithm>
#include <string_view>

#include "http/responses.hpp"
#include "server/server.hpp"
#include "http/session.hpp"

namespace looplab::backend {
namespace {

constexpr std::string_view end_of_header = "\r\n\r\n";
constexpr std::size_t read_chunk = 4096;

bool is_disconnect(const error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor ||
         ec == asio::error::not_connected || ec == http::error::end_of_stream || ec == http::error::partial_message;
}

std::string_view buffered(const beast::flat_buffer& buffer) {
  auto data = buffer.data();
  return {static_cast<const char*>(data.data()), data.size()};
}

}  // namespace

// Reads until the blank line that ends the header, without parsing: the raw bytes are
// vetted first (a parser would silently unfold obs-fold).
Awaitable<bool> Session::read_header_bytes(std::size_t& header_end) {
  const std::size_t limit = server_.config().header_limit_bytes;
  std::size_t searched = 0;
  for (;;) {
    // Empty lines before a request line are allowed (RFC 9112 section 2.2).
    while (buffered(buffer_).substr(0, 2) == "\r\n") buffer_.consume(2);
    std::string_view text = buffered(buffer_);
    auto found = text.find(end_of_header, searched > 3 ? searched - 3 : 0);
    if (found != std::string_view::npos && found + end_of_header.size() <= limit) {
      header_end = found + end_of_header.size();
      co_return true;
    }
    if (text.size() >= limit) {
      {
        // A named local, not a temporary: GCC 12 destroys temporaries in a co_await twice.
        const Refusal refusal{http::status::request_header_fields_too_large,
                               "The request header is too large: at most " + std::to_string(limit) +
                                   " bytes are accepted."};
        co_await answer_refusal(refusal);
      }
      co_return false;
    }
    searched = text.size();
    error_code ec;
    std::size_t n = co_await socket_.async_read_some(buffer_.prepare(std::min(read_chunk, limit - text.size() + 4)),
                                                     use_awaitable_with(ec));
    buffer_.commit(n);
    if (ec) {
      co_await answer_read_error(ec);
      co_return false;
    }
  }
}

Awaitable<bool> Session::read_request() {
  std::size_t header_end = 0;
  if (!co_await read_header_bytes(header_end)) co_return false;
  if (auto refusal = vet_raw_header(buffered(buffer_).substr(0, header_end))) {
    co_await answer_refusal(*refusal);
    co_return false;
  }
  error_code ec;
  auto header = buffered(buffer_).substr(0, header_end);
  std::size_t used = parser_->put(asio::buffer(header.data(), header.size()), ec);
  buffer_.consume(used);
  if (ec || !parser_->is_header_done()) {
    {
      // A named local, not a temporary: GCC 12 destroys temporaries in a co_await twice.
      const Refusal refusal{http::status::bad_request, "The request is not valid HTTP (" +
                                                            (ec ? ec.message() : std::string("incomplete header")) +
                                                            ")."};
      co_await answer_refusal(refusal);
    }
    co_return false;
  }
  BodyPlan plan;
  if (auto refusal = vet_header(parser_->get().base(), server_.config().body_limit_bytes, plan)) {
    co_await answer_refusal(*refusal);
    co_return false;
  }
  if (!plan.has_body) co_return true;
  if (plan.expects_continue) {
    static constexpr std::string_view go_on = "HTTP/1.1 100 Continue\r\n\r\n";
    co_await asio::async_write(socket_, asio::buffer(go_on), use_awaitable_with(ec));
    if (ec) co_return false;
  }
  parser_->body_limit(server_.config().body_limit_bytes);
  co_await http::async_read(socket_, buffer_, *parser_, use_awaitable_with(ec));
  if (ec) {
    co_await answer_read_error(ec);
    co_return false;
  }
  co_return true;
}

Awaitable<void> Session::answer_read_error(const error_code& ec) {
  if (timed_out_) {
    // An idle keep-alive connection just closes; a half-sent request learns why.
    if (buffer_.size() > 0 || (parser_ && parser_->got_some()))
      {
        // A named local, not a temporary: GCC 12 destroys temporaries in a co_await twice.
        const Refusal refusal{http::status::request_timeout,
                               "The request took too long to arrive: the whole request must come within " +
                                   std::to_string(server_.config().header_timeout.count()) + " ms."};
        co_await answer_refusal(refusal);
      }
    co_return;
  }
  if (ec == http::error::body_limit) {
    {
      // A named local, not a temporary: GCC 12 destroys temporaries in a co_await twice.
      const Refusal refusal{http::status::payload_too_large,
                             "The request body is too large: at most " +
                                 std::to_string(server_.config().body_limit_bytes) + " bytes are accepted."};
      co_await answer_refusal(refusal);
    }
  } else if (ec.category() == http::make_error_code(http::error::bad_method).category() && !is_disconnect(ec)) {
    {
      // A named local, not a temporary: GCC 12 destroys temporaries in a co_await twice.
      const Refusal refusal{http::status::bad_request, "The request is not valid HTTP (" + ec.message() + ")."};
      co_await answer_refusal(refusal);
    }
  } else if (!is_disconnect(ec)) {
    server_.context().log.fail(ec, "reading a request from " + remote_);
  }
}

Awaitable<void> Session::answer_refusal(const Refusal& refusal) {
  Request blank;
  blank.version(11);
  blank.keep_alive(false);
  Response response = error_response(blank, refusal.status, refusal.sentence);
  finish_headers(response, blank, false);
  phase_ = Phase::writing;
  deadline_ = Clock::now() + std::min(server_.config().write_timeout, std::chrono::milliseconds(5000));
  error_code ec;
  auto bytes = co_await write(response, false, ec);
  std::string_view line = buffered(buffer_).substr(0, buffered(buffer_).find("\r\n"));
  auto space = line.find(' ');
  std::string_view method = space == std::string_view::npos ? "-" : line.substr(0, std::min<std::size_t>(space, 16));
  server_.access_log().record({remote_, method, "-", static_cast<unsigned>(refusal.status), bytes, {}, {}});
  if (!ec) co_await linger_close();
}

}  // namespace looplab::backend
