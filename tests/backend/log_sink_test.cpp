// A log whose reader is stuck or gone never blocks the writer; lost lines are counted.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <string>

#include "ops/log_sink.hpp"

using namespace looplab::backend;

TEST_CASE("with nobody reading the pipe, appends return at once and the overflow is counted") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  {
    LogSink sink(fds[1], 16 * 1024, "test");
    std::string line(1000, 'x');
    line += '\n';
    auto started = std::chrono::steady_clock::now();
    int kept = 0;
    for (int i = 0; i < 500; ++i) kept += sink.append(line);
    auto took = std::chrono::steady_clock::now() - started;
    CHECK(took < std::chrono::seconds(1));
    CHECK(kept < 500);
    CHECK(sink.dropped_lines() == static_cast<std::uint64_t>(500 - kept));
  }  // the destructor gives up on the stuck reader within about a second
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST_CASE("what fits is written whole, in order") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  {
    LogSink sink(fds[1], 1 << 20, "test");
    sink.append("one\n");
    sink.append("two\n");
    sink.flush(std::chrono::seconds(2));
  }
  char text[16] = {};
  CHECK(::read(fds[0], text, sizeof text) == 8);
  CHECK(std::string(text) == "one\ntwo\n");
  ::close(fds[0]);
  ::close(fds[1]);
}

TEST_CASE("a reader that went away: lines are dropped, nothing blocks or dies") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  ::close(fds[0]);
  ::signal(SIGPIPE, SIG_IGN);
  LogSink sink(fds[1], 1 << 20, "test");
  sink.append("lost\n");
  sink.flush(std::chrono::seconds(2));
  sink.append("lost too\n");
  CHECK(sink.dropped_lines() >= 1);
  ::close(fds[1]);
}
