#include "outcome.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "app/python_format.h"
#include "looplab/trace_index.hpp"

namespace looplab::sequential_awaits {

RunFacts facts_of(const Trace& trace) {
  RunFacts f;
  const app::MainFacts main = app::main_facts(trace);
  f.finished = main.finished;
  f.failed = main.failed;
  f.total = main.total();
  f.printed = app::printed_lines(trace);
  f.hellos = static_cast<std::size_t>(std::count(f.printed.begin(), f.printed.end(), "hello"));
  f.goodbyes = static_cast<std::size_t>(std::count(f.printed.begin(), f.printed.end(), "goodbye"));
  TraceIndex index;
  index.update(trace);
  for (TaskId t = 1; t < index.task_count(); ++t)
    for (const StateSpan& span : index.spans(t))
      if (span.state == TaskState::blocked && std::isfinite(span.end)) f.blocked += span.end - span.start;
  if (main.failed && trace.tasks().size() > 1) {
    const std::uint32_t end = trace.tasks()[1].finished_event;
    f.error = trace.text(trace.events()[end].detail);
  }
  return f;
}

namespace {
double n_of(const Settings& s) { return static_cast<double>(s.hellos); }
bool gathered(const Settings& s) { return s.how == Arrangement::gathered; }
}  // namespace

double model_total(const Settings& s) {
  switch (s.sleep) {
    case SleepKind::asyncio_sleep: return gathered(s) ? s.seconds : n_of(s) * s.seconds;
    case SleepKind::time_sleep: return n_of(s) * s.seconds;  // the loop is held: sleeps cannot overlap
    // Each hello blocks, then raises: in a row the first error ends main; gathered, every
    // task has already been started on the same turn and blocks in turn first.
    case SleepKind::await_time_sleep: return gathered(s) ? n_of(s) * s.seconds : s.seconds;
  }
  return 0;
}

std::size_t model_hellos(const Settings& s) {
  return s.sleep == SleepKind::await_time_sleep && !gathered(s) ? 1 : static_cast<std::size_t>(s.hellos);
}

std::size_t model_goodbyes(const Settings& s) {
  return s.sleep == SleepKind::await_time_sleep ? 0 : static_cast<std::size_t>(s.hellos);
}

double tolerance(double model_seconds, bool virtual_clock) { return virtual_clock ? 1e-9 : 0.05 + 0.05 * model_seconds; }

namespace {

std::string model_note(const Settings& s) {
  switch (s.sleep) {
    case SleepKind::asyncio_sleep: return gathered(s) ? "the sleeps overlap: one sleep" : "one sleep after another: their sum";
    case SleepKind::time_sleep: return "time.sleep holds the loop: the sum, gathered or not";
    case SleepKind::await_time_sleep:
      return gathered(s) ? "every task blocks once, then fails" : "the first hello blocks once, then fails";
  }
  return {};
}

std::string meaning(const Settings& s, const RunFacts& f, bool matches) {
  if (!f.finished) return "The run did not finish.";
  if (!matches) return "The run did not take what the model says: something else held the loop.";
  switch (s.sleep) {
    case SleepKind::asyncio_sleep:
      return gathered(s) ? "Gathered, every hello said hello, then all slept at once: the run took one sleep."
                         : "Awaited in a row, each hello finished before the next began: two awaits are still one after another.";
    case SleepKind::time_sleep:
      return "time.sleep is not an await: it held the loop, so no other hello could run while it slept, gathered or not.";
    case SleepKind::await_time_sleep:
      return "time.sleep slept first and returned None; awaiting None raised the TypeError, which asyncio.run passed on.";
  }
  return {};
}

}  // namespace

ui::Verdict make_verdict(const Settings& s, const RunFacts& f, bool virtual_clock) {
  ui::Verdict v;
  const double model = model_total(s);
  v.rows = {{"measured", f.total, virtual_clock ? "virtual clock" : "real clock, in this page", true},
            {"model", model, model_note(s)}};
  const bool errors_as_cpython =
      s.sleep == SleepKind::await_time_sleep ? f.failed && f.error == NoneNotAwaitable().what() : !f.failed;
  const bool matches = f.finished && std::abs(f.total - model) <= tolerance(model, virtual_clock) && errors_as_cpython &&
                       f.hellos == model_hellos(s) && f.goodbyes == model_goodbyes(s);
  v.matches_model = matches;
  v.meaning = meaning(s, f, matches);
  v.notes.push_back("Printed \"hello\" " + app::grouped(static_cast<std::int64_t>(f.hellos)) + " times and \"goodbye\" " +
                    app::grouped(static_cast<std::int64_t>(f.goodbyes)) + " times (the model: " +
                    app::grouped(static_cast<std::int64_t>(model_hellos(s))) + " and " +
                    app::grouped(static_cast<std::int64_t>(model_goodbyes(s))) + ").");
  if (f.blocked > 0) {
    char held[64];
    std::snprintf(held, sizeof held, "%.2f s", f.blocked);
    v.notes.push_back(std::string("The loop was held by time.sleep for ") + held + ": nothing else could run.");
  }
  if (!f.error.empty()) v.notes.push_back(f.error);
  return v;
}

}  // namespace looplab::sequential_awaits
