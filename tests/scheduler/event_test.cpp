#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

TEST_CASE("set() wakes every waiter; waiting on a set event returns at once") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Event ev("go");
    auto waiter = [](Event& e, std::string name) -> Coro<void> {
      co_await e.wait();
      print(name + " woke");
    };
    auto a = create_task(waiter(ev, "a"));
    auto b = create_task(waiter(ev, "b"));
    co_await sleep(2);
    CHECK_FALSE(ev.is_set());
    ev.set();
    co_await a;
    co_await b;
    CHECK(co_await ev.wait());
    ev.clear();
    CHECK_FALSE(ev.is_set());
  }());
  CHECK(r.lines() == Lines{"2.00 Task-2 a woke", "2.00 Task-3 b woke"});
}

TEST_CASE("the trace shows who set the event that woke a waiter") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Event ev("go");
    auto a = create_task([](Event& e) -> Coro<void> { co_await e.wait(); }(ev));
    co_await sleep(1);
    ev.set();
    co_await a;
  }());
  bool found = false;
  for (const auto& e : r.loop.trace().events())
    if (e.kind == EventKind::state && e.task == 2 && e.cause == WakeCause::event) {
      found = true;
      CHECK(e.related == 1);
    }
  CHECK(found);
}
