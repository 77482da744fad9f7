#include "loop_at_phase.h"

#include <algorithm>

namespace looplab::event_loop {
namespace {

std::vector<HeapEntry> heap_at(const Trace& trace, const LoopPhase& p) {
  std::vector<HeapEntry> heap;
  const auto& timers = trace.timers();
  const bool moving = p.kind == PhaseKind::timers;
  // A step is shown once it is over (the timer it set is in the heap); the rest as they begin.
  const std::uint32_t upto = p.kind == PhaseKind::step ? p.last_event : p.first_event;
  for (TimerNumber n = 1; n < timers.size(); ++n) {
    const TimerInfo& t = timers[n];
    if (t.set_event == kNoEvent) continue;
    const bool ended_in_phase = moving && t.end_event >= p.first_event && t.end_event <= p.last_event;
    const bool set = moving ? t.set_event < p.first_event : t.set_event <= upto;
    const bool still_there = t.end_event == kNoEvent || (moving ? t.end_event >= p.first_event : t.end_event > upto);
    if (!set || !still_there) continue;
    heap.push_back({n, t.deadline, t.task, ended_in_phase});
  }
  std::sort(heap.begin(), heap.end(), [](const HeapEntry& a, const HeapEntry& b) {
    return a.deadline < b.deadline || (a.deadline == b.deadline && a.timer < b.timer);
  });
  return heap;
}

// Marks the queue's entries the iteration's phases up to `index` have run.
void mark_ran(std::vector<QueueEntry>& queue, const std::vector<LoopPhase>& phases, std::size_t index) {
  const std::uint32_t iteration = phases[index].iteration;
  std::size_t first = index;
  while (first > 0 && phases[first - 1].iteration == iteration) --first;
  for (std::size_t i = first; i <= index; ++i) {
    const LoopPhase& p = phases[i];
    if (p.kind != PhaseKind::step && p.kind != PhaseKind::callback) continue;
    const EntryKind wanted = p.kind == PhaseKind::step        ? EntryKind::step
                             : p.cause == WakeCause::timer    ? EntryKind::timer
                             : p.cause == WakeCause::io       ? EntryKind::reply
                                                              : EntryKind::step;
    if (p.kind == PhaseKind::callback && wanted == EntryKind::step) continue;  // one of asyncio's own
    const auto it = std::find_if(queue.begin(), queue.end(), [&](const QueueEntry& q) {
      return !q.ran && q.kind == wanted && q.task == p.task;
    });
    if (it == queue.end()) continue;
    it->ran = true;
    it->current = i == index;
  }
}

}  // namespace

LoopAtPhase loop_at_phase(const Trace& trace, const std::vector<LoopPhase>& phases, std::size_t index) {
  LoopAtPhase at;
  if (index >= phases.size()) return at;
  const LoopPhase& p = phases[index];
  at.heap = heap_at(trace, p);
  at.iteration_started = p.kind == PhaseKind::step || p.kind == PhaseKind::callback;

  // The iteration's callbacks were queued after the previous iteration began (it ran only
  // what was ready then) and before this one began. At a wait or timers phase the queue
  // shows those queued so far.
  const auto& events = trace.events();
  std::uint32_t from = 0, to = static_cast<std::uint32_t>(events.size());
  for (std::uint32_t i = 0; i < events.size(); ++i) {
    if (events[i].kind != EventKind::iteration) continue;
    if (events[i].related + 1 == p.iteration) from = i + 1;
    if (events[i].related == p.iteration) {
      to = i;
      at.callbacks = events[i].detail;
      break;
    }
  }
  std::uint32_t named = 0;
  for (std::uint32_t i = from; i < to; ++i) {
    const TraceEvent& e = events[i];
    QueueEntry q;
    if (e.kind == EventKind::state && e.state == TaskState::ready)
      q = {EntryKind::step, e.task, e.cause};
    else if (e.kind == EventKind::timer_due)
      q = {EntryKind::timer, e.task, WakeCause::timer};
    else if (e.kind == EventKind::io_answered)
      q = {EntryKind::reply, e.task, WakeCause::io};
    else
      continue;
    ++named;
    if (at.iteration_started || i <= p.last_event) at.ready.push_back(q);
  }
  at.unnamed = at.callbacks > named ? at.callbacks - named : 0;
  if (at.iteration_started) mark_ran(at.ready, phases, index);
  return at;
}

}  // namespace looplab::event_loop
