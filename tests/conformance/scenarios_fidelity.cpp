// The five places LoopLab once differed from CPython (issue 11): awaiting finished tasks,
// a task cancelling itself, the end of asyncio.run, the errors the loop reports, and the
// time a loop turn costs.
#include <memory>

#include "scenarios.hpp"

using namespace looplab;

namespace {

Coro<int> value(int n) { co_return n; }

Coro<void> spinner() {
  for (int i = 0; i < 4; ++i) {
    print("spin " + std::to_string(i));
    co_await sleep(0);
  }
}

Coro<int> quitter() {
  current_task()->cancel();
  print("cancel requested, returning 5");
  co_return 5;
}

Coro<void> late() {
  try {
    print("late task starts");
    co_await sleep(1);
    print("late task not reached");
  } catch (const CancelledError&) {
    print("late task's finally");
    throw;
  }
}

Coro<void> woken(std::shared_ptr<Event> event) {
  co_await event->wait();
  print("woken task runs");
}

Coro<void> fail_after(double delay, const char* type, const char* what) {
  co_await sleep(delay);
  throw ScenarioError(type, what);
}

Coro<void> cleanup() {
  try {
    print("cleanup starts");
    co_await sleep(5);
    print("cleanup not reached");
  } catch (...) {
    print("cleanup's finally");
    throw;
  }
}

Coro<void> worker() {
  try {
    co_await sleep(10);
  } catch (const CancelledError&) {
    print("worker cancelled; starting cleanup");
    (void)create_task(cleanup(), "cleanup");
    throw;
  }
}

Coro<void> stubborn() {
  try {
    co_await sleep(10);
  } catch (const CancelledError&) {
    print("stubborn cancelled, raising instead");
  }
  throw ScenarioError("RuntimeError", "failed while shutting down");
}

Coro<void> long_sleeper() { co_await sleep(10); }

bool flag = false;

Coro<void> setter() {
  co_await sleep(10);
  flag = true;
  print("flag set");
}

Coro<void> poller() {
  long spins = 0;
  while (!flag) {
    if (++spins > 5'000'000) {
      print("gave up waiting");
      co_return;
    }
    co_await sleep(0);
  }
  print("poller saw the flag after many spins: " + conformance::py_bool(spins > 1000));
}

}  // namespace

CONFORMANCE_SCENARIO(gather_finished_tasks) {
  auto t = create_task(value(1));
  auto u = create_task(value(2));
  co_await sleep(0);
  print("both done: " + conformance::py_bool(t.done() && u.done()));
  auto s = create_task(spinner());
  auto [a, b] = co_await gather(t, u);
  print("gathered [" + std::to_string(a) + ", " + std::to_string(b) + "]");
  co_await s;
}

CONFORMANCE_SCENARIO(wait_for_finished_task) {
  auto t = create_task(value(7));
  co_await sleep(0);
  auto s = create_task(spinner());
  const int result = co_await wait_for(t, 5);
  print("wait_for returned " + std::to_string(result));
  co_await s;
}

CONFORMANCE_SCENARIO(done_callback_on_finished_task) {
  auto t = create_task(value(3));
  co_await sleep(0);
  t.add_done_callback([](Task<int>& done) { print("callback sees " + std::to_string(done.result())); });
  print("callback added");
  co_await sleep(0);
  print("one turn later");
}

CONFORMANCE_SCENARIO(task_cancels_itself) {
  auto t = create_task(quitter());
  try {
    const int result = co_await t;
    print("got " + std::to_string(result));
  } catch (const CancelledError&) {
    print("awaiting raised CancelledError; cancelled: " + conformance::py_bool(t.cancelled()));
  }
}

CONFORMANCE_SCENARIO(run_end_gives_last_step) {
  auto event = std::make_shared<Event>();  // shared, as woken() still uses it after main returns
  (void)create_task(woken(event));
  co_await sleep(1);
  (void)create_task(late());
  event->set();
  print("main returns");
}

CONFORMANCE_SCENARIO(unretrieved_when_dropped) {
  auto kept = create_task(fail_after(1, "RuntimeError", "nobody asked"));
  co_await sleep(2);
  print("failed: " + conformance::py_bool(kept.done()) + "; dropping the last reference");
  kept = {};
  print("after del");
  co_await sleep(1);
  print("main returns");
}

CONFORMANCE_SCENARIO(unretrieved_unreferenced) {
  (void)create_task(fail_after(1, "ValueError", "nobody holds me"));
  auto looked_at = create_task(fail_after(1.5, "ValueError", "looked at"));
  co_await sleep(2);
  print("exception: " + error_text(looked_at.exception()));
  looked_at = {};
  print("main returns");
}

CONFORMANCE_SCENARIO(destroyed_pending) {
  (void)create_task(worker());
  co_await sleep(1);
  print("main returns");
}

CONFORMANCE_SCENARIO(shutdown_exception) {
  (void)create_task(stubborn(), "stubborn");
  co_await sleep(1);
  print("main returns");
}

CONFORMANCE_SCENARIO(exception_of_cancelled_task) {
  auto t = create_task(long_sleeper());
  co_await sleep(1);
  t.cancel();
  co_await sleep(0);
  co_await sleep(0);
  print("cancelled: " + conformance::py_bool(t.cancelled()));
  try {
    (void)t.exception();
    print("exception() returned");
  } catch (const CancelledError&) {
    print("exception() raised CancelledError");
  }
  try {
    t.result();
    print("result() returned");
  } catch (const CancelledError&) {
    print("result() raised CancelledError");
  }
}

CONFORMANCE_SCENARIO(busy_poll_sees_timer) {
  flag = false;
  co_await gather(setter(), poller());
}

CONFORMANCE_SCENARIO(tiny_sleep_wakes_late) {
  const double start = loop_time();
  co_await sleep(1e-9);
  const double late = loop_time() - start;
  print("slept at least a microsecond: " + conformance::py_bool(late >= 1e-6));
}
