#pragma once
// A stream of server-sent events from the backend (GET base_url + path), read by the
// page's main loop: open(), then take() what has arrived (each message's event name and
// data, in order) as often as it likes, then close(). Everything is bounded: messages not
// yet taken are capped, and a stream that outruns its reader is closed with a sentence
// rather than dropping messages in silence (a half-known run is worse than a stopped one).
//
// In the browser the transport is fetch() reading the reply's body, not EventSource:
// EventSource shows neither the status nor the body of a refusal, and the backend says
// why it refused a run (400, 429, 503) in the body, before any stream. The native build
// has no browser: open() fails at once, saying so.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sse_parser.h"

namespace looplab::app {

class EventStream;

// How a stream reaches the server: open() starts the request and returns an id (0: it
// cannot be opened here), close(id) drops it. The stream then hears from it through its
// connected/received/... calls, later, from the browser's event loop.
struct StreamTransport {
  std::uint32_t (*open)(EventStream& stream, const std::string& url);
  void (*close)(std::uint32_t id);
};
// The browser's fetch(); natively, one that cannot open (event_stream_transport.cpp).
const StreamTransport& browser_transport();

// The sentence for a backend that is not there at all (shared with FetchClient).
std::string backend_unreachable(std::string_view url);

struct StreamLimits {
  std::size_t messages = 20000;     // waiting to be taken
  std::size_t bytes = 16u << 20;    // their data, together
};

class EventStream {
 public:
  enum class State { idle, connecting, open, ended, failed };

  explicit EventStream(std::string base_url = "", StreamLimits limits = {},
                       const StreamTransport& transport = browser_transport());
  ~EventStream();
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  // Closes any stream before and opens base_url + path.
  void open(const std::string& path);
  // Stops listening (the browser drops the connection, which tells the server). Messages
  // already received stay for take(); the state stays as it was, unless connecting or open
  // (then ended).
  void close();
  // The messages received since the last take(), oldest first.
  std::vector<StreamMessage> take();

  State state() const { return state_; }
  bool live() const { return state_ == State::connecting || state_ == State::open; }
  // Why the stream failed: one sentence for the learner (empty unless failed).
  const std::string& error() const { return error_; }
  const std::string& url() const { return url_; }
  std::size_t waiting() const { return waiting_.size(); }

  // What the transport reports; public so the browser's callbacks and the tests reach them.
  void connected();                                   // 2xx: the stream has begun
  void received(std::string_view text);               // a piece of the body
  void refused(int http_status, std::string_view body);  // an answer that is no stream
  void broke(std::string_view why);                    // no answer at all, or cut off
  void finished();                                     // the server closed the stream

 private:
  void fail(std::string sentence);

  std::string base_url_;
  StreamLimits limits_;
  const StreamTransport& transport_of_;
  std::string url_;
  State state_ = State::idle;
  std::string error_;
  SseParser parser_;
  std::vector<StreamMessage> waiting_;
  std::size_t waiting_bytes_ = 0;
  std::uint32_t transport_ = 0;  // the browser side's id for this stream, 0: none
};

}  // namespace looplab::app
