#include "ui/trace_view_model.h"

#include <algorithm>
#include <cmath>

#include "looplab/trace_words.hpp"
#include "ui/python_stderr.h"

namespace looplab::ui {

LaneState lane_state_of(TaskState state) {
  switch (state) {
    case TaskState::ready: return LaneState::ready;
    case TaskState::running: return LaneState::running;
    case TaskState::waiting_timer: return LaneState::waiting_timer;
    case TaskState::waiting_io: return LaneState::waiting_io;
    case TaskState::waiting_queue:
    case TaskState::waiting_lock:
    case TaskState::waiting_event:
    case TaskState::waiting_semaphore:
    case TaskState::waiting_task:
    case TaskState::waiting_executor:
    case TaskState::waiting_condition:
    case TaskState::waiting_barrier:
    case TaskState::waiting_future: return LaneState::waiting_sync;
    case TaskState::in_executor: return LaneState::in_executor;
    case TaskState::blocked: return LaneState::blocked;
    case TaskState::done: return LaneState::done;
    case TaskState::failed: return LaneState::failed;
    case TaskState::cancelled:
    case TaskState::destroyed: return LaneState::cancelled;
  }
  return LaneState::waiting_sync;
}

// The scheduler names every wait and wake-up (looplab/trace_words.hpp): one set of words
// for the timeline, the step panel and the exports.
std::string TraceViewModel::wait_label(const Trace& trace, const StateSpan& span) const {
  return describe_span(trace, span);
}

void TraceViewModel::reset() { *this = TraceViewModel{}; }

Lane& TraceViewModel::lane_of(TaskId task) {
  if (model_.lanes.empty()) {
    model_.lanes.push_back({"event loop"});
    model_.lanes[0].is_loop = true;
  }
  if (task >= model_.lanes.size()) model_.lanes.resize(task + 1);
  return model_.lanes[task];
}

void TraceViewModel::loop_busy(double time, std::uint32_t seq, LaneState state, LabelId label) {
  loop_idle(time);
  lane_of(0).intervals.push_back({time, open_end, seq, label, state});
}

void TraceViewModel::loop_idle(double time) {
  auto& loop = lane_of(0).intervals;
  if (!loop.empty() && loop.back().end == open_end) loop.back().end = time;
}

void TraceViewModel::worker_busy(const Trace& trace, const TraceEvent& e, std::uint32_t seq) {
  auto& workers = model_.workers;
  if (e.detail >= workers.size()) {
    const std::size_t from = workers.size();
    workers.resize(e.detail + 1);
    worker_holder_.resize(e.detail + 1, 0);
    for (std::size_t w = from; w < workers.size(); ++w) workers[w].name = "worker " + std::to_string(w + 1);
  }
  // A job whose task is woken later in the same instant may still hold the lane: it ends here.
  worker_idle(worker_holder_[e.detail], e.time);
  workers[e.detail].intervals.push_back(
      {e.time, open_end, seq, model_.intern(trace.task_name(e.task) + "'s work"), LaneState::in_executor});
  worker_holder_[e.detail] = e.task;
  if (e.task >= on_worker_.size()) on_worker_.resize(e.task + 1, 0);
  on_worker_[e.task] = e.detail + 1;
}

// A task's work leaves its worker when the task changes state (woken by the result, or
// cancelled: the trace does not see a thread finish what nobody waits for any more).
void TraceViewModel::worker_idle(TaskId task, double time) {
  if (task == 0 || task >= on_worker_.size() || on_worker_[task] == 0) return;
  const std::uint32_t w = on_worker_[task] - 1;
  on_worker_[task] = 0;
  if (worker_holder_[w] != task) return;
  auto& iv = model_.workers[w].intervals;
  if (!iv.empty() && iv.back().end == open_end) iv.back().end = time;
  worker_holder_[w] = 0;
}

void TraceViewModel::convert_event(const Trace& trace, const TraceEvent& e, std::uint32_t seq) {
  switch (e.kind) {
    case EventKind::task_created: {
      Lane& lane = lane_of(e.task);
      lane.name = trace.task_name(e.task);
      lane_of(e.task).incoming.push_back({e.related, e.time, e.time, ArrowKind::created_by});
      break;
    }
    case EventKind::state: {
      worker_idle(e.task, e.time);
      if (e.state == TaskState::in_executor) worker_busy(trace, e, seq);
      // The loop's lane: busy while a task runs or holds it, idle (a gap) otherwise.
      const bool on_loop = e.state == TaskState::running || e.state == TaskState::blocked;
      if (on_loop) {
        loop_busy(e.time, seq, lane_state_of(e.state), model_.intern(trace.task_name(e.task)));
        on_task_ = e.task;
      } else if (on_task_ == e.task) {
        loop_idle(e.time);
        on_task_ = 0;
      }
      if (e.state == TaskState::ready && e.cause != WakeCause::created) {
        // The waker: another task, or the loop itself (a timer, an I/O completion).
        const bool by_task = e.related != 0 && e.cause != WakeCause::io && e.related < model_.lanes.size();
        lane_of(e.task).incoming.push_back({by_task ? e.related : 0, e.time, e.time, ArrowKind::woken_by});
      }
      break;
    }
    case EventKind::task_finished:
      worker_idle(e.task, e.time);
      if (on_task_ == e.task) {
        loop_idle(e.time);
        on_task_ = 0;
      }
      if (std::string text = python_stderr_line(trace, e); !text.empty())
        model_.console.push_back({e.time, seq, e.task, std::move(text)});
      break;
    case EventKind::print: {
      const std::string& text = trace.text(e.detail);
      lane_of(e.task).markers.push_back({e.time, seq, model_.intern(text), MarkerKind::printed});
      model_.console.push_back({e.time, seq, e.task, text});
      break;
    }
    case EventKind::line:
      lane_of(e.task).lines.push_back({e.time, seq, static_cast<int>(e.detail)});
      break;
    case EventKind::io_sent:
      lane_of(e.task).markers.push_back({e.time, seq, model_.intern(trace.text(e.detail)), MarkerKind::request_sent});
      break;
    case EventKind::io_answered:
      lane_of(e.task).markers.push_back({e.time, seq, model_.intern(trace.text(e.detail)), MarkerKind::request_answered});
      break;
    case EventKind::never_awaited: {
      // On the lane of the task that dropped it, and in the console as CPython's warning.
      std::string text = python_stderr_line(trace, e);
      lane_of(e.task).markers.push_back({e.time, seq, model_.intern(text), MarkerKind::note});
      model_.console.push_back({e.time, seq, e.task, std::move(text)});
      break;
    }
    case EventKind::error_unretrieved:
      lane_of(e.task).markers.push_back(
          {e.time, seq, model_.intern("exception never retrieved: " + trace.text(e.detail)), MarkerKind::note});
      break;
    case EventKind::callback:
      lane_of(0).markers.push_back({e.time, seq, model_.intern("callback " + trace.text(e.detail)), MarkerKind::note});
      break;
    case EventKind::error_in_callback:
      lane_of(0).markers.push_back({e.time, seq, model_.intern("exception in callback: " + trace.text(e.detail)), MarkerKind::note});
      break;
    case EventKind::error_at_shutdown:
      lane_of(e.task).markers.push_back(
          {e.time, seq, model_.intern("exception during asyncio.run() shutdown: " + trace.text(e.detail)), MarkerKind::note});
      break;
    case EventKind::iteration:
    // The loop's phases: the event-loop lesson's own panel reads them from the trace.
    case EventKind::timer_set:
    case EventKind::timer_cancelled:
    case EventKind::timer_due:
    case EventKind::select:
      break;
    case EventKind::generator: {
      GeneratorMark mark = generator_mark(trace, e, seq);
      lane_of(e.task).markers.push_back({e.time, seq, mark.words, MarkerKind::generator});
      model_.generator_steps.push_back(std::move(mark));
      break;
    }
  }
}

// A generator step in the stepper's terms: the frame's state and line after it, what went
// in and came out, and a sentence for the timeline's marker.
GeneratorMark TraceViewModel::generator_mark(const Trace& trace, const TraceEvent& e, std::uint32_t seq) {
  const GeneratorStep& step = trace.generator_steps().at(e.detail);
  const GeneratorInfo& info = trace.generators().at(step.generator);
  if (model_.generators.size() <= step.generator) model_.generators.resize(step.generator + 1);
  GeneratorFrame& frame = model_.generators[step.generator];
  if (frame.name.empty()) frame = {trace.text(info.name), static_cast<int>(info.def_line)};
  GeneratorMark m{e.time, seq, step.generator, e.task};
  FrameState before = FrameState::created;
  for (auto it = model_.generator_steps.rbegin(); it != model_.generator_steps.rend(); ++it)
    if (it->generator == step.generator) {
      before = it->state;
      break;
    }
  m.line = step.line != 0 ? static_cast<int>(step.line) : frame.def_line;
  const std::string& name = frame.name;
  const std::string& v = trace.text(step.value);
  const std::string at = step.line != 0 ? " at line " + std::to_string(step.line) : " at its first line";
  std::string words;
  switch (step.kind) {
    case GeneratorStepKind::created:
      m.state = FrameState::created;
      words = name + "() called: a generator object, none of its lines run yet";
      break;
    case GeneratorStepKind::resumed:
      m.state = FrameState::running;
      m.went_in = v;
      switch (step.call) {
        case GeneratorCall::send: words = name + ".send(" + v + ") resumes it" + at; break;
        case GeneratorCall::throw_in: words = name + ".throw(" + v + ") raises it" + at; break;
        case GeneratorCall::close: words = name + ".close(): GeneratorExit" + at; break;
        case GeneratorCall::drop: words = "the last reference to " + name + " went: GeneratorExit" + at; break;
        case GeneratorCall::delegated: words = "yield from passes " + v + " on to " + name + at; break;
        default: words = "next(" + name + ") resumes it" + at; break;
      }
      break;
    case GeneratorStepKind::suspended:
      m.state = FrameState::suspended;
      m.came_out = v;
      words = name + " yielded " + v + ", suspended at line " + std::to_string(step.line);
      break;
    case GeneratorStepKind::returned:
      m.state = FrameState::closed;
      m.came_out = v == "None" ? "StopIteration" : "StopIteration(" + v + ")";
      words = name + " returned " + v + ": its caller gets StopIteration";
      break;
    case GeneratorStepKind::raised:
      m.state = FrameState::closed;
      m.came_out = v;
      words = name + " raised " + v;
      break;
    case GeneratorStepKind::refused:
      m.state = before;
      m.came_out = v;
      words = std::string(to_string(step.call)) + " on " + name + " refused: " + v;
      break;
    case GeneratorStepKind::closed:
      m.state = FrameState::closed;
      words = name + " closed";
      break;
  }
  m.words = model_.intern(words);
  return m;
}

namespace {

// How long I/O op `op` waited in the client before it was sent (0: not at all, or not said).
double queued_before_sent(const Trace& trace, std::uint32_t op) {
  if (op == 0 || op >= trace.io_ops().size()) return 0;
  const double q = trace.io_ops()[op].queued;
  return std::isfinite(q) && q > 0 ? q : 0;
}

}  // namespace

void TraceViewModel::convert_spans(const Trace& trace, TaskId task) {
  if (task >= spans_seen_.size()) spans_seen_.resize(task + 1, 0);
  Lane& lane = lane_of(task);
  const auto& spans = index_.spans(task);
  if (task >= last_span_at_.size()) last_span_at_.resize(task + 1, 0);
  // The last converted span may have been open: convert it again with its end.
  std::size_t from = spans_seen_[task] > 0 ? spans_seen_[task] - 1 : 0;
  lane.intervals.resize(from > 0 ? last_span_at_[task] : 0);
  for (std::size_t i = from; i < spans.size(); ++i) {
    const StateSpan& s = spans[i];
    last_span_at_[task] = lane.intervals.size();
    std::string label = wait_label(trace, s);
    // The trace records a gather's wait as a wait on its first child; the wake-up says it was the gather.
    if (s.state == TaskState::waiting_task && i + 1 < spans.size() && spans[i + 1].cause == WakeCause::gather) {
      label = s.related != 0 && s.related < trace.tasks().size() ? "gather(" + trace.task_name(s.related) + ", ...)" : "a gather";
    }
    // A request that waited in the client before it went out (the op's `queued`, known once
    // answered): that stretch is drawn as queued, the rest as on the wire.
    const double queued = s.state == TaskState::waiting_io ? queued_before_sent(trace, s.detail) : 0;
    if (queued > 0) {
      const double sent = std::min(s.start + queued, s.end);
      lane.intervals.push_back({s.start, sent, s.first_event, model_.intern("queued in the client: " + label), LaneState::queued_io});
      if (sent < s.end) lane.intervals.push_back({sent, s.end, s.first_event, model_.intern(label), LaneState::waiting_io});
      continue;
    }
    lane.intervals.push_back({s.start, s.end, s.first_event, model_.intern(label), lane_state_of(s.state)});
  }
  spans_seen_[task] = spans.size();
}

void TraceViewModel::update(const Trace& trace, double now, bool live) {
  index_.update(trace);
  lane_of(0);
  const auto& events = trace.events();
  std::vector<TaskId> touched;
  for (std::size_t i = events_seen_; i < events.size(); ++i) {
    const TraceEvent& e = events[i];
    convert_event(trace, e, static_cast<std::uint32_t>(i));
    if (e.task != 0 && (e.kind == EventKind::state || e.kind == EventKind::task_created ||
                        e.kind == EventKind::task_finished)) {
      touched.push_back(e.task);
    }
  }
  events_seen_ = events.size();
  std::sort(touched.begin(), touched.end());
  touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
  for (TaskId task : touched) {
    if (task < index_.task_count()) convert_spans(trace, task);
  }
  model_.now = std::max(now, index_.end_time());
  model_.live = live;
}

}  // namespace looplab::ui
