#include "looplab/condition.hpp"

#include <exception>
#include <string>

namespace looplab {

Condition::Condition(std::string_view name)
    : own_lock_(std::in_place, std::string(name) + " lock"),
      lock_(&*own_lock_),
      object_(running_loop().register_object(ObjectKind::condition, name)) {}

Condition::Condition(Lock& lock, std::string_view name)
    : lock_(&lock), object_(running_loop().register_object(ObjectKind::condition, name)) {}

Condition::Condition(TaskState state, WakeCause cause, ObjectId object, std::string_view lock_name)
    : own_lock_(std::in_place, lock_name), lock_(&*own_lock_), state_(state), cause_(cause), object_(object) {}

LOOPLAB_WASM_EH_SAFE Coro<bool> Condition::wait() {
  if (!locked()) throw InvalidStateError("cannot wait on un-acquired lock");
  release();
  std::exception_ptr error;
  {
    Waiter notified(state_, object_);
    waiters_.push(notified);
    try {
      co_await notified;
    } catch (...) {
      error = std::current_exception();
    }
    waiters_.remove(notified);
  }
  // The lock must be taken back even if the wait was cancelled.
  bool cancelled = false;
  for (;;) {
    try {
      co_await acquire();
      break;
    } catch (const CancelledError&) {
      cancelled = true;
    }
  }
  if (cancelled) throw CancelledError{};
  if (error) std::rethrow_exception(error);
  co_return true;
}

void Condition::notify(std::size_t n) {
  if (!locked()) throw InvalidStateError("cannot notify on un-acquired lock");
  EventLoop* loop = current_loop();
  waiters_.wake_first(n, cause_, loop != nullptr ? loop->current_task_id() : 0, object_);
}

}  // namespace looplab
