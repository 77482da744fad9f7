// A request that waited in the client for a connection: the timeline draws that wait as
// its own state (queued_io) before the time on the wire, read from the trace's I/O op.
#include <doctest/doctest.h>

#include "looplab/looplab.hpp"
#include "ui/trace_view_model.h"

using namespace looplab;

namespace {
Coro<void> ask(int i) { co_await io(http_request("/delay-me?seconds=1&request=" + std::to_string(i), 1.0)); }
Coro<void> three_requests() { co_await gather(ask(1), ask(2), ask(3)); }
}  // namespace

TEST_CASE("over two connections the third gathered request is queued for one delay, then on the wire") {
  VirtualClock clock;
  LoopOptions options;
  options.simulated_connections = 2;
  EventLoop loop(clock, nullptr, options);
  loop.run(three_requests());
  ui::TraceViewModel view;
  view.update(loop.trace(), loop.time(), false);
  const ui::TimelineModel& model = view.model();
  CHECK(ui::check_invariants(model).empty());
  int queued = 0, on_wire = 0;
  for (const ui::Lane& lane : model.lanes) {
    for (const ui::Interval& iv : lane.intervals) {
      if (iv.state == ui::LaneState::queued_io) {
        ++queued;
        CHECK(iv.end - iv.start == doctest::Approx(1.0));
        CHECK(model.label(iv.label).find("queued in the client") == 0);
      }
      if (iv.state == ui::LaneState::waiting_io) {
        ++on_wire;
        CHECK(iv.end - iv.start == doctest::Approx(1.0));
      }
    }
  }
  CHECK(queued == 1);
  CHECK(on_wire == 3);
}
