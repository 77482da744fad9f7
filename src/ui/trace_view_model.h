// Turns the scheduler's trace into the timeline's view model, incrementally: each call
// converts only the events recorded since the last one, so a live run costs per frame
// what it recorded that frame, never the whole trace.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "looplab/trace.hpp"
#include "looplab/trace_index.hpp"
#include "ui/timeline_model.h"

namespace looplab::ui {

LaneState lane_state_of(TaskState state);

class TraceViewModel {
 public:
  // Converts what `trace` gained since the last call. `now` is how far the run has got
  // (the loop's time during a live run; pass the trace's end once it is over).
  void update(const Trace& trace, double now, bool live);
  // Forgets everything (a new run).
  void reset();

  const TimelineModel& model() const { return model_; }
  const TraceIndex& index() const { return index_; }

 private:
  void convert_spans(const Trace& trace, TaskId task);
  void convert_event(const Trace& trace, const TraceEvent& e, std::uint32_t seq);
  GeneratorMark generator_mark(const Trace& trace, const TraceEvent& e, std::uint32_t seq);
  // The loop's own lane: busy while a task runs on it or holds it, a gap while it is idle.
  void loop_busy(double time, std::uint32_t seq, LaneState state, LabelId label);
  void loop_idle(double time);
  // An executor worker's lane: busy from a task's in_executor until the task's next state.
  void worker_busy(const Trace& trace, const TraceEvent& e, std::uint32_t seq);
  void worker_idle(TaskId task, double time);
  Lane& lane_of(TaskId task);
  std::string wait_label(const Trace& trace, const StateSpan& span) const;

  TraceIndex index_;
  TimelineModel model_;
  std::size_t events_seen_ = 0;
  std::vector<std::size_t> spans_seen_;  // per task: spans converted (the last may still be open)
  std::vector<std::size_t> last_span_at_;  // per task: the lane's first interval from that last span
  TaskId on_task_ = 0;                   // the task running on (or holding) the loop, 0: none
  std::vector<std::uint32_t> on_worker_; // per task: 1 + the worker running its work, 0: none
  std::vector<TaskId> worker_holder_;    // per worker: the task whose work it runs, 0: none
};

}  // namespace looplab::ui
