#include "looplab/handle.hpp"

#include "looplab/task.hpp"

namespace looplab {

detail::HandleState::~HandleState() {
  if (keep_alive != nullptr) keep_alive->release();
}

void Handle::cancel() {
  if (!state_ || state_->cancelled) return;
  state_->cancelled = true;
  if (loop_ != nullptr && loop_->drop_handle(id_) && !std::isnan(state_->when)) loop_->cancel_timer(state_->timer);
}

std::uint32_t EventLoop::add_handle(std::function<void()> fn, std::string_view name, TaskBase* keep_alive) {
  auto state = std::make_shared<detail::HandleState>();
  state->fn = std::move(fn);
  state->name = name.empty() ? 0 : trace_.intern(name);  // 0: a primitive's own, unrecorded
  state->creator = current_task_id();
  if (keep_alive != nullptr) {
    keep_alive->retain();
    state->keep_alive = keep_alive;
  }
  const std::uint32_t id = next_handle_++;
  handles_.emplace(id, std::move(state));
  return id;
}

bool EventLoop::drop_handle(std::uint32_t id) { return handles_.erase(id) > 0; }

void EventLoop::run_handle_thunk(void* self, std::uintptr_t id) {
  static_cast<EventLoop*>(self)->run_handle(static_cast<std::uint32_t>(id));
}

void EventLoop::run_handle(std::uint32_t id) {
  auto it = handles_.find(id);
  if (it == handles_.end()) return;  // cancelled (CPython skips a cancelled handle)
  std::shared_ptr<detail::HandleState> state = std::move(it->second);
  handles_.erase(it);
  if (state->cancelled) return;
  if (state->name != 0) {  // a scenario's callback: a step of the loop's own, with its cost
    trace_.record(time(), EventKind::callback, 0, state->creator, state->name);
    if (vclock_ != nullptr) owed_ += step_cost_;
  }
  try {
    state->fn();
  } catch (const std::exception& e) {
    trace_.record(time(), EventKind::error_in_callback, 0, state->creator, trace_.add_text(e.what()));
  } catch (...) {
    trace_.record(time(), EventKind::error_in_callback, 0, state->creator,
                  trace_.add_text(error_text(std::current_exception())));
  }
}

Handle EventLoop::call_soon(std::function<void()> fn, std::string_view name) {
  const std::uint32_t id = add_handle(std::move(fn), name);
  std::shared_ptr<detail::HandleState> state = handles_.at(id);
  ready_.push(handle_callback(id));
  return Handle(this, id, std::move(state));
}

Handle EventLoop::make_timer_handle(double when, std::function<void()> fn, std::string_view name) {
  const std::uint32_t id = add_handle(std::move(fn), name);
  std::shared_ptr<detail::HandleState> state = handles_.at(id);
  state->when = when;
  state->timer = arm_timer(when, handle_callback(id));
  return Handle(this, id, std::move(state));
}

Handle EventLoop::call_later(double delay, std::function<void()> fn, std::string_view name) {
  return make_timer_handle(time() + delay, std::move(fn), name);
}

Handle EventLoop::call_at(double when, std::function<void()> fn, std::string_view name) {
  return make_timer_handle(when, std::move(fn), name);
}

}  // namespace looplab
