// Server-sent events as the page reads them: the format split across chunks anywhere, the
// stream's states, the sentences of a refusal and of a missing backend, and the bound on
// messages left unread. The browser's transport is driven here by its own callbacks.
#include <doctest/doctest.h>

#include <string>

#include "app/event_stream.h"
#include "app/sse_parser.h"

using namespace looplab::app;

namespace {

std::vector<StreamMessage> parse_in_pieces(std::string_view text, std::size_t piece) {
  SseParser p;
  std::vector<StreamMessage> out;
  for (std::size_t at = 0; at < text.size(); at += piece) CHECK(p.feed(text.substr(at, piece), out).empty());
  return out;
}

// A transport that only records what the stream asks of it: the tests play the browser.
struct Recorded {
  std::vector<std::string> opened;
  std::vector<std::uint32_t> closed;
};
Recorded recorded;
const StreamTransport recording{[](EventStream&, const std::string& url) -> std::uint32_t {
                                  recorded.opened.push_back(url);
                                  return static_cast<std::uint32_t>(recorded.opened.size());
                                },
                                [](std::uint32_t id) { recorded.closed.push_back(id); }};

}  // namespace

TEST_CASE("server-sent events: names, data lines, comments, any line ending, any split") {
  const std::string text =
      "\xEF\xBB\xBF: heartbeat\r\n"
      "event: start\r\nid: 1\r\ndata: {\"variant\":\"threads\"}\r\n\r\n"
      "event:workers\ndata: {\"events\":[\n"
      "data: 1]}\n\n"
      "retry: 10\rdata: plain\r\r"
      "event: ignored, no data\n\n"
      "event: end\ndata: {\"reason\":\"done\"}\n\n"
      "event: cut\ndata: unfinished";
  for (std::size_t piece : {std::size_t(1), std::size_t(2), std::size_t(7), text.size()}) {
    CAPTURE(piece);
    const auto m = parse_in_pieces(text, piece);
    REQUIRE(m.size() == 4);
    CHECK(m[0].event == "start");
    CHECK(m[0].data == "{\"variant\":\"threads\"}");
    CHECK(m[1].event == "workers");
    CHECK(m[1].data == "{\"events\":[\n1]}");
    CHECK(m[2].event == "message");
    CHECK(m[2].data == "plain");
    CHECK(m[3].event == "end");
  }
}

TEST_CASE("a line over 1 MiB is no event stream: the parser says so") {
  SseParser p;
  std::vector<StreamMessage> out;
  const std::string big(SseParser::max_line + 1, 'x');
  CHECK(p.feed(big, out).find("over 1 MiB") != std::string::npos);
}

#ifndef __EMSCRIPTEN__  // as wasm (under Node) the browser's transport is the real fetch()
TEST_CASE("natively a stream cannot open: one sentence, no hang") {
  EventStream s("http://127.0.0.1:8000");
  s.open("/runs/concurrency?variant=threads");
  CHECK(s.state() == EventStream::State::failed);
  CHECK(s.error().find("only in the browser") != std::string::npos);
  CHECK(s.url() == "http://127.0.0.1:8000/runs/concurrency?variant=threads");
}
#endif

TEST_CASE("an open stream delivers named messages in order; close() keeps what came and drops the request") {
  recorded = {};
  EventStream s("http://host:1", {}, recording);
  s.open("/ticks?count=2");
  CHECK(s.state() == EventStream::State::connecting);
  CHECK(recorded.opened == std::vector<std::string>{"http://host:1/ticks?count=2"});
  s.received("event: tick\ndata: 1\n\n");  // nothing before the headers are in
  CHECK(s.waiting() == 0);
  s.connected();
  CHECK(s.state() == EventStream::State::open);
  s.received("event: tick\ndata: 1\n\nevent: ti");
  s.received("ck\ndata: 2\n\n");
  auto m = s.take();
  REQUIRE(m.size() == 2);
  CHECK(m[1].event == "tick");
  CHECK(m[1].data == "2");
  CHECK(s.take().empty());
  s.received("event: end\ndata: {}\n\n");
  s.close();
  CHECK(recorded.closed == std::vector<std::uint32_t>{1});
  CHECK(s.state() == EventStream::State::ended);
  CHECK(s.take().size() == 1);
  s.received("event: late\ndata: x\n\n");  // after close() nothing more comes in
  CHECK(s.take().empty());
}

TEST_CASE("a refusal before the stream gives the backend's own sentence") {
  recorded = {};
  EventStream s("", {}, recording);
  s.open("/runs/concurrency?workers=0");
  s.refused(400, "workers: from 1 to 4,000.\n");
  CHECK(s.state() == EventStream::State::failed);
  CHECK(s.error() == "The backend answered HTTP 400: workers: from 1 to 4,000.");
  CHECK(recorded.closed.size() == 1);
  s.open("/runs/concurrency");
  s.refused(503, "");
  CHECK(s.error() == "The backend answered HTTP 503 without saying why.");
}

TEST_CASE("no answer at all is a missing backend; a cut after the start is a broken stream") {
  recorded = {};
  EventStream s("", {}, recording);
  s.open("/ticks");
  s.broke("Failed to fetch");
  CHECK(s.error() == backend_unreachable("/ticks"));
  CHECK(s.error().find("Is ./looplab start running?") != std::string::npos);
  s.open("/ticks");
  CHECK(s.error().empty());
  s.connected();
  s.broke("network error");
  CHECK(s.error() == "The stream from /ticks broke off: network error");
  s.open("/ticks");
  s.connected();
  s.finished();  // the server ended it
  CHECK(s.state() == EventStream::State::ended);
  CHECK(s.error().empty());
}

TEST_CASE("a reader that falls behind: the stream closes with a sentence, what came stays") {
  recorded = {};
  EventStream s("", {3, 1 << 20}, recording);
  s.open("/ticks");
  s.connected();
  s.received("data: 1\n\ndata: 2\n\ndata: 3\n\n");
  CHECK(s.state() == EventStream::State::open);
  s.received("data: 4\n\n");
  CHECK(s.state() == EventStream::State::failed);
  CHECK(s.error().find("fell behind") != std::string::npos);
  CHECK(recorded.closed.size() == 1);
  CHECK(s.take().size() == 4);
}
