// Errors and cancellation: gather with a failing child, return_exceptions, cancel(),
// wait_for timeouts, cancellation travelling to awaited tasks.
#include "scenarios.hpp"

using namespace looplab;

namespace {

Coro<int> ok(int n, double delay) {
  co_await sleep(delay);
  print("ok " + std::to_string(n));
  co_return n;
}

Coro<int> quiet_ok(int n, double delay) {
  co_await sleep(delay);
  co_return n;
}

Coro<int> fail(double delay, bool announce) {
  co_await sleep(delay);
  if (announce) print("failing");
  throw ScenarioError("ValueError", "boom");
}

Coro<void> cancellable_sleeper() {
  try {
    print("sleeping");
    co_await sleep(10);
    print("not reached");
  } catch (const CancelledError&) {
    print("cancelled while sleeping");
    throw;
  }
}

Coro<std::string> slow() {
  try {
    co_await sleep(5);
    co_return "slow result";
  } catch (const CancelledError&) {
    print("slow cancelled");
    throw;
  }
}

Coro<std::string> quick() {
  co_await sleep(1);
  co_return "quick result";
}

Coro<void> body() {
  print("body runs");
  co_return;
}

Coro<void> inner() {
  try {
    co_await sleep(10);
  } catch (const CancelledError&) {
    print("inner cancelled");
    throw;
  }
}

Coro<void> outer(Task<void> task) {
  try {
    co_await task;
  } catch (const CancelledError&) {
    print("outer cancelled");
    throw;
  }
}

Coro<void> faulty() {
  co_await sleep(1);
  throw ScenarioError("RuntimeError", "task failed");
}

Coro<void> work() {
  try {
    co_await sleep(10);
  } catch (const CancelledError&) {
    print("work cancelled");
    throw;
  }
}

Coro<void> caller() {
  try {
    co_await wait_for(work(), 5);
  } catch (const CancelledError&) {
    print("caller cancelled");
    throw;
  }
}

}  // namespace

CONFORMANCE_SCENARIO(gather_exception_propagates) {
  try {
    co_await gather(ok(1, 1), fail(2, true), ok(3, 3));
  } catch (const ScenarioError& e) {
    print(std::string("caught ") + e.what());
  }
  co_await sleep(2);
  print("finished");
}

CONFORMANCE_SCENARIO(gather_return_exceptions) {
  auto [a, b, c] = co_await gather_return_exceptions(quiet_ok(1, 1), fail(2, false), quiet_ok(3, 3));
  for (const auto* outcome : {&a, &b, &c})
    print("outcome " + (outcome->ok() ? std::to_string(outcome->get()) : outcome->error_text()));
}

CONFORMANCE_SCENARIO(cancel_sleeping_task) {
  auto task = create_task(cancellable_sleeper());
  co_await sleep(1);
  task.cancel();
  try {
    co_await task;
  } catch (const CancelledError&) {
    print("task cancelled: " + conformance::py_bool(task.cancelled()));
  }
}

CONFORMANCE_SCENARIO(wait_for_timeout) {
  try {
    co_await wait_for(slow(), 2);
  } catch (const TimeoutError&) {
    print("timed out");
  }
}

CONFORMANCE_SCENARIO(wait_for_in_time) { print(co_await wait_for(quick(), 3)); }

CONFORMANCE_SCENARIO(cancel_before_start) {
  auto task = create_task(body());
  task.cancel();
  try {
    co_await task;
  } catch (const CancelledError&) {
    print("cancelled before start: " + conformance::py_bool(task.cancelled()));
  }
}

CONFORMANCE_SCENARIO(cancel_propagates_to_awaited) {
  auto i = create_task(inner());
  auto o = create_task(outer(i));
  co_await sleep(1);
  o.cancel();
  try {
    co_await o;
  } catch (const CancelledError&) {
    print("inner cancelled: " + conformance::py_bool(i.cancelled()) +
          ", outer cancelled: " + conformance::py_bool(o.cancelled()));
  }
}

CONFORMANCE_SCENARIO(exception_from_awaited_task) {
  auto task = create_task(faulty());
  try {
    co_await task;
  } catch (const ScenarioError& e) {
    print(std::string("caught ") + e.what());
  }
  print("task done: " + conformance::py_bool(task.done()) + ", cancelled: " + conformance::py_bool(task.cancelled()));
}

CONFORMANCE_SCENARIO(wait_for_caller_cancelled) {
  auto task = create_task(caller());
  co_await sleep(1);
  task.cancel();
  try {
    co_await task;
  } catch (const CancelledError&) {
    print("main saw the cancellation");
  }
}
