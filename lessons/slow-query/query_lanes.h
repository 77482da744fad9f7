// The lesson's own panels: one lane per query (when it left, how long PostgreSQL worked
// before the first row, how long the rows took to come over), and the SQL.
#pragma once

#include "scenario.h"

namespace looplab::slow_query {

// "R1 - 55,640 rows", or "R1 - waiting" before its answer.
std::string lane_label(const QueryOutcome& q);
// `now`: how far a live run has got (the end of a bar still out).
void draw_query_lanes(const QueryRun& run, double now);
void draw_sql(const QueryRun& run);

}  // namespace looplab::slow_query
