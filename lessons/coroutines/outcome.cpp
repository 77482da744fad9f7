#include "outcome.h"

#include <cmath>

#include "app/python_format.h"

namespace looplab::coroutines {

RunFacts outcome_of(const Trace& trace, const Settings& s, const Lines& lines) {
  RunFacts o;
  const app::MainFacts main = app::main_facts(trace);
  o.finished = main.finished;
  o.total = main.total();
  for (const TraceEvent& e : trace.events()) {
    if (e.kind == EventKind::line && e.detail == lines.returning && !o.body_ran) {
      o.body_ran = true;
      o.body_task = trace.task_name(e.task);
    }
    if (e.kind == EventKind::task_created && e.task > 1) o.tasks.push_back(trace.task_name(e.task));
  }
  if (!o.tasks.empty()) o.task_end = app::final_state(trace, o.tasks.front());
  o.finish_order = app::finish_order(trace);
  o.printed = app::printed_lines(trace);
  // main prints the type first, then (when it awaits) the value.
  const bool awaits = s.mode == Mode::await_it || s.mode == Mode::task_then_await;
  if (awaits && o.printed.size() >= 2) o.result = o.printed[1];
  o.warnings = app::stderr_lines(trace);
  return o;
}

double model_total(const Settings& s) {
  const bool waits = s.mode == Mode::await_it || s.mode == Mode::task_then_await;
  return waits ? s.sleep : 0.0;
}

namespace {

std::string end_word(std::optional<TaskState> end) {
  if (!end) return "still pending";
  switch (*end) {
    case TaskState::done: return "done";
    case TaskState::cancelled: return "cancelled";
    case TaskState::failed: return "failed";
    default: return "ended";
  }
}

// Does the run do what CPython does with these settings?
bool as_cpython(const Settings& s, const RunFacts& o) {
  const std::string value = std::to_string(s.value);
  switch (s.mode) {
    case Mode::call_only: return !o.body_ran && o.tasks.empty() && o.warnings.size() == 1;
    case Mode::await_it: return o.body_ran && o.body_task == "main" && o.tasks.empty() && o.result == value && o.warnings.empty();
    case Mode::task_then_await:
      return o.body_ran && o.tasks.size() == 1 && o.body_task == o.tasks[0] && o.task_end == TaskState::done &&
             o.result == value && o.warnings.empty();
    case Mode::task_never_awaited:
      // The task's first step comes before asyncio.run stops the loop: a bare return
      // completes there; a sleep is cut short by the cancellation of leftovers.
      return o.tasks.size() == 1 && o.warnings.empty() &&
             (s.sleep > 0 ? o.task_end == TaskState::cancelled && !o.body_ran : o.task_end == TaskState::done && o.body_ran);
  }
  return false;
}

std::string meaning(const Settings& s, const RunFacts& o) {
  if (!o.finished) return "The run did not finish.";
  switch (s.mode) {
    case Mode::call_only:
      return o.body_ran ? "anyfunc ran, though nothing awaited it: that is not what Python does."
                        : "Calling anyfunc() only made a coroutine object: its body never ran, and CPython warned when the object was thrown away.";
    case Mode::await_it:
      return "Awaiting the coroutine ran anyfunc inside main's own task: no new lane, and the await gave back " +
             o.result.value_or("nothing") + ".";
    case Mode::task_then_await:
      return "create_task gave anyfunc a lane of its own (" + (o.tasks.empty() ? std::string("none") : o.tasks[0]) +
             "); awaiting the task gave back " + o.result.value_or("nothing") + ".";
    case Mode::task_never_awaited:
      return o.task_end == TaskState::cancelled
                 ? "Nobody awaited the task: main returned, and asyncio.run cancelled it in the middle of its sleep."
                 : "Nobody awaited the task, yet it ran: the loop gave it its step before asyncio.run stopped. Its result was simply lost.";
  }
  return {};
}

}  // namespace

ui::Verdict make_verdict(const Settings& s, const RunFacts& o) {
  ui::Verdict v;
  const double model = model_total(s);
  v.rows = {{"measured", o.total, "virtual clock: main, start to end", true},
            {"model", model, model > 0 ? "main waits for anyfunc's sleep" : "main waits for nothing"}};
  v.finish_order = o.finish_order;
  v.meaning = meaning(s, o);
  v.notes.push_back(o.body_ran ? "anyfunc's body ran, in " + o.body_task + "."
                               : "anyfunc's body never ran: its return line was never reached.");
  if (o.tasks.empty()) v.notes.push_back("No task besides main: no lane of its own.");
  else v.notes.push_back("Task " + o.tasks[0] + " (print(type(task)) shows " + std::string(task_type) + "): " + end_word(o.task_end) + ".");
  for (const app::StderrFact& w : o.warnings)
    v.notes.push_back(w.text + " (at " + app::python_float(w.time) + " s, in " + (w.task.empty() ? "no task" : w.task) + ").");
  if (o.result) v.notes.push_back("await gave back " + *o.result + ".");
  v.matches_model = o.finished && std::abs(o.total - model) < 1e-9 && as_cpython(s, o);
  return v;
}

}  // namespace looplab::coroutines
