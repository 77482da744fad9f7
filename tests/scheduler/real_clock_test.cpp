// The same primitives on the real clock, with short delays and generous tolerances.
#include <doctest/doctest.h>

#include "scenario.hpp"
#if !defined(__EMSCRIPTEN__)
#include "looplab/threaded_io.hpp"
#endif

using namespace looplab;

namespace {

Coro<void> say(std::string what, double delay) {
  co_await sleep(delay);
  print(what);
}

}  // namespace

TEST_CASE("sleeps on the real clock take about their time and keep their order") {
  RealClock clock;
  EventLoop loop(clock);
  loop.run([]() -> Coro<void> { co_await gather(say("slow", 0.06), say("fast", 0.02)); }());
  CHECK(test::printed_texts(loop.trace()) == test::Lines{"fast", "slow"});
  CHECK(loop.time() >= 0.06);
  CHECK(loop.time() < 1.0);
}

TEST_CASE("a blocking call really holds a real-clock loop") {
  RealClock clock;
  EventLoop loop(clock);
  loop.run([]() -> Coro<void> {
    auto other = create_task(say("other", 0.01));
    co_await sleep(0);
    co_await block(0.05);
    print("unblocked");
    co_await other;
  }());
  const auto lines = test::printed_texts(loop.trace());
  CHECK(lines == test::Lines{"unblocked", "other"});
  for (const auto& e : loop.trace().events())
    if (e.kind == EventKind::print) CHECK(e.time >= 0.05);
}

#if !defined(__EMSCRIPTEN__)
TEST_CASE("real I/O with unknown completion times: the loop waits on the driver") {
  RealClock clock;
  ThreadedIo io;
  EventLoop loop(clock, &io);
  loop.run([]() -> Coro<void> {
    auto ticker = create_task(say("tick", 0.02));
    IoResult a = co_await request("/a", 0.05);
    print("a " + std::to_string(a.status));
    IoResult b = co_await blocking_request("/b", 0.03);
    print("b " + std::to_string(b.status));
    co_await ticker;
  }());
  CHECK(test::printed_texts(loop.trace()) == test::Lines{"tick", "a 200", "b 200"});
  CHECK(loop.time() >= 0.08);
}
#endif
