// call_soon / call_later / call_at handles, and user done callbacks on tasks and futures.
#include <doctest/doctest.h>

#include <stdexcept>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

TEST_CASE("call_soon callbacks run in order on the next turn, outside any task; cancelled ones never") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    EventLoop& loop = running_loop();
    loop.call_soon([] { print("first"); }, "first");
    Handle skipped = loop.call_soon([] { print("skipped"); });
    loop.call_soon([] { print(current_task() == nullptr ? "outside a task" : "inside a task"); });
    skipped.cancel();
    CHECK(skipped.cancelled());
    print("scheduled");
    co_await sleep(0);
  }());
  CHECK(r.texts() == Lines{"scheduled", "first", "outside a task"});
  CHECK(looplab::test::count_events(r.loop.trace(), EventKind::callback) == 2);
}

TEST_CASE("call_later and call_at fire at their deadline; when() tells it") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    EventLoop& loop = running_loop();
    Handle later = loop.call_later(2, [] { print("later"); });
    Handle at = loop.call_at(1, [] { print("at"); });
    Handle never = loop.call_later(1.5, [] { print("never"); });
    CHECK(later.when() == 2.0);
    CHECK(std::isnan(loop.call_soon([] {}).when()));
    never.cancel();
    co_await sleep(3);
  }());
  CHECK(r.lines() == Lines{"1.00 loop at", "2.00 loop later"});
}

TEST_CASE("an exception escaping a callback is recorded and the loop goes on") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    running_loop().call_soon([] { throw std::runtime_error("callback broke"); }, "breaker");
    co_await sleep(0);
    co_await sleep(0);
    print("still running");
  }());
  CHECK(r.texts() == Lines{"still running"});
  CHECK(looplab::test::count_events(r.loop.trace(), EventKind::error_in_callback) == 1);
}

TEST_CASE("a task's done callback runs one turn after it finishes, or at once if it has") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto t = create_task([]() -> Coro<int> { co_return 7; }());
    t.add_done_callback([](Task<int>& done) { print("pending then done: " + std::to_string(done.result())); });
    const DoneCallbackId removed = t.add_done_callback([](Task<int>&) { print("removed"); });
    CHECK(t.remove_done_callback(removed) == 1);
    CHECK(t.remove_done_callback(removed) == 0);
    co_await t;
    t.add_done_callback([](Task<int>&) { print("added after"); });
    co_await sleep(0);
    co_await sleep(0);
  }());
  CHECK(r.texts() == Lines{"pending then done: 7", "added after"});
}

TEST_CASE("a future: awaited by several tasks, set_result once, cancel wakes every awaiter") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto fut = create_future<int>("answer");
    auto reader = [](Future<int> f, std::string name) -> Coro<void> { print(name + " " + std::to_string(co_await f)); };
    auto a = create_task(reader(fut, "a"));
    auto b = create_task(reader(fut, "b"));
    co_await sleep(1);
    fut.set_result(42);
    CHECK_THROWS_AS(fut.set_result(43), InvalidStateError);
    co_await gather(a, b);
    auto never = create_future<void>("never");
    auto waiting = create_task([](Future<void> f) -> Coro<void> {
      try {
        co_await f;
      } catch (const CancelledError& e) {
        print("cancelled: " + e.repr());
      }
    }(never));
    co_await sleep(0);
    waiting.cancel("stop");  // cancels the future the task waits on
    co_await waiting;
    CHECK(never.cancelled());
  }());
  CHECK(r.texts() == Lines{"a 42", "b 42", "cancelled: CancelledError('stop')"});
}
