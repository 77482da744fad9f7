// The asyncio 3.11 combinators and primitives beyond what the conformance scenarios show:
// misuse gets the error Python raises (RuntimeError / ValueError / InvalidStateError as
// InvalidStateError / std::invalid_argument here), and the edge cases keep their order.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::Lines;
using looplab::test::VirtualRun;

namespace {

Coro<int> after(double delay, int value) {
  co_await sleep(delay);
  co_return value;
}

Coro<void> crash_after(double delay) {
  co_await sleep(delay);
  throw ScenarioError("ValueError", "crashed");
}

template <class F> std::string error_of(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("asyncio.wait refuses an empty list, as Python's ValueError") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    // Named vectors: GCC 12 miscompiles a braced temporary inside a co_await expression.
    std::vector<Task<int>> none;
    CHECK_THROWS_AS(co_await wait(none), std::invalid_argument);
    std::vector<Task<int>> one{create_task(after(1, 1))};
    auto [done, pending] = co_await wait(one, FIRST_EXCEPTION);
    CHECK(done.size() == 1);  // FIRST_EXCEPTION with no failure: returns when all are done
    CHECK(pending.empty());
  }());
}

TEST_CASE("as_completed of nothing yields nothing") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    int seen = 0;
    std::vector<Task<int>> none;
    for (auto next : as_completed(none)) {
      (void)next;
      ++seen;
    }
    CHECK(seen == 0);
    co_return;
  }());
}

TEST_CASE("TaskGroup refuses new tasks while shutting down; the refused coroutine is never awaited") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    try {
      co_await task_group([](TaskGroup& tg) -> Coro<void> {
        tg.create_task(crash_after(1));
        try {
          co_await sleep(5);
        } catch (const CancelledError&) {
          print(error_of([&] { tg.create_task(after(1, 2), "refused"); }));
          throw;
        }
      });
    } catch (const ExceptionGroup& eg) {
      print(eg.what());
      CHECK(eg.exceptions.size() == 1);
    }
    CHECK(current_task()->cancelling() == 0);  // the group took its cancellation back
  }());
  CHECK(r.texts() == Lines{"TaskGroup is shutting down", "unhandled errors in a TaskGroup (1 sub-exception)"});
  CHECK(looplab::test::count_events(r.loop.trace(), EventKind::never_awaited) == 1);
}

TEST_CASE("TaskGroup outside a task cannot find its parent") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    running_loop().call_soon([] { print(error_of([] { TaskGroup group; })); }, "outside");
    co_await sleep(0);
  }());
  CHECK(r.texts() == Lines{"TaskGroup cannot determine the parent task"});
}

TEST_CASE("BoundedSemaphore refuses a release above its initial value; Semaphore does not") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    BoundedSemaphore bounded(1);
    co_await bounded.acquire();
    bounded.release();
    CHECK(error_of([&] { bounded.release(); }) == "BoundedSemaphore released too many times");
    CHECK(bounded.value() == 1);
    Semaphore plain(1);
    plain.release();
    CHECK(plain.value() == 2);
  }());
}

TEST_CASE("Barrier: at least one party; an aborted barrier breaks every later wait at once") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    CHECK_THROWS_AS(Barrier(0), std::invalid_argument);
    Barrier barrier(2);
    co_await barrier.abort();
    CHECK(barrier.broken());
    const double before = loop_time();
    CHECK_THROWS_AS(co_await barrier.wait(), BrokenBarrierError);
    CHECK(loop_time() == before);
    CHECK(barrier.n_waiting() == 0);
  }());
}

TEST_CASE("Condition: wait and notify need the lock held") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    Condition cond;
    CHECK(error_of([&] { cond.notify(); }) == "cannot notify on un-acquired lock");
    CHECK_THROWS_AS(co_await cond.wait(), InvalidStateError);
    co_await cond.acquire();
    cond.notify_all();  // nobody waits: nothing happens
    cond.release();
    CHECK_FALSE(cond.locked());
  }());
}

TEST_CASE("asyncio.timeout: a past deadline that the block outruns raises nothing; none never expires") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    // No await inside: the block ends before the queued expiry runs, which is then cancelled.
    const int quick = co_await timeout(0, []() -> Coro<int> { co_return 3; }());
    CHECK(quick == 3);
    co_await sleep(0);
    co_await sleep(0);
    CHECK(current_task()->cancelling() == 0);
    const int slow = co_await timeout(kNoTimeout, after(50, 4));
    CHECK(slow == 4);
    print("no timeout");
  }());
  CHECK(r.texts() == Lines{"no timeout"});
  CHECK(looplab::test::count_events(r.loop.trace(), EventKind::callback) == 0);  // the loop's own
}

TEST_CASE("asyncio.timeout can be moved only while its block runs") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    co_await timeout(5, [&](Timeout& cm) -> Coro<void> {
      cm.reschedule(loop_time() + 1);
      CHECK(cm.when() == doctest::Approx(loop_time() + 1));
      co_return;
    });
    Timeout never_entered(1);
    CHECK_THROWS_AS(never_entered.reschedule(2), InvalidStateError);
  }());
}

TEST_CASE("Future: one result only; reading one not done is an error") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto fut = create_future<int>("answer");
    CHECK_THROWS_AS(fut.result(), InvalidStateError);
    CHECK_THROWS_AS(fut.exception(), InvalidStateError);
    fut.set_result(42);
    CHECK_THROWS_AS(fut.set_result(43), InvalidStateError);
    CHECK_FALSE(fut.cancel());
    CHECK(fut.result() == 42);
    auto gone = create_future<void>();
    const DoneCallbackId id = gone.add_done_callback([](Future<void>&) { print("removed before it ran"); });
    CHECK(gone.remove_done_callback(id) == 1);
    CHECK(gone.cancel("no longer needed"));
    try {
      (void)gone.exception();
      FAIL("exception() of a cancelled future must raise");
    } catch (const CancelledError& e) {
      CHECK(e.repr() == "CancelledError('no longer needed')");
    }
    // Added to a done future, a callback is queued at once: too late to remove (as CPython).
    const DoneCallbackId late = gone.add_done_callback([](Future<void>& f) {
      print("late callback; cancelled: " + std::string(f.cancelled() ? "True" : "False"));
    });
    CHECK(gone.remove_done_callback(late) == 0);
    co_await sleep(0);
  }());
  CHECK(r.texts() == Lines{"late callback; cancelled: True"});
}
