// Blocking done wrong: time.sleep(d), or a blocking client call, inside async def. The task
// keeps the loop: nothing else runs, timers and I/O completions wait, and the trace shows the
// task `blocked` and every ready task still waiting. It is not an await point in Python, so
// it cannot be cancelled. On the real clock it really holds the loop: natively the thread
// sleeps (or waits for the I/O); in the browser the loop runs no callback until it is over.
#pragma once

#include "looplab/task.hpp"

namespace looplab {

class Block {
 public:
  explicit Block(double seconds) : seconds_(seconds) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(coro::coroutine_handle<> h) {
    EventLoop& loop = running_loop();
    loop.hold_until(h, loop.time() + (seconds_ > 0 ? seconds_ : 0));
  }
  void await_resume() const noexcept {}

 private:
  double seconds_;
};

// time.sleep(seconds) inside async def: `co_await block(seconds)`.
inline Block block(double seconds) { return Block(seconds); }

}  // namespace looplab
