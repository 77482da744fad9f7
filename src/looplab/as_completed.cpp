#include "looplab/as_completed.hpp"

#include <algorithm>
#include <cmath>

namespace looplab::detail {

AsCompletedState::AsCompletedState(EventLoop& loop, std::vector<TaskBase*> tasks, double timeout)
    : loop_(&loop), object_(loop.register_object(ObjectKind::as_completed, "as_completed")) {
  // `todo = {ensure_future(f) for f in set(fs)}`: each task once.
  for (TaskBase* t : tasks)
    if (std::find(tasks_.begin(), tasks_.end(), t) == tasks_.end()) tasks_.push_back(t);
  todo_.assign(tasks_.size(), true);
  todo_count_ = count_ = tasks_.size();
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    tasks_[i]->retain();
    retain();
    tasks_[i]->add_done_callback(callback(i));
  }
  if (todo_count_ > 0 && std::isfinite(timeout)) {
    retain();
    timer_ = loop.schedule_later(timeout, Callback{&on_timeout, this, 0});
    has_timer_ = true;
  }
}

AsCompletedState::~AsCompletedState() {
  for (TaskBase* t : tasks_) t->release();
}

void AsCompletedState::put(TaskBase* task) {
  done_.push_back(task);
  getters_.pop_and_wake_next(task != nullptr ? WakeCause::as_completed : WakeCause::timeout,
                             task != nullptr ? task->id() : 0, object_);
}

// _on_completion: the task leaves `todo` for the `done` queue.
void AsCompletedState::on_completion(void* self, std::uintptr_t index) {
  auto* s = static_cast<AsCompletedState*>(self);
  if (s->todo_count_ > 0 && s->todo_[index]) {  // else _on_timeout was here first
    s->todo_[index] = false;
    --s->todo_count_;
    s->put(s->tasks_[index]);
    if (s->todo_count_ == 0 && s->has_timer_) {
      if (s->loop_->cancel_timer(s->timer_)) --s->refs_;  // the timer's; this callback's still holds it
      s->has_timer_ = false;
    }
  }
  s->release();
}

// _on_timeout: every task still to do becomes a None in the queue (a TimeoutError to raise).
void AsCompletedState::on_timeout(void* self, std::uintptr_t) {
  auto* s = static_cast<AsCompletedState*>(self);
  s->has_timer_ = false;
  std::uint32_t unhooked = 0;  // callbacks removed: their references go with them
  for (std::size_t i = 0; i < s->tasks_.size(); ++i) {
    if (!s->todo_[i]) continue;
    if (s->tasks_[i]->remove_done_callback(s->callback(i))) ++unhooked;
    s->todo_[i] = false;
    s->put(nullptr);
  }
  s->todo_count_ = 0;
  s->refs_ -= unhooked;  // the timer's own reference still holds it
  s->release();
}

// `await done.get()`, with Queue.get's loop.
Coro<TaskBase*> AsCompletedState::next_done() {
  std::uint32_t next = 0;  // the wait shows the first task still to do
  for (std::size_t i = 0; i < tasks_.size() && next == 0; ++i)
    if (todo_[i]) next = tasks_[i]->id();
  co_await wait_in_line(getters_, [this] { return !done_.empty(); },
                        LineWait{TaskState::waiting_task, object_, next, WakeCause::as_completed, object_});
  TaskBase* task = done_.front();
  done_.pop_front();
  co_return task;
}

}  // namespace looplab::detail
