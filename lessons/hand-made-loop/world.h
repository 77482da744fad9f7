// What a hand-made loop's program runs on, inside the model's one task (the program's
// thread; no asyncio is involved): the clock `time.time()` reads, the modelled cost of one
// poll, the lanes its own tasks get on the timeline, and its counters.
//
// On the virtual clock nothing takes time by itself, so each poll (a Task.run(), a send
// into a generator) charges `poll_cost` seconds to the clock: a busy loop burns time as
// CPython's does, only at a rate the lesson states. On the real clock a poll takes what it
// really takes and nothing is charged: the polls counted are polls that really happened.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "looplab/looplab.hpp"

namespace looplab::hand_made_loop {

// A run the lesson will not start or keep going (too many polls to record, say), in a
// sentence for the learner.
struct Refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class World {
 public:
  // `max_recorded_polls`: the polls whose steps go into the trace (generator sends); a run
  // that would need more stops with a Refused sentence instead of growing without bound.
  explicit World(double poll_cost, std::uint64_t max_recorded_polls = 400000);

  bool virtual_clock() const { return loop_.clock().is_virtual(); }
  double now() const { return loop_.time(); }  // time.time(), from the program's start
  double poll_cost() const { return poll_cost_; }

  // One poll happened: counted, and on the virtual clock its cost passes.
  void polled();
  // `count` identical futile polls at once (virtual clock only: they cost count * poll_cost).
  void polled_many(std::uint64_t count);
  // A poll whose steps the trace records (a send into a generator): limited.
  void recorded_poll();
  std::uint64_t polls() const { return polls_; }
  // Seconds the program spent polling (charged on the virtual clock, measured on the real one).
  double cpu_seconds() const;

  // time.sleep(seconds) in the program: the thread sleeps, so everything waits. `lane` (0:
  // none) is shown blocked meanwhile, and so is the program's own lane.
  void blocking_sleep(double seconds, TaskId lane);

  // A lane of its own for one of the program's tasks, created by the program's lane.
  TaskId add_lane(std::string_view name);
  void set_state(TaskId lane, TaskState state);
  void mark_line(TaskId lane, std::uint32_t line);
  void finish(TaskId lane);
  TaskId program_lane() const { return program_; }

 private:
  EventLoop& loop_;
  double poll_cost_;
  std::uint64_t max_recorded_;
  std::uint64_t polls_ = 0, recorded_ = 0;
  double charged_ = 0;
  double cpu_started_;
  TaskId program_;
};

}  // namespace looplab::hand_made_loop
