// Tasks. Task<T> is a handle to a coroutine the loop runs on its own (create_task), like
// asyncio.Task; TaskBase is the part that does not depend on the result type. Handles are
// reference-counted like Python objects: when the last one goes away from a task that
// failed and whose exception nobody looked at, the trace records "Task exception was
// never retrieved", as CPython logs it when the task object is freed.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "looplab/callback.hpp"
#include "looplab/coro.hpp"
#include "looplab/errors.hpp"
#include "looplab/event_loop.hpp"
#include "looplab/wait_site.hpp"

namespace looplab {

class TaskBase {
 public:
  TaskBase(EventLoop& loop, coro::coroutine_handle<> root, detail::PromiseBase& promise)
      : loop_(&loop), root_(root), resume_point_(root), promise_(&promise) {}
  virtual ~TaskBase();
  TaskBase(const TaskBase&) = delete;
  TaskBase& operator=(const TaskBase&) = delete;

  TaskId id() const { return id_; }
  std::string name() const;
  EventLoop& loop() const { return *loop_; }
  bool done() const { return finished_ != TaskState::ready; }
  bool cancelled() const { return finished_ == TaskState::cancelled; }
  bool failed() const { return finished_ == TaskState::failed; }
  // asyncio Task.cancel(msg): CancelledError(msg) is raised at the await the task is
  // suspended on (or before its first step). Returns false if the task had already finished.
  bool cancel(std::optional<std::string> msg = std::nullopt);
  // Task.cancelling(): cancel() requests so far, minus uncancel() calls.
  std::uint32_t cancelling() const { return rare_ ? rare_->cancel_requests : 0; }
  // Task.uncancel(): takes one request back; returns how many remain.
  std::uint32_t uncancel() {
    if (!rare_) return 0;
    if (rare_->cancel_requests > 0) --rare_->cancel_requests;
    return rare_->cancel_requests;
  }
  // Task.exception(): the exception the task failed with (null if it returned a value).
  // Throws CancelledError if it was cancelled, InvalidStateError if it has not finished.
  std::exception_ptr exception();

  // --- For awaitables, combinators and the loop ---

  void suspend(coro::coroutine_handle<> h, WaitSite* site) {
    resume_point_ = h;
    wait_ = site;
  }
  // Every await_resume of a suspending awaitable calls this: a pending cancellation wins
  // over whatever the task was waiting for (and GeneratorExit over that, when destroyed).
  void throw_if_cancelled() {
    if (interrupted_) raise_interruption();
  }
  bool cancel_pending() const { return must_cancel_; }
  void set_must_cancel() {
    must_cancel_ = true;
    interrupted_ = true;
  }
  // cancel(), attributed in the trace to `cause` by `by` (a task or 0) with `detail` (an
  // object): asyncio.timeout and TaskGroup cancel tasks with their own words.
  bool cancel_with(std::optional<std::string> msg, WakeCause cause, std::uint32_t by, std::uint32_t detail);
  // Why the pending cancellation is happening, for the wake-up the wait site records.
  WakeCause cancel_cause() const { return rare_ ? rare_->cancel_cause : WakeCause::cancelled; }
  std::uint32_t cancel_by() const { return rare_ ? rare_->cancel_by : 0; }
  std::uint32_t cancel_detail() const { return rare_ ? rare_->cancel_detail : 0; }
  std::optional<std::string> cancel_message() const {
    return rare_ ? rare_->cancel_message : std::nullopt;
  }
  // The detail of the wake-up that delivers the pending cancellation: the timeout or
  // TaskGroup behind it, else the message's StringId (0: neither).
  std::uint32_t cancel_wake_detail();
  void clear_wait() { wait_ = nullptr; }
  WaitSite* wait_site() const { return wait_; }
  // Where the next step resumes: a step's callback carries it, for the loop to prefetch.
  std::uintptr_t resume_frame() const { return reinterpret_cast<std::uintptr_t>(resume_point_.address()); }
  // What the task finished with, without counting as retrieving it.
  const std::exception_ptr& raw_error() const { return promise_->error; }
  // The CancelledError a cancelled task raises to whoever asks (await, result(),
  // exception()): the first gets the one the task ended with (with its message), later
  // ones a new one, as asyncio's _make_cancelled_error.
  std::exception_ptr take_cancelled_error();

  // asyncio's add_done_callback: on finishing, either `wakes` is scheduled (an awaiting
  // task's __wakeup) or `call` is queued with call_soon. Added to a finished task, it is
  // queued at once.
  struct DoneCallback {
    TaskBase* wakes = nullptr;
    Callback call;
  };
  void add_done_callback(DoneCallback cb);
  // True if it was still registered (not yet queued by the task finishing).
  bool remove_done_callback(const DoneCallback& cb);
  // asyncio's Task.__step.
  void step(bool after_yield = false);
  // (`arg`, the frame it resumes, is only for the loop to prefetch.)
  static void step_thunk(void* self, std::uintptr_t) { static_cast<TaskBase*>(self)->step(false); }
  // The step after sleep(0): the loop lets the clock catch up with its work first (step cost).
  static void yield_step_thunk(void* self, std::uintptr_t) { static_cast<TaskBase*>(self)->step(true); }
  // Reading the exception (or cancelling a finished task) retrieves it: no report.
  void mark_retrieved() { retrieved_ = true; }
  std::uint32_t line() const { return line_; }
  void set_line(std::uint32_t line) { line_ = line; }
  std::size_t live_index = 0;  // position in the loop's list of unfinished tasks

  void retain() { ++refs_; }
  void release() {
    if (--refs_ == 0) last_reference_dropped();
  }

  // asyncio.run has ended with this task pending: close its coroutine (GeneratorExit at its
  // await, so its finally blocks run, outside any task) and record it destroyed.
  void close();

 protected:
  void finish(TaskState how);
  void raise_interruption();
  void last_reference_dropped();
  template <class T> friend class Task;
  friend class EventLoop;

  EventLoop* loop_;
  coro::coroutine_handle<> root_;          // the outermost coroutine, owned by the task
  coro::coroutine_handle<> resume_point_;  // the innermost suspended coroutine
  detail::PromiseBase* promise_;
  WaitSite* wait_ = nullptr;
  // Nearly every task has one done callback (its awaiter or a gather): kept inline, so
  // creating a task does not allocate for it.
  DoneCallback first_done_;
  // What only a task that is cancelled, or has more than one done callback, needs: made on
  // first use, so the many tasks that are neither stay small (see the size budget below).
  struct RareState {
    std::vector<DoneCallback> more_done;
    std::optional<std::string> cancel_message;  // of the pending cancellation
    std::optional<std::string> final_message;   // a task cancelled as it returned keeps it
    std::uint32_t cancel_requests = 0;
    std::uint32_t cancel_by = 0;
    std::uint32_t cancel_detail = 0;
    WakeCause cancel_cause = WakeCause::cancelled;
  };
  // The pending cancellation's message, as it is delivered (none is left behind).
  std::optional<std::string> take_cancel_message() {
    return rare_ ? std::exchange(rare_->cancel_message, std::nullopt) : std::nullopt;
  }
  RareState& rare() {
    if (!rare_) rare_ = std::make_unique<RareState>();
    return *rare_;
  }
  std::unique_ptr<RareState> rare_;
  TaskId id_ = 0;
  std::uint32_t refs_ = 0;
  std::uint32_t line_ = 0;
  StringId error_text_ = 0;  // the failure's text in the trace
  TaskState finished_ = TaskState::ready;  // ready: not finished; else done/failed/cancelled/destroyed
  bool has_first_done_ = false;
  bool started_ = false;
  bool must_cancel_ = false;
  bool closing_ = false;
  bool interrupted_ = false;  // must_cancel_ || closing_: one test on the hot path
  bool retrieved_ = false;
  bool cancelled_error_taken_ = false;
};

// A size budget, not an accident: a task is made per coroutine run and the scheduler
// benchmark's sleep(0) workload keeps a thousand of them hot, so state that only
// cancellation or extra done callbacks need lives in RareState. 136 bytes was the size
// before the issue-11 conformance work (the benchmark's baseline); grow past it only
// with a measurement that says it costs nothing.
static_assert(sizeof(void*) != 8 || sizeof(TaskBase) <= 136, "TaskBase outgrew its size budget");

// Awaiting another task: wakes when it finishes (one loop iteration later, as in asyncio).
class TaskWait final : public WaitSite {
 public:
  explicit TaskWait(TaskBase& target) : target_(&target) {}
  bool await_ready() const noexcept { return target_->done(); }
  void await_suspend(coro::coroutine_handle<> h);
  // Raises the pending cancellation, if the awaiting task suspended here.
  void check_cancelled() const;
  void cancel_wait(TaskBase& task) override;
  void detach(TaskBase& task) override;

 private:
  TaskBase* target_;
  TaskBase* waiter_ = nullptr;
};

namespace detail {
// A user's done callback as a loop handle that keeps the task alive until it has run.
std::uint32_t add_task_done_handle(TaskBase& task, std::function<void()> fn);
std::size_t remove_task_done_handle(TaskBase& task, std::uint32_t id);
}  // namespace detail

// The handle add_done_callback returns, to remove the callback again.
using DoneCallbackId = std::uint32_t;

template <class T = void> class Task {
 public:
  Task() = default;
  explicit Task(TaskBase* base) : base_(base) {
    if (base_) base_->retain();
  }
  Task(const Task& o) : Task(o.base_) {}
  Task(Task&& o) noexcept : base_(std::exchange(o.base_, nullptr)) {}
  Task& operator=(Task o) noexcept {
    std::swap(base_, o.base_);
    return *this;
  }
  ~Task() {
    if (base_) base_->release();
  }

  TaskBase* base() const { return base_; }
  explicit operator bool() const { return base_ != nullptr; }
  TaskId id() const { return base_->id(); }
  std::string name() const { return base_->name(); }
  bool done() const { return base_->done(); }
  bool cancelled() const { return base_->cancelled(); }
  bool cancel(std::optional<std::string> msg = std::nullopt) { return base_->cancel(std::move(msg)); }
  std::uint32_t cancelling() const { return base_->cancelling(); }
  std::uint32_t uncancel() { return base_->uncancel(); }
  std::exception_ptr exception() const { return base_->exception(); }

  // Task.result(): the value, or rethrows what the task raised (CancelledError if cancelled).
  T result() const {
    if (!base_->done()) throw InvalidStateError("Result is not set.");
    if (base_->cancelled()) std::rethrow_exception(base_->take_cancelled_error());
    base_->mark_retrieved();
    return promise().peek();
  }

  // Task.add_done_callback(fn): fn(task) runs on the loop (outside any task) one turn after
  // the task finishes, or one turn from now if it has finished already.
  template <class F> DoneCallbackId add_done_callback(F fn) {
    TaskBase* base = base_;
    return detail::add_task_done_handle(*base_, [base, fn = std::move(fn)]() mutable {
      Task self(base);
      fn(self);
    });
  }
  // Task.remove_done_callback: how many were removed (0 or 1).
  std::size_t remove_done_callback(DoneCallbackId id) { return detail::remove_task_done_handle(*base_, id); }

  struct Awaiter {
    TaskWait wait;
    Task task;
    bool await_ready() const noexcept { return wait.await_ready(); }
    void await_suspend(coro::coroutine_handle<> h) { wait.await_suspend(h); }
    T await_resume() {
      wait.check_cancelled();
      return task.result();
    }
  };
  Awaiter operator co_await() const { return Awaiter{TaskWait(*base_), *this}; }

 private:
  detail::Promise<T>& promise() const {
    return coro::coroutine_handle<detail::Promise<T>>::from_address(base_->root_.address()).promise();
  }
  TaskBase* base_ = nullptr;
};

// --- EventLoop's templates, and its per-step entry and exit (inline: every step takes them) ---

inline void EventLoop::enter_task(TaskBase& task, bool after_yield) {
  current_ = &task;
  if (vclock_ == nullptr) {
    trace_.record(clock_->now(), EventKind::state, task.id(), 0, 0, TaskState::running);
    return;
  }
  const double now = vclock_->now();
  trace_.record(now, EventKind::state, task.id(), 0, 0, TaskState::running);
  owed_ += step_cost_;
  // A task back from sleep(0) is a loop spinning: the clock moves on as it would in
  // CPython, inside this step, so the running span shows what the turn cost (pay_owed).
  if (after_yield && owed_ > 0) {
    vclock_->wait_until(now + owed_);
    owed_ = 0;
  }
}

inline void EventLoop::leave_task() { current_ = nullptr; }

inline void EventLoop::schedule_step(TaskBase& task, WakeCause cause, std::uint32_t related, std::uint32_t detail) {
  trace_.record(time(), EventKind::state, task.id(), related, detail, TaskState::ready, cause);
  ready_.push(Callback{cause == WakeCause::yielded ? &TaskBase::yield_step_thunk : &TaskBase::step_thunk, &task,
                       task.resume_frame()});
}

template <class T> Task<T> EventLoop::create_task(Coro<T> coro, std::string_view name) {
  auto h = coro.release();
  auto* base = new TaskBase(*this, h, h.promise());
  register_task(*base, name);
  return Task<T>(base);
}

template <class T> T EventLoop::run(Coro<T> main) {
  CurrentLoopScope scope(*this);
  Task<T> task = create_task(std::move(main));
  run_until_done(*task.base());
  shutdown();
  return task.result();
}

// asyncio.create_task on the running loop.
template <class T> Task<T> create_task(Coro<T> coro, std::string_view name = {}) {
  return running_loop().create_task(std::move(coro), name);
}

// asyncio.current_task(): null outside a task.
inline TaskBase* current_task() {
  EventLoop* loop = current_loop();
  return loop ? loop->current_task() : nullptr;
}

}  // namespace looplab
