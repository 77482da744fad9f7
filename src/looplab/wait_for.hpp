// asyncio.wait_for (3.11): runs the awaitable as a task and waits for it or for the timeout,
// whichever comes first. On timeout the task is cancelled, waited for, and TimeoutError
// raised (unless it finished anyway). Cancelling the caller cancels the task too.
#pragma once

#include "looplab/waiter.hpp"

namespace looplab {
namespace detail {

// A waiter future on the heap: a finished task's done callback may still sit in the ready
// queue after wait_for has returned, and must find the waiter alive.
class SharedWaiter {
 public:
  // `object` is the wait_for() in the trace (0: none).
  static SharedWaiter* make(TaskId awaited, ObjectId object = 0);
  Waiter& future() { return future_; }
  void retain() { ++refs_; }
  void release() {
    if (--refs_ == 0) delete this;
  }
  // _release_waiter as a done callback / timer callback; each holds one reference.
  static void on_task_done(void* self, std::uintptr_t);
  static void on_timeout(void* self, std::uintptr_t);
  TaskBase::DoneCallback as_done_callback() { return {nullptr, Callback{&on_task_done, this, 0}}; }

 private:
  SharedWaiter() : future_(TaskState::waiting_task) {}
  Waiter future_;
  ObjectId object_ = 0;
  std::uint32_t refs_ = 1;
};


Coro<void> cancel_and_wait_base(TaskBase& task, ObjectId object = 0);

}  // namespace detail

template <class T> Coro<T> wait_for(Task<T> fut, double timeout) {
  EventLoop& loop = running_loop();
  const ObjectId object = loop.register_object(ObjectKind::wait_for, "wait_for");
  if (timeout <= 0) {
    if (fut.done()) co_return fut.result();
    co_await detail::cancel_and_wait_base(*fut.base(), object);
    if (fut.cancelled()) throw TimeoutError();
    co_return fut.result();
  }
  detail::SharedWaiter* waiter = detail::SharedWaiter::make(fut.id(), object);
  waiter->retain();  // for the timer
  TimerId timer = loop.schedule_later(timeout, Callback{&detail::SharedWaiter::on_timeout, waiter, 0});
  waiter->retain();  // for the done callback
  const TaskBase::DoneCallback cb = waiter->as_done_callback();
  fut.base()->add_done_callback(cb);

  bool cancelled = false;
  std::optional<std::string> message;
  Waiter& released = waiter->future();  // g++ 12 copies `co_await waiter->future()`
  try {
    co_await released;
  } catch (const CancelledError& e) {
    cancelled = true;
    message = e.message;
  }
  if (loop.cancel_timer(timer)) waiter->release();
  const bool finished = fut.done();
  if (!finished && fut.base()->remove_done_callback(cb)) waiter->release();
  waiter->release();

  if (cancelled) {
    if (finished) co_return fut.result();
    co_await detail::cancel_and_wait_base(*fut.base(), object);
    throw CancelledError{message};
  }
  if (finished) co_return fut.result();
  co_await detail::cancel_and_wait_base(*fut.base(), object);
  if (fut.cancelled()) throw TimeoutError();
  co_return fut.result();
}

// wait_for(coro(), timeout): the coroutine becomes a task when wait_for starts running.
template <class T> Coro<T> wait_for(Coro<T> aw, double timeout) {
  co_return co_await wait_for(running_loop().create_task(std::move(aw)), timeout);
}

}  // namespace looplab
