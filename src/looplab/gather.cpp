#include "looplab/gather.hpp"

namespace looplab::detail {

GatherState::GatherState(EventLoop& loop, std::vector<TaskBase*> children, bool return_exceptions)
    : loop_(&loop), children_(std::move(children)), return_exceptions_(return_exceptions) {
  for (std::size_t i = 0; i < children_.size(); ++i) {
    children_[i]->retain();
    retain();  // held by the child's done callback until it runs
    children_[i]->add_done_callback(TaskBase::DoneCallback{nullptr, Callback{&child_done, this, i}});
  }
  if (children_.empty()) done_ = true;  // gather() of nothing is done at once, with []
}

GatherState::~GatherState() {
  for (TaskBase* child : children_) child->release();
}

void GatherState::await_suspend(coro::coroutine_handle<> h) {
  waiter_ = loop_->current_task();
  const std::uint32_t first = children_.empty() ? 0 : children_.front()->id();
  loop_->suspend_current(h, this, TaskState::waiting_task, first);
}

void GatherState::check_outcome() {
  if (waiter_ != nullptr) waiter_->throw_if_cancelled();
  if (error_) std::rethrow_exception(error_);
}

void GatherState::cancel_wait(TaskBase& task) {
  // The awaiter's cancellation goes to the gathering future, which cancels the children.
  if (done_ || !cancel()) task.set_must_cancel();
}

bool GatherState::cancel() {
  if (done_) return false;
  bool any = false;
  for (TaskBase* child : children_)
    if (child->cancel()) any = true;
  if (any) cancel_requested_ = true;
  return any;
}

// gather()'s _done_callback, queued with call_soon when child `index` finishes.
void GatherState::child_done(void* self, std::uintptr_t index) {
  auto* g = static_cast<GatherState*>(self);
  TaskBase* child = g->children_[index];
  ++g->finished_;
  if (g->done_) {
    child->mark_retrieved();
  } else if (!g->return_exceptions_ && (child->cancelled() || child->failed())) {
    g->complete(child->exception());
  } else if (g->finished_ == g->children_.size()) {
    for (TaskBase* c : g->children_) c->mark_retrieved();
    g->complete(g->cancel_requested_ ? std::make_exception_ptr(CancelledError{}) : nullptr);
  }
  g->release();
}

void GatherState::complete(std::exception_ptr error) {
  done_ = true;
  error_ = std::move(error);
  if (waiter_ != nullptr && waiter_->wait_site() == this) loop_->schedule_step(*waiter_, WakeCause::gather, 0);
}

}  // namespace looplab::detail
