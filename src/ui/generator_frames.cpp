#include "ui/generator_frames.h"

namespace looplab::ui {

const char* frame_state_words(FrameState state) {
  switch (state) {
    case FrameState::created: return "GEN_CREATED";
    case FrameState::running: return "GEN_RUNNING";
    case FrameState::suspended: return "GEN_SUSPENDED";
    case FrameState::closed: return "GEN_CLOSED";
  }
  return "?";
}

std::vector<FrameAtPlayhead> generator_frames_at(const TimelineModel& model, Cursor c) {
  std::vector<FrameAtPlayhead> frames;
  std::vector<std::size_t> slot(model.generators.size(), static_cast<std::size_t>(-1));
  // Steps are few (a lesson drives a handful of generators), so a walk up to the playhead is cheap.
  for (const GeneratorMark& m : model.generator_steps) {
    if (c < Cursor{m.time, m.seq}) break;
    if (m.generator >= slot.size()) continue;
    if (slot[m.generator] == static_cast<std::size_t>(-1)) {
      slot[m.generator] = frames.size();
      frames.push_back({m.generator});
    }
    FrameAtPlayhead& f = frames[slot[m.generator]];
    f.lane = m.lane;
    f.state = m.state;
    f.line = m.line;
    if (!m.went_in.empty()) f.went_in = m.went_in;
    if (!m.came_out.empty()) f.came_out = m.came_out;
  }
  return frames;
}

std::map<int, std::vector<std::uint32_t>> frame_lines_at(const TimelineModel& model, Cursor c) {
  std::map<int, std::vector<std::uint32_t>> on_line;
  for (const FrameAtPlayhead& f : generator_frames_at(model, c))
    if ((f.state == FrameState::suspended || f.state == FrameState::running) && f.line > 0)
      on_line[f.line].push_back(f.generator);
  return on_line;
}

}  // namespace looplab::ui
