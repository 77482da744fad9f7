// The timeline's frame-time benchmark (./bench/run lesson-page calls it through the page's
// test hook): a gather of N sleeps on the virtual clock, converted to the view model, then
// the timeline drawn fully zoomed out and zoomed in, CPU time per frame measured. It draws
// in an ImGui context of its own (sharing the app's fonts), so the page's frame is untouched.
#pragma once

#include <cstddef>

namespace looplab::ui {

struct TimelineBenchResult {
  std::size_t tasks = 0;
  std::size_t trace_events = 0;
  double run_ms = 0;       // running the scenario on the virtual clock
  double convert_ms = 0;   // trace -> view model
  int frames = 0;          // per zoom level
  double frame_ms_zoomed_out = 0;  // mean CPU time of one frame (NewFrame..Render)
  double frame_ms_zoomed_in = 0;
  double frame_ms_worst = 0;       // slowest single frame of either
};

TimelineBenchResult bench_timeline(std::size_t tasks = 4000, int frames = 60, float width = 1280, float height = 720);

}  // namespace looplab::ui
