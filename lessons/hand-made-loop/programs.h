// The hand-made loop's programs, each run inside the model's one task on a World (see
// world.h). Each mirrors its snippet in snippets/ statement by statement; `lines` are that
// snippet's line numbers, for the code panel (all 0: none marked).
#pragma once

#include <cstdint>
#include <vector>

#include "looplab/py_value.hpp"
#include "scenario.h"
#include "world.h"

namespace looplab::hand_made_loop {

struct PollingLines {
  std::uint32_t check = 0, run = 0, elapsed = 0;
};
// polling.py: `tasks` Task objects of `seconds` each in a set, polled until all are done.
// Prints "task N done" as each finishes, then the time, the polls and the CPU time.
void run_polling(World& world, int tasks, double seconds, std::uint64_t set_seed, PollingLines lines);

struct SleepLines {
  std::uint32_t yield = 0, ret = 0, elapsed = 0;
};
// sleeps.py: generator sleeps driven by sends; prints the time and returns the results.
std::vector<py::Value> run_sleeps(World& world, int sleeps, double seconds, SleepLines lines);

struct HelloLines {
  std::uint32_t hello = 0, waiting = 0, goodbye = 0, asleep_yield = 0, elapsed = 0;
};
// hello.py with one of the four solutions.
void run_hellos(World& world, Solution solution, int hellos, double seconds, HelloLines lines);

// "Time elapsed: 3.0", as the snippets print it ({:.1f}).
std::string elapsed_line(double seconds);

}  // namespace looplab::hand_made_loop
