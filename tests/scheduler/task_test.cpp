#include <doctest/doctest.h>

#include <stdexcept>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<int> answer_after(double delay, int value) {
  co_await sleep(delay);
  co_return value;
}

Coro<void> announce(std::string what) {
  print(what);
  co_return;
}

Coro<int> fail_after(double delay, std::string message) {
  co_await sleep(delay);
  throw ScenarioError("ValueError", message);
}

}  // namespace

TEST_CASE("create_task does not run the task until the creator yields") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto t = create_task(announce("task body"));
    print("creator continues");
    co_await t;
    print("after await");
  }());
  CHECK(r.texts() == Lines{"creator continues", "task body", "after await"});
}

TEST_CASE("awaiting a coroutine runs it inline, in the awaiting task") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    co_await announce("inline");
    print("back");
  }());
  CHECK(r.lines() == Lines{"0.00 Task-1 inline", "0.00 Task-1 back"});
  CHECK(r.loop.trace().tasks().size() == 2);  // the loop entry and Task-1 only
}

TEST_CASE("run returns main's result; awaiting a task returns its result") {
  VirtualRun r;
  const int v = r.run([]() -> Coro<int> {
    auto t = create_task(answer_after(1, 41));
    const int x = co_await t;
    co_return x + 1;
  }());
  CHECK(v == 42);
  CHECK(r.loop.time() == 1.0);
}

TEST_CASE("a task's exception propagates to the awaiter and out of run") {
  VirtualRun r;
  CHECK_THROWS_WITH_AS(r.run([]() -> Coro<int> { co_return co_await create_task(fail_after(1, "boom")); }()),
                       "ValueError('boom')", ScenarioError);
  const Trace& t = r.loop.trace();
  const TraceEvent& finished = t.events()[t.tasks()[2].finished_event];
  CHECK(finished.state == TaskState::failed);
  CHECK(t.text(finished.detail) == "ValueError('boom')");
}

TEST_CASE("tasks get asyncio's default names and remember their creator") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto a = create_task(announce("a"));
    auto b = create_task(announce("b"), "worker");
    auto c = create_task(announce("c"));
    co_await a;
    co_await b;
    co_await c;
  }());
  const Trace& t = r.loop.trace();
  CHECK(t.task_name(1) == "Task-1");
  CHECK(t.task_name(2) == "Task-2");
  CHECK(t.task_name(3) == "worker");
  CHECK(t.task_name(4) == "Task-3");  // named tasks do not use up a number, as in CPython
  CHECK(t.tasks()[3].parent == 1);
  CHECK(t.tasks()[1].parent == 0);
}

TEST_CASE("a coroutine that is never awaited is reported with its name") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    (void)announce("never printed").named("announce");
    co_await sleep(0);
  }());
  CHECK(r.texts().empty());
  const Trace& t = r.loop.trace();
  REQUIRE(test::count_events(t, EventKind::never_awaited) == 1);
  for (const auto& e : t.events())
    if (e.kind == EventKind::never_awaited) {
      CHECK(t.text(e.detail) == "announce");
      CHECK(e.task == 1);
    }
}

TEST_CASE("a failed task nobody holds or awaits is reported as never retrieved") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    (void)create_task(fail_after(0, "lost"));
    co_await sleep(1);
  }());
  CHECK(test::count_events(r.loop.trace(), EventKind::error_unretrieved) == 1);
}

TEST_CASE("result() of an unfinished task raises InvalidStateError") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto t = create_task(answer_after(1, 1));
    CHECK_THROWS_AS(t.result(), InvalidStateError);
    CHECK(co_await t == 1);
    CHECK(t.result() == 1);
  }());
}

TEST_CASE("awaiting a finished task does not yield to the loop") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto t = create_task(answer_after(0, 5));
    co_await sleep(1);
    auto other = create_task(announce("other"));
    CHECK(co_await t == 5);
    print("no yield before this");
    co_await other;
  }());
  CHECK(r.texts() == Lines{"no yield before this", "other"});
}

TEST_CASE("waiting forever on something nothing will do is reported as a deadlock") {
  VirtualRun r;
  CHECK_THROWS_AS(r.run([]() -> Coro<void> {
    Event never("never");
    co_await never.wait();
  }()),
                  std::runtime_error);
}

TEST_CASE("a task that creates tasks: children run after their parent yields, in creation order") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto spawner = [](int n) -> Coro<void> {
      std::vector<Task<void>> kids;
      for (int i = 0; i < n; ++i) kids.push_back(create_task(announce("child " + std::to_string(i))));
      print("spawned");
      for (auto& k : kids) co_await k;
    };
    co_await create_task(spawner(3));
  }());
  CHECK(r.texts() == Lines{"spawned", "child 0", "child 1", "child 2"});
  CHECK(r.loop.trace().tasks()[3].parent == 2);
}
