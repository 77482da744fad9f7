// sleeps.py and hello.py in the model: real generators (looplab/generator.hpp), driven by
// a loop of send() or next(), every step of them in the trace.
#include <algorithm>
#include <string>

#include "looplab/generator.hpp"
#include "programs.h"

namespace looplab::hand_made_loop {
namespace {

using py::GeneratorBody;
using py::Value;
using py::yield_at;
using py::yield_from;

// def sleep(seconds, result): yield until the deadline, then return the result.
GeneratorBody sleep_body(World& world, double seconds, int result, std::uint32_t yield_line) {
  const double deadline = world.now() + seconds;
  while (world.now() < deadline) co_yield yield_at(yield_line);
  co_return result;
}

// def asleep(seconds): the same wait, returning nothing.
GeneratorBody asleep_body(World& world, double seconds, std::uint32_t yield_line) {
  const double started = world.now();
  while (world.now() - started < seconds) co_yield yield_at(yield_line);
  co_return {};
}

// def hello(): print, wait as the solution says, print.
GeneratorBody hello_body(World& world, Solution solution, double seconds, TaskId lane, HelloLines lines) {
  world.mark_line(lane, lines.hello);
  print("hello");
  switch (solution) {
    case Solution::bare_yield:
      co_yield yield_at(lines.waiting);
      world.mark_line(lane, lines.waiting + 1);
      world.blocking_sleep(seconds, lane);  // time.sleep: the whole program stops
      break;
    case Solution::busy_yield: {
      const double started = world.now();
      while (world.now() - started < seconds) co_yield yield_at(lines.waiting + 2);
      break;
    }
    case Solution::yield_generator:
      // The generator object is made and handed over; nothing ever runs it.
      co_yield yield_at(lines.waiting, py::make_generator("asleep", lines.asleep_yield - 3,
                                                          asleep_body(world, seconds, lines.asleep_yield)));
      break;
    case Solution::yield_from:
      co_yield yield_from(lines.waiting, py::make_generator("asleep", lines.asleep_yield - 3,
                                                            asleep_body(world, seconds, lines.asleep_yield)));
      break;
  }
  world.mark_line(lane, lines.goodbye);
  print("goodbye");
  co_return {};
}

// A generator and its lane on the timeline.
struct Driven {
  Value generator;
  TaskId lane = 0;
};

// One step of a driven generator: its lane runs while it does, then waits for its next turn.
// Returns false when it has finished (StopIteration: `returned` gets its value).
bool step(World& world, Driven& d, Value sent, Value& out, Value* returned, bool by_send) {
  world.set_state(d.lane, TaskState::running);
  try {
    out = by_send ? py::send(d.generator, std::move(sent)) : py::next(d.generator);
  } catch (const py::StopIteration& stop) {
    world.recorded_poll();
    if (returned != nullptr) *returned = stop.value();
    world.finish(d.lane);
    return false;
  }
  world.recorded_poll();
  world.set_state(d.lane, TaskState::ready);
  if (const py::Generator* g = d.generator.generator()) {
    const py::Generator* inner = g;
    while (inner->delegate() != nullptr) inner = inner->delegate();
    world.mark_line(d.lane, inner->line());  // inside a yield from: where the delegate waits
  }
  return true;
}

}  // namespace

std::vector<Value> run_sleeps(World& world, int sleeps, double seconds, SleepLines lines) {
  std::vector<Driven> all;
  for (int n = 1; n <= sleeps; ++n) {
    const TaskId lane = world.add_lane("sleep " + std::to_string(n));
    all.push_back({py::make_generator("sleep", lines.yield - 3, sleep_body(world, seconds, n, lines.yield)), lane});
    world.set_state(lane, TaskState::ready);
  }
  std::vector<Value> results(all.size());  // {g: None for g in generators}
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < all.size(); ++i) pending.push_back(i);
  const double started = world.now();
  while (!pending.empty()) {
    // `for g in pending` over a list it removes from: Python's iterator walks by index, so the
    // generator after a removed one slides into the removed one's place and waits a round.
    for (std::size_t at = 0; at < pending.size(); ++at) {
      const std::size_t i = pending[at];
      Value out;
      if (step(world, all[i], results[i], out, &results[i], true)) {
        results[i] = out;
      } else {
        world.mark_line(all[i].lane, lines.ret);
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(at));
      }
    }
  }
  world.mark_line(world.program_lane(), lines.elapsed);
  print(elapsed_line(world.now() - started));
  return results;
}

void run_hellos(World& world, Solution solution, int hellos, double seconds, HelloLines lines) {
  const double started = world.now();
  std::vector<Driven> all;
  for (int n = 1; n <= hellos; ++n) {
    const TaskId lane = world.add_lane("hello " + std::to_string(n));
    all.push_back({py::make_generator("hello", lines.hello - 1, hello_body(world, solution, seconds, lane, lines)), lane});
    world.set_state(lane, TaskState::ready);
  }
  std::vector<std::size_t> pending;
  for (std::size_t i = 0; i < all.size(); ++i) pending.push_back(i);
  while (!pending.empty()) {
    const std::vector<std::size_t> snapshot = pending;  // for g in list(pending)
    for (std::size_t i : snapshot) {
      Value handed;
      if (!step(world, all[i], {}, handed, nullptr, false)) {
        pending.erase(std::find(pending.begin(), pending.end(), i));
      } else if (!handed.is_none()) {
        print("the loop was handed a " + handed.type_name() + " object and ignores it");
      }
    }
  }
  world.mark_line(world.program_lane(), lines.elapsed);
  print(elapsed_line(world.now() - started));
}

}  // namespace looplab::hand_made_loop
