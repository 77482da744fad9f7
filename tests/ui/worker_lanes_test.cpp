// The executor's worker lanes, from a real trace: each worker that ran something gets a lane
// under the loop's, busy while a task's work runs there, and the rows put them between the
// loop and the tasks.
#include <doctest/doctest.h>

#include "looplab/looplab.hpp"
#include "ui/trace_view_model.h"

using namespace looplab;

namespace {
Coro<void> offload(double seconds) { co_await to_thread(seconds); }

Coro<void> three_jobs_on_two_workers() { co_await gather(offload(1), offload(1), offload(2)); }
}  // namespace

TEST_CASE("three jobs on two workers: two worker lanes, the third job on the first lane that freed") {
  VirtualClock clock;
  LoopOptions options;
  options.executor_workers = 2;
  EventLoop loop(clock, nullptr, options);
  loop.run(three_jobs_on_two_workers());
  ui::TraceViewModel view;
  view.update(loop.trace(), loop.time(), false);
  const ui::TimelineModel& model = view.model();
  CHECK(ui::check_invariants(model).empty());
  REQUIRE(model.workers.size() == 2);
  CHECK(model.workers[0].name == "worker 1");
  const auto& first = model.workers[0].intervals;
  const auto& second = model.workers[1].intervals;
  REQUIRE(first.size() == 2);
  REQUIRE(second.size() == 1);
  CHECK(first[0].state == ui::LaneState::in_executor);
  CHECK(first[0].start == doctest::Approx(0));
  CHECK(first[0].end == doctest::Approx(1));
  CHECK(first[1].start == doctest::Approx(1));
  CHECK(first[1].end == doctest::Approx(3));
  CHECK(second[0].end == doctest::Approx(1));
  CHECK(model.label(first[0].label) == "Task-2's work");
  CHECK(model.label(first[1].label) == "Task-4's work");

  // Rows: the loop, the two workers, then main and its three tasks.
  CHECK(ui::row_count(model) == model.lanes.size() + 2);
  CHECK(&ui::lane_at_row(model, 0) == &model.lanes[0]);
  CHECK(&ui::lane_at_row(model, 1) == &model.workers[0]);
  CHECK(&ui::lane_at_row(model, 2) == &model.workers[1]);
  CHECK(&ui::lane_at_row(model, 3) == &model.lanes[1]);
  CHECK(ui::row_of_lane(model, 0) == 0);
  CHECK(ui::row_of_lane(model, 1) == 3);
}

TEST_CASE("a live run converted turn by turn draws the same worker lanes as the whole trace at once") {
  VirtualClock clock;
  LoopOptions options;
  options.executor_workers = 2;
  EventLoop loop(clock, nullptr, options);
  ui::TraceViewModel live;
  {
    CurrentLoopScope scope(loop);
    Task<void> main = loop.create_task(three_jobs_on_two_workers(), "main");
    while (!main.done()) {
      loop.run_once(true);
      live.update(loop.trace(), loop.time(), true);
    }
  }
  ui::TraceViewModel at_once;
  at_once.update(loop.trace(), loop.time(), false);
  live.update(loop.trace(), loop.time(), false);
  CHECK(ui::check_invariants(live.model()).empty());
  REQUIRE(live.model().workers.size() == 2);
  REQUIRE(at_once.model().workers.size() == 2);
  for (std::size_t w = 0; w < 2; ++w) {
    const auto& a = live.model().workers[w].intervals;
    const auto& b = at_once.model().workers[w].intervals;
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
      CHECK(a[i].start == b[i].start);
      CHECK(a[i].end == b[i].end);
    }
  }
}

TEST_CASE("without an executor there are no worker lanes and a row is its lane") {
  VirtualClock clock;
  EventLoop loop(clock);
  loop.run([]() -> Coro<void> { co_await sleep(1); }());
  ui::TraceViewModel view;
  view.update(loop.trace(), loop.time(), false);
  CHECK(view.model().workers.empty());
  CHECK(ui::row_count(view.model()) == view.model().lanes.size());
  CHECK(ui::row_of_lane(view.model(), 1) == 1);
}
