// asyncio.Event: wait() returns at once if set; set() wakes every waiter.
#pragma once

#include <string_view>

#include "looplab/waiter_list.hpp"

namespace looplab {

class Event {
 public:
  explicit Event(std::string_view name = "event");
  // For a primitive built on an event (Queue.join): waits show as `state` on object `object`.
  Event(TaskState state, ObjectId object) : state_(state), object_(object) {}
  bool is_set() const { return value_; }
  void set();
  void clear() { value_ = false; }
  ObjectId object() const { return object_; }

  class Wait {
   public:
    explicit Wait(Event& event) : event_(&event), future_(event.state_, event.object_) {}
    bool await_ready() const noexcept { return event_->value_; }
    void await_suspend(coro::coroutine_handle<> h) {
      event_->waiters_.push(future_);
      future_.await_suspend(h);
    }
    bool await_resume() {
      event_->waiters_.remove(future_);
      if (future_.waiter() != nullptr) future_.await_resume();
      return true;
    }

   private:
    Event* event_;
    Waiter future_;
  };
  Wait wait() { return Wait(*this); }

 private:
  TaskState state_ = TaskState::waiting_event;
  ObjectId object_ = 0;
  bool value_ = false;
  WaiterList waiters_;
};

}  // namespace looplab
