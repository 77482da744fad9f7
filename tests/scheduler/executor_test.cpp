#include <doctest/doctest.h>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<void> offload(std::string name, double seconds) {
  co_await to_thread(seconds);
  print(name + " done");
}

Coro<void> tick(int times) {
  for (int i = 0; i < times; ++i) {
    co_await sleep(1);
    print("tick " + std::to_string(i + 1));
  }
}

}  // namespace

TEST_CASE("to_thread keeps the loop free while the work runs on a worker") {
  VirtualRun r;
  r.run([]() -> Coro<void> { co_await gather(offload("work", 2.5), tick(3)); }());
  CHECK(r.lines() == Lines{"1.00 Task-3 tick 1", "2.00 Task-3 tick 2", "2.50 Task-2 work done", "3.00 Task-3 tick 3"});
}

TEST_CASE("with two workers, the third job waits for a free lane") {
  LoopOptions options;
  options.executor_workers = 2;
  VirtualRun r(options);
  r.run([]() -> Coro<void> { co_await gather(offload("a", 1), offload("b", 1), offload("c", 1)); }());
  CHECK(r.lines() == Lines{"1.00 Task-2 a done", "1.00 Task-3 b done", "2.00 Task-4 c done"});
  TraceIndex index;
  index.update(r.loop.trace());
  bool waited = false;
  for (const StateSpan& s : index.spans(4)) {
    if (s.state == TaskState::waiting_executor) {
      waited = true;
      CHECK(s.start == 0.0);
      CHECK(s.end == 1.0);
    }
  }
  CHECK(waited);
}

TEST_CASE("work keeps its lane even when the loop is blocked") {
  LoopOptions options;
  options.executor_workers = 1;
  VirtualRun r(options);
  r.run([]() -> Coro<void> {
    auto a = create_task(offload("a", 1));
    auto b = create_task(offload("b", 1));
    co_await sleep(0);
    co_await block(5);  // the lanes do not wait for the loop
    co_await a;
    co_await b;
  }());
  TraceIndex index;
  index.update(r.loop.trace());
  for (const StateSpan& s : index.spans(3))
    if (s.state == TaskState::in_executor) CHECK(s.start == 1.0);
  CHECK(r.lines() == Lines{"5.00 Task-2 a done", "5.00 Task-3 b done"});
}

TEST_CASE("cancelling a task in the executor does not free the worker early") {
  LoopOptions options;
  options.executor_workers = 1;
  VirtualRun r(options);
  r.run([]() -> Coro<void> {
    auto a = create_task(offload("a", 3));
    co_await sleep(1);
    a.cancel();
    try {
      co_await a;
    } catch (const CancelledError&) {
      print("a cancelled");
    }
    co_await offload("b", 1);
  }());
  CHECK(r.lines() == Lines{"1.00 Task-1 a cancelled", "4.00 Task-1 b done"});
}
