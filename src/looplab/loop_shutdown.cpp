// The end of asyncio.run (runners.py), once main has finished, in CPython 3.11's order:
//  1. main's done callback stops the loop at the end of the *next* turn, so what main
//     created or woke in its last step still gets that step;
//  2. _cancel_all_tasks: every unfinished task is cancelled and awaited through
//     gather(return_exceptions=True) (two more turns: gather's callback, then the stop);
//     those that raised something other than CancelledError are reported;
//  3. shutdown_asyncgens and shutdown_default_executor, each a task run to completion
//     (two turns each; the executor's waits for its workers);
//  4. the loop closes; tasks still pending (created during all this) are destroyed with
//     it: "Task was destroyed but it is pending!", after their finally blocks ran.
#include <algorithm>

#include "looplab/event_loop.hpp"
#include "looplab/task.hpp"

namespace looplab {

void EventLoop::shutdown() {
  finish_main_turn();
  cancel_leftovers();
  run_turns(2);  // shutdown_asyncgens
  while (executor_.busy() > 0 && !idle()) run_once(true);
  run_turns(2);  // shutdown_default_executor
  destroy_pending();
}

void EventLoop::finish_main_turn() {
  while (todo_ > 0 || hold_.task != nullptr) run_once(true);  // the turn main finished in
  run_once(false);
}

void EventLoop::run_turns(int turns) {
  for (int i = 0; i < turns; ++i) {
    while (hold_.task != nullptr) run_once(true);
    run_once(false);
  }
}

void EventLoop::cancel_leftovers() {
  // CPython iterates a set (an undefined order); LoopLab cancels in creation order.
  std::vector<Task<void>> pending;
  for (TaskBase* t : live_tasks_) pending.emplace_back(t);
  std::sort(pending.begin(), pending.end(), [](const Task<void>& a, const Task<void>& b) { return a.id() < b.id(); });
  if (pending.empty()) return;
  for (auto& t : pending) t.base()->cancel();
  auto unfinished = [&] {
    return std::any_of(pending.begin(), pending.end(), [](const Task<void>& t) { return !t.done(); });
  };
  while (unfinished() && !idle()) run_once(true);
  run_turns(2);  // gather's done callback, then the stop
  for (auto& t : pending) {
    TaskBase& task = *t.base();
    if (!task.failed()) continue;
    task.mark_retrieved();  // _cancel_all_tasks reads task.exception()
    trace_.record(time(), EventKind::error_at_shutdown, task.id(), 0, task.error_text_);
  }
}

void EventLoop::destroy_pending() {
  std::vector<TaskBase*> pending = live_tasks_;
  std::sort(pending.begin(), pending.end(), [](const TaskBase* a, const TaskBase* b) { return a->id() < b->id(); });
  for (TaskBase* task : pending) {
    task->retain();  // kept until the loop goes: its stale queue entries must find it
    destroyed_.push_back(task);
    task->close();
  }
  ready_.clear();  // loop.close(): nothing queued runs any more
  todo_ = 0;
}

}  // namespace looplab
