// Step through a run event by event, both ways, and see the loop at the playhead:
// who runs, the ready queue in the order the loop will take it (and why each is there),
// and what every waiting task waits on, until when. Everything comes from the trace.
#pragma once

#include "ui/loop_snapshot.h"
#include "ui/step_index.h"
#include "ui/timeline_model.h"

namespace looplab::ui {

// Kept between frames: the snapshot is recomputed only when the playhead moves.
struct StepPanelState {
  Cursor shown{-1, 0};
  std::size_t model_events = 0;  // the step index size the snapshot was made with
  LoopSnapshot snapshot;
};

// Draws the step buttons and the loop at `playhead`; moves `playhead` when a step button is
// used. Returns true if it moved.
bool draw_step_panel(const TimelineModel& model, const StepIndex& steps, Cursor& playhead, StepPanelState& state);

}  // namespace looplab::ui
