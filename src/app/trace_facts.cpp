#include "app/trace_facts.h"

#include <algorithm>

#include "ui/python_stderr.h"

namespace looplab::app {
namespace {

double time_of(const Trace& trace, std::uint32_t event) {
  return event == kNoEvent || event >= trace.size() ? not_yet : trace.events()[event].time;
}

}  // namespace

std::vector<IoFact> io_facts(const Trace& trace) {
  std::vector<IoFact> out;
  for (std::size_t op = 1; op < trace.io_ops().size(); ++op) {
    const IoOpInfo& info = trace.io_ops()[op];
    IoFact f;
    f.task = trace.task_name(info.task);
    f.description = trace.text(info.description);
    f.blocking = info.blocking;
    f.sent = time_of(trace, info.sent_event);
    f.answered = time_of(trace, info.answered_event);
    f.answered_event = info.answered_event;
    if (info.answered_event != kNoEvent) {
      f.ok = info.ok;
      f.status = info.status;
      f.rows = info.rows;
      f.reply = trace.text(info.reply);
      f.error = trace.text(info.error);
      f.until_first = info.until_first;
      f.transfer = info.transfer;
      f.queued = info.queued;
    }
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<std::string> printed_lines(const Trace& trace) {
  std::vector<std::string> out;
  for (const TraceEvent& e : trace.events())
    if (e.kind == EventKind::print) out.push_back(trace.text(e.detail));
  return out;
}

std::vector<StderrFact> stderr_lines(const Trace& trace) {
  std::vector<StderrFact> out;
  for (const TraceEvent& e : trace.events())
    if (std::string text = ui::python_stderr_line(trace, e); !text.empty())
      out.push_back({e.time, e.task == 0 ? std::string() : trace.task_name(e.task), std::move(text)});
  return out;
}

std::optional<TaskState> final_state(const Trace& trace, std::string_view task_name) {
  for (std::size_t id = 1; id < trace.tasks().size(); ++id) {
    if (trace.task_name(static_cast<TaskId>(id)) != task_name) continue;
    const std::uint32_t end = trace.tasks()[id].finished_event;
    if (end == kNoEvent || end >= trace.size()) return std::nullopt;
    return trace.events()[end].state;
  }
  return std::nullopt;
}

std::size_t times_on_line(const Trace& trace, std::uint32_t line) {
  if (line == 0) return 0;
  return static_cast<std::size_t>(std::count_if(trace.events().begin(), trace.events().end(), [&](const TraceEvent& e) {
    return e.kind == EventKind::line && e.detail == line;
  }));
}

MainFacts main_facts(const Trace& trace) {
  MainFacts m;
  if (trace.tasks().size() < 2) return m;
  const TaskInfo& main = trace.tasks()[1];
  m.started = time_of(trace, main.created_event);
  m.ended = time_of(trace, main.finished_event);
  m.finished = main.finished_event != kNoEvent && main.finished_event < trace.size();
  if (m.finished) m.failed = trace.events()[main.finished_event].state != TaskState::done;
  return m;
}

std::vector<std::string> finish_order(const Trace& trace) {
  std::vector<std::string> out;
  for (const TraceEvent& e : trace.events())
    if (e.kind == EventKind::task_finished && e.task > 1) out.push_back(trace.task_name(e.task));
  return out;
}

}  // namespace looplab::app
