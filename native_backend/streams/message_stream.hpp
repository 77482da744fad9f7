#pragma once
// The stream API endpoints use: a producer coroutine writes messages to a
// MessageStream, and the session delivers them as server-sent events or, on an
// upgrade request, as WebSocket text messages. See native_backend/README.md,
// "Adding a stream".
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "http/asio_beast.hpp"
#include "http/cancel_signal.hpp"

namespace looplab::backend {

class MessageStream {
 public:
  virtual ~MessageStream() = default;

  // Queues one message: `event` names it for server-sent events (WebSocket sends only
  // `data`, so put everything a client needs in it). Waits while the stream's send
  // queue is full; a client that does not make room in time is cut. False once the
  // stream is ending (the client left or was cut, the server is shutting down): the
  // producer should then return.
  virtual Awaitable<bool> send(std::string_view event, std::string_view data) = 0;

  // Sleeps without holding a thread; false when the stream ended first.
  virtual Awaitable<bool> pause(std::chrono::nanoseconds duration) = 0;

  // Fires when the stream ends early. A producer that waits on anything but pause()
  // (a query, another process) subscribes to it and gives up when it fires.
  virtual CancelSignal& cancel() = 0;

  // Numbers the next message last_id + 1 (then on from there): a stream resumed after
  // the Last-Event-ID a reconnecting EventSource sends carries on with the ids it knew.
  virtual void continue_after(std::uint64_t last_id) = 0;

  // Messages handed to the client so far.
  virtual std::uint64_t messages_sent() const = 0;
};

// The coroutine behind one stream. It runs on its connection's executor; returning
// ends the stream normally (a final "end" event, or a WebSocket close frame).
// A lambda's captures must be values: the lambda lives exactly as long as its stream.
using StreamProducer = std::function<Awaitable<void>(MessageStream&)>;

}  // namespace looplab::backend
