// The verdict: the sync and async totals measured in this page, their ratio beside the
// seed's, and why the gain is what it is, read from where the time went (PostgreSQL
// executing before the first row, the rows coming over after it).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scenario.h"
#include "ui/verdict.h"

namespace looplab::slow_query {

// The figures the verdict's sentences are made of.
struct VerdictFigures {
  double sync_total = unknown;
  double async_total = unknown;
  double ratio = unknown;            // sync / async
  double executing_share = unknown;  // of the sync run's query time, PostgreSQL before the first row
};

inline constexpr double seed_ratio = seed_sync_total / seed_async_total;

// Either run may be missing (not yet run in this page). Only finished runs count.
VerdictFigures verdict_figures(const std::optional<QueryRun>& sync, const std::optional<QueryRun>& async);
// Rows: both totals and the seed's; meaning: the comparison (or what to run next); notes:
// where the time went and why. `shown` is the run just made (the row the others are compared with).
ui::Verdict make_verdict(const std::optional<QueryRun>& sync, const std::optional<QueryRun>& async, Mode shown = Mode::sync);
// Every sentence of a verdict, the meaning first.
std::vector<std::string> sentences(const ui::Verdict& v);

}  // namespace looplab::slow_query
