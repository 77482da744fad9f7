#include "looplab/trace_index.hpp"

#include <algorithm>

namespace looplab {

void TraceIndex::ensure_task(TaskId task) {
  if (task >= spans_.size()) {
    spans_.resize(task + 1);
    lines_.resize(task + 1);
  }
}

void TraceIndex::enter(TaskId task, const TraceEvent& e, std::uint32_t index) {
  ensure_task(task);
  auto& spans = spans_[task];
  if (!spans.empty() && spans.back().end_event == kNoEvent) {
    spans.back().end = e.time;
    spans.back().end_event = index;
  }
  StateSpan span;
  span.start = e.time;
  span.first_event = index;
  span.state = e.state;
  span.cause = e.cause;
  span.related = e.related;
  span.detail = e.detail;
  spans.push_back(span);
}

void TraceIndex::update(const Trace& trace) {
  const auto& events = trace.events();
  ensure_task(static_cast<TaskId>(trace.tasks().size() - 1));
  for (std::size_t i = indexed_; i < events.size(); ++i) {
    const TraceEvent& e = events[i];
    const auto index = static_cast<std::uint32_t>(i);
    switch (e.kind) {
      case EventKind::state:
      case EventKind::task_finished:
        enter(e.task, e, index);
        break;
      case EventKind::task_created:
        ensure_task(e.task);
        break;
      case EventKind::print:
        prints_.push_back(index);
        break;
      case EventKind::line:
        ensure_task(e.task);
        lines_[e.task].push_back(LineMark{index, e.time, e.detail});
        break;
      case EventKind::iteration:
        iterations_.push_back(index);
        break;
      default:
        break;
    }
    end_time_ = e.time;
  }
  indexed_ = events.size();
}

std::size_t TraceIndex::first_span_ending_after(TaskId task, double time) const {
  const auto& spans = spans_[task];
  return static_cast<std::size_t>(
      std::partition_point(spans.begin(), spans.end(), [&](const StateSpan& s) { return s.end <= time; }) -
      spans.begin());
}

std::size_t TraceIndex::span_at_event(TaskId task, std::size_t event) const {
  const auto& spans = spans_[task];
  auto it = std::partition_point(spans.begin(), spans.end(),
                                 [&](const StateSpan& s) { return s.first_event <= event; });
  if (it == spans.begin()) return spans.size();
  return static_cast<std::size_t>(it - spans.begin()) - 1;
}

std::uint32_t TraceIndex::line_at(TaskId task, std::size_t event) const {
  const auto& lines = lines_[task];
  auto it = std::partition_point(lines.begin(), lines.end(), [&](const LineMark& m) { return m.event <= event; });
  return it == lines.begin() ? 0 : std::prev(it)->line;
}

std::size_t TraceIndex::event_at_time(const Trace& trace, double time) const {
  const auto& events = trace.events();
  auto it = std::partition_point(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(indexed_),
                                 [&](const TraceEvent& e) { return e.time <= time; });
  return it == events.begin() ? 0 : static_cast<std::size_t>(it - events.begin()) - 1;
}

Snapshot TraceIndex::snapshot_at(const Trace& trace, std::size_t event_index) const {
  Snapshot snap;
  snap.event_index = event_index;
  if (event_index < trace.size()) snap.time = trace.events()[event_index].time;
  auto upto = [&](const std::vector<std::uint32_t>& v) {
    return static_cast<std::size_t>(std::upper_bound(v.begin(), v.end(), event_index) - v.begin());
  };
  snap.iteration = static_cast<std::uint32_t>(upto(iterations_));
  snap.printed = upto(prints_);
  const std::size_t n = spans_.size();
  snap.exists.assign(n, false);
  snap.state.assign(n, TaskState::ready);
  snap.line.assign(n, 0);
  std::vector<std::pair<std::uint32_t, TaskId>> ready;
  for (TaskId t = 1; t < n; ++t) {
    const std::size_t k = span_at_event(t, event_index);
    if (k >= spans_[t].size()) continue;
    const StateSpan& s = spans_[t][k];
    snap.exists[t] = true;
    snap.state[t] = s.state;
    snap.line[t] = line_at(t, event_index);
    if (s.state == TaskState::ready) ready.emplace_back(s.first_event, t);
    else if (s.state == TaskState::running || s.state == TaskState::blocked) snap.running = t;
    else if (is_waiting(s.state)) snap.waiting.push_back(t);
  }
  std::sort(ready.begin(), ready.end());
  for (const auto& r : ready) snap.ready_queue.push_back(r.second);
  return snap;
}

}  // namespace looplab
