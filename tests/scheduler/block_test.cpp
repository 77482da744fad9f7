#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<void> blocking_hello(std::string what, double seconds) {
  co_await block(seconds);  // time.sleep inside async def
  print(what);
}

Coro<void> polite_hello(std::string what, double seconds) {
  co_await sleep(seconds);
  print(what);
}

}  // namespace

TEST_CASE("time.sleep inside async def serialises the tasks; asyncio.sleep overlaps them") {
  VirtualRun blocking;
  blocking.run([]() -> Coro<void> { co_await gather(blocking_hello("a", 1), blocking_hello("b", 1)); }());
  CHECK(blocking.lines() == Lines{"1.00 Task-2 a", "2.00 Task-3 b"});

  VirtualRun polite;
  polite.run([]() -> Coro<void> { co_await gather(polite_hello("a", 1), polite_hello("b", 1)); }());
  CHECK(polite.lines() == Lines{"1.00 Task-2 a", "1.00 Task-3 b"});
}

TEST_CASE("a blocked task holds the loop: a due timer waits until the block ends") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto ticker = create_task(polite_hello("timer due at 0.5", 0.5));
    co_await sleep(0);
    co_await block(2);
    print("block over");
    co_await ticker;
  }());
  CHECK(r.lines() == Lines{"2.00 Task-1 block over", "2.00 Task-2 timer due at 0.5"});
}

TEST_CASE("the trace shows the blocked task and the others still ready while it holds the loop") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto other = create_task(polite_hello("other", 0));
    co_await block(3);
    co_await other;
  }());
  TraceIndex index;
  index.update(r.loop.trace());
  const auto& main_spans = index.spans(1);
  auto blocked = std::find_if(main_spans.begin(), main_spans.end(),
                              [](const StateSpan& s) { return s.state == TaskState::blocked; });
  REQUIRE(blocked != main_spans.end());
  CHECK(blocked->start == 0.0);
  CHECK(blocked->end == 3.0);
  const Snapshot during = index.snapshot_at(r.loop.trace(), blocked->first_event);
  CHECK(during.running == 1);
  CHECK(during.ready_queue == std::vector<TaskId>{2});
}

TEST_CASE("a blocking call is not an await point: cancelling during it waits for the next await") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto worker = create_task([]() -> Coro<void> {
      co_await block(1);
      print("block finished despite cancel");
      co_await sleep(1);
      print("not reached");
    }());
    auto canceller = create_task([](Task<void> w) -> Coro<void> {
      w.cancel();
      co_return;
    }(worker));
    co_await sleep(0);
    try {
      co_await worker;
    } catch (const CancelledError&) {
    }
    co_await canceller;
  }());
  CHECK(r.texts() == Lines{"block finished despite cancel"});
}
