#include "looplab/executor.hpp"

#include <algorithm>

namespace looplab {

Executor::Executor(std::size_t workers) { set_workers(workers); }

void Executor::set_workers(std::size_t workers) {
  if (workers == 0) workers = 1;
  lane_free_at_.resize(workers, 0.0);
}

std::uint32_t Executor::earliest_lane() const {
  return static_cast<std::uint32_t>(std::min_element(lane_free_at_.begin(), lane_free_at_.end()) -
                                    lane_free_at_.begin());
}

std::uint32_t Executor::submit(double now, double seconds, TaskId task, Callback on_done, Trace& trace) {
  const std::uint32_t lane = earliest_lane();
  const double start = std::max(now, lane_free_at_[lane]);
  const double finish = start + std::max(seconds, 0.0);
  lane_free_at_[lane] = finish;
  const bool started = start <= now;
  const std::uint32_t id = next_job_++;
  jobs_.push_back(Job{start, finish, seconds, task, lane, id, on_done, started});
  if (started)
    trace.record(now, EventKind::state, task, 0, lane, TaskState::in_executor);
  else
    trace.record(now, EventKind::state, task, 0, 0, TaskState::waiting_executor);
  return id;
}

void Executor::abandon(std::uint32_t job) {
  for (Job& j : jobs_)
    if (j.id == job) j.on_done = Callback{};
}

double Executor::next_event_time() const {
  double next = std::numeric_limits<double>::infinity();
  for (const Job& j : jobs_) next = std::min(next, j.start_recorded ? j.finish : j.start);
  return next;
}

void Executor::collect(double now, double not_before, std::vector<Callback>& finished, Trace& trace) {
  if (jobs_.empty()) return;
  // Lane starts, in time order; a job whose task was cancelled still occupies its lane.
  std::vector<Job*> starting;
  for (Job& j : jobs_)
    if (!j.start_recorded && j.start <= now) starting.push_back(&j);
  std::sort(starting.begin(), starting.end(), [](const Job* a, const Job* b) { return a->start < b->start; });
  for (Job* j : starting) {
    j->start_recorded = true;
    if (j->on_done)
      trace.record(std::max(j->start, not_before), EventKind::state, j->task, 0, j->lane, TaskState::in_executor);
  }
  // Finished jobs, in finishing order.
  std::stable_sort(jobs_.begin(), jobs_.end(), [](const Job& a, const Job& b) { return a.finish < b.finish; });
  std::size_t n = 0;
  while (n < jobs_.size() && jobs_[n].start_recorded && jobs_[n].finish <= now) {
    if (jobs_[n].on_done) finished.push_back(jobs_[n].on_done);
    ++n;
  }
  jobs_.erase(jobs_.begin(), jobs_.begin() + static_cast<std::ptrdiff_t>(n));
}

}  // namespace looplab
