// asyncio.TaskGroup (3.11). `async with TaskGroup() as tg: <body>` is
//
//   co_await task_group([&](TaskGroup& tg) -> Coro<void> {
//     tg.create_task(fetch("a"));
//     tg.create_task(fetch("b"));
//     co_return;
//   });
//
// The block ends when every task created in it has finished. When one of them fails, the
// group cancels the others and the body (the task the block runs in), waits for them all,
// and raises an ExceptionGroup of every failure ("unhandled errors in a TaskGroup"). A
// cancellation of the task from outside cancels the group's tasks too and propagates as
// CancelledError. The trace shows the parent "waiting for TaskGroup" and the tasks it
// cancelled woken by it (WakeCause::aborted).
#pragma once

#include <exception>
#include <string_view>
#include <utility>
#include <vector>

#include "looplab/waiter.hpp"

namespace looplab {

namespace detail {
class TaskGroupState;
}

class TaskGroup {
 public:
  // __aenter__: binds the group to the running task. Throws InvalidStateError outside one.
  explicit TaskGroup(std::string_view name = "TaskGroup");
  ~TaskGroup();
  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  // TaskGroup.create_task: InvalidStateError once the group is finished or shutting down.
  template <class T> Task<T> create_task(Coro<T> coro, std::string_view name = {}) {
    check_can_create();
    Task<T> task = running_loop().create_task(std::move(coro), name);
    adopt(*task.base());
    return task;
  }
  // __aexit__(body_error): waits for the group's tasks, then raises what the block must.
  Coro<void> exit(std::exception_ptr body_error);
  ObjectId object() const;

 private:
  void check_can_create() const;
  void adopt(TaskBase& task);
  detail::TaskGroupState* state_;
};

// `async with TaskGroup() as tg:` around `body(tg)`, a coroutine.
template <class F> Coro<void> task_group(F body, std::string_view name = "TaskGroup") {
  TaskGroup group(name);
  std::exception_ptr error;
  try {
    co_await body(group);
  } catch (const GeneratorExit&) {
    throw;  // the task is being destroyed: no more awaiting
  } catch (...) {
    error = std::current_exception();
  }
  co_await group.exit(std::move(error));
}

}  // namespace looplab
