// What a sequential-awaits run did, from its trace alone, and the verdict on it.
#pragma once

#include <string>
#include <vector>

#include "app/trace_facts.h"
#include "scenario.h"
#include "ui/verdict.h"

namespace looplab::sequential_awaits {

struct RunFacts {
  bool finished = false;       // main ended (successfully or not)
  bool failed = false;         // main raised
  double total = app::not_yet; // main's time, start to end
  std::size_t hellos = 0, goodbyes = 0;
  double blocked = 0;          // seconds the loop was held by a blocking call, summed over tasks
  std::string error;           // what asyncio.run raised ("" if nothing)
  std::vector<std::string> printed;
};

RunFacts facts_of(const Trace& trace);

// The model: the time a run of these settings takes, and what it prints.
double model_total(const Settings& s);
std::size_t model_goodbyes(const Settings& s);
std::size_t model_hellos(const Settings& s);

// On the real clock a run may be late by 50 ms plus 5% (timers and frames).
double tolerance(double model_seconds, bool virtual_clock);

ui::Verdict make_verdict(const Settings& s, const RunFacts& f, bool virtual_clock);

}  // namespace looplab::sequential_awaits
