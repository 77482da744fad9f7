#include "looplab/io_await.hpp"

namespace looplab {

IoWait::IoWait(IoRequest request)
    : request_(std::move(request)), future_(TaskState::waiting_io, 0, &on_cancel, this) {}

void IoWait::await_suspend(coro::coroutine_handle<> h) {
  EventLoop& loop = running_loop();
  loop_ = &loop;
  op_ = loop.start_io(request_, false, Callback{&completed, this, 0});
  future_.set_detail(op_);
  future_.await_suspend(h);
}

IoResult IoWait::await_resume() {
  future_.await_resume();
  IoResult result = loop_->take_io_result(op_);
  if (!result.ok) throw IoError(result.error);
  return result;
}

void IoWait::completed(void* self, std::uintptr_t) {
  auto* wait = static_cast<IoWait*>(self);
  wait->future_.set_result(WakeCause::io, wait->op_);  // the arrow starts at the I/O operation
}

void IoWait::on_cancel(void* owner, Waiter&) {
  auto* self = static_cast<IoWait*>(owner);
  self->loop_->cancel_io(self->op_);
}

void BlockingIo::await_suspend(coro::coroutine_handle<> h) {
  EventLoop& loop = running_loop();
  loop_ = &loop;
  op_ = loop.start_io(request_, true, Callback{});
  loop.hold_for_io(h, op_);
}

IoResult BlockingIo::await_resume() {
  IoResult result = loop_->take_io_result(op_);
  if (!result.ok) throw IoError(result.error);
  return result;
}

}  // namespace looplab
