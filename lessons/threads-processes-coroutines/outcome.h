// What a threads-processes-coroutines run did, from its trace alone (each worker's start
// and end, the CPU lanes' busy time, the total), the model's totals for every variant and
// the verdict that explains them.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "app/trace_facts.h"
#include "scenario.h"
#include "ui/verdict.h"

namespace looplab::tpc {

struct WorkerSpan {
  std::string name;
  double start = app::not_yet;  // created (its thread or job submitted)
  double end = app::not_yet;
  bool ok = false;
};

struct RunFacts {
  bool finished = false;
  bool failed = false;
  double total = app::not_yet;
  std::string error;
  std::vector<WorkerSpan> workers;  // in the order they were started
  double last_start = 0;            // when the last worker was started
  double first_end = app::not_yet, last_end = app::not_yet;
};

RunFacts facts_of(const Trace& trace);

// The model's total for these settings: the scenario run on a fresh virtual clock.
double model_total(const Settings& s);
// The model's totals for every variant with the same work (NaN where a variant cannot run it).
std::array<double, all_variants.size()> model_totals(const Settings& s);

ui::Verdict make_verdict(const Settings& s, const RunFacts& f, bool virtual_clock);

}  // namespace looplab::tpc
