// The slow-server scenario on looplab_core: three requesters ask /delay-me for replies that
// take d1, d2, d3 seconds, in one of three modes. The same code runs on the virtual clock
// (simulated server) and on the real clock (real fetches through the page's I/O driver).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/python_format.h"
#include "looplab/task.hpp"
#include "ui/parameter_rules.h"

namespace looplab::slow_server {

using app::python_float;

enum class Mode : std::uint8_t { sync, async, fake_async };
inline constexpr std::array<std::string_view, 3> mode_names{"sync", "async", "fake-async"};
inline constexpr std::array<std::string_view, 3> requester_names{"R1", "R2", "R3"};
constexpr std::string_view to_string(Mode m) { return mode_names[static_cast<std::size_t>(m)]; }

// What the learner sets. Delays are the seed's seconds; the time scale shrinks them all.
struct Settings {
  std::array<double, 3> delays{10, 2, 5};
  Mode mode = Mode::async;
  double time_scale = 1.0;
};

// A delay as the server is asked for it: scaled, and rounded to 0.1 ms so that the URL,
// the simulated I/O and the model all agree on one number.
double effective_seconds(double delay, double time_scale);
std::array<double, 3> effective_delays(const Settings& s);
// "/delay-me?seconds=0.2"
std::string delay_path(double seconds);
// What the delay server answers after waiting: "Done, I waited for 0.2 secs". The virtual
// clock's model of the server answers the same.
std::string server_reply(double seconds);

// Lines of the mode's Python snippet that tasks are on (see snippets.h).
struct SnippetLines {
  std::uint32_t requesting = 0;  // print(... Requesting ...)
  std::uint32_t waiting = 0;     // the call that waits for the reply
  std::uint32_t done = 0;        // print(... Request finally done ...)
  std::uint32_t gather = 0;      // main awaiting the gather (0 in sync: no gather)
  std::uint32_t elapsed = 0;     // print(f"Time elapsed ...")
};

// asyncio.run(main()) of the chosen mode. `origin` is shown in the printed URLs
// ("http://127.0.0.1:8000"); requests themselves go to the loop's I/O driver by path.
// Throws (through the task) if a request fails or the server refuses it.
Coro<void> scenario_main(Settings settings, std::string origin, SnippetLines lines);

}  // namespace looplab::slow_server
