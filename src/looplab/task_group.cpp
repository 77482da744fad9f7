#include "looplab/task_group.hpp"

#include <algorithm>
#include <optional>

namespace looplab {
namespace detail {

// The group's bookkeeping, shared with its tasks' done callbacks (taskgroups.py).
class TaskGroupState {
 public:
  TaskGroupState(EventLoop& loop, TaskBase& parent, std::string_view name)
      : loop(&loop), parent(&parent), object(loop.register_object(ObjectKind::task_group, name)) {
    parent.retain();
  }
  ~TaskGroupState() { parent->release(); }
  void retain() { ++refs; }
  void release() {
    if (--refs == 0) delete this;
  }

  // _abort: cancel every unfinished task of the group (`by`: whose failure made it).
  void abort(std::uint32_t by) {
    aborting = true;
    for (TaskBase* t : tasks)
      if (!t->done()) t->cancel_with(std::nullopt, WakeCause::aborted, by, object);
  }

  // _on_task_done, queued when one of the group's tasks finishes.
  static void on_task_done(void* self, std::uintptr_t task_ptr) {
    auto* g = static_cast<TaskGroupState*>(self);
    auto* task = reinterpret_cast<TaskBase*>(task_ptr);
    g->tasks.erase(std::find(g->tasks.begin(), g->tasks.end(), task));
    if (g->on_completed != nullptr && g->tasks.empty()) g->on_completed->set_result(WakeCause::task_group, task->id(), g->object);
    if (!task->cancelled() && task->failed()) {
      g->errors.push_back(task->exception());
      // Not being cancelled already: cancel the body too, to abort whatever it awaits,
      // and take that cancellation back in exit() (uncancel).
      if (!g->parent->done() && !g->aborting && !g->parent_cancel_requested) {
        g->abort(task->id());
        g->parent_cancel_requested = true;
        g->parent->cancel_with(std::nullopt, WakeCause::aborted, task->id(), g->object);
      }
    }
    task->release();
    g->release();
  }

  EventLoop* loop;
  TaskBase* parent;
  ObjectId object;
  std::vector<TaskBase*> tasks;  // unfinished, in creation order (CPython: a set)
  std::vector<std::exception_ptr> errors;
  Waiter* on_completed = nullptr;
  bool exiting = false;
  bool aborting = false;
  bool parent_cancel_requested = false;
  std::uint32_t refs = 1;
};

}  // namespace detail

namespace {
TaskBase& running_task() {
  TaskBase* task = current_task();
  if (task == nullptr) throw InvalidStateError("TaskGroup cannot determine the parent task");
  return *task;
}
}  // namespace

TaskGroup::TaskGroup(std::string_view name)
    : state_(new detail::TaskGroupState(running_loop(), running_task(), name)) {}

TaskGroup::~TaskGroup() { state_->release(); }

ObjectId TaskGroup::object() const { return state_->object; }

void TaskGroup::check_can_create() const {
  if (state_->exiting && state_->tasks.empty()) throw InvalidStateError("TaskGroup is finished");
  if (state_->aborting) throw InvalidStateError("TaskGroup is shutting down");
}

void TaskGroup::adopt(TaskBase& task) {
  task.retain();
  state_->retain();
  state_->tasks.push_back(&task);
  task.add_done_callback(
      TaskBase::DoneCallback{nullptr, Callback{&detail::TaskGroupState::on_task_done, state_,
                                               reinterpret_cast<std::uintptr_t>(&task)}});
}

// TaskGroup.__aexit__.
LOOPLAB_WASM_EH_SAFE Coro<void> TaskGroup::exit(std::exception_ptr body_error) {
  detail::TaskGroupState& g = *state_;
  g.retain();
  g.exiting = true;
  const bool body_cancelled = is_cancellation(body_error);
  std::exception_ptr propagate_cancellation = body_cancelled ? body_error : nullptr;
  if (g.parent_cancel_requested && g.parent->uncancel() == 0) propagate_cancellation = nullptr;
  if (body_error && !g.aborting) g.abort(0);  // the body failed or was cancelled

  // A while loop: the wait can be cancelled again and again while the tasks finish.
  while (!g.tasks.empty()) {
    Waiter on_completed(TaskState::waiting_task, g.object);
    on_completed.set_related(g.tasks.front()->id());
    g.on_completed = &on_completed;
    bool cancelled = false;
    std::exception_ptr cancellation;
    try {
      co_await on_completed;
    } catch (const CancelledError&) {
      cancelled = true;
      cancellation = std::current_exception();
    } catch (...) {
      g.on_completed = nullptr;
      g.release();
      throw;
    }
    g.on_completed = nullptr;
    if (cancelled && !g.aborting) {
      // The parent is being cancelled from outside while the group's tasks run.
      propagate_cancellation = cancellation;
      g.abort(0);
    }
  }

  std::vector<std::exception_ptr> errors = std::move(g.errors);
  g.release();
  // A cancellation propagates, unless there are errors: those have priority.
  if (propagate_cancellation && errors.empty()) std::rethrow_exception(propagate_cancellation);
  if (body_error && !body_cancelled) errors.push_back(body_error);
  if (!errors.empty()) throw ExceptionGroup("unhandled errors in a TaskGroup", std::move(errors));
}

}  // namespace looplab
