// What a suspended task waits on. Lives in the suspended coroutine frame (or, for the
// combinators, in state they share with callbacks).
#pragma once

namespace looplab {

class TaskBase;

class WaitSite {
 public:
  // Task.cancel() reached the task while it waits here: detach and arrange for the task to
  // wake with CancelledError, or pass the cancellation on (awaiting another task does).
  virtual void cancel_wait(TaskBase& task) = 0;
  // The task is being destroyed while pending (asyncio.run has ended): stop waiting, so
  // that nothing wakes it or calls back into its frame, and do not schedule it. Its
  // coroutine is then resumed once to raise GeneratorExit at this await.
  virtual void detach(TaskBase& task) = 0;

 protected:
  ~WaitSite() = default;
};

}  // namespace looplab
