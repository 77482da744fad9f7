#include "world.h"

#include <ctime>
#include <thread>

#include "app/python_format.h"

namespace looplab::hand_made_loop {
namespace {
double process_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
}  // namespace

World::World(double poll_cost, std::uint64_t max_recorded_polls)
    : loop_(running_loop()), poll_cost_(poll_cost), max_recorded_(max_recorded_polls),
      cpu_started_(process_seconds()), program_(loop_.current_task_id()) {}

void World::polled() {
  ++polls_;
  if (virtual_clock()) {
    loop_.clock().wait_until(loop_.time() + poll_cost_);
    charged_ += poll_cost_;
  }
}

void World::polled_many(std::uint64_t count) {
  if (!virtual_clock() || count == 0) return;
  polls_ += count;
  const double cost = static_cast<double>(count) * poll_cost_;
  loop_.clock().wait_until(loop_.time() + cost);
  charged_ += cost;
}

void World::recorded_poll() {
  if (++recorded_ > max_recorded_)
    throw Refused("This run would record more than " + app::grouped(static_cast<std::int64_t>(max_recorded_)) +
                  " generator steps: raise the cost of a poll or shorten the sleeps.");
  polled();
}

double World::cpu_seconds() const { return virtual_clock() ? charged_ : process_seconds() - cpu_started_; }

void World::blocking_sleep(double seconds, TaskId lane) {
  if (seconds <= 0) return;
  if (lane != 0) set_state(lane, TaskState::blocked);
  set_state(program_, TaskState::blocked);
  // The virtual clock jumps; the real one sleeps natively (a browser page cannot: it spins).
  loop_.clock().wait_until(loop_.time() + seconds);
  set_state(program_, TaskState::running);
  if (lane != 0) set_state(lane, TaskState::running);
}

TaskId World::add_lane(std::string_view name) { return loop_.trace().add_task(loop_.time(), program_, name, 0); }

void World::set_state(TaskId lane, TaskState state) {
  loop_.trace().record(loop_.time(), EventKind::state, lane, 0, 0, state);
}

void World::mark_line(TaskId lane, std::uint32_t line) {
  if (line != 0) loop_.trace().record(loop_.time(), EventKind::line, lane, 0, line);
}

void World::finish(TaskId lane) {
  loop_.trace().record_task_finished(loop_.time(), lane, TaskState::done, 0);
}

}  // namespace looplab::hand_made_loop
