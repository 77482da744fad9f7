#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<int> value_after(double delay, int value) {
  co_await sleep(delay);
  print("done " + std::to_string(value));
  co_return value;
}

Coro<int> fail_after(double delay) {
  co_await sleep(delay);
  throw ScenarioError("ValueError", "bad");
}

Coro<void> nap(double delay) { co_await sleep(delay); }

}  // namespace

TEST_CASE("gather returns results in argument order, not completion order") {
  VirtualRun r;
  auto [a, b, c] = r.run([]() -> Coro<std::tuple<int, int, Void>> {
    co_return co_await gather(value_after(3, 1), value_after(1, 2), nap(2));
  }());
  CHECK(a == 1);
  CHECK(b == 2);
  (void)c;
  CHECK(r.texts() == Lines{"done 2", "done 1"});
  CHECK(r.loop.time() == 3.0);  // concurrently: the longest, not the sum
}

TEST_CASE("gather of a list of coroutines, five sleeps of 3 s take 3 s") {
  VirtualRun r;
  auto results = r.run([]() -> Coro<std::vector<int>> {
    std::vector<Coro<int>> coros;
    for (int i = 0; i < 5; ++i) coros.push_back(value_after(3, i));
    co_return co_await gather(std::move(coros));
  }());
  CHECK(results == std::vector<int>{0, 1, 2, 3, 4});
  CHECK(r.loop.time() == 3.0);
  CHECK(r.loop.trace().tasks().size() == 7);  // loop, main, five children
}

TEST_CASE("gather wraps its coroutines in tasks at once, in argument order") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto g = gather(value_after(1, 1), value_after(1, 2));
    print("gather created");
    co_await g;
  }());
  CHECK(r.loop.trace().task_name(2) == "Task-2");
  CHECK(r.loop.trace().task_name(3) == "Task-3");
  CHECK(r.texts().front() == "gather created");
}

TEST_CASE("gather propagates the first exception; the other children keep running") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    try {
      co_await gather(value_after(3, 1), fail_after(1), value_after(2, 3));
      print("not reached");
    } catch (const ScenarioError& e) {
      print(std::string("caught ") + e.what());
    }
    co_await sleep(5);
  }());
  CHECK(r.lines() == Lines{"1.00 Task-1 caught ValueError('bad')", "2.00 Task-4 done 3", "3.00 Task-2 done 1"});
}

TEST_CASE("gather with return_exceptions hands back every outcome") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto [a, b, c] = co_await gather_return_exceptions(value_after(1, 1), fail_after(2), value_after(3, 3));
    CHECK(a.ok());
    CHECK(a.get() == 1);
    CHECK_FALSE(b.ok());
    CHECK(b.error_text() == "ValueError('bad')");
    CHECK(c.get() == 3);
    print("all three settled");
  }());
  CHECK(r.lines().back() == "3.00 Task-1 all three settled");
}

TEST_CASE("a cancelled child makes gather raise CancelledError without return_exceptions") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto victim = create_task(value_after(5, 1));
    auto g = gather(victim, value_after(1, 2));
    co_await sleep(0);
    victim.cancel();
    bool cancelled = false;
    try {
      co_await g;
    } catch (const CancelledError&) {
      cancelled = true;
    }
    CHECK(cancelled);
  }());
}

TEST_CASE("cancelling the task that awaits a gather cancels every child") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto waiter = create_task([]() -> Coro<void> {
      co_await gather(value_after(5, 1), value_after(6, 2));
      print("not reached");
    }());
    co_await sleep(1);
    waiter.cancel();
    try {
      co_await waiter;
    } catch (const CancelledError&) {
    }
    CHECK(waiter.cancelled());
  }());
  CHECK(r.texts().empty());
  CHECK(r.loop.time() == 1.0);
}

TEST_CASE("gather of nothing is done at once") {
  VirtualRun r;
  auto v = r.run([]() -> Coro<std::vector<int>> { co_return co_await gather(std::vector<Coro<int>>{}); }());
  CHECK(v.empty());
}

TEST_CASE("gather wakes its awaiter two iterations after the last child finishes") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto g = gather(value_after(0, 1));
    auto spinner = create_task([]() -> Coro<void> {
      for (int i = 0; i < 6; ++i) {
        print("spin " + std::to_string(i));
        co_await sleep(0);
      }
    }());
    co_await g;
    print("gathered");
    co_await spinner;
  }());
  // The child finishes in iteration 3, gather's done callback runs in 4, main in 5 (CPython
  // 3.11 prints exactly this).
  CHECK(r.texts() == Lines{"spin 0", "done 1", "spin 1", "spin 2", "gathered", "spin 3", "spin 4", "spin 5"});
}
