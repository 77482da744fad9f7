#include <doctest/doctest.h>

#include <cmath>

#include "scenario.hpp"

using namespace looplab;
using looplab::test::VirtualRun;

namespace {

Coro<void> two_naps(double a, double b) {
  co_await sleep(a);
  co_await sleep(b);
}

}  // namespace

TEST_CASE("spans cover each task's life in order, each ending where the next starts") {
  VirtualRun r;
  r.run([]() -> Coro<void> { co_await gather(two_naps(1, 2), two_naps(2, 2)); }());
  TraceIndex index;
  index.update(r.loop.trace());
  for (TaskId t = 1; t < index.task_count(); ++t) {
    const auto& spans = index.spans(t);
    REQUIRE_FALSE(spans.empty());
    for (std::size_t i = 1; i < spans.size(); ++i) {
      CHECK(spans[i - 1].end == spans[i].start);
      CHECK(spans[i - 1].end_event == spans[i].first_event);
    }
    CHECK(is_finished(spans.back().state));
    CHECK(std::isinf(spans.back().end));
  }
  const auto& child = index.spans(2);
  const std::size_t k = index.first_span_ending_after(2, 0.5);
  REQUIRE(k < child.size());
  CHECK(child[k].state == TaskState::waiting_timer);
  CHECK(child[k].start == 0.0);
  CHECK(child[k].end == 1.0);
}

TEST_CASE("snapshot_at shows the ready queue in run order and the waiting set") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    auto a = create_task(two_naps(0, 0));
    auto b = create_task(two_naps(5, 0));
    auto c = create_task(two_naps(0, 0));
    co_await a;
    co_await b;
    co_await c;
  }());
  const Trace& trace = r.loop.trace();
  TraceIndex index;
  index.update(trace);
  // Right after main suspended on `a` (first waiting_task event of Task-1).
  std::size_t at = 0;
  for (std::size_t i = 0; i < trace.size(); ++i)
    if (trace.events()[i].task == 1 && trace.events()[i].state == TaskState::waiting_task) {
      at = i;
      break;
    }
  const Snapshot s = index.snapshot_at(trace, at);
  CHECK(s.ready_queue == std::vector<TaskId>{2, 3, 4});
  CHECK(s.waiting == std::vector<TaskId>{1});
  CHECK(s.running == 0);
  CHECK(s.iteration == 1);
  // Later, b sleeps 5 s while the others have finished.
  const Snapshot later = index.snapshot_at(trace, index.event_at_time(trace, 2.5));
  CHECK(later.state[3] == TaskState::waiting_timer);
  CHECK(later.state[2] == TaskState::done);
  CHECK(later.exists[4]);
}

TEST_CASE("the index can be updated while a run records (live view)") {
  VirtualClock clock;
  EventLoop loop(clock);
  TraceIndex index;
  {
    CurrentLoopScope scope(loop);
    (void)loop.create_task(two_naps(1, 1));
  }
  loop.run_once();
  index.update(loop.trace());
  const std::size_t first = index.indexed_events();
  CHECK(index.spans(1).back().state == TaskState::waiting_timer);
  while (!loop.idle()) loop.run_once();
  index.update(loop.trace());
  CHECK(index.indexed_events() > first);
  CHECK(index.spans(1).back().state == TaskState::done);
  CHECK(index.end_time() == 2.0);
}

TEST_CASE("line marks are looked up by event") {
  VirtualRun r;
  r.run([]() -> Coro<void> {
    mark_line(1);
    co_await sleep(1);
    mark_line(2);
  }());
  TraceIndex index;
  index.update(r.loop.trace());
  CHECK(index.line_at(1, 0) == 0);
  CHECK(index.line_at(1, index.event_at_time(r.loop.trace(), 0.5)) == 1);
  CHECK(index.line_at(1, r.loop.trace().size() - 1) == 2);
}
