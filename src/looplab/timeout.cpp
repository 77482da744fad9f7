#include "looplab/timeout.hpp"

#include <cmath>

namespace looplab {

Timeout::Timeout(double when) : when_(when) {}

Timeout::~Timeout() { disarm(); }

void Timeout::enter() {
  loop_ = &running_loop();
  task_ = loop_->current_task();
  if (task_ == nullptr) throw InvalidStateError("Timeout should be used inside a task");
  object_ = loop_->register_object(ObjectKind::timeout, "timeout");
  state_ = State::entered;
  reschedule(when_);
}

void Timeout::disarm() {
  if (armed_ && loop_ != nullptr) loop_->cancel_timer(timer_);
  if (soon_ != 0 && loop_ != nullptr) loop_->drop_handle(soon_);
  armed_ = false;
  soon_ = 0;
  ++generation_;
}

void Timeout::reschedule(double when) {
  if (state_ != State::entered) throw InvalidStateError("Cannot change the deadline of a Timeout that is not running");
  when_ = when;
  disarm();
  if (!std::isfinite(when)) return;  // timeout(None)
  if (when <= loop_->time()) {
    // A deadline already past: CPython's call_soon(_on_timeout), queued now, so it runs before
    // the step the block queues next (a due timer would join the ready queue only after it).
    // A handle, so that a block ending first can still cancel it.
    const std::uintptr_t generation = generation_;
    soon_ = loop_->add_handle([this, generation] { fire(this, generation); }, {});
    loop_->schedule(loop_->handle_callback(soon_));
    return;
  }
  timer_ = loop_->schedule_at(when, Callback{&fire, this, generation_});
  armed_ = true;
}

// _on_timeout: cancel the task; the block's exit turns that CancelledError into TimeoutError.
void Timeout::fire(void* self, std::uintptr_t generation) {
  auto* t = static_cast<Timeout*>(self);
  if (generation != t->generation_ || t->state_ != State::entered) return;
  t->armed_ = false;
  t->soon_ = 0;
  t->task_->cancel_with(std::nullopt, WakeCause::timeout, 0, t->object_);
  t->state_ = State::expiring;
}

void Timeout::exit(std::exception_ptr body_error) {
  disarm();
  if (state_ == State::expiring) {
    state_ = State::expired;
    if (task_->uncancel() == 0 && is_cancellation(body_error)) throw TimeoutError();
  } else if (state_ == State::entered) {
    state_ = State::exited;
  }
  if (body_error) std::rethrow_exception(body_error);
}

}  // namespace looplab
