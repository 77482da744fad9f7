// The verdict for a finished run: measured total, the model's prediction, the seed's
// figure scaled to the chosen delays, the finish order, and one sentence chosen from
// what was measured (not from the mode the learner picked).
#pragma once

#include "published.h"
#include "run_summary.h"
#include "scenario.h"
#include "ui/verdict.h"

namespace looplab::slow_server {

// How far a measured total may be from the model and still "match": exact on the
// virtual clock; on the real one, 50 ms plus 10% for HTTP and browser overheads.
double tolerance(double model_seconds, bool virtual_clock);

// The order the model expects: R1, R2, R3 when each waits for the previous one; by
// delay (ties in start order) when they overlap.
std::vector<std::string> expected_order(Mode mode, const std::array<double, 3>& seconds);

ui::Verdict make_verdict(const Settings& settings, const RunSummary& run, const Published& seed, bool virtual_clock);

}  // namespace looplab::slow_server
