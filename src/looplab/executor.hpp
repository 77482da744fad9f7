// The default executor (run_in_executor / to_thread) modelled as K worker lanes beside the
// loop. Work states how long it takes; a job starts on the lane that frees up first (jobs
// wait in FIFO order while every lane is busy, as in ThreadPoolExecutor) and its completion
// reaches the loop like call_soon_threadsafe does. Lanes never wait for the loop: a job's
// start and end times follow from the submissions alone, so they stay right even while a
// blocking call holds the loop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "looplab/callback.hpp"
#include "looplab/trace.hpp"

namespace looplab {

class Executor {
 public:
  explicit Executor(std::size_t workers);
  std::size_t workers() const { return lane_free_at_.size(); }
  // Changing the worker count applies to jobs submitted afterwards.
  void set_workers(std::size_t workers);

  // Submits work of `seconds` for `task` at loop time `now`; `on_done` is handed back by
  // collect() once the work has finished. Records the task waiting for or entering a lane.
  // Returns the job's id.
  std::uint32_t submit(double now, double seconds, TaskId task, Callback on_done, Trace& trace);
  // Nobody waits for the job any more: it still occupies its lane, but hands back nothing.
  void abandon(std::uint32_t job);
  // Earliest time something happens on a lane (a queued job starts or a job finishes).
  double next_event_time() const;
  // Records lane starts up to `now` and appends the callbacks of jobs finished by `now`.
  // `not_before` keeps recorded times monotone when the loop notices a start late.
  void collect(double now, double not_before, std::vector<Callback>& finished, Trace& trace);
  std::size_t busy() const { return jobs_.size(); }

 private:
  struct Job {
    double start;
    double finish;
    double seconds;
    TaskId task;
    std::uint32_t lane;
    std::uint32_t id;
    Callback on_done;
    bool start_recorded;
  };
  std::uint32_t earliest_lane() const;

  std::vector<double> lane_free_at_;
  std::uint32_t next_job_ = 1;
  std::vector<Job> jobs_;  // each assigned a lane at submission, possibly starting later
};

}  // namespace looplab
