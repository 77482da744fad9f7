#include "looplab/trace_words.hpp"

namespace looplab {
namespace {

std::string quoted(const std::string& name) { return "'" + name + "'"; }

std::string task_words(const Trace& trace, std::uint32_t task) {
  if (task == 0 || task >= trace.tasks().size()) return {};
  return trace.task_name(task);
}

const ObjectInfo* object_at(const Trace& trace, ObjectId id) {
  return id != 0 && id < trace.objects().size() ? &trace.objects()[id] : nullptr;
}

// "<what it waits on>" for a waiting_task span, by the combinator in `detail`.
std::string combinator_wait(const Trace& trace, const StateSpan& s) {
  const std::string task = task_words(trace, s.related);
  const ObjectInfo* o = object_at(trace, s.detail);
  if (o == nullptr) return task.empty() ? "another task" : "task " + task;
  const std::string& name = trace.text(o->name);
  switch (o->kind) {
    case ObjectKind::gather: return task.empty() ? "a gather" : "gather(" + task + ", ...)";
    case ObjectKind::wait: return "asyncio." + name + (task.empty() ? "" : " on " + task + ", ...");
    case ObjectKind::as_completed: return "as_completed: the next task to finish";
    case ObjectKind::shield: return "shielded: " + (task.empty() ? std::string("a task") : task);
    case ObjectKind::task_group: return "TaskGroup " + quoted(name) + ": its tasks to finish";
    case ObjectKind::wait_for: return "wait_for(" + (task.empty() ? std::string("a task") : task) + ")";
    default: return object_words(trace, s.detail);
  }
}

std::string wake_words(const Trace& trace, const StateSpan& s) {
  const std::string by = task_words(trace, s.related);
  const std::string object = object_words(trace, s.detail);
  switch (s.cause) {
    case WakeCause::none: return {};
    case WakeCause::created: return by.empty() ? "new task" : "new task, created by " + by;
    case WakeCause::yielded: return "it yielded with sleep(0) and was queued again";
    case WakeCause::timer: return "its timer fired";
    case WakeCause::io: return "its I/O completed";
    case WakeCause::task_done:
      if (const ObjectInfo* o = object_at(trace, s.detail); o != nullptr && o->kind == ObjectKind::shield)
        return "the shielded task " + by + " finished";
      return by.empty() ? "the task it awaited finished" : by + ", which it awaited, finished";
    case WakeCause::queue: return by.empty() ? "the queue changed" : by + " changed the queue";
    case WakeCause::lock: return by.empty() ? "the lock was released" : by + " released the lock";
    case WakeCause::event: return by.empty() ? "the event was set" : by + " set the event";
    case WakeCause::semaphore: return by.empty() ? "the semaphore was released" : by + " released the semaphore";
    case WakeCause::executor: return "its executor work finished";
    case WakeCause::gather: return "the gather it awaited completed";
    case WakeCause::timeout: return object.empty() ? "its timeout expired" : "its " + object + " expired";
    case WakeCause::cancelled: {
      std::string words = by.empty() ? "it was cancelled" : "it was cancelled by " + by;
      if (s.detail != 0 && s.detail < trace.string_count()) words += " (" + quoted(trace.text(s.detail)) + ")";
      return words;
    }
    case WakeCause::unblocked: return "its blocking call returned";
    case WakeCause::condition: return by.empty() ? "the condition was notified" : by + " notified the condition";
    case WakeCause::barrier: return by.empty() ? "the barrier opened" : "the barrier opened: " + by + " arrived last";
    case WakeCause::future: return by.empty() ? "the future it awaited got its result" : by + " set the future's result";
    case WakeCause::wait: return "the asyncio.wait it awaited returned" + (by.empty() ? "" : " (" + by + " finished)");
    case WakeCause::as_completed: return by.empty() ? "a task finished" : by + " finished (as_completed)";
    case WakeCause::task_group: return "every task of its TaskGroup finished";
    case WakeCause::aborted:
      return by.empty() ? "its TaskGroup cancelled it" : "its TaskGroup cancelled it: " + by + " failed";
  }
  return {};
}

}  // namespace

std::string object_words(const Trace& trace, ObjectId id) {
  const ObjectInfo* o = object_at(trace, id);
  if (o == nullptr) return {};
  const std::string& name = trace.text(o->name);
  switch (o->kind) {
    case ObjectKind::gather: return "gather()";
    case ObjectKind::wait: return "asyncio." + name;
    case ObjectKind::as_completed: return "as_completed()";
    case ObjectKind::shield: return "shield()";
    case ObjectKind::task_group: return "TaskGroup " + quoted(name);
    case ObjectKind::timeout: return "asyncio.timeout()";
    case ObjectKind::wait_for: return "wait_for()";
    default: return std::string(to_string(o->kind)) + " " + quoted(name);
  }
}

std::string describe_span(const Trace& trace, const StateSpan& s) {
  switch (s.state) {
    case TaskState::ready: return wake_words(trace, s);
    case TaskState::waiting_io:
    case TaskState::blocked:
      if (s.detail != 0 && s.detail < trace.io_ops().size()) return trace.text(trace.io_ops()[s.detail].description);
      return s.state == TaskState::blocked ? "a blocking call" : "I/O";
    case TaskState::waiting_timer: return "a timer (asyncio.sleep)";
    case TaskState::waiting_queue:
    case TaskState::waiting_lock:
    case TaskState::waiting_event:
    case TaskState::waiting_semaphore:
    case TaskState::waiting_condition:
    case TaskState::waiting_barrier:
    case TaskState::waiting_future: {
      std::string words = object_words(trace, s.detail);
      if (!words.empty()) return words;
      if (s.state == TaskState::waiting_event) return "an event";
      return std::string("a ") + (to_string(s.state) + sizeof("waiting_") - 1);  // "a queue", "a lock"...
    }
    case TaskState::waiting_task: return combinator_wait(trace, s);
    case TaskState::waiting_executor: return "a free executor worker";
    case TaskState::in_executor: return "executor worker " + std::to_string(s.detail + 1);
    case TaskState::running:
    case TaskState::done:
    case TaskState::failed:
    case TaskState::cancelled:
    case TaskState::destroyed: return {};
  }
  return {};
}

}  // namespace looplab
