// The modelled cost of a step on the virtual clock (LoopOptions::step_cost).
#include <doctest/doctest.h>

#include <stdexcept>

#include "looplab/trace_export.hpp"
#include "scenario.hpp"

using namespace looplab;
using looplab::test::VirtualRun;

namespace {

LoopOptions costing(double seconds) {
  LoopOptions o;
  o.step_cost = seconds;
  return o;
}

Coro<void> sleeps_between_steps() {
  auto a = create_task([]() -> Coro<void> { co_await sleep(2); }());
  auto b = create_task([]() -> Coro<void> { co_await sleep(5); }());
  co_await a;
  co_await b;
  print("done");
}

bool flag = false;

Coro<long> poll_until_flag() {
  flag = false;
  auto setter = create_task([]() -> Coro<void> {
    co_await sleep(0.01);
    flag = true;
  }());
  long spins = 0;
  while (!flag) {
    ++spins;
    co_await sleep(0);
  }
  co_await setter;
  co_return spins;
}

}  // namespace

TEST_CASE("the default step cost is small and recorded in the trace and its exports") {
  VirtualRun r;
  CHECK(r.loop.step_cost() == kDefaultStepCost);
  CHECK(r.loop.trace().step_cost() == kDefaultStepCost);
  r.run(sleeps_between_steps());
  const nlohmann::json doc = to_json(r.loop.trace());
  CHECK(doc["step_cost"] == kDefaultStepCost);
  CHECK(trace_from_json(doc).step_cost() == kDefaultStepCost);
  CHECK(to_chrome_trace(r.loop.trace()).dump().find("step cost 10 us") != std::string::npos);
}

TEST_CASE("steps followed by waits keep the run's exact times: the waits absorb their cost") {
  VirtualRun r;
  r.run(sleeps_between_steps());
  CHECK(r.lines() == looplab::test::Lines{"5.00 Task-1 done"});
  for (const TraceEvent& e : r.loop.trace().events())
    if (e.kind == EventKind::print) CHECK(e.time == 5.0);
}

TEST_CASE("a sleep(0) poller burns virtual time: it sees a timer's flag once the timer is due") {
  VirtualRun r(costing(1e-4));
  const long spins = r.run(poll_until_flag());
  // 0.01 s of polling at 100 us a turn: about 100 turns (plus the two the timer takes to
  // reach the setter), not forever at t = 0.
  CHECK(spins >= 95);
  CHECK(spins <= 103);
  CHECK(r.loop.time() == doctest::Approx(0.01).epsilon(0.02));
  // The poller's running spans are what the clock moved by.
  double widest = 0;
  TraceIndex index;
  index.update(r.loop.trace());
  for (const StateSpan& s : index.spans(1))
    if (s.state == TaskState::running && std::isfinite(s.end)) widest = std::max(widest, s.end - s.start);
  CHECK(widest >= 1e-4);
}

TEST_CASE("a 1 ns sleep wakes a step later, and a timer waits for the work in front of it") {
  VirtualRun r;
  const double late = r.run([]() -> Coro<double> {
    const double start = loop_time();
    co_await sleep(1e-9);
    co_return loop_time() - start;
  }());
  CHECK(late == doctest::Approx(kDefaultStepCost));
}

TEST_CASE("with no step cost, time moves only when the loop waits (the idealised model)") {
  VirtualRun r(costing(0));
  const long spins = r.run([]() -> Coro<long> {
    long n = 0;
    for (; n < 1000; ++n) co_await sleep(0);
    co_return n;
  }());
  CHECK(spins == 1000);
  CHECK(r.loop.time() == 0.0);
}

TEST_CASE("a step cost outside 0..1 s is refused with a reason; it can change between runs") {
  VirtualClock clock;
  CHECK_THROWS_AS(EventLoop(clock, nullptr, costing(-1e-6)), std::invalid_argument);
  EventLoop loop(clock);
  CHECK_THROWS_WITH_AS(loop.set_step_cost(2.0), doctest::Contains("between 0 and 1 second"), std::invalid_argument);
  CHECK_THROWS_AS(loop.set_step_cost(std::nan("")), std::invalid_argument);
  loop.set_step_cost(5e-6);
  CHECK(loop.step_cost() == 5e-6);
  CHECK(loop.trace().step_cost() == 5e-6);
}
