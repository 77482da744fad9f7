// What the views call each wait and wake-up: the scheduler's words (trace_words.hpp).
#include <doctest/doctest.h>

#include <algorithm>

#include "looplab/trace_words.hpp"
#include "scenario.hpp"

using namespace looplab;
using looplab::test::VirtualRun;

namespace {

std::vector<std::string> words_of(const Trace& trace, TaskId task) {
  TraceIndex index;
  index.update(trace);
  std::vector<std::string> out;
  for (const StateSpan& s : index.spans(task)) {
    std::string w = describe_span(trace, s);
    if (!w.empty()) out.push_back(w);
  }
  return out;
}

bool has(const std::vector<std::string>& words, const std::string& w) {
  return std::find(words.begin(), words.end(), w) != words.end();
}

Coro<void> nap(double seconds) { co_await sleep(seconds); }

TaskId task_named(const Trace& trace, const std::string& name) {
  for (TaskId t = 1; t < trace.tasks().size(); ++t)
    if (trace.task_name(t) == name) return t;
  return 0;
}

}  // namespace

TEST_CASE("a TaskGroup's parent waits for it, and its failing task makes it cancel the others") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    try {
      co_await task_group([](TaskGroup& tg) -> Coro<void> {
        tg.create_task([]() -> Coro<void> { co_await sleep(5); }(), "sibling");
        tg.create_task([]() -> Coro<void> {
          co_await sleep(1);
          throw ScenarioError("ValueError", "x");
        }(), "crasher");
        co_return;
      }, "downloads");
    } catch (const ExceptionGroup&) {
    }
  }());
  const Trace& trace = r.loop.trace();
  CHECK(has(words_of(trace, 1), "TaskGroup 'downloads': its tasks to finish"));
  CHECK(has(words_of(trace, 1), "every task of its TaskGroup finished"));
  CHECK(has(words_of(trace, 2), "its TaskGroup cancelled it: crasher failed"));
}

TEST_CASE("shield, conditions, futures and timeouts name themselves") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto inner = create_task([]() -> Coro<int> {
      co_await sleep(1);
      co_return 1;
    }(), "inner");
    co_await shield(inner);
    Condition cond("ready");
    auto waiter = create_task([](Condition& c) -> Coro<void> {
      co_await c.acquire();
      co_await c.wait();
      c.release();
    }(cond), "waiter");
    co_await sleep(0);
    co_await cond.acquire();
    cond.notify();
    cond.release();
    co_await waiter;
    auto fut = create_future<int>("reply");
    running_loop().call_soon([fut]() mutable { fut.set_result(3); });
    co_await fut;
    try {
      co_await timeout(1, []() -> Coro<void> { co_await sleep(5); }());
    } catch (const TimeoutError&) {
    }
  }());
  const auto main_words = words_of(r.loop.trace(), 1);
  CHECK(has(main_words, "shielded: inner"));
  CHECK(has(main_words, "the shielded task inner finished"));
  CHECK(has(main_words, "future 'reply'"));
  CHECK(has(main_words, "its asyncio.timeout() expired"));
  const auto waiter_words = words_of(r.loop.trace(), 3);
  CHECK(has(waiter_words, "condition 'ready'"));
  CHECK(has(waiter_words, "Task-1 notified the condition"));
}

TEST_CASE("asyncio.run's end: a leftover created during shutdown is destroyed, not left waiting") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    (void)create_task([]() -> Coro<void> {
      try {
        co_await sleep(10);
      } catch (const CancelledError&) {
        (void)create_task([]() -> Coro<void> { co_await sleep(10); }(), "late");
        throw;
      }
    }());
    co_await sleep(1);
  }());
  const Trace& trace = r.loop.trace();
  const TaskInfo& late = trace.tasks().back();
  REQUIRE(late.finished_event != kNoEvent);
  CHECK(trace.events()[late.finished_event].state == TaskState::destroyed);
}

TEST_CASE("asyncio.wait, as_completed, wait_for, Barrier and cancel(msg) name themselves") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto quick = create_task(nap(1), "quick");
    auto slow = create_task(nap(2), "slow");
    // Named vectors: GCC 12 miscompiles a braced temporary inside a co_await expression.
    std::vector<Task<void>> both{quick, slow};
    co_await wait(both, FIRST_COMPLETED);
    std::vector<Task<void>> rest{slow};
    for (auto next : as_completed(rest)) co_await next;
    co_await wait_for(create_task(nap(1), "napper"), 5);
    Barrier barrier(2, "start line");
    auto runner = create_task([](Barrier& b) -> Coro<void> { co_await b.wait(); }(barrier), "runner");
    co_await barrier.wait();
    co_await runner;
    auto victim = create_task(nap(5), "victim");
    co_await sleep(0);
    victim.cancel("enough");
    try {
      co_await victim;
    } catch (const CancelledError&) {
    }
    auto fut = create_future<int>("never set");
    auto reader = create_task([](Future<int> f) -> Coro<void> {
      try {
        co_await f;
      } catch (const CancelledError&) {
      }
    }(fut), "reader");
    co_await sleep(0);
    fut.cancel("dropped");
    co_await reader;
  }());
  const Trace& trace = r.loop.trace();
  const auto main_words = words_of(trace, 1);
  CHECK(has(main_words, "asyncio.wait(FIRST_COMPLETED) on quick, ..."));
  CHECK(has(main_words, "the asyncio.wait it awaited returned (quick finished)"));
  CHECK(has(main_words, "as_completed: the next task to finish"));
  CHECK(has(main_words, "slow finished (as_completed)"));
  CHECK(has(main_words, "wait_for(napper)"));
  CHECK(has(main_words, "napper, which it awaited, finished"));
  CHECK(has(main_words, "barrier 'start line'"));
  CHECK(has(main_words, "the barrier opened: runner arrived last"));
  CHECK(has(words_of(trace, task_named(trace, "victim")), "it was cancelled by Task-1 ('enough')"));
  const auto reader_words = words_of(trace, task_named(trace, "reader"));
  CHECK(has(reader_words, "future 'never set'"));
  CHECK(has(reader_words, "it was cancelled by Task-1 ('dropped')"));
}
