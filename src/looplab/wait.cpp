#include "looplab/wait.hpp"

#include <cmath>
#include <string>

namespace looplab::detail {

const char* to_string(ReturnWhen when) {
  switch (when) {
    case ReturnWhen::first_completed: return "FIRST_COMPLETED";
    case ReturnWhen::first_exception: return "FIRST_EXCEPTION";
    case ReturnWhen::all_completed: return "ALL_COMPLETED";
  }
  return "?";
}

WaitState::WaitState(EventLoop& loop, std::vector<TaskBase*> tasks, ReturnWhen when, double timeout)
    : loop_(&loop),
      tasks_(std::move(tasks)),
      when_(when),
      object_(loop.register_object(ObjectKind::wait, std::string("wait(") + to_string(when) + ")")),
      waiter_(TaskState::waiting_task, object_),
      counter_(tasks_.size()) {
  waiter_.set_related(tasks_.front()->id());
  for (TaskBase* t : tasks_) t->retain();
  if (std::isfinite(timeout)) {
    retain();
    timer_ = loop.schedule_later(timeout, Callback{&on_timeout, this, 0});
    has_timer_ = true;
  }
  for (std::size_t i = 0; i < tasks_.size(); ++i) {
    retain();
    tasks_[i]->add_done_callback(callback(i));
  }
}

// _wait's _on_completion: counts down, and releases the waiter when the condition holds.
void WaitState::on_completion(void* self, std::uintptr_t index) {
  auto* w = static_cast<WaitState*>(self);
  TaskBase* task = w->tasks_[index];
  --w->counter_;
  const bool failed = !task->cancelled() && task->failed();
  if (w->counter_ == 0 || w->when_ == ReturnWhen::first_completed ||
      (w->when_ == ReturnWhen::first_exception && failed)) {
    if (w->has_timer_ && w->loop_->cancel_timer(w->timer_)) w->release();
    w->has_timer_ = false;
    w->waiter_.set_result(WakeCause::wait, task->id(), w->object_);
  }
  w->release();
}

void WaitState::on_timeout(void* self, std::uintptr_t) {
  auto* w = static_cast<WaitState*>(self);
  w->has_timer_ = false;
  w->waiter_.set_result(WakeCause::timeout, 0, w->object_);
  w->release();
}

void WaitState::finish() {
  if (has_timer_ && loop_->cancel_timer(timer_)) release();
  has_timer_ = false;
  for (std::size_t i = 0; i < tasks_.size(); ++i)
    if (tasks_[i]->remove_done_callback(callback(i))) release();
}

WaitState::~WaitState() {
  for (TaskBase* t : tasks_) t->release();
}

Coro<void> wait_until_done(std::vector<TaskBase*> tasks, ReturnWhen when, double timeout) {
  auto* state = new WaitState(running_loop(), std::move(tasks), when, timeout);
  std::exception_ptr error;
  Waiter& waiter = state->waiter();  // g++ 12 copies `co_await state->waiter()`
  try {
    co_await waiter;
  } catch (...) {
    error = std::current_exception();
  }
  state->finish();
  state->release();
  if (error) std::rethrow_exception(error);
}

}  // namespace looplab::detail
