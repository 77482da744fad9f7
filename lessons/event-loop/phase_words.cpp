#include "phase_words.h"

#include <cmath>

#include "app/python_format.h"

namespace looplab::event_loop {
namespace {

std::string what_it_did_next(TaskState left_in) {
  switch (left_in) {
    case TaskState::waiting_timer: return "then awaits asyncio.sleep: its timer goes into the heap and the loop is free.";
    case TaskState::waiting_io: return "then awaits a reply: the request is out, and the loop is free.";
    case TaskState::waiting_task: return "then awaits other tasks: it is off the loop until they finish.";
    case TaskState::ready: return "then yields: it queues its own next step and gives the loop back.";
    case TaskState::blocked: return "then blocks: nothing else can run until that call returns.";
    case TaskState::done: return "and returns: the task is done.";
    case TaskState::failed: return "and raises: the task has failed.";
    case TaskState::cancelled: return "and is cancelled.";
    default: return "then waits.";
  }
}

// Why a task's step was queued, in the learner's words rather than the trace's.
std::string why(WakeCause cause) {
  switch (cause) {
    case WakeCause::created: return "new task";
    case WakeCause::yielded: return "it yielded";
    case WakeCause::timer: return "its sleep is over";
    case WakeCause::io: return "its reply came";
    case WakeCause::task_done: return "the task it awaited finished";
    case WakeCause::gather: return "its gather finished";
    default: return to_string(cause);
  }
}

}  // namespace

std::string seconds_text(double seconds) {
  return std::isfinite(seconds) ? app::python_float(seconds) + " s" : std::string("no timeout");
}

std::string headline(const Trace& trace, const LoopPhase& p) {
  using app::python_float;
  const std::string who = trace.task_name(p.task);
  switch (p.kind) {
    case PhaseKind::wait: {
      std::string text;
      if (p.timeout == 0)
        text = "Callbacks are ready, so the selector only polls for I/O (timeout 0) and the loop goes on at once.";
      else if (!std::isfinite(p.timeout))
        text = "Nothing is ready and no timer is set: the selector waits for I/O for as long as it takes.";
      else
        text = "Nothing is ready: the selector sleeps until the soonest deadline, " + seconds_text(p.timeout) +
               " (from " + python_float(p.began) + " to " + python_float(p.time) + " s).";
      if (p.completions == 1) text += " One operation completed: its callback joins the ready queue.";
      if (p.completions > 1)
        text += " " + std::to_string(p.completions) + " operations completed: their callbacks join the ready queue.";
      return text;
    }
    case PhaseKind::timers:
      return p.due == 1 ? "One timer is due at " + python_float(p.time) +
                              " s: it moves from the heap to the ready queue."
                        : std::to_string(p.due) + " timers are due at " + python_float(p.time) +
                              " s: they move from the heap to the ready queue, soonest first.";
    case PhaseKind::step: {
      std::string text = who + " runs";
      for (StringId line : p.printed) text += ", prints \"" + trace.text(line) + "\"";
      text += " " + what_it_did_next(p.left_in);
      if (!p.queued.empty()) {
        text += " Queued for the next iteration: ";
        for (std::size_t i = 0; i < p.queued.size(); ++i) text += (i ? ", " : "") + trace.task_name(p.queued[i]);
        text += ".";
      }
      return text;
    }
    case PhaseKind::callback:
      switch (p.cause) {
        case WakeCause::timer:
          return "A timer's callback runs: " + who + "'s sleep is over, its future is done, so " + who +
                 "'s next step joins the queue for the next iteration.";
        case WakeCause::io:
          return "The reply's callback runs: " + who + "'s request has its answer, so " + who +
                 "'s next step joins the queue for the next iteration.";
        default:
          return "One of asyncio's own callbacks runs: " + why(p.cause) + ", so " + who +
                 "'s next step joins the queue for the next iteration.";
      }
  }
  return {};
}

std::string timer_text(const Trace& trace, const HeapEntry& t) {
  return app::python_float(t.deadline) + " s: " + (t.task != 0 ? trace.task_name(t.task) + "'s timer" : "a loop timer");
}

std::string entry_text(const Trace& trace, const QueueEntry& q) {
  const std::string who = trace.task_name(q.task);
  switch (q.kind) {
    case EntryKind::step: return "step of " + who + " (" + why(q.cause) + ")";
    case EntryKind::timer: return "timer callback: wake " + who;
    case EntryKind::reply: return "reply callback: wake " + who;
  }
  return {};
}

}  // namespace looplab::event_loop
