// What a coroutines run did, read from its trace alone, and the verdict on it: whether
// anyfunc's body ran, in which task, what it gave back, and what CPython warned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/trace_facts.h"
#include "scenario.h"
#include "ui/verdict.h"

namespace looplab::coroutines {

struct RunFacts {
  bool finished = false;             // main ended
  double total = app::not_yet;       // main's time, creation to end
  bool body_ran = false;             // anyfunc reached its return line
  std::string body_task;             // whose lane that was on ("main", "Task-2"; "" if it never ran)
  std::vector<std::string> tasks;    // tasks besides main, in creation order
  std::vector<std::string> finish_order;
  std::optional<TaskState> task_end; // the first of them: done, cancelled...
  std::optional<std::string> result; // what main printed for the awaited value
  std::vector<app::StderrFact> warnings;
  std::vector<std::string> printed;
};

RunFacts outcome_of(const Trace& trace, const Settings& s, const Lines& lines);

// What the model says a run of these settings does: the total, and the lesson's sentence.
double model_total(const Settings& s);

ui::Verdict make_verdict(const Settings& s, const RunFacts& o);

}  // namespace looplab::coroutines
