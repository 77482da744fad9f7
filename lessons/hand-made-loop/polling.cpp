// polling.py in the model. Each poll is a Task.run(): one look at the clock.
#include <algorithm>
#include <cstdio>
#include <limits>
#include <string>

#include "app/python_format.h"
#include "programs.h"

namespace looplab::hand_made_loop {
namespace {

struct PolledTask {
  int number = 0;
  double deadline = 0;
  bool done = false;
  TaskId lane = 0;
};

// A set of objects iterates in an order set by their addresses, which differ from run to run:
// a shuffle seeded per run stands for it (splitmix64 + Fisher-Yates: the same on every build).
std::vector<std::size_t> set_order(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  std::uint64_t state = seed;
  auto next = [&state] {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[next() % i]);
  return order;
}

// On the virtual clock, rounds in which no task can be due are all alike: they are counted
// and charged together, so a run of millions of polls costs no more than a few real ones.
// Leaves the last round before the soonest deadline to be polled one by one.
void skip_futile_rounds(World& world, const std::vector<PolledTask>& tasks, const std::vector<std::size_t>& pending) {
  if (!world.virtual_clock()) return;
  double soonest = std::numeric_limits<double>::infinity();
  for (std::size_t i : pending) soonest = std::min(soonest, tasks[i].deadline);
  const double round = static_cast<double>(pending.size()) * world.poll_cost();
  const double rounds = (soonest - world.now()) / round - 2;
  if (rounds >= 1) world.polled_many(static_cast<std::uint64_t>(rounds) * pending.size());
}

}  // namespace

void run_polling(World& world, int count, double seconds, std::uint64_t set_seed, PollingLines lines) {
  const TaskId program = world.program_lane();
  std::vector<PolledTask> tasks;
  for (int n = 0; n < count; ++n) {
    PolledTask t{n, world.now() + seconds, false, world.add_lane("task " + std::to_string(n))};
    world.set_state(t.lane, TaskState::waiting_timer);  // it waits for its time, being asked
    world.mark_line(t.lane, lines.check);
    tasks.push_back(t);
  }
  std::vector<std::size_t> pending = set_order(tasks.size(), set_seed);
  const std::uint64_t polls_before = world.polls();
  const double started = world.now();
  const double cpu = world.cpu_seconds();
  world.mark_line(program, lines.run);
  while (!pending.empty()) {
    skip_futile_rounds(world, tasks, pending);
    const std::vector<std::size_t> snapshot = pending;  // for task in list(pending)
    for (std::size_t i : snapshot) {
      PolledTask& t = tasks[i];
      if (world.now() >= t.deadline) {  // task.run()
        t.done = true;
        print("task " + std::to_string(t.number) + " done");
        world.finish(t.lane);
      }
      world.polled();
      if (t.done) pending.erase(std::find(pending.begin(), pending.end(), i));
    }
  }
  const auto polls = static_cast<std::int64_t>(world.polls() - polls_before);
  world.mark_line(program, lines.elapsed);
  print(elapsed_line(world.now() - started));
  print(app::grouped(polls) + " polls, " + app::grouped(polls - count) + " of them wasted");
  char cpu_text[48];
  std::snprintf(cpu_text, sizeof cpu_text, "CPU time: %.1f s", world.cpu_seconds() - cpu);
  print(cpu_text);
}

std::string elapsed_line(double seconds) {
  char text[48];
  std::snprintf(text, sizeof text, "Time elapsed: %.1f", seconds < 0 ? 0.0 : seconds);
  return text;
}

}  // namespace looplab::hand_made_loop
