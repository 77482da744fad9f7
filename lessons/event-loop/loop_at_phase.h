// What the loop holds at one phase, rebuilt from the trace: the timer heap (soonest
// first) and the ready queue of the iteration (which of its callbacks have run).
#pragma once

#include <cstdint>
#include <vector>

#include "loop_phases.h"

namespace looplab::event_loop {

struct HeapEntry {
  TimerNumber timer = 0;
  double deadline = 0;
  TaskId task = 0;           // who set it
  bool falling_due = false;  // a timers phase: this one moves to the ready queue now
};

// A callback in the ready queue, as the trace names it.
enum class EntryKind : std::uint8_t { step, timer, reply };
struct QueueEntry {
  EntryKind kind = EntryKind::step;
  TaskId task = 0;                     // step: whose; timer: who set it; reply: who asked
  WakeCause cause = WakeCause::none;   // step: why it was queued
  bool ran = false;
  bool current = false;                // the phase shown is this callback running
};

struct LoopAtPhase {
  std::vector<HeapEntry> heap;     // soonest first
  std::vector<QueueEntry> ready;   // in the order they run
  bool iteration_started = false;  // false at a wait or timers phase: the queue still fills
  std::uint32_t callbacks = 0;     // how many the iteration runs
  std::uint32_t unnamed = 0;       // of them, asyncio's own bookkeeping the trace does not name
};

LoopAtPhase loop_at_phase(const Trace& trace, const std::vector<LoopPhase>& phases, std::size_t index);

}  // namespace looplab::event_loop
