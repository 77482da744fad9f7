#include "looplab/trace.hpp"

#include "looplab/io.hpp"

namespace looplab {

const char* to_string(TaskState state) {
  switch (state) {
    case TaskState::ready: return "ready";
    case TaskState::running: return "running";
    case TaskState::waiting_timer: return "waiting_timer";
    case TaskState::waiting_io: return "waiting_io";
    case TaskState::waiting_queue: return "waiting_queue";
    case TaskState::waiting_lock: return "waiting_lock";
    case TaskState::waiting_event: return "waiting_event";
    case TaskState::waiting_semaphore: return "waiting_semaphore";
    case TaskState::waiting_task: return "waiting_task";
    case TaskState::waiting_executor: return "waiting_executor";
    case TaskState::in_executor: return "in_executor";
    case TaskState::waiting_condition: return "waiting_condition";
    case TaskState::waiting_barrier: return "waiting_barrier";
    case TaskState::waiting_future: return "waiting_future";
    case TaskState::blocked: return "blocked";
    case TaskState::done: return "done";
    case TaskState::failed: return "failed";
    case TaskState::cancelled: return "cancelled";
    case TaskState::destroyed: return "destroyed";
  }
  return "?";
}

const char* to_string(WakeCause cause) {
  switch (cause) {
    case WakeCause::none: return "none";
    case WakeCause::created: return "created";
    case WakeCause::yielded: return "yielded";
    case WakeCause::timer: return "timer";
    case WakeCause::io: return "io";
    case WakeCause::task_done: return "task_done";
    case WakeCause::queue: return "queue";
    case WakeCause::lock: return "lock";
    case WakeCause::event: return "event";
    case WakeCause::semaphore: return "semaphore";
    case WakeCause::executor: return "executor";
    case WakeCause::gather: return "gather";
    case WakeCause::timeout: return "timeout";
    case WakeCause::cancelled: return "cancelled";
    case WakeCause::unblocked: return "unblocked";
    case WakeCause::condition: return "condition";
    case WakeCause::barrier: return "barrier";
    case WakeCause::future: return "future";
    case WakeCause::wait: return "wait";
    case WakeCause::as_completed: return "as_completed";
    case WakeCause::task_group: return "task_group";
    case WakeCause::aborted: return "aborted";
  }
  return "?";
}

const char* to_string(EventKind kind) {
  switch (kind) {
    case EventKind::task_created: return "task_created";
    case EventKind::state: return "state";
    case EventKind::task_finished: return "task_finished";
    case EventKind::print: return "print";
    case EventKind::line: return "line";
    case EventKind::iteration: return "iteration";
    case EventKind::io_sent: return "io_sent";
    case EventKind::io_answered: return "io_answered";
    case EventKind::never_awaited: return "never_awaited";
    case EventKind::error_unretrieved: return "error_unretrieved";
    case EventKind::timer_set: return "timer_set";
    case EventKind::timer_cancelled: return "timer_cancelled";
    case EventKind::timer_due: return "timer_due";
    case EventKind::select: return "select";
    case EventKind::callback: return "callback";
    case EventKind::error_in_callback: return "error_in_callback";
    case EventKind::error_at_shutdown: return "error_at_shutdown";
    case EventKind::generator: return "generator";
  }
  return "?";
}

const char* to_string(GeneratorStepKind kind) {
  switch (kind) {
    case GeneratorStepKind::created: return "created";
    case GeneratorStepKind::resumed: return "resumed";
    case GeneratorStepKind::suspended: return "suspended";
    case GeneratorStepKind::returned: return "returned";
    case GeneratorStepKind::raised: return "raised";
    case GeneratorStepKind::refused: return "refused";
    case GeneratorStepKind::closed: return "closed";
  }
  return "?";
}

const char* to_string(GeneratorCall call) {
  switch (call) {
    case GeneratorCall::none: return "none";
    case GeneratorCall::next: return "next";
    case GeneratorCall::send: return "send";
    case GeneratorCall::delegated: return "delegated";
    case GeneratorCall::close: return "close";
    case GeneratorCall::throw_in: return "throw";
    case GeneratorCall::drop: return "drop";
  }
  return "?";
}

const char* to_string(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::queue: return "queue";
    case ObjectKind::lock: return "lock";
    case ObjectKind::event: return "event";
    case ObjectKind::semaphore: return "semaphore";
    case ObjectKind::condition: return "condition";
    case ObjectKind::barrier: return "barrier";
    case ObjectKind::future: return "future";
    case ObjectKind::gather: return "gather";
    case ObjectKind::wait: return "wait";
    case ObjectKind::as_completed: return "as_completed";
    case ObjectKind::shield: return "shield";
    case ObjectKind::task_group: return "task_group";
    case ObjectKind::timeout: return "timeout";
    case ObjectKind::wait_for: return "wait_for";
  }
  return "?";
}

Trace::Trace(std::size_t reserve_events) {
  events_.reserve(reserve_events);
  strings_.emplace_back();
  tasks_.push_back(TaskInfo{intern("loop"), 0, 0, kNoEvent, kNoEvent});
  objects_.push_back(ObjectInfo{ObjectKind::queue, 0});
  io_ops_.push_back(IoOpInfo{});
  timers_.push_back(TimerInfo{});
  generators_.push_back(GeneratorInfo{});  // GeneratorId 0: none
}

StringId Trace::intern(std::string_view s) {
  auto it = interned_.find(std::string(s));
  if (it != interned_.end()) return it->second;
  StringId id = add_text(s);
  interned_.emplace(std::string(s), id);
  return id;
}

StringId Trace::add_text(std::string_view s) {
  if (s.empty()) return 0;
  strings_.emplace_back(s);
  string_bytes_ += s.size() > 15 ? s.size() + 1 : 0;  // beyond the small-string buffer
  return static_cast<StringId>(strings_.size() - 1);
}

TaskId Trace::add_task(double time, TaskId parent, std::string_view name, std::uint32_t default_number) {
  const auto id = static_cast<TaskId>(tasks_.size());
  TaskInfo info;
  info.name = name.empty() ? 0 : intern(name);
  info.number = default_number;
  info.parent = parent;
  info.created_event = enabled_ ? static_cast<std::uint32_t>(events_.size()) : kNoEvent;
  tasks_.push_back(info);
  record(time, EventKind::task_created, id, parent, info.name);
  return id;
}

std::string Trace::task_name(TaskId id) const {
  const TaskInfo& info = tasks_[id];
  if (info.name != 0 || id == 0) return strings_[info.name];
  return "Task-" + std::to_string(info.number);
}

ObjectId Trace::add_object(ObjectKind kind, std::string_view name) {
  objects_.push_back(ObjectInfo{kind, intern(name)});
  return static_cast<ObjectId>(objects_.size() - 1);
}

IoOpId Trace::add_io_op(TaskId task, std::string_view description, bool blocking) {
  IoOpInfo info;
  info.task = task;
  info.description = add_text(description);
  info.blocking = blocking;
  io_ops_.push_back(info);
  return static_cast<IoOpId>(io_ops_.size() - 1);
}

void Trace::record_task_finished(double time, TaskId task, TaskState how, StringId error) {
  if (enabled_) tasks_[task].finished_event = static_cast<std::uint32_t>(events_.size());
  record(time, EventKind::task_finished, task, 0, error, how);
}

void Trace::record_io_sent(double time, IoOpId op) {
  if (enabled_) io_ops_[op].sent_event = static_cast<std::uint32_t>(events_.size());
  record(time, EventKind::io_sent, io_ops_[op].task, op, io_ops_[op].description);
}

void Trace::record_io_answered(double time, IoOpId op, const IoResult& r) {
  IoOpInfo& info = io_ops_[op];
  if (enabled_) info.answered_event = static_cast<std::uint32_t>(events_.size());
  info.ok = r.ok;
  info.status = r.status;
  info.rows = r.rows;
  if (r.body.size() <= kMaxReplyChars) {
    info.reply = add_text(r.body);
  } else {
    info.reply = add_text(r.body.substr(0, kMaxReplyChars) + "... (" + std::to_string(r.body.size()) + " bytes in all)");
  }
  info.error = add_text(r.error);
  info.until_first = r.split.until_first;
  info.transfer = r.split.transfer;
  info.queued = r.split.queued;
  const std::string summary = !r.ok         ? "error: " + r.error
                              : r.rows > 0 ? std::to_string(r.rows) + " rows"
                                           : std::to_string(r.status);
  record(time, EventKind::io_answered, info.task, op, add_text(summary));
}

TimerNumber Trace::record_timer_set(double time, TaskId task, double deadline) {
  const auto number = static_cast<TimerNumber>(timers_.size());
  timers_.push_back(TimerInfo{deadline, task, enabled_ ? static_cast<std::uint32_t>(events_.size()) : kNoEvent, kNoEvent});
  record(time, EventKind::timer_set, task, number);
  return number;
}

void Trace::record_timer_end(double time, TimerNumber timer, EventKind how) {
  if (enabled_) timers_[timer].end_event = static_cast<std::uint32_t>(events_.size());
  record(time, how, timers_[timer].task, timer);
}

void Trace::record_wait(double time, double began, double timeout, std::uint32_t completions) {
  if (!enabled_) return;
  waits_.push_back(LoopWait{began, timeout});
  record(time, EventKind::select, 0, static_cast<std::uint32_t>(waits_.size() - 1), completions);
}

GeneratorId Trace::add_generator(double time, TaskId task, std::string_view name, std::uint32_t def_line) {
  const auto id = static_cast<GeneratorId>(generators_.size());
  generators_.push_back(GeneratorInfo{intern(name), task, def_line, kNoEvent});
  if (enabled_) generators_.back().created_event = static_cast<std::uint32_t>(events_.size());
  record_generator_step(time, task, GeneratorStep{id, GeneratorStepKind::created, GeneratorCall::none, def_line, 0});
  return id;
}

void Trace::record_generator_step(double time, TaskId task, const GeneratorStep& step) {
  // With recording off the steps are not kept either: they only make sense with their events.
  if (!enabled_) return;
  generator_steps_.push_back(step);
  record(time, EventKind::generator, task, step.generator, static_cast<std::uint32_t>(generator_steps_.size() - 1));
}

std::size_t Trace::bytes_used() const {
  return events_.size() * sizeof(TraceEvent) + strings_.size() * sizeof(std::string) + string_bytes_ +
         tasks_.size() * sizeof(TaskInfo) + objects_.size() * sizeof(ObjectInfo) +
         io_ops_.size() * sizeof(IoOpInfo) + timers_.size() * sizeof(TimerInfo) + waits_.size() * sizeof(LoopWait) +
         generators_.size() * sizeof(GeneratorInfo) + generator_steps_.size() * sizeof(GeneratorStep);
}

}  // namespace looplab
