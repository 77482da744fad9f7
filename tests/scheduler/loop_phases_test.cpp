// The phases of run_once in the trace (LoopOptions::record_loop_phases): each selector wait
// with the timeout it had, each timer set, cancelled or fallen due, in the loop's order.
#include <doctest/doctest.h>

#include <vector>

#include "looplab/trace_export.hpp"
#include "scenario.hpp"

using namespace looplab;
using looplab::test::VirtualRun;

namespace {

LoopOptions with_phases() {
  LoopOptions o;
  o.record_loop_phases = true;
  return o;
}

Coro<void> hello(std::string name, double seconds) {
  co_await sleep(seconds);
  print("hello from " + name);
}

Coro<void> nap(double seconds) { co_await sleep(seconds); }

// The seed's two hellos: gathered sleeps of 2 s and 1 s.
Coro<void> two_hellos() {
  co_await gather(create_task(hello("first", 2), "first"), create_task(hello("second", 1), "second"));
}

std::vector<const TraceEvent*> of_kind(const Trace& t, EventKind kind) {
  std::vector<const TraceEvent*> out;
  for (const TraceEvent& e : t.events())
    if (e.kind == kind) out.push_back(&e);
  return out;
}

}  // namespace

TEST_CASE("off by default: no phases, no timers, no waits") {
  VirtualRun r;
  r.run(two_hellos());
  CHECK(test::count_events(r.loop.trace(), EventKind::select) == 0);
  CHECK(test::count_events(r.loop.trace(), EventKind::timer_set) == 0);
  CHECK(r.loop.trace().timers().size() == 1);  // entry 0: none
  CHECK(r.loop.trace().waits().empty());
}

TEST_CASE("two hellos: each timer set by its task, falling due soonest first") {
  VirtualRun r(with_phases());
  r.run(two_hellos());
  const Trace& t = r.loop.trace();
  const auto set = of_kind(t, EventKind::timer_set);
  REQUIRE(set.size() == 2);
  CHECK(t.task_name(set[0]->task) == "first");
  CHECK(t.timers()[set[0]->related].deadline == 2.0);
  CHECK(t.task_name(set[1]->task) == "second");
  CHECK(t.timers()[set[1]->related].deadline == 1.0);
  const auto due = of_kind(t, EventKind::timer_due);
  REQUIRE(due.size() == 2);
  CHECK(t.task_name(due[0]->task) == "second");
  CHECK(due[0]->time == 1.0);
  CHECK(t.task_name(due[1]->task) == "first");
  CHECK(due[1]->time == 2.0);
  for (const TraceEvent* e : due) CHECK(t.timers()[e->related].end_event == static_cast<std::uint32_t>(e - t.events().data()));
}

TEST_CASE("two hellos: one wait before every iteration, with asyncio's timeout") {
  VirtualRun r(with_phases());
  r.run(two_hellos());
  const Trace& t = r.loop.trace();
  // Between two iterations exactly one select, and the due timers after it.
  int selects_since_iteration = 0;
  bool timer_due_seen = false;
  std::size_t iterations = 0;
  for (const TraceEvent& e : t.events()) {
    if (e.kind == EventKind::select) {
      ++selects_since_iteration;
      CHECK_FALSE(timer_due_seen);
    }
    if (e.kind == EventKind::timer_due) {
      CHECK(selects_since_iteration == 1);
      timer_due_seen = true;
    }
    if (e.kind == EventKind::iteration) {
      CHECK(selects_since_iteration == 1);
      selects_since_iteration = 0;
      timer_due_seen = false;
      ++iterations;
    }
  }
  CHECK(t.waits().size() == iterations);
  // Callbacks were ready for every wait but two: the loop slept until each timer.
  std::vector<LoopWait> slept;
  std::vector<double> woke;
  for (const TraceEvent* e : of_kind(t, EventKind::select)) {
    const LoopWait& w = t.waits()[e->related];
    if (w.timeout > 0) {
      slept.push_back(w);
      woke.push_back(e->time);
    } else {
      CHECK(w.began == e->time);
    }
  }
  REQUIRE(slept.size() == 2);
  CHECK(slept[0].began == 0.0);
  CHECK(slept[0].timeout == 1.0);
  CHECK(woke[0] == 1.0);
  CHECK(slept[1].began == 1.0);
  CHECK(slept[1].timeout == 1.0);
  CHECK(woke[1] == 2.0);
}

TEST_CASE("a timer cancelled before it falls due is recorded as cancelled, never as due") {
  VirtualRun r(with_phases());
  r.run([]() -> Coro<void> {
    co_await wait_for(nap(0.5), 3);  // the 3 s timeout timer is cancelled at 0.5 s
  }());
  const Trace& t = r.loop.trace();
  const auto cancelled = of_kind(t, EventKind::timer_cancelled);
  REQUIRE(cancelled.size() == 1);
  CHECK(t.timers()[cancelled[0]->related].deadline == 3.0);
  CHECK(cancelled[0]->time == 0.5);
  CHECK(test::count_events(t, EventKind::timer_due) == 1);  // the sleep's
}

TEST_CASE("an I/O completion is counted by the wait that brought it") {
  VirtualRun r(with_phases());
  r.run([]() -> Coro<void> { co_await request("/delay-me?seconds=1", 1); }());
  const Trace& t = r.loop.trace();
  bool found = false;
  for (const TraceEvent* e : of_kind(t, EventKind::select)) {
    if (e->detail == 0) continue;
    found = true;
    CHECK(e->detail == 1);
    CHECK(e->time == 1.0);
    CHECK(t.waits()[e->related].timeout == 1.0);  // the simulated completion's known time
    CHECK(e[1].kind == EventKind::io_answered);
  }
  CHECK(found);
}

TEST_CASE("timers and waits survive the LoopLab JSON round trip") {
  VirtualRun r(with_phases());
  r.run(two_hellos());
  const Trace& t = r.loop.trace();
  const Trace back = trace_from_json(nlohmann::json::parse(to_json(t).dump()));
  REQUIRE(back.timers().size() == t.timers().size());
  for (std::size_t i = 0; i < t.timers().size(); ++i) {
    CHECK(back.timers()[i].deadline == t.timers()[i].deadline);
    CHECK(back.timers()[i].task == t.timers()[i].task);
    CHECK(back.timers()[i].end_event == t.timers()[i].end_event);
  }
  REQUIRE(back.waits().size() == t.waits().size());
  for (std::size_t i = 0; i < t.waits().size(); ++i) CHECK(back.waits()[i].timeout == t.waits()[i].timeout);
  CHECK(test::count_events(back, EventKind::select) == test::count_events(t, EventKind::select));
}
