// The stepper's view of generators, from a real trace: each step is a marker on the lane of
// the task that drove it, and at any playhead each frame's state, line, and what last went
// in and came out.
#include <doctest/doctest.h>

#include "looplab/generator.hpp"
#include "looplab/looplab.hpp"
#include "ui/generator_frames.h"
#include "ui/trace_view_model.h"

using namespace looplab;
using namespace looplab::py;

namespace {
GeneratorBody running_sum() {
  Value c = 0;
  for (int i = 0; i < 100; ++i) c = c + (co_yield yield_at(9, i));
  co_return {};
}

Coro<void> drive() {
  Value x = make_generator("running_sum", 6, running_sum());
  next(x);
  send(x, 10);
  send(x, 5);
  close(x);
  co_return;
}
}  // namespace

TEST_CASE("generator steps become markers and frames the stepper can show at any playhead") {
  VirtualClock clock;
  EventLoop loop(clock);
  loop.run(drive());
  ui::TraceViewModel view;
  view.update(loop.trace(), loop.time(), false);
  const ui::TimelineModel& model = view.model();
  REQUIRE(model.generators.size() == 2);
  CHECK(model.generators[1].name == "running_sum");
  // created, then (resumed, suspended) x 3, then close: resumed and closed.
  REQUIRE(model.generator_steps.size() == 9);
  std::size_t markers = 0;
  for (const auto& lane : model.lanes)
    for (const auto& m : lane.markers)
      if (m.kind == ui::MarkerKind::generator) ++markers;
  CHECK(markers == 9);
  CHECK(model.label(model.generator_steps[3].words) == "running_sum.send(10) resumes it at line 9");
  CHECK(model.label(model.generator_steps[4].words) == "running_sum yielded 1, suspended at line 9");

  const ui::GeneratorMark& after_send = model.generator_steps[4];
  auto frames = ui::generator_frames_at(model, {after_send.time, after_send.seq});
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].state == ui::FrameState::suspended);
  CHECK(frames[0].line == 9);
  CHECK(frames[0].went_in == "10");
  CHECK(frames[0].came_out == "1");

  const ui::GeneratorMark& created = model.generator_steps[0];
  frames = ui::generator_frames_at(model, {created.time, created.seq});
  REQUIRE(frames.size() == 1);
  CHECK(frames[0].state == ui::FrameState::created);
  CHECK(frames[0].line == 6);

  frames = ui::generator_frames_at(model, {model.now, model.generator_steps.back().seq});
  CHECK(frames[0].state == ui::FrameState::closed);
  CHECK(std::string(ui::frame_state_words(frames[0].state)) == "GEN_CLOSED");
}

TEST_CASE("the code panel's generator lines: a paused frame is on its yield's line, a fresh or closed one on none") {
  VirtualClock clock;
  EventLoop loop(clock);
  loop.run(drive());
  ui::TraceViewModel view;
  view.update(loop.trace(), loop.time(), false);
  const ui::TimelineModel& model = view.model();
  const ui::GeneratorMark& created = model.generator_steps[0];
  CHECK(ui::frame_lines_at(model, {created.time, created.seq}).empty());
  const ui::GeneratorMark& after_send = model.generator_steps[4];
  const auto on = ui::frame_lines_at(model, {after_send.time, after_send.seq});
  REQUIRE(on.size() == 1);
  CHECK(on.begin()->first == 9);
  CHECK(on.begin()->second == std::vector<std::uint32_t>{1});
  CHECK(ui::frame_lines_at(model, {model.now, model.generator_steps.back().seq}).empty());
}
