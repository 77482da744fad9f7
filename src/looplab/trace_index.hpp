// Query helpers over a Trace for views: per-task state spans sorted by start (binary
// searchable, for culling to a visible range) and the state of everything at any event.
// Built incrementally, so a live run can be indexed while it records.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "looplab/trace.hpp"

namespace looplab {

// One stretch of time a task spent in one state.
struct StateSpan {
  double start = 0;
  double end = std::numeric_limits<double>::infinity();  // +inf while still open
  std::uint32_t first_event = 0;        // the event that entered the state
  std::uint32_t end_event = kNoEvent;   // the event that left it (kNoEvent while open)
  TaskState state = TaskState::ready;
  WakeCause cause = WakeCause::none;    // for ready spans: what woke the task
  std::uint32_t related = 0;            // as in the entering TraceEvent
  std::uint32_t detail = 0;
};

struct LineMark {
  std::uint32_t event;
  double time;
  std::uint32_t line;
};

// Everything at one moment: what the ready queue, waiting set and each task looked like
// right after event `event_index` was applied.
struct Snapshot {
  std::size_t event_index = 0;
  double time = 0;
  std::uint32_t iteration = 0;             // loop iterations started so far
  std::vector<bool> exists;                // indexed by TaskId: created (and scheduled) by then
  std::vector<TaskState> state;            // indexed by TaskId; meaningful where exists
  std::vector<std::uint32_t> line;         // snippet line per task (0: not marked yet)
  std::vector<TaskId> ready_queue;         // in the order the loop will run them
  std::vector<TaskId> waiting;             // waiting on anything, by TaskId
  TaskId running = 0;                      // the task running or holding the loop (0: none)
  std::size_t printed = 0;                 // print events so far
};

class TraceIndex {
 public:
  // Indexes the events recorded since the last call (or all, on the first call).
  void update(const Trace& trace);
  std::size_t indexed_events() const { return indexed_; }
  std::size_t task_count() const { return spans_.size(); }  // including entry 0

  const std::vector<StateSpan>& spans(TaskId task) const { return spans_[task]; }
  // Index of the first span of `task` that ends after `time` (spans.size() if none): the
  // start of what a timeline shows from `time` on.
  std::size_t first_span_ending_after(TaskId task, double time) const;
  // The span of `task` containing event index `event` (spans.size() if the task did not exist yet).
  std::size_t span_at_event(TaskId task, std::size_t event) const;
  const std::vector<LineMark>& lines(TaskId task) const { return lines_[task]; }
  std::uint32_t line_at(TaskId task, std::size_t event) const;
  // Event indices of every print, and of every loop iteration start.
  const std::vector<std::uint32_t>& prints() const { return prints_; }
  const std::vector<std::uint32_t>& iterations() const { return iterations_; }
  // Last event with time <= t (0 if none); events are in time order.
  std::size_t event_at_time(const Trace& trace, double time) const;
  double end_time() const { return end_time_; }

  Snapshot snapshot_at(const Trace& trace, std::size_t event_index) const;

 private:
  void ensure_task(TaskId task);
  void enter(TaskId task, const TraceEvent& e, std::uint32_t index);

  std::size_t indexed_ = 0;
  double end_time_ = 0;
  std::vector<std::vector<StateSpan>> spans_;
  std::vector<std::vector<LineMark>> lines_;
  std::vector<std::uint32_t> prints_;
  std::vector<std::uint32_t> iterations_;
};

}  // namespace looplab
