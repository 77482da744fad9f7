#include "looplab/event.hpp"

namespace looplab {

Event::Event(std::string_view name) : object_(running_loop().register_object(ObjectKind::event, name)) {}

void Event::set() {
  if (value_) return;
  value_ = true;
  const TaskId waker = current_loop() != nullptr ? current_loop()->current_task_id() : 0;
  waiters_.for_each([&](Waiter& f) {
    if (!f.done()) f.set_result(WakeCause::event, waker);
  });
}

}  // namespace looplab
