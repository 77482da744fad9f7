// What an executor run did, from its trace alone, and the verdict on it.
#pragma once

#include <string>
#include <vector>

#include "app/trace_facts.h"
#include "scenario.h"
#include "ui/verdict.h"

namespace looplab::executor {

struct RunFacts {
  bool finished = false;
  bool failed = false;
  double total = app::not_yet;  // main's time, start to end
  double blocked = 0;           // seconds the loop was held by a blocking call, summed
  double in_executor = 0;       // seconds of work on pool workers, summed
  int peak_workers = 0;         // most pool workers busy at once
  bool pi_printed = false;
  int greetings_before_pi = 0;  // greetings printed before pi's digits
  int wakes = 0;                // cats
  std::string error;
  std::vector<std::string> printed;
};

RunFacts facts_of(const Trace& trace);

double model_total(const Settings& s);
int model_peak_workers(const Settings& s);
// On the real clock a run may be late by 50 ms plus 5% (timers and frames).
double tolerance(double model_seconds, bool virtual_clock);

ui::Verdict make_verdict(const Settings& s, const RunFacts& f, bool virtual_clock);

}  // namespace looplab::executor
