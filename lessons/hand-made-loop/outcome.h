// What a hand-made-loop run did, from its trace alone, and the verdict on it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/trace_facts.h"
#include "scenario.h"
#include "ui/verdict.h"

namespace looplab::hand_made_loop {

struct RunFacts {
  bool finished = false;        // main ended (successfully or not)
  bool failed = false;
  std::string error;            // what the run raised ("" if nothing)
  double total = app::not_yet;  // main's time, start to end
  std::vector<std::string> printed;
  std::vector<std::string> finish_order;  // the program's tasks, as they finished
  double first_done = app::not_yet, last_done = app::not_yet;  // when the first / last finished
  // What the program printed about itself (polling.py counts its polls and CPU time).
  std::int64_t polls = -1, wasted = -1;  // -1: not printed
  double cpu_seconds = app::not_yet;
  std::uint64_t sends = 0;      // next()/send() calls into the program's generators (trace steps)
  double blocked = 0;           // seconds the program's thread slept in time.sleep
  std::string results;          // the printed list of results ("[1, 2, 3, 4, 5]"), if any
  double polls_per_second() const { return polls > 0 && total > 0 ? double(polls) / total : 0; }
};

RunFacts facts_of(const Trace& trace);

// The model: how long a run of these settings takes, and the lines it prints before its
// time (each hello's lines, the tasks' "done" lines in any order).
double model_total(const Settings& s);
std::vector<std::string> model_lines(const Settings& s);
// Virtual clock: a few polls either way; real clock: 50 ms plus 5%.
double tolerance(const Settings& s);

ui::Verdict make_verdict(const Settings& s, const RunFacts& f);

}  // namespace looplab::hand_made_loop
