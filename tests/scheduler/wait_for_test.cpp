#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<int> slow(double delay, int value) {
  try {
    co_await sleep(delay);
  } catch (const CancelledError&) {
    print("slow cancelled");
    throw;
  }
  co_return value;
}

}  // namespace

TEST_CASE("wait_for returns the result when it comes in time") {
  VirtualRun r;
  CHECK(r.run([]() -> Coro<int> { co_return co_await wait_for(slow(1, 5), 2.0); }()) == 5);
  CHECK(r.loop.time() == 1.0);
}

TEST_CASE("wait_for cancels the work and raises TimeoutError at the deadline") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    try {
      co_await wait_for(slow(10, 5), 2.0);
      print("not reached");
    } catch (const TimeoutError&) {
      print("timed out");
    }
  }());
  CHECK(r.lines() == Lines{"2.00 Task-2 slow cancelled", "2.00 Task-1 timed out"});
}

TEST_CASE("wait_for with a zero timeout cancels at once unless already done") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto done = create_task(slow(0, 3));
    co_await sleep(1);
    CHECK(co_await wait_for(done, 0) == 3);
    CHECK_THROWS_AS(co_await wait_for(slow(1, 4), 0), TimeoutError);
  }());
  CHECK(r.loop.time() == 1.0);
}

TEST_CASE("cancelling the caller of wait_for cancels the inner task too") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto caller = create_task([]() -> Coro<void> { co_await wait_for(slow(10, 1), 5.0); }());
    co_await sleep(1);
    caller.cancel();
    try {
      co_await caller;
    } catch (const CancelledError&) {
      print("caller cancelled");
    }
  }());
  CHECK(r.lines() == Lines{"1.00 Task-3 slow cancelled", "1.00 Task-1 caller cancelled"});
}

TEST_CASE("wait_for on a task that fails rethrows its error") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto failing = []() -> Coro<int> {
      co_await sleep(1);
      throw ScenarioError("RuntimeError", "inner");
    };
    CHECK_THROWS_WITH_AS(co_await wait_for(failing(), 3), "RuntimeError('inner')", ScenarioError);
  }());
}
