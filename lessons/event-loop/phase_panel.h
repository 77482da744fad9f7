// The panel above the timeline: the loop's current phase, its controls (play, pause, speed,
// step, jump to the next phase of a kind), the timer heap, the ready queue, the selector.
#pragma once

#include <optional>
#include <vector>

#include "loop_at_phase.h"
#include "loop_phases.h"
#include "phase_player.h"

namespace looplab::event_loop {

// What the learner asked for this frame (the page moves the playhead accordingly).
struct PanelRequest {
  bool moved = false;                 // the player's phase changed by hand
  std::optional<PhaseKind> next_kind;  // "next wait" and the like
};

PanelRequest draw_phase_panel(const Trace* trace, const std::vector<LoopPhase>& phases, const LoopAtPhase& at,
                              PhasePlayer& player);

}  // namespace looplab::event_loop
