#include "ui/step_panel.h"

#include <imgui.h>

#include <string>

#include "ui/generator_frames.h"
#include "ui/state_style.h"
#include "ui/time_axis.h"

namespace looplab::ui {

namespace {

void state_chip(LaneState s) {
  const StateStyle& st = style_of(s);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(to_imgui_color(st.rgba)));
  ImGui::Text("[%.*s]", static_cast<int>(st.short_label.size()), st.short_label.data());
  ImGui::PopStyleColor();
}

constexpr std::size_t list_limit = 12;  // 4,000 waiting tasks are summarised, not listed

}  // namespace

bool draw_step_panel(const TimelineModel& model, const StepIndex& steps, Cursor& playhead, StepPanelState& state) {
  bool moved = false;
  const auto& events = steps.events();
  if (ImGui::Button("|<") && !events.empty()) { playhead = events.front().at; moved = true; }
  ImGui::SameLine();
  if (ImGui::Button("< step")) { playhead = steps.previous(playhead); moved = true; }
  ImGui::SameLine();
  if (ImGui::Button("step >")) { playhead = steps.next(playhead); moved = true; }
  ImGui::SameLine();
  if (ImGui::Button(">|") && !events.empty()) { playhead = events.back().at; moved = true; }
  // The arrow keys, Home and End step the same way, page-wide (web/looplab-page.js).
  ImGui::Text("event %td of %zu, at %s", steps.position(playhead) + 1, events.size(), format_duration(playhead.time).c_str());

  if (!(state.shown == playhead) || state.model_events != events.size()) {
    state.snapshot = snapshot_at(model, playhead);
    state.shown = playhead;
    state.model_events = events.size();
  }
  const LoopSnapshot& s = state.snapshot;
  auto name = [&](std::uint32_t lane) { return model.lanes[lane].name.c_str(); };

  ImGui::Separator();
  ImGui::PushTextWrapPos(0);
  if (s.running.empty()) {
    ImGui::TextDisabled("Running: nothing (the loop is between steps, or idle until a timer or I/O).");
  }
  for (const RunningTask& r : s.running) {
    state_chip(r.holds_loop ? LaneState::blocked : LaneState::running);
    ImGui::SameLine();
    if (r.holds_loop) {
      ImGui::Text("%s holds the loop in a blocking call%s%s: nothing else can run", name(r.lane),
                  r.doing.empty() ? "" : ": ", r.doing.c_str());
    } else {
      ImGui::Text("%s is running on the loop", name(r.lane));
    }
  }

  ImGui::Text("Ready queue (%zu), first in, first out:", s.ready.size());
  for (std::size_t i = 0; i < s.ready.size() && i < list_limit; ++i) {
    const ReadyTask& r = s.ready[i];
    ImGui::Text("  %zu. %s", i + 1, name(r.lane));
    ImGui::SameLine();
    ImGui::TextDisabled("%s%s, since %s", i == 0 ? "runs next: " : "", r.why.c_str(), format_duration(r.since).c_str());
  }
  if (s.ready.size() > list_limit) ImGui::TextDisabled("  ... and %zu more", s.ready.size() - list_limit);

  ImGui::Text("Waiting (%zu), soonest first:", s.waiting.size());
  for (std::size_t i = 0; i < s.waiting.size() && i < list_limit; ++i) {
    const WaitingTask& w = s.waiting[i];
    ImGui::Text("  ");
    ImGui::SameLine(0, 0);
    state_chip(w.state);
    ImGui::SameLine();
    ImGui::Text("%s on %s", name(w.lane), w.on.empty() ? "(unknown)" : w.on.c_str());
    ImGui::SameLine();
    if (w.until == open_end) {
      ImGui::TextDisabled("since %s, not over yet", format_duration(w.since).c_str());
    } else {
      ImGui::TextDisabled("since %s, until %s", format_duration(w.since).c_str(), format_duration(w.until).c_str());
    }
  }
  if (s.waiting.size() > list_limit) ImGui::TextDisabled("  ... and %zu more", s.waiting.size() - list_limit);
  ImGui::TextDisabled("Finished: %u   Not created yet: %u", s.finished, s.not_started);
  if (!model.generator_steps.empty()) {
    // Each generator frame: where it is suspended, what last went in and came out.
    const auto frames = generator_frames_at(model, playhead);
    ImGui::Text("Generator frames (%zu):", frames.size());
    for (std::size_t i = 0; i < frames.size() && i < list_limit; ++i) {
      const FrameAtPlayhead& f = frames[i];
      const GeneratorFrame& g = model.generators[f.generator];
      if (f.state == FrameState::suspended)
        ImGui::Text("  %s #%u: %s at line %d", g.name.c_str(), f.generator, frame_state_words(f.state), f.line);
      else
        ImGui::Text("  %s #%u: %s", g.name.c_str(), f.generator, frame_state_words(f.state));
      if (!f.went_in.empty() || !f.came_out.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("in: %s  out: %s", f.went_in.empty() ? "-" : f.went_in.c_str(),
                            f.came_out.empty() ? "-" : f.came_out.c_str());
      }
    }
    if (frames.size() > list_limit) ImGui::TextDisabled("  ... and %zu more", frames.size() - list_limit);
  }
  ImGui::PopTextWrapPos();
  return moved;
}

}  // namespace looplab::ui
