// Server-sent events (text/event-stream): the reply header, then one event per
// message, comments as heartbeats, and a final "end" event.
#include "streams/stream_transports.hpp"

namespace looplab::backend {
namespace {

constexpr std::string_view heartbeat_comment = ": heartbeat\n\n";

class SseStream final : public LiveStream {
 public:
  SseStream(tcp::socket& socket, StreamResponse& head, std::string remote, std::string target)
      : LiveStream(socket, head.source->component, std::move(remote), std::move(target)), head_(head) {}

  std::string_view transport() const override { return "sse"; }
  unsigned status() const override { return 200; }

 protected:
  Awaitable<Ending> open() override {
    http::response_serializer<http::string_body> serializer{head_};
    error_code ec;
    co_await http::async_write_header(socket_, serializer, use_awaitable_with(ec));
    co_return ec ? Ending::client_gone : Ending::none;
  }

  std::string frame(std::string_view event, std::uint64_t id, std::string_view data) const override {
    return sse_event(event, id, data);
  }

  Awaitable<std::size_t> write_frames(const std::deque<std::string>& frames, std::size_t count,
                                      error_code& ec) override {
    std::vector<asio::const_buffer> buffers;
    buffers.reserve(count);
    for (std::size_t i = 0; i < count; ++i) buffers.push_back(asio::buffer(frames[i]));
    co_return co_await asio::async_write(socket_, buffers, use_awaitable_with(ec));
  }

  bool writes_heartbeats() const override { return true; }

  Awaitable<void> write_heartbeat(error_code& ec) override {
    co_await asio::async_write(socket_, asio::buffer(heartbeat_comment), use_awaitable_with(ec));
  }

  Awaitable<PeerEnd> watch_peer() override {
    // A client sends nothing on an event stream: read (and drop) until it hangs up.
    char sink[512];
    error_code ec;
    while (!ec) co_await socket_.async_read_some(asio::buffer(sink), use_awaitable_with(ec));
    co_return PeerEnd{Ending::client_gone, {}};
  }

  Awaitable<void> goodbye(Ending ending, error_code& ec) override {
    std::string_view reason = ending == Ending::shutdown          ? "server shutting down"
                              : ending == Ending::producer_failed ? "error"
                                                                  : "done";
    std::string data = "{\"reason\":\"";
    data += reason;
    data += "\",\"messages\":" + std::to_string(messages_so_far()) + "}";
    std::string last = "event: end\ndata: " + data + "\n\n";
    co_await asio::async_write(socket_, asio::buffer(last), use_awaitable_with(ec));
  }

 private:
  StreamResponse& head_;
};

void append_without_breaks(std::string& out, std::string_view text) {
  for (char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
}

}  // namespace

std::string sse_event(std::string_view event, std::uint64_t id, std::string_view data) {
  std::string out;
  out.reserve(event.size() + data.size() + 32);
  if (!event.empty()) {
    out += "event: ";
    append_without_breaks(out, event);
    out += '\n';
  }
  out += "id: ";
  out += std::to_string(id);
  out += '\n';
  std::size_t start = 0;
  while (true) {
    std::size_t end = data.find_first_of("\r\n", start);
    out += "data: ";
    out += data.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    out += '\n';
    if (end == std::string_view::npos) break;
    start = end + ((data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n') ? 2 : 1);
  }
  out += '\n';
  return out;
}

std::unique_ptr<LiveStream> make_sse_stream(tcp::socket& socket, StreamResponse& head, std::string remote,
                                            std::string target) {
  return std::make_unique<SseStream>(socket, head, std::move(remote), std::move(target));
}

}  // namespace looplab::backend
