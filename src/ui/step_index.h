// Every moment something happens in a run, in the trace's order, so the playhead can
// step event by event both ways. Built once per run; a live run only appends.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "ui/timeline_model.h"

namespace looplab::ui {

struct StepEvent {
  Cursor at;
  std::uint32_t lane;
};

class StepIndex {
 public:
  // Indexes the whole model (after a run, or when the view model was rebuilt).
  void rebuild(const TimelineModel& model);
  // Adds what the model gained since the last call (live runs: events arrive in order).
  void update(const TimelineModel& model);

  const std::vector<StepEvent>& events() const { return events_; }
  // The first event strictly after / the last strictly before `c`; `c` itself when there is none.
  Cursor next(Cursor c) const;
  Cursor previous(Cursor c) const;
  // Position of the last event at or before `c` (-1 before the first), for "event 12 of 340".
  std::ptrdiff_t position(Cursor c) const;

 private:
  std::vector<StepEvent> events_;
  // How much of each lane (intervals, markers) and of the console has been indexed.
  std::vector<std::size_t> intervals_seen_, markers_seen_, lines_seen_;
  std::size_t console_seen_ = 0;
};

}  // namespace looplab::ui
