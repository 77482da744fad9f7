// The event-loop lesson's two scenarios on looplab_core: the seed's two hellos (two tasks
// sleeping 2 s and 1 s) and the slow-server lesson's async run (three gathered requests).
// Both run with the loop's phases recorded (LoopOptions::record_loop_phases).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "looplab/event_loop.hpp"
#include "looplab/task.hpp"

namespace looplab::event_loop {

enum class Scenario : std::uint8_t { two_hellos, slow_server };

struct Settings {
  Scenario scenario = Scenario::two_hellos;
  double first = 2, second = 1;  // the hellos' sleeps, seconds
};

// The slow-server run the lesson steps through: the seed's delays, 10, 2 and 5 seconds.
inline constexpr double kSlowServerDelays[3] = {10, 2, 5};

// The lines of two_hellos.py the tasks are on, found by their text.
struct HelloLines {
  std::uint32_t sleeping = 0, printing = 0, awaiting = 0, elapsed = 0;
};

// The Python the run stands for, with these values: its file name and its text.
std::string_view snippet_file(const Settings& s);
std::string render_snippet(const Settings& s);
HelloLines hello_lines(std::string_view snippet);

// The loop settings both scenarios run with: every run_once phase in the trace.
LoopOptions loop_options();

// asyncio.run(main()) for these settings. `origin` prefixes the slow server's printed URLs.
Coro<void> scenario_main(Settings s, std::string origin);

// What the model predicts: gathered sleeps take the longer one; the requests the longest.
double model_total(const Settings& s);

}  // namespace looplab::event_loop
