#include "verdict.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace looplab::slow_query {
namespace {

std::string secs(double s) {
  char text[32];
  std::snprintf(text, sizeof text, s < 1 ? "%.3f s" : "%.2f s", s);
  return text;
}

std::string times(double r) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2fx", r);
  return text;
}

bool has_split(const RunRecord& run) {
  return std::all_of(run.queries.begin(), run.queries.end(),
                     [](const QueryOutcome& q) { return !std::isnan(q.first_row_after_s) && !std::isnan(q.transfer_s); });
}

std::string clock_word(const RunRecord& run) { return run.real_clock ? "measured" : "simulated"; }

}  // namespace

Verdict make_verdict(const std::optional<RunRecord>& sync, const std::optional<RunRecord>& async) {
  Verdict v;
  const bool have_sync = sync && sync->finished, have_async = async && async->finished;
  if (have_sync) v.sync_total = sync->total;
  if (have_async) v.async_total = async->total;
  if (!have_sync && !have_async) {
    v.sentences.push_back("Run both modes, sync and async, to compare them here.");
    return v;
  }
  if (!have_sync || !have_async) {
    const RunRecord& one = have_sync ? *sync : *async;
    v.sentences.push_back(std::string(to_string(one.mode)) + " took " + secs(one.total) + " (" + clock_word(one) +
                          "). Now run " + (have_sync ? "async" : "sync") + " to compare.");
  } else {
    v.ratio = v.sync_total / v.async_total;
    v.sentences.push_back("sync " + secs(v.sync_total) + ", async " + secs(v.async_total) + ": async is " + times(v.ratio) +
                          " as fast (the seed: 22.87 s vs 18.44 s, " + times(seed_ratio) + ").");
  }
  // Where the time went in the sync run: one query at a time, so each query's own cost.
  const RunRecord* alone = have_sync ? &*sync : nullptr;
  if (alone && has_split(*alone)) {
    double executing = 0, transfer = 0, longest = 0;
    std::string longest_name;
    for (const QueryOutcome& q : alone->queries) {
      executing += q.first_row_after_s;
      transfer += q.transfer_s;
      if (q.total_s > longest) {
        longest = q.total_s;
        longest_name = q.name;
      }
    }
    v.executing_share = executing / std::max(executing + transfer, 1e-9);
    v.sentences.push_back("One at a time, the queries spent " + secs(executing) + " inside PostgreSQL before their first row and " +
                          secs(transfer) + " sending rows over (" + std::to_string(static_cast<int>(std::lround(v.executing_share * 100))) +
                          "% executing).");
    v.sentences.push_back("Overlapping them can at best shorten the run to its longest query, " + longest_name + " at " +
                          secs(longest) + ": a ceiling of " + times(alone->total / std::max(longest, 1e-9)) + ".");
  }
  if (have_sync && have_async && has_split(*async)) {
    double alone_sum = 0, together_sum = 0;
    for (std::size_t i = 0; i < 3; ++i) {
      alone_sum += sync->queries[i].total_s;
      together_sum += async->queries[i].total_s;
    }
    if (together_sum > alone_sum * 1.1) {
      v.sentences.push_back("Run together, each query took longer: " + secs(together_sum) + " of query time against " + secs(alone_sum) +
                            " one at a time. They share the same database's CPU and disk, so the work does not shrink.");
    }
  }
  if (!std::isnan(v.ratio)) {
    if (v.ratio < 1.5) {
      v.sentences.push_back("The gain is small because the waiting is PostgreSQL working, not idle time between requests: "
                            "async overlaps the waits, but the database still does all three queries' work. "
                            "Async is no fix for a bottleneck.");
    } else {
      v.sentences.push_back("Here async gained more than the seed did: the database had room to run the queries side by side. "
                            "The ceiling above still holds: no client can make the longest query shorter.");
    }
  }
  return v;
}

}  // namespace looplab::slow_query
