#include "loop_phases.h"

#include <algorithm>
#include <cmath>

#include "app/python_format.h"

namespace looplab::event_loop {

std::optional<PhaseKind> phase_kind_named(std::string_view name) {
  for (std::size_t i = 0; i < phase_kind_names.size(); ++i)
    if (phase_kind_names[i] == name) return static_cast<PhaseKind>(i);
  return std::nullopt;
}

namespace {

LoopPhase phase_at(PhaseKind kind, std::uint32_t iteration, std::uint32_t event, double time) {
  LoopPhase p;
  p.kind = kind;
  p.iteration = iteration;
  p.first_event = p.last_event = event;
  p.time = time;
  return p;
}

}  // namespace

std::vector<LoopPhase> loop_phases(const Trace& trace) {
  std::vector<LoopPhase> phases;
  const auto& events = trace.events();
  std::uint32_t iteration = 0;
  bool running_callbacks = false;  // between an iteration event and the next wait
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t step = kNone;  // the step phase still open
  // The step whose task has just finished: the tasks awaiting it are queued as it ends
  // (asyncio schedules a finished task's done callbacks from inside its last step).
  std::size_t finished = kNone;
  auto close_step = [&](std::uint32_t at, TaskState how) {
    if (step == kNone) return;
    phases[step].last_event = at;
    phases[step].left_in = how;
    if (is_finished(how)) finished = step;
    step = kNone;
  };
  for (std::uint32_t i = 0; i < events.size(); ++i) {
    const TraceEvent& e = events[i];
    if (finished != kNone) {
      LoopPhase& last = phases[finished];
      if (e.kind == EventKind::state && e.state == TaskState::ready && e.cause == WakeCause::task_done &&
          e.related == last.task) {
        last.queued.push_back(e.task);
        last.last_event = i;
        continue;
      }
      finished = kNone;
    }
    switch (e.kind) {
      case EventKind::select: {
        close_step(i, TaskState::running);
        running_callbacks = false;
        LoopPhase p = phase_at(PhaseKind::wait, iteration + 1, i, e.time);
        const LoopWait& w = trace.waits().at(e.related);
        p.began = w.began;
        p.timeout = w.timeout;
        p.completions = e.detail;
        phases.push_back(std::move(p));
        break;
      }
      case EventKind::timer_due:
        if (!phases.empty() && phases.back().kind == PhaseKind::timers && phases.back().iteration == iteration + 1) {
          phases.back().last_event = i;
          ++phases.back().due;
        } else {
          LoopPhase p = phase_at(PhaseKind::timers, iteration + 1, i, e.time);
          p.due = 1;
          phases.push_back(std::move(p));
        }
        break;
      case EventKind::iteration:
        iteration = e.related;
        running_callbacks = true;
        break;
      case EventKind::state:
        if (e.state == TaskState::running) {
          close_step(i, TaskState::running);
          LoopPhase p = phase_at(PhaseKind::step, iteration, i, e.time);
          p.task = e.task;
          step = phases.size();
          phases.push_back(std::move(p));
        } else if (step != kNone && phases[step].task == e.task) {
          close_step(i, e.state);  // it awaits something, yields, or holds the loop
        } else if (step != kNone && e.state == TaskState::ready) {
          phases[step].queued.push_back(e.task);  // it created or woke another task
        } else if (step == kNone && running_callbacks && e.state == TaskState::ready) {
          // Nothing of a task runs: one of the loop's own callbacks woke this task.
          LoopPhase p = phase_at(PhaseKind::callback, iteration, i, e.time);
          p.task = e.task;
          p.cause = e.cause;
          phases.push_back(std::move(p));
        }
        break;
      case EventKind::task_finished:
        if (step != kNone && phases[step].task == e.task) close_step(i, e.state);
        break;
      case EventKind::print:
        if (step != kNone && phases[step].task == e.task) phases[step].printed.push_back(e.detail);
        break;
      default:
        break;
    }
  }
  if (step != kNone) phases[step].last_event = events.empty() ? 0 : static_cast<std::uint32_t>(events.size() - 1);
  return phases;
}

std::size_t phase_at_event(const std::vector<LoopPhase>& phases, std::uint32_t event) {
  const auto after = std::upper_bound(phases.begin(), phases.end(), event,
                                      [](std::uint32_t e, const LoopPhase& p) { return e < p.first_event; });
  return after == phases.begin() ? 0 : static_cast<std::size_t>(after - phases.begin() - 1);
}

std::optional<std::size_t> next_phase_of(const std::vector<LoopPhase>& phases, std::size_t from, PhaseKind kind) {
  for (std::size_t i = from + 1; i < phases.size(); ++i)
    if (phases[i].kind == kind) return i;
  return std::nullopt;
}

std::string describe(const Trace& trace, const LoopPhase& p) {
  using app::python_float;
  switch (p.kind) {
    case PhaseKind::wait:
      return "wait " + python_float(p.began) + " -> " + python_float(p.time) +
             (std::isfinite(p.timeout) ? " (timeout " + python_float(p.timeout) + ")" : " (no timeout)");
    case PhaseKind::timers: return "timers " + std::to_string(p.due) + " due at " + python_float(p.time);
    case PhaseKind::step: return "step " + trace.task_name(p.task);
    case PhaseKind::callback: return "callback wakes " + trace.task_name(p.task) + " (" + to_string(p.cause) + ")";
  }
  return "?";
}

}  // namespace looplab::event_loop
