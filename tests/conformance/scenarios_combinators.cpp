// Waiting for several tasks at once: asyncio.wait, as_completed, shield, TaskGroup and
// asyncio.timeout.
#include <algorithm>

#include "scenarios.hpp"

using namespace looplab;

namespace {

std::string sorted_names(const std::vector<Task<std::string>>& tasks) {
  std::vector<std::string> names;
  for (const auto& t : tasks) names.push_back("'" + t.name() + "'");
  std::sort(names.begin(), names.end());
  std::string out = "[";
  for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + "]";
}

Coro<std::string> job(std::string name, double delay) {
  co_await sleep(delay);
  print(name + " finishes");
  co_return name;
}

Coro<std::string> maybe_failing(std::string name, double delay, bool fail) {
  co_await sleep(delay);
  if (fail) {
    print(name + " raises");
    throw ScenarioError("ValueError", name);
  }
  print(name + " finishes");
  co_return name;
}

Coro<double> quiet_job(double delay) {
  co_await sleep(delay);
  co_return delay;
}

Coro<std::string> named_result(std::string name, double delay) {
  co_await sleep(delay);
  co_return name;
}

Coro<int> precious() {
  co_await sleep(2);
  print("precious work completes");
  co_return 42;
}

Coro<void> shield_waiter(Task<int> task) {
  try {
    co_await shield(task);
  } catch (const CancelledError&) {
    print("waiter cancelled; the shielded task goes on");
    throw;
  }
}

Coro<std::string> group_job(std::string name, double delay) {
  co_await sleep(delay);
  print(name + " done");
  co_return name;
}

Coro<void> sibling(std::string name) {
  try {
    co_await sleep(5);
  } catch (const CancelledError&) {
    print(name + " cancelled");
    throw;
  }
}

Coro<void> crash(double delay, bool announce, std::string what) {
  co_await sleep(delay);
  if (announce) print("crash raises");
  throw ScenarioError("ValueError", what);
}

std::string reprs(const ExceptionGroup& eg, bool sort) {
  std::vector<std::string> texts;
  for (const auto& e : eg.exceptions) texts.push_back("\"" + error_text(e) + "\"");
  if (sort) std::sort(texts.begin(), texts.end());
  std::string out = "[";
  for (std::size_t i = 0; i < texts.size(); ++i) out += (i ? ", " : "") + texts[i];
  return out + "]";
}

}  // namespace

CONFORMANCE_SCENARIO(wait_first_completed) {
  std::vector<Task<std::string>> tasks;
  for (auto [n, d] : {std::pair{"slow", 3.0}, std::pair{"quick", 1.0}, std::pair{"middle", 2.0}})
    tasks.push_back(create_task(job(n, d), n));
  auto [done, pending] = co_await wait(tasks, FIRST_COMPLETED);
  print("done " + sorted_names(done) + ", pending " + sorted_names(pending));
  auto rest = co_await wait(pending);
  std::vector<std::string> results;
  for (auto& t : rest.done) results.push_back("'" + t.result() + "'");
  std::sort(results.begin(), results.end());
  print("then done [" + results[0] + ", " + results[1] + "], pending " + std::to_string(rest.pending.size()));
}

CONFORMANCE_SCENARIO(wait_first_exception) {
  std::vector<Task<std::string>> tasks{create_task(maybe_failing("ok", 1, false), "ok"),
                                       create_task(maybe_failing("bad", 2, true), "bad"),
                                       create_task(maybe_failing("late", 4, false), "late")};
  auto [done, pending] = co_await wait(tasks, FIRST_EXCEPTION);
  print("done " + sorted_names(done) + ", pending " + sorted_names(pending));
  for (auto& t : done)
    if (t.name() == "bad") print("bad raised " + error_text(t.exception()));
  for (auto& t : pending) t.cancel();
  auto after = co_await wait(pending);
  print("after cancelling: [" + conformance::py_bool(after.done.front().cancelled()) + "]");
}

CONFORMANCE_SCENARIO(wait_timeout) {
  std::vector<Task<double>> tasks{create_task(quiet_job(1)), create_task(quiet_job(3))};
  auto [done, pending] = co_await wait(tasks, ALL_COMPLETED, 1.5);
  print("after the timeout: " + std::to_string(done.size()) + " done, " + std::to_string(pending.size()) + " pending");
  co_await wait(pending);
  print("all done");
}

CONFORMANCE_SCENARIO(as_completed_order) {
  std::vector<Task<std::string>> tasks{create_task(named_result("c", 3)), create_task(named_result("a", 1)),
                                       create_task(named_result("b", 2))};
  for (auto next_done : as_completed(tasks)) print("got " + co_await next_done);
}

CONFORMANCE_SCENARIO(as_completed_timeout) {
  std::vector<Task<std::string>> tasks{create_task(named_result("quick", 1)), create_task(named_result("slow", 5))};
  try {
    for (auto next_done : as_completed(tasks, 2)) print("got " + co_await next_done);
  } catch (const TimeoutError&) {
    print("timed out waiting for the rest");
  }
  print("slow still running: " + conformance::py_bool(!tasks[1].done()));
  tasks[1].cancel();
}

CONFORMANCE_SCENARIO(shield_survives_cancel) {
  auto inner = create_task(precious());
  auto w = create_task(shield_waiter(inner));
  co_await sleep(1);
  w.cancel();
  try {
    co_await w;
  } catch (const CancelledError&) {
    print("waiter cancelled: " + conformance::py_bool(w.cancelled()) +
          ", inner cancelled: " + conformance::py_bool(inner.cancelled()));
  }
  print("inner result " + std::to_string(co_await inner));
  print("shield of a finished task: " + std::to_string(co_await shield(inner)));
}

CONFORMANCE_SCENARIO(task_group_success) {
  Task<std::string> a, b;
  co_await task_group([&](TaskGroup& tg) -> Coro<void> {
    a = tg.create_task(group_job("a", 2));
    b = tg.create_task(group_job("b", 1));
    print("tasks created");
    co_return;
  });
  print("after the block: " + a.result() + ", " + b.result());
}

CONFORMANCE_SCENARIO(task_group_failure) {
  try {
    co_await task_group([&](TaskGroup& tg) -> Coro<void> {
      tg.create_task(sibling("sibling"));
      tg.create_task(crash(1, true, "crashed"));
      try {
        co_await sleep(10);
      } catch (const CancelledError&) {
        print("the body is cancelled too");
        throw;
      }
    });
  } catch (const ExceptionGroup& eg) {
    print("caught ExceptionGroup: " + reprs(eg, false));
  }
  print("cancelling: " + std::to_string(current_task()->cancelling()));
}

CONFORMANCE_SCENARIO(task_group_two_failures) {
  try {
    co_await task_group([&](TaskGroup& tg) -> Coro<void> {
      tg.create_task(crash(1, false, "first"));
      tg.create_task(crash(1, false, "second"));
      co_return;
    });
  } catch (const ExceptionGroup& eg) {
    print(std::string(eg.what()) + ": " + reprs(eg, true));
  }
}

CONFORMANCE_SCENARIO(timeout_expires) {
  bool expired = false;
  try {
    co_await timeout(2, [&](Timeout& cm) -> Coro<void> {
      print("slow work starts");
      try {
        co_await sleep(5);
      } catch (const CancelledError&) {
        expired = cm.expired();
        throw;
      }
      print("not reached");
    });
  } catch (const TimeoutError&) {
    print("timed out; expired: " + conformance::py_bool(expired));
  }
  bool in_time_expired = true;
  co_await timeout(3, [&](Timeout& cm) -> Coro<void> {
    co_await sleep(1);
    in_time_expired = cm.expired();
  });
  print("in time; expired: " + conformance::py_bool(in_time_expired));
  print("cancelling: " + std::to_string(current_task()->cancelling()));
}

CONFORMANCE_SCENARIO(timeout_reschedule) {
  try {
    co_await timeout(1, [&](Timeout& cm) -> Coro<void> {
      cm.reschedule(loop_time() + 3);
      co_await sleep(2);
      print("still inside after 2");
      co_await sleep(2);
    });
  } catch (const TimeoutError&) {
    print("timed out at the new deadline");
  }
}

CONFORMANCE_SCENARIO(timeout_past_deadline) {
  try {
    co_await timeout(0, []() -> Coro<void> {
      co_await sleep(0);
      print("not reached: the block ran on past its deadline");
    }());
  } catch (const TimeoutError&) {
    print("timeout(0) expired at the block's first await");
  }
  bool expired = false;
  try {
    co_await timeout(5, [&](Timeout& cm) -> Coro<void> {
      co_await sleep(1);
      cm.reschedule(loop_time() - 1);
      print("rescheduled into the past; expired yet: " + conformance::py_bool(cm.expired()));
      try {
        co_await sleep(0);
      } catch (const CancelledError&) {
        expired = cm.expired();
        throw;
      }
      print("not reached either");
    });
  } catch (const TimeoutError&) {
    print("timed out; expired: " + conformance::py_bool(expired));
  }
}
