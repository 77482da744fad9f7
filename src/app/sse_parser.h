#pragma once
// The text/event-stream format (server-sent events, WHATWG HTML 9.2) read from chunks of
// text as they arrive, split anywhere: `event:` names a message, `data:` lines make its
// data, a blank line ends it; comments (`: heartbeat`), `id:` and `retry:` are skipped.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace looplab::app {

struct StreamMessage {
  std::string event = "message";  // the SSE default when a message names none
  std::string data;               // its data lines joined with '\n'
};

class SseParser {
 public:
  // A line longer than this is no event stream: feed() says so (bounds the memory).
  static constexpr std::size_t max_line = 1 << 20;

  // Appends the messages that `chunk` completes to `out`. Returns "" or, for a line over
  // max_line, a sentence (the parser is then of no further use).
  std::string feed(std::string_view chunk, std::vector<StreamMessage>& out);

 private:
  void line_done(std::vector<StreamMessage>& out);

  std::string line_;
  StreamMessage pending_;
  bool has_data_ = false;
  bool after_cr_ = false;  // a '\r' ended the last line: a '\n' next belongs to it
  bool started_ = false;   // a byte order mark may open the stream
};

}  // namespace looplab::app
