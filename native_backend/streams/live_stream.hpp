#pragma once
// One live stream on one connection: a bounded send queue between the endpoint's
// producer coroutine and a writer, a watch on the peer, heartbeats, and the reason it
// ended. SSE and WebSocket (sse_stream.*, websocket_stream.*) differ only in how they
// open, frame, write, watch the peer and say goodbye.
//
// Everything here runs on the connection's executor (the io_context of its event
// loop, one thread; see server/event_loops.hpp): the producer, the writer and the peer
// watch are coroutines spawned there, and the session calls the public hooks from
// there too, so nothing is locked. Only StreamStats is shared between threads.
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "http/asio_beast.hpp"
#include "http/cancel_signal.hpp"
#include "http/http_message.hpp"
#include "streams/message_stream.hpp"
#include "streams/stream_component.hpp"

namespace looplab::backend {

class LiveStream : public MessageStream {
 public:
  using Clock = std::chrono::steady_clock;

  // How a stream ended: "end:" for endings with a goodbye, "cut:" for the others.
  enum class Ending {
    none,
    done,             // the producer returned
    producer_failed,  // it threw: logged, and the client still gets a goodbye
    shutdown,         // the server began shutting down
    client_closed,    // a WebSocket close frame from the client
    client_gone,      // the client hung up (or reset)
    refused,          // the WebSocket handshake was refused (Beast answered 400)
    slow_reader,      // the queue stayed full for --stream-stall-timeout
    no_pong,          // a WebSocket peer silent for twice --stream-heartbeat
    write_timeout,    // one write took longer than --write-timeout
    shutdown_cut,     // still open when the shutdown grace period ended
    too_large,        // a message larger than the whole queue
  };
  static std::string_view describe(Ending ending);

  LiveStream(tcp::socket& socket, std::shared_ptr<const StreamComponent> component, std::string remote,
             std::string target);
  ~LiveStream() override;

  // Serves the stream; returns once the producer, the writer and the peer watch all
  // stopped and the connection is closed.
  Awaitable<void> run(const StreamProducer& producer);

  // Session hooks.
  void enforce_deadline(Clock::time_point now);  // the timeout sweep
  void begin_shutdown();                         // final event or close frame, then close
  void end_grace();                              // reset whatever is still open

  // MessageStream.
  Awaitable<bool> send(std::string_view event, std::string_view data) override;
  Awaitable<bool> pause(std::chrono::nanoseconds duration) override;
  CancelSignal& cancel() override { return cancel_; }
  std::uint64_t messages_sent() const override { return messages_sent_; }
  void continue_after(std::uint64_t last_id) override { next_id_ = last_id + 1; }

  // For the access log.
  virtual std::string_view transport() const = 0;  // "sse", "websocket"
  virtual unsigned status() const = 0;             // 200, 101 (400 when refused)
  std::uint64_t bytes_sent() const { return bytes_sent_; }
  Ending ending() const { return ending_; }
  // "sse messages=12 end:done"
  std::string summary() const;

 protected:
  struct PeerEnd {
    Ending ending;
    std::string detail;  // for the log, e.g. the close frame's reason
  };

  // The transport's part.
  // Sends the header (SSE) or completes the handshake (WebSocket); Ending::none when
  // the stream may begin, else why it cannot.
  virtual Awaitable<Ending> open() = 0;
  virtual std::string frame(std::string_view event, std::uint64_t id, std::string_view data) const = 0;
  // Writes these frames in order; returns the bytes that went out.
  virtual Awaitable<std::size_t> write_frames(const std::deque<std::string>& frames, std::size_t count,
                                              error_code& ec) = 0;
  // SSE writes a comment; WebSocket relies on Beast's own pings (nothing to do).
  virtual bool writes_heartbeats() const = 0;
  virtual Awaitable<void> write_heartbeat(error_code& ec) = 0;
  // Returns when the peer has gone (or the connection was closed under it).
  virtual Awaitable<PeerEnd> watch_peer() = 0;
  virtual Awaitable<void> goodbye(Ending ending, error_code& ec) = 0;

  void set_write_deadline() { write_deadline_ = Clock::now() + settings().write_timeout; }
  void clear_write_deadline() { write_deadline_ = Clock::time_point::max(); }
  const StreamSettings& settings() const { return component_->settings(); }
  std::uint64_t messages_so_far() const { return messages_sent_; }
  void note_close_detail(std::string detail) { detail_ = std::move(detail); }

  tcp::socket& socket_;

 private:
  bool stopping() const { return ending_ != Ending::none; }
  bool is_cut() const;
  // Records why the stream ends (the first reason wins) and stops the producer.
  void end(Ending ending, std::string detail = {});
  void cut(Ending ending, std::string detail);
  void wake_writer();
  Awaitable<void> write_queue();
  Awaitable<void> run_producer(const StreamProducer& producer);
  Awaitable<void> run_peer_watch();
  void part_finished();
  void close_connection();
  void count_ending();

  std::shared_ptr<const StreamComponent> component_;
  std::string remote_, target_;
  CancelSignal cancel_;
  asio::steady_timer writer_wakeup_, room_wakeup_, parts_wakeup_;
  std::deque<std::string> queue_;
  std::size_t held_bytes_ = 0;  // queued plus being written
  std::uint64_t next_id_ = 1, messages_sent_ = 0, bytes_sent_ = 0;
  int running_parts_ = 0;
  bool opened_ = false, peer_gone_ = false, reset_ = false;
  Ending ending_ = Ending::none;
  std::string detail_;
  Clock::time_point write_deadline_ = Clock::time_point::max();
  Clock::time_point last_write_ = Clock::now();
};

}  // namespace looplab::backend
