// The Python generator frames as they stood at the playhead, from the trace's generator
// steps alone: each frame's state, the line it is suspended on, and what last went in and
// came out. The step panel lists them; the code panel lights their lines.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ui/timeline_model.h"

namespace looplab::ui {

struct FrameAtPlayhead {
  std::uint32_t generator = 0;  // index into TimelineModel::generators
  std::uint32_t lane = 0;       // the task that last drove it
  FrameState state = FrameState::created;
  int line = 0;
  std::string went_in, came_out;  // the last step's that had one (empty: none yet)
};

// Every generator created at or before `c`, in the order they were created.
std::vector<FrameAtPlayhead> generator_frames_at(const TimelineModel& model, Cursor c);
// The lines the frames paused at a yield (or running from one) are on at `c`: line ->
// generators (indices into TimelineModel::generators), in the order they were created. A
// frame not yet started or already closed is on no line.
std::map<int, std::vector<std::uint32_t>> frame_lines_at(const TimelineModel& model, Cursor c);
// inspect.getgeneratorstate's names.
const char* frame_state_words(FrameState state);

}  // namespace looplab::ui
