// Cancellation messages and counts, sleep's result, plain futures with done callbacks,
// and call_soon / call_later / call_at handles.
#include "scenarios.hpp"

using namespace looplab;

namespace {

Coro<void> sleeper() {
  try {
    co_await sleep(10);
  } catch (const CancelledError& e) {
    print("sleeper sees " + e.repr());
    throw;
  }
}

// A try around an await inside a loop: see LOOPLAB_WASM_EH_SAFE (coroutine.hpp).
LOOPLAB_WASM_EH_SAFE Coro<std::string> stubborn() {
  TaskBase* me = current_task();
  for (int attempt = 0; attempt < 2; ++attempt) {
    try {
      co_await sleep(10);
    } catch (const CancelledError&) {
      print("caught a cancellation, cancelling() = " + std::to_string(me->cancelling()));
      const auto left = me->uncancel();
      print("uncancel() -> " + std::to_string(left));
    }
  }
  print("done after two cancellations");
  co_return "survived";
}

Coro<void> awaiter(Future<std::string> fut, std::string name) { print(name + " got " + co_await fut); }

}  // namespace

CONFORMANCE_SCENARIO(cancel_with_message) {
  auto t = create_task(sleeper());
  co_await sleep(1);
  t.cancel("shutting down");
  try {
    co_await t;
  } catch (const CancelledError& e) {
    print("awaiter sees " + e.repr());
  }
  auto u = create_task(sleeper());
  u.cancel("before it started");
  try {
    co_await u;
  } catch (const CancelledError& e) {
    print("awaiter sees " + e.repr());
  }
}

CONFORMANCE_SCENARIO(cancelling_uncancel) {
  auto t = create_task(stubborn());
  co_await sleep(1);
  t.cancel();
  t.cancel();
  print("two cancel() calls: cancelling() = " + std::to_string(t.cancelling()));
  co_await sleep(1);
  t.cancel();
  print("result " + co_await t);
}

CONFORMANCE_SCENARIO(sleep_result) {
  print("got '" + co_await sleep(1, "wake up") + "'");
  print("got " + std::to_string(co_await sleep(0, 42)));
}

CONFORMANCE_SCENARIO(future_callbacks) {
  auto fut = create_future<std::string>();
  fut.add_done_callback([](Future<std::string>& f) { print("callback: result " + f.result()); });
  std::vector<Task<void>> tasks{create_task(awaiter(fut, "a")), create_task(awaiter(fut, "b"))};
  co_await sleep(1);
  fut.set_result("ready");
  print("set; done: " + conformance::py_bool(fut.done()));
  co_await gather(tasks);
  fut.add_done_callback([](Future<std::string>&) { print("late callback"); });
  co_await sleep(0);
  auto failed = create_future<int>();
  failed.set_exception(ScenarioError("ValueError", "no luck"));
  try {
    co_await failed;
  } catch (const ScenarioError& e) {
    print(std::string("awaiting raised ") + e.what());
  }
  auto cancelled = create_future<void>();
  cancelled.cancel("never mind");
  try {
    co_await cancelled;
  } catch (const CancelledError& e) {
    print("cancelled future raised " + e.repr());
  }
}

CONFORMANCE_SCENARIO(call_soon_handles) {
  EventLoop& loop = running_loop();
  loop.call_soon([] { print("soon 1"); });
  Handle dropped = loop.call_soon([] { print("dropped"); });
  loop.call_soon([] { print("soon 2"); });
  dropped.cancel();
  Handle later = loop.call_later(2, [] { print("later at 2"); });
  Handle never = loop.call_later(1, [] { print("never"); });
  Handle at = loop.call_at(loop.time() + 3, [] { print("at 3"); });
  print("handles made; never cancelled: " + conformance::py_bool(never.cancelled()));
  never.cancel();
  print("now cancelled: " + conformance::py_bool(never.cancelled()));
  co_await sleep(0);
  print("after one turn");
  co_await sleep(4);
  print("later cancelled: " + conformance::py_bool(later.cancelled()) +
        ", at cancelled: " + conformance::py_bool(at.cancelled()));
}
