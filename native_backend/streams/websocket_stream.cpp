// WebSocket (RFC 6455, Beast's websocket::stream over the session's own socket):
// the upgrade handshake, one text message per message, Beast's idle pings to find
// dead peers, and a close frame at the end.
#include <boost/beast/websocket.hpp>

#include "http/security_headers.hpp"
#include "streams/stream_transports.hpp"

namespace looplab::backend {
namespace websocket = beast::websocket;
namespace {

// Clients have nothing to say on these streams; what they send is read and dropped,
// one message of at most this size at a time.
constexpr std::size_t longest_client_message = 4096;

class WebSocketStream final : public LiveStream {
 public:
  WebSocketStream(tcp::socket& socket, const Request& request, std::shared_ptr<const StreamComponent> component,
                  std::string remote, std::string target)
      : LiveStream(socket, std::move(component), std::move(remote), std::move(target)),
        request_(request),
        ws_(socket) {}

  std::string_view transport() const override { return "websocket"; }
  unsigned status() const override { return refused_ ? 400 : 101; }

 protected:
  Awaitable<Ending> open() override {
    websocket::stream_base::timeout timeouts;
    // Accept and close handshakes; Beast sends an idle ping after half the idle
    // timeout and gives up on a peer silent for the whole of it.
    timeouts.handshake_timeout = std::min<std::chrono::steady_clock::duration>(settings().write_timeout,
                                                                               std::chrono::seconds(10));
    timeouts.idle_timeout = 2 * settings().heartbeat;
    timeouts.keep_alive_pings = true;
    ws_.set_option(timeouts);
    ws_.set_option(websocket::stream_base::decorator([](websocket::response_type& response) {
      response.set(http::field::server, "LoopLab/" LOOPLAB_VERSION);
      add_security_headers(response);
    }));
    ws_.read_message_max(longest_client_message);
    ws_.text(true);
    error_code ec;
    co_await ws_.async_accept(request_, use_awaitable_with(ec));
    if (!ec) co_return Ending::none;
    // A malformed upgrade request was answered 400 by Beast; anything else is the
    // connection failing under it.
    refused_ = ec == websocket::condition::handshake_failed;
    if (refused_) note_close_detail(ec.message());
    co_return refused_ ? Ending::refused : Ending::client_gone;
  }

  std::string frame(std::string_view, std::uint64_t, std::string_view data) const override {
    return std::string(data);
  }

  Awaitable<std::size_t> write_frames(const std::deque<std::string>& frames, std::size_t count,
                                      error_code& ec) override {
    std::size_t bytes = 0;
    for (std::size_t i = 0; i < count && !ec; ++i)
      bytes += co_await ws_.async_write(asio::buffer(frames[i]), use_awaitable_with(ec));
    co_return bytes;
  }

  bool writes_heartbeats() const override { return false; }
  Awaitable<void> write_heartbeat(error_code&) override { co_return; }

  Awaitable<PeerEnd> watch_peer() override {
    // The read also answers pings and notices pongs and the client's close frame.
    error_code ec;
    while (!ec) {
      buffer_.clear();
      co_await ws_.async_read(buffer_, use_awaitable_with(ec));
    }
    if (ec == websocket::error::closed) {
      std::string why = "close code " + std::to_string(ws_.reason().code);
      if (!ws_.reason().reason.empty()) why += " (" + std::string(ws_.reason().reason.c_str()) + ")";
      co_return PeerEnd{Ending::client_closed, why};
    }
    if (ec == beast::error::timeout) co_return PeerEnd{Ending::no_pong, {}};
    co_return PeerEnd{Ending::client_gone, ec.message()};
  }

  Awaitable<void> goodbye(Ending ending, error_code& ec) override {
    websocket::close_reason reason = ending == Ending::shutdown
                                         ? websocket::close_reason(websocket::close_code::going_away, "server shutting down")
                                     : ending == Ending::producer_failed
                                         ? websocket::close_reason(websocket::close_code::internal_error, "error")
                                         : websocket::close_reason(websocket::close_code::normal, "done");
    co_await ws_.async_close(reason, use_awaitable_with(ec));
  }

 private:
  const Request& request_;
  websocket::stream<tcp::socket&> ws_;
  beast::flat_buffer buffer_;
  bool refused_ = false;
};

}  // namespace

bool wants_websocket(const Request& request) { return websocket::is_upgrade(request); }

std::unique_ptr<LiveStream> make_websocket_stream(tcp::socket& socket, const Request& request,
                                                  std::shared_ptr<const StreamComponent> component,
                                                  std::string remote, std::string target) {
  return std::make_unique<WebSocketStream>(socket, request, std::move(component), std::move(remote),
                                           std::move(target));
}

}  // namespace looplab::backend
