// The timeline's view model: plain data, sorted once when a trace is converted,
// so every frame can cull with binary searches instead of walking the trace.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

namespace looplab::ui {

// What a task (or the loop) is doing during an interval. The order is the legend's order.
enum class LaneState : std::uint8_t {
  running,        // its code is executing on the loop
  ready,          // runnable, waiting for the loop to pick it
  waiting_io,     // awaiting a network reply or other I/O completion
  queued_io,      // its request waits in the client (a browser's connection pool) before it goes out
  waiting_timer,  // awaiting a sleep / timeout deadline
  blocked,        // running, but inside a blocking call: it holds the loop
  waiting_sync,   // awaiting a queue, lock, event, semaphore or another task
  in_executor,    // its work runs on an executor worker beside the loop
  done,
  failed,
  cancelled,
};
inline constexpr int lane_state_count = 11;

// Open intervals (a task's current state during a live run, or its terminal state)
// end at infinity; drawing clamps them to the model's current time.
inline constexpr double open_end = std::numeric_limits<double>::infinity();

// Interned text (what a wait is for, a marker's caption); 0 means none.
using LabelId = std::uint32_t;

// `seq` is the trace's global event order: on the virtual clock many transitions
// share one timestamp, and stepping must still visit them one by one.
struct Interval {
  double start = 0;
  double end = open_end;
  std::uint32_t seq = 0;
  LabelId label = 0;
  LaneState state = LaneState::ready;
};

// generator: a step of a Python generator the task drove (next/send/throw/close in, a value
// or StopIteration out).
enum class MarkerKind : std::uint8_t { request_sent, request_answered, printed, note, generator };

struct Marker {
  double time = 0;
  std::uint32_t seq = 0;
  LabelId label = 0;
  MarkerKind kind = MarkerKind::note;
};

enum class ArrowKind : std::uint8_t { created_by, woken_by };

// Stored on the lane the arrow points to, sorted by `to_time`, so only the arrows of
// visible lanes are ever looked at.
struct Arrow {
  std::uint32_t from_lane = 0;
  double from_time = 0;
  double to_time = 0;
  ArrowKind kind = ArrowKind::created_by;
};

// Which line of the lesson's Python snippet a task is on from `time` on.
struct LineMark {
  double time = 0;
  std::uint32_t seq = 0;
  int line = 0;  // 1-based; 0 = not in the snippet any more
};

struct Lane {
  std::string name;
  bool is_loop = false;
  std::vector<Interval> intervals;  // sorted, non-overlapping
  std::vector<Marker> markers;      // sorted by (time, seq)
  std::vector<Arrow> incoming;      // sorted by to_time
  std::vector<LineMark> lines;      // sorted by (time, seq)
};

struct ConsoleLine {
  double time = 0;
  std::uint32_t seq = 0;
  std::uint32_t lane = 0;
  std::string text;
};

// One step of a Python generator, as the stepper and code panel show it: where the frame
// stands after it, and what went in or came out (the trace's GeneratorStep, in words).
enum class FrameState : std::uint8_t { created, running, suspended, closed };
struct GeneratorMark {
  double time = 0;
  std::uint32_t seq = 0;
  std::uint32_t generator = 0;  // index into TimelineModel::generators
  std::uint32_t lane = 0;       // the task whose code drove the step
  FrameState state = FrameState::created;
  int line = 0;                 // the frame's line after the step (its def line until it starts)
  std::string went_in;          // what next/send/throw/close passed in ("None", "10", "GeneratorExit")
  std::string came_out;         // what it yielded or returned, or the error that came out
  LabelId words = 0;            // the whole step in a sentence, as the timeline's marker says it
};

struct GeneratorFrame {
  std::string name;  // the generator function's name
  int def_line = 0;
};

struct TimelineModel {
  std::vector<Lane> lanes;  // lanes[0] is the loop when the model came from a trace
  // The executor's workers (run_in_executor, to_thread), one lane each: busy while a task's
  // work runs there (labelled with the task), idle between. Drawn right under the loop.
  std::vector<Lane> workers;
  std::vector<std::string> labels{std::string{}};
  std::vector<ConsoleLine> console;  // sorted by (time, seq)
  std::vector<GeneratorFrame> generators;        // [0] unused: the trace's GeneratorId 0 is none
  std::vector<GeneratorMark> generator_steps;    // sorted by (time, seq)
  double start = 0;  // the run's time origin
  double now = 0;    // how far the run has got (the end, once finished)
  bool live = false;

  LabelId intern(const std::string& text);
  const std::string& label(LabelId id) const { return labels.at(id); }

 private:
  std::unordered_map<std::string, LabelId> label_ids_;
};

// The timeline's rows, top to bottom: the loop (lanes[0]), the executor's workers, then the
// tasks. Without workers a row is its lane.
std::size_t row_count(const TimelineModel& model);
const Lane& lane_at_row(const TimelineModel& model, std::size_t row);
std::size_t row_of_lane(const TimelineModel& model, std::size_t lane);

// A position on the run: ordered by time, then by the trace's event order.
struct Cursor {
  double time = 0;
  std::uint32_t seq = 0;
  friend bool operator<(const Cursor& a, const Cursor& b) {
    return a.time < b.time || (a.time == b.time && a.seq < b.seq);
  }
  friend bool operator<=(const Cursor& a, const Cursor& b) { return !(b < a); }
  friend bool operator==(const Cursor& a, const Cursor& b) = default;
};

// Empty when the model keeps its invariants; otherwise what is wrong, for tests and asserts.
std::string check_invariants(const TimelineModel& model);

}  // namespace looplab::ui
