// What seed 003 measured: its own machine, its own client and a server across the
// Internet (the lesson's runs use the page's browser and the local backend). Shown beside
// a run whose settings are the seed's.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "scenario.h"

namespace looplab::gather_many {

struct PublishedRun {
  Part part;
  Mode mode;
  int tasks;
  double seconds;  // each sleep or request, as the seed asked for it (its requests took about 1 s)
  double total;    // what it printed as the time elapsed
  std::string_view note;
};

inline constexpr std::array<PublishedRun, 4> published_runs{{
    {Part::sleeps, Mode::gathered, 5, 3, 3.0046, "5 gathered sleeps of 3 s"},
    {Part::requests, Mode::sequential, 5, 1, 4.9458, "5 requests with requests.get, one after another"},
    {Part::requests, Mode::gathered, 3, 1, 1.1772, "3 gathered aiohttp requests"},
    {Part::requests, Mode::gathered, 100, 1, 41.7871, "100 gathered aiohttp requests: its client's and server's limits, not a browser's"},
}};

// The seed's run of these settings, if it made one (no semaphore).
inline std::optional<PublishedRun> published_for(const Settings& s) {
  if (uses_semaphore(s)) return std::nullopt;
  for (const PublishedRun& p : published_runs)
    if (p.part == s.part && p.mode == s.mode && p.tasks == s.tasks && p.seconds == s.seconds) return p;
  return std::nullopt;
}

}  // namespace looplab::gather_many
