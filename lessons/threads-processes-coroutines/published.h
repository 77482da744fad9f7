// What seed 002 printed: its own machine (10 cores), CPython, a site across the Internet.
// Shown beside the model's and the run's totals for the same variant and workload.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "scenario.h"

namespace looplab::tpc {

struct PublishedTotal {
  Variant variant;
  Workload workload;
  int workers;
  double seconds;         // NaN: the seed gave no figure
  std::string_view said;  // how the seed put it
};

inline constexpr double no_figure = __builtin_nan("");

inline constexpr std::array<PublishedTotal, 12> published_totals{{
    {Variant::asyncio, Workload::sleep, 4000, 3.0, "about 3 s"},
    {Variant::threads, Workload::sleep, 4000, 4.3, "4.3 s (starting the threads)"},
    {Variant::pool, Workload::sleep, 4000, no_figure, "much slower, no figure"},
    {Variant::asyncio, Workload::http, 200, 1.0, "under 1 s"},
    {Variant::threads, Workload::http, 200, 5.0, "5 s"},
    {Variant::pool, Workload::http, 200, 4.0, "4 s"},
    {Variant::asyncio, Workload::sleep_prime, 5, 6.0, "6 s"},
    {Variant::threads, Workload::sleep_prime, 5, 6.0, "about 6 s"},
    {Variant::pool, Workload::sleep_prime, 5, 3.0, "3 s, starting the processes included"},
    {Variant::asyncio, Workload::mix, 5, 13.0, "13 s"},
    {Variant::threads, Workload::mix, 5, 13.0, "13 s"},
    {Variant::pool, Workload::mix, 5, 5.0, "5 s on 10 cores"},
}};
inline constexpr PublishedTotal published_loops_mix{Variant::loops, Workload::mix, 5, 4.5, "4.5 s"};

// The seed's figure for this variant and workload, whatever the other settings.
inline std::optional<PublishedTotal> published_for(Variant v, Workload w) {
  if (v == published_loops_mix.variant && w == published_loops_mix.workload) return published_loops_mix;
  for (const PublishedTotal& p : published_totals)
    if (p.variant == v && p.workload == w) return p;
  return std::nullopt;
}

// The seed's settings for a workload (its worker count; 1 s sleeps before is_prime).
Settings seed_settings(Variant v, Workload w);

}  // namespace looplab::tpc
