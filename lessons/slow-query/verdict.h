// The verdict: the sync and async totals measured in this page, their ratio beside the
// seed's, and why the gain is what it is, read from where the time went (PostgreSQL
// executing before the first row, the rows coming over after it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario.h"

namespace looplab::slow_query {

struct Verdict {
  double sync_total = unknown;
  double async_total = unknown;
  double ratio = unknown;           // sync / async
  double executing_share = unknown; // of the sync run's query time, PostgreSQL before the first row
  std::vector<std::string> sentences;
};

inline constexpr double seed_ratio = seed_sync_total / seed_async_total;

// Either run may be missing (not yet run in this page). Only finished runs count.
Verdict make_verdict(const std::optional<RunRecord>& sync, const std::optional<RunRecord>& async);

}  // namespace looplab::slow_query
