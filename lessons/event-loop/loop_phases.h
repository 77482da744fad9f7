// The loop's run_once, phase by phase, read from a run's trace alone (the select,
// timer_due and iteration events LoopOptions::record_loop_phases adds, and the tasks'
// states): what the lesson steps through and plays.
//
// Each iteration is: wait (the selector, with its timeout), timers (the due ones moved
// from the heap to the ready queue, soonest first; absent when none fell due), then the
// callbacks that were ready, each a phase: a task's step, or a callback of the loop's own
// that woke a task (a sleep's timer completing its future, a reply arriving, gather).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "looplab/trace.hpp"

namespace looplab::event_loop {

enum class PhaseKind : std::uint8_t { wait, timers, step, callback };
inline constexpr std::array<std::string_view, 4> phase_kind_names{"wait", "timers", "step", "callback"};
constexpr std::string_view to_string(PhaseKind k) { return phase_kind_names[static_cast<std::size_t>(k)]; }
std::optional<PhaseKind> phase_kind_named(std::string_view name);

struct LoopPhase {
  PhaseKind kind = PhaseKind::wait;
  std::uint32_t iteration = 0;    // the run_once it belongs to, from 1
  std::uint32_t first_event = 0;  // the trace events it covers
  std::uint32_t last_event = 0;
  double time = 0;                // when it happened (a wait: when it ended)
  // wait: when it began, the selector's timeout (+inf: none), completions it brought.
  double began = 0, timeout = 0;
  std::uint32_t completions = 0;
  // timers: how many fell due (the timer_due events are first_event..last_event).
  std::uint32_t due = 0;
  // step: the task that ran and the state it left running in; callback: the task it woke, why.
  TaskId task = 0;
  TaskState left_in = TaskState::running;
  WakeCause cause = WakeCause::none;
  std::vector<StringId> printed;  // step: what it printed
  std::vector<TaskId> queued;     // step: tasks whose steps it queued (created, woke, or
                                  //   awaiting it when it finished), in order
};

std::vector<LoopPhase> loop_phases(const Trace& trace);

// The phase to show for a playhead on event `event` (the last phase starting at or
// before it; 0 before the first).
std::size_t phase_at_event(const std::vector<LoopPhase>& phases, std::uint32_t event);
// The next phase of `kind` after `from` (nullopt: none).
std::optional<std::size_t> next_phase_of(const std::vector<LoopPhase>& phases, std::size_t from, PhaseKind kind);

// The sequence as words, for tests and the page's state: "wait 0 -> 1", "timers 1",
// "step second", "callback first (timer)".
std::string describe(const Trace& trace, const LoopPhase& phase);

}  // namespace looplab::event_loop
