#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<void> sleeper(double delay) {
  try {
    co_await sleep(delay);
    print("woke normally");
  } catch (const CancelledError&) {
    print("cancelled at the await");
    throw;
  }
}

Coro<void> announce(std::string what) {
  print(what);
  co_return;
}

}  // namespace

TEST_CASE("cancel() delivers CancelledError at the await the task is suspended on") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto t = create_task(sleeper(10));
    co_await sleep(1);
    CHECK(t.cancel());
    try {
      co_await t;
    } catch (const CancelledError&) {
      print("awaiter sees CancelledError");
    }
    CHECK(t.cancelled());
    CHECK_FALSE(t.cancel());  // already finished
  }());
  CHECK(r.lines() == Lines{"1.00 Task-2 cancelled at the await", "1.00 Task-1 awaiter sees CancelledError"});
  CHECK(r.loop.time() == 1.0);  // the 10 s timer was cancelled, nothing waited for it
}

TEST_CASE("a task cancelled before its first step never runs its body") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto t = create_task(announce("body"));
    t.cancel();
    co_await sleep(0);
    CHECK(t.cancelled());
  }());
  CHECK(r.texts().empty());
}

TEST_CASE("a task may catch CancelledError and carry on") {
  VirtualRun r;
  const int v = r.run([]() -> Coro<int> {
    auto stubborn = []() -> Coro<int> {
      try {
        co_await sleep(5);
      } catch (const CancelledError&) {
        print("ignoring the cancellation");
      }
      co_await sleep(1);
      co_return 7;
    };
    auto t = create_task(stubborn());
    co_await sleep(1);
    t.cancel();
    co_return co_await t;
  }());
  CHECK(v == 7);
  CHECK(r.lines() == Lines{"1.00 Task-2 ignoring the cancellation"});
  CHECK(r.loop.time() == 2.0);
}

TEST_CASE("catch (const std::exception&) does not swallow a cancellation") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto t = create_task([]() -> Coro<void> {
      try {
        co_await sleep(5);
      } catch (const std::exception&) {
        print("must not be printed");
      }
    }());
    co_await sleep(0);
    t.cancel();
    try {
      co_await t;
    } catch (const CancelledError&) {
    }
  }());
  CHECK(r.texts().empty());
}

TEST_CASE("cancelling a task that awaits another cancels the other one too") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto inner = create_task(sleeper(10));
    auto outer = create_task([](Task<void> in) -> Coro<void> {
      co_await in;
      print("outer not reached");
    }(inner));
    co_await sleep(1);
    outer.cancel();
    try {
      co_await outer;
    } catch (const CancelledError&) {
    }
    CHECK(inner.cancelled());
    CHECK(outer.cancelled());
  }());
  CHECK(r.texts() == Lines{"cancelled at the await"});
}

TEST_CASE("a task that cancels itself is cancelled at its next await") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto t = create_task([]() -> Coro<void> {
      current_task()->cancel();
      print("still running after cancel()");
      co_await sleep(1);
      print("not reached");
    }());
    try {
      co_await t;
    } catch (const CancelledError&) {
    }
    CHECK(t.cancelled());
  }());
  CHECK(r.texts() == Lines{"still running after cancel()"});
  CHECK(r.loop.time() == 0.0);
}

TEST_CASE("asyncio.run cancels the tasks still pending when main returns") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    (void)create_task(sleeper(100));
    co_await sleep(1);
    print("main done");
  }());
  CHECK(r.texts() == Lines{"main done", "cancelled at the await"});
  CHECK(r.loop.time() == 1.0);
}
