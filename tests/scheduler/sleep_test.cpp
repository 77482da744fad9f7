#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<void> say(std::string what, double delay) {
  co_await sleep(delay);
  print(what);
}

Coro<void> ticker(std::string name, int times) {
  for (int i = 0; i < times; ++i) {
    print(name + std::to_string(i));
    co_await sleep(0);
  }
}

}  // namespace

TEST_CASE("sleep(d) wakes the task d seconds later on the virtual clock") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    co_await say("after 1.5", 1.5);
    co_await say("after 2.0 more", 2.0);
  }());
  CHECK(r.lines() == Lines{"1.50 Task-1 after 1.5", "3.50 Task-1 after 2.0 more"});
}

Coro<void> three_tickers() {
  auto a = create_task(ticker("a", 3));
  auto b = create_task(ticker("b", 3));
  auto c = create_task(ticker("c", 3));
  co_await a;
  co_await b;
  co_await c;
}

TEST_CASE("sleep(0) interleaves tasks round-robin, one step per iteration") {
  VirtualRun r;
  r.run(three_tickers());
  CHECK(r.texts() == Lines{"a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"});
  // Nothing waited on a timer: only the steps' modelled cost moved the clock. The first
  // 13 of the 14 steps were paid for by the sleep(0) turns after them.
  CHECK(r.loop.time() == doctest::Approx(13 * kDefaultStepCost));
  LoopOptions free_steps;
  free_steps.step_cost = 0;
  VirtualRun idealised(free_steps);
  idealised.run(three_tickers());
  CHECK(idealised.texts() == r.texts());
  CHECK(idealised.loop.time() == 0.0);
}

TEST_CASE("sleep with a negative delay behaves like sleep(0)") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    co_await sleep(-3);
    print("still at zero");
  }());
  CHECK(r.lines() == Lines{"0.00 Task-1 still at zero"});
}

TEST_CASE("a fired timer wakes its task one iteration later, as asyncio's future callback does") {
  VirtualRun r;
  r.run([]() -> Coro<void> { co_await sleep(1); }());
  // Iterations: 1 runs Task-1's first step; 2 runs the timer callback; 3 runs Task-1 again.
  const Trace& t = r.loop.trace();
  std::vector<double> iteration_times;
  for (const auto& e : t.events())
    if (e.kind == EventKind::iteration) iteration_times.push_back(e.time);
  CHECK(iteration_times == std::vector<double>{0.0, 1.0, 1.0});
}

TEST_CASE("sleep(1) written with an int is asyncio.sleep, not ::sleep") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    co_await sleep(2);
    print("two");
  }());
  CHECK(r.lines() == Lines{"2.00 Task-1 two"});
}
