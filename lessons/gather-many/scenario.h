// The gather-many lesson on looplab_core (seed 003): N tasks that sleep D seconds, or N
// requests to /delay-me that each take D seconds, awaited one after another or handed to
// asyncio.gather together, optionally under an asyncio.Semaphore. On the virtual clock a
// browser's per-host connection limit is modelled (LoopOptions::simulated_connections); on
// the real clock the page's own browser applies its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "looplab/event_loop.hpp"
#include "looplab/task.hpp"

namespace looplab::gather_many {

enum class Part : std::uint8_t { sleeps, requests };
enum class Mode : std::uint8_t { sequential, gathered };

struct Settings {
  Part part = Part::sleeps;
  Mode mode = Mode::gathered;
  int tasks = 5;          // N, 1 to 1,000
  double seconds = 3;     // D: each sleep, or each request's server delay
  int semaphore = 0;      // at most this many at a time inside gather (0: no semaphore)
  int connections = 6;    // the modelled browser's connections to one host (virtual clock)
};

inline constexpr int max_tasks = 1000;
inline constexpr int chrome_connections_per_host = 6;  // HTTP/1.1; what the parameter starts at

bool gathered(const Settings& s);
// The semaphore is asyncio's and only shapes a gather; the connection limit only requests.
bool uses_semaphore(const Settings& s);
// The loop's settings for a run: the modelled connection limit for requests (virtual clock).
LoopOptions loop_options(const Settings& s);

// "/delay-me?seconds=1&request=17": each request's URL is its own, so the browser neither
// merges identical requests nor mixes up their Resource Timing entries.
std::string request_path(double seconds, int request);
// How long a real request may take at most, its wait for a connection included.
double request_timeout(const Settings& s);

struct Lines {
  std::uint32_t sleeping = 0;  // the sleep, or the request going out
  std::uint32_t limit = 0;     // `async with limit:` (0: no semaphore)
  std::uint32_t awaits = 0;    // main awaiting the gather or the loop
  std::uint32_t printed = 0;   // "N replies" (requests only)
  std::uint32_t elapsed = 0;
};

// The part's snippet as it would run with these settings; `origin` in the URL it prints.
std::string render_snippet(const Settings& s, std::string_view origin = "http://127.0.0.1:8000");
std::string snippet_file(const Settings& s);  // "sleeps.py" / "requests.py"
Lines lines_in(const Settings& s, std::string_view snippet);

// asyncio.run(main()) for these settings. Throws (through the task) if a request fails.
Coro<void> scenario_main(Settings s, Lines lines);

}  // namespace looplab::gather_many
