#include "looplab/gather.hpp"

namespace looplab::detail {

GatherState::GatherState(EventLoop& loop, std::vector<TaskBase*> children, bool return_exceptions)
    : loop_(&loop),
      children_(std::move(children)),
      return_exceptions_(return_exceptions),
      object_(loop.register_object(ObjectKind::gather, "gather")) {
  for (std::size_t i = 0; i < children_.size(); ++i) {
    children_[i]->retain();
    retain();  // held by the child's done callback until it runs
    children_[i]->add_done_callback(TaskBase::DoneCallback{nullptr, Callback{&child_done, this, reinterpret_cast<std::uintptr_t>(children_[i])}});
  }
  if (children_.empty()) done_ = true;  // gather() of nothing is done at once, with []
}

GatherState::~GatherState() {
  for (TaskBase* child : children_) child->release();
}

void GatherState::await_suspend(coro::coroutine_handle<> h) {
  waiter_ = loop_->current_task();
  const std::uint32_t first = children_.empty() ? 0 : children_.front()->id();
  loop_->suspend_current(h, this, TaskState::waiting_task, first, object_);
}

void GatherState::check_outcome() {
  if (waiter_ != nullptr) waiter_->throw_if_cancelled();
  if (error_) std::rethrow_exception(error_);
}

void GatherState::cancel_wait(TaskBase& task) {
  // The awaiter's cancellation goes to the gathering future, which cancels the children.
  if (done_ || !cancel(task.cancel_message())) task.set_must_cancel();
}

void GatherState::detach(TaskBase&) { detached_ = true; }

bool GatherState::cancel(std::optional<std::string> msg) {
  if (done_) return false;
  bool any = false;
  for (TaskBase* child : children_)
    if (child->cancel(msg)) any = true;
  if (any) cancel_requested_ = true;
  return any;
}

// gather()'s _done_callback, queued with call_soon when `child` finishes.
void GatherState::child_done(void* self, std::uintptr_t child_address) {
  auto* g = static_cast<GatherState*>(self);
  auto* child = reinterpret_cast<TaskBase*>(child_address);
  ++g->finished_;
  if (g->done_) {
    child->mark_retrieved();
  } else if (!g->return_exceptions_ && child->cancelled()) {
    g->complete(child->take_cancelled_error());
  } else if (!g->return_exceptions_ && child->failed()) {
    child->mark_retrieved();
    g->complete(child->raw_error());
  } else if (g->finished_ == g->children_.size()) {
    for (TaskBase* c : g->children_) c->mark_retrieved();
    // Cancelled from outside: the awaiter gets the last child's CancelledError, as in CPython.
    TaskBase* last = g->children_.back();
    if (g->cancel_requested_)
      g->complete(last->cancelled() ? last->take_cancelled_error() : std::make_exception_ptr(CancelledError{}));
    else
      g->complete(nullptr);
  }
  g->release();
}

void GatherState::complete(std::exception_ptr error) {
  done_ = true;
  error_ = std::move(error);
  if (!detached_ && waiter_ != nullptr && waiter_->wait_site() == this)
    loop_->schedule_step(*waiter_, WakeCause::gather, 0, object_);
}

}  // namespace looplab::detail
