// The loop as it stood at the playhead, reconstructed from the trace alone: who runs,
// who is queued to run next (and why they became ready), and who waits on what.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/timeline_model.h"

namespace looplab::ui {

struct RunningTask {
  std::uint32_t lane;
  bool holds_loop;    // inside a blocking call: nothing else can run until it returns
  double since;
  std::string doing;  // what the blocking call is, when known
};

struct ReadyTask {
  std::uint32_t lane;
  double since;
  std::string why;  // "its timer fired", "its I/O completed", "new task, created by main" ...
};

struct WaitingTask {
  std::uint32_t lane;
  LaneState state;
  std::string on;     // what it waits on, when the trace says
  double since;
  double until;       // open_end while still unknown (live run)
};

struct LoopSnapshot {
  std::vector<RunningTask> running;  // at most one on the loop; more only if the trace says so
  std::vector<ReadyTask> ready;      // in the loop's FIFO order: front runs next
  std::vector<WaitingTask> waiting;  // soonest "until" first
  std::uint32_t finished = 0;        // done, failed or cancelled
  std::uint32_t not_started = 0;     // lanes whose task did not exist yet
};

// Looks at every task lane (lanes flagged is_loop are skipped): O(lanes x log intervals).
LoopSnapshot snapshot_at(const TimelineModel& model, Cursor cursor);

}  // namespace looplab::ui
