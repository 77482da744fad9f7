#include "ui/timeline_bench.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "looplab/looplab.hpp"
#include "ui/trace_view_model.h"
#include "ui/timeline_widget.h"

namespace looplab::ui {

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

Coro<void> sleeper(double seconds) { co_await sleep(seconds); }

Coro<void> gather_sleeps(std::size_t n) {
  std::vector<Coro<void>> sleeps;
  sleeps.reserve(n);
  // Slightly different lengths so that the zoomed-in view has many distinct ends to draw.
  for (std::size_t i = 0; i < n; ++i) sleeps.push_back(sleeper(3.0 + static_cast<double>(i % 100) * 1e-4));
  co_await gather(std::move(sleeps));
}

// One frame of a window filled by the timeline; returns its CPU time.
double frame(const TimelineModel& model, TimelineView& view, ImVec2 size, ImVec2 mouse) {
  const auto t0 = Clock::now();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = size;
  io.DeltaTime = 1.0f / 60;
  io.MousePos = mouse;
  ImGui::NewFrame();
  ImGui::SetNextWindowPos({0, 0});
  ImGui::SetNextWindowSize(size);
  ImGui::Begin("bench", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
  TimelineOptions options;
  options.height = size.y - 60;
  draw_timeline("timeline", model, view, options);
  draw_timeline_legend();
  ImGui::End();
  ImGui::Render();
  return ms_since(t0);
}

}  // namespace

TimelineBenchResult bench_timeline(std::size_t tasks, int frames, float width, float height) {
  TimelineBenchResult r;
  r.tasks = tasks;
  r.frames = frames;

  auto t0 = Clock::now();
  VirtualClock clock;
  EventLoop loop(clock);
  loop.run(gather_sleeps(tasks));
  r.run_ms = ms_since(t0);
  r.trace_events = loop.trace().size();

  t0 = Clock::now();
  TraceViewModel converted;
  converted.update(loop.trace(), loop.time(), false);
  r.convert_ms = ms_since(t0);
  const TimelineModel& model = converted.model();

  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImFontAtlas* fonts = previous ? ImGui::GetIO().Fonts : nullptr;
  ImGuiContext* own = ImGui::CreateContext(fonts);
  ImGui::SetCurrentContext(own);
  ImGui::GetIO().IniFilename = nullptr;
  if (!fonts) {
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);  // build the default font once
  }
  const ImVec2 size{width, height};
  const ImVec2 mouse{width * 0.6f, height * 0.5f};  // hovering: the tooltip is part of the cost

  TimelineView out_view;  // fitted to the whole run on its first frame
  TimelineView in_view;
  in_view.fit_pending = false;
  in_view.window = {3.0, 3.003};          // where the sleeps end: thousands of distinct edges
  in_view.scroll_y = 22.0 * static_cast<double>(tasks) / 2;  // the middle of the lanes
  double out_total = 0, in_total = 0;
  frame(model, out_view, size, mouse);  // warm-up: first-use allocations
  frame(model, in_view, size, mouse);
  for (int i = 0; i < frames; ++i) {
    const double a = frame(model, out_view, size, mouse);
    const double b = frame(model, in_view, size, mouse);
    out_total += a;
    in_total += b;
    r.frame_ms_worst = std::max({r.frame_ms_worst, a, b});
  }
  ImGui::DestroyContext(own);
  ImGui::SetCurrentContext(previous);
  r.frame_ms_zoomed_out = frames > 0 ? out_total / frames : 0;
  r.frame_ms_zoomed_in = frames > 0 ? in_total / frames : 0;
  return r;
}

}  // namespace looplab::ui
