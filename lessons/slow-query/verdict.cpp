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

bool has_split(const QueryRun& run) {
  return std::all_of(run.queries.begin(), run.queries.end(),
                     [](const QueryOutcome& q) { return !std::isnan(q.first_row_after_s) && !std::isnan(q.transfer_s); });
}

std::string clock_word(const QueryRun& run) { return run.real_clock ? "measured" : "simulated"; }

}  // namespace

VerdictFigures verdict_figures(const std::optional<QueryRun>& sync, const std::optional<QueryRun>& async) {
  VerdictFigures f;
  const bool have_sync = sync && sync->finished, have_async = async && async->finished;
  if (have_sync) f.sync_total = sync->total;
  if (have_async) f.async_total = async->total;
  if (have_sync && have_async) f.ratio = f.sync_total / f.async_total;
  if (have_sync && has_split(*sync)) {
    double executing = 0, transfer = 0;
    for (const QueryOutcome& q : sync->queries) {
      executing += q.first_row_after_s;
      transfer += q.transfer_s;
    }
    f.executing_share = executing / std::max(executing + transfer, 1e-9);
  }
  return f;
}

std::vector<std::string> sentences(const ui::Verdict& v) {
  std::vector<std::string> out;
  if (!v.meaning.empty()) out.push_back(v.meaning);
  out.insert(out.end(), v.notes.begin(), v.notes.end());
  return out;
}

ui::Verdict make_verdict(const std::optional<QueryRun>& sync, const std::optional<QueryRun>& async, Mode shown) {
  const VerdictFigures f = verdict_figures(sync, async);
  const bool have_sync = sync && sync->finished, have_async = async && async->finished;
  ui::Verdict v;
  std::vector<std::string> said;
  if (have_sync) {
    v.rows.push_back({"sync: one query after another", f.sync_total, clock_word(*sync) + ", psycopg2-style", shown == Mode::sync});
  }
  if (have_async) {
    v.rows.push_back({"async: gathered", f.async_total, clock_word(*async) + ", asyncpg-style", shown == Mode::async});
  }
  if (have_sync || have_async) {
    v.rows.push_back({"the seed: sync", seed_sync_total, "its psycopg2 client, 1,400 copies"});
    v.rows.push_back({"the seed: async", seed_async_total, "its asyncpg client, 1,400 copies"});
  }
  if (!have_sync && !have_async) {
    said.push_back("Run both modes, sync and async, to compare them here.");
  } else if (!have_sync || !have_async) {
    const QueryRun& one = have_sync ? *sync : *async;
    said.push_back(std::string(to_string(one.mode)) + " took " + secs(one.total) + " (" + clock_word(one) + "). Now run " +
                   (have_sync ? "async" : "sync") + " to compare.");
  } else {
    said.push_back("sync " + secs(f.sync_total) + ", async " + secs(f.async_total) + ": async is " + times(f.ratio) +
                   " as fast (the seed: 22.87 s vs 18.44 s, " + times(seed_ratio) + ").");
  }
  // Where the time went in the sync run: one query at a time, so each query's own cost.
  const QueryRun* alone = have_sync ? &*sync : nullptr;
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
    said.push_back("One at a time, the queries spent " + secs(executing) + " inside PostgreSQL before their first row and " +
                   secs(transfer) + " sending rows over (" + std::to_string(static_cast<int>(std::lround(f.executing_share * 100))) +
                   "% executing).");
    said.push_back("Overlapping them can at best shorten the run to its longest query, " + longest_name + " at " +
                          secs(longest) + ": a ceiling of " + times(alone->total / std::max(longest, 1e-9)) + ".");
  }
  if (have_sync && have_async && has_split(*async)) {
    double alone_sum = 0, together_sum = 0;
    for (std::size_t i = 0; i < 3; ++i) {
      alone_sum += sync->queries[i].total_s;
      together_sum += async->queries[i].total_s;
    }
    if (together_sum > alone_sum * 1.1) {
      said.push_back("Run together, each query took longer: " + secs(together_sum) + " of query time against " + secs(alone_sum) +
                            " one at a time. They share the same database's CPU and disk, so the work does not shrink.");
    }
  }
  if (!std::isnan(f.ratio)) {
    if (f.ratio < 1.5) {
      said.push_back("The gain is small because the waiting is PostgreSQL working, not idle time between requests: "
                            "async overlaps the waits, but the database still does all three queries' work. "
                            "Async is no fix for a bottleneck.");
    } else {
      said.push_back("Here async gained more than the seed did: the database had room to run the queries side by side. "
                            "The ceiling above still holds: no client can make the longest query shorter.");
    }
  }
  v.meaning = said.front();
  v.notes.assign(said.begin() + 1, said.end());
  // The seed's lesson reproduced: overlapping the waits barely helps a busy database.
  v.matches_model = !std::isnan(f.ratio) && f.ratio < 1.5;
  return v;
}

}  // namespace looplab::slow_query
