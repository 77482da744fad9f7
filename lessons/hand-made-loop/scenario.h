// The hand-made-loop lesson on looplab_core (seeds 002 and 003): an event loop built
// without asyncio, from the bottom up.
//   polling      ten Task objects whose run() checks the clock, polled in a busy loop
//   generators   sleep generators driven by a loop that sends into each
//   hello        seed 002's hello example and its four "solutions", driven by a loop of next()
//   asyncio      the same programs with async/await: gather of the hellos, gather of the sleeps
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "looplab/task.hpp"

namespace looplab::hand_made_loop {

enum class Part : std::uint8_t { polling, generators, hello, asyncio };
// What hello() does between its two prints.
enum class Solution : std::uint8_t {
  bare_yield,       // 1: yield, then time.sleep(s)
  busy_yield,       // 2: yield in a loop until s seconds have passed
  yield_generator,  // 3: yield asleep(s): hands the loop a generator object, sleeps not at all
  yield_from,       // 4: yield from asleep(s)
};
// What the asyncio part runs.
enum class AsyncioRun : std::uint8_t { sleeps, hellos };

struct Settings {
  Part part = Part::polling;
  int tasks = 10;          // polling: Task objects; generators/asyncio sleeps: sleeps
  double seconds = 3;      // each task's / sleep's duration; hello: its sleep
  Solution solution = Solution::bare_yield;
  AsyncioRun asyncio = AsyncioRun::sleeps;
  int hellos = 2;          // hello and asyncio hellos: how many hello() generators / coroutines
  double poll_cost = 1e-3; // seconds one poll charges the virtual clock
  std::uint64_t set_seed = 1;  // the set's iteration order (polling): Python's follows addresses
  bool real_clock = false;
};

// Limits of each setting, and the sentence for a combination the lesson refuses ("" if fine).
inline constexpr int kMaxTasks = 100;
inline constexpr int kMaxHellos = 10;
inline constexpr double kMaxSeconds = 10;
inline constexpr double kMaxRealSeconds = 3;  // the page freezes while it spins
std::string refusal(const Settings& s);

// The Python the run stands for.
std::string snippet_file(const Settings& s);
std::string render_snippet(const Settings& s);

// The whole program, as the run's main task. A refused setting fails the run with the
// refusal sentence (the page refuses it before starting).
Coro<void> scenario_main(Settings s);

// A hand-made program (polling, generators, hello: no asyncio) run inside the calling task
// of a running loop, as scenario_main runs it; the differential suite in tests/generators
// runs the generator parts so, against the rendered snippet on CPython.
void run_hand_made_program(const Settings& s);

}  // namespace looplab::hand_made_loop
