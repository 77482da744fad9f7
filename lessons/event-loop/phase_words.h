// The learner's words for a loop phase and for what the heap and the ready queue hold.
#pragma once

#include <string>

#include "loop_at_phase.h"
#include "loop_phases.h"

namespace looplab::event_loop {

// "Nothing is ready: the selector sleeps until the soonest timer, 1.0 s (from 0.0 to 1.0 s)."
std::string headline(const Trace& trace, const LoopPhase& phase);
// "second's sleep ends" (a heap entry), "step of first (created)" (a queue entry).
std::string timer_text(const Trace& trace, const HeapEntry& timer);
std::string entry_text(const Trace& trace, const QueueEntry& entry);
// "1.0 s", "no timeout" (+inf).
std::string seconds_text(double seconds);

}  // namespace looplab::event_loop
