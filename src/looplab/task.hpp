// Coroutines and tasks. Coro<T> is what an `async def` returns: awaiting it runs it inline,
// in the awaiting task, as `await coro()` does in Python. Task<T> is a handle to a coroutine
// the loop runs on its own (create_task), like asyncio.Task. A Coro destroyed without being
// awaited or made a task is reported in the trace, as CPython warns "never awaited".
#pragma once

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "looplab/callback.hpp"
#include "looplab/coroutine.hpp"
#include "looplab/errors.hpp"
#include "looplab/event_loop.hpp"

namespace looplab {

// What a suspended task waits on. Lives in the suspended coroutine frame.
class WaitSite {
 public:
  // Task.cancel() reached the task while it waits here: detach and arrange for the task to
  // wake with CancelledError, or pass the cancellation on (awaiting another task does).
  virtual void cancel_wait(TaskBase& task) = 0;

 protected:
  ~WaitSite() = default;
};

// The result type a gather or a void task hands back in place of `void`.
struct Void {
  bool operator==(const Void&) const { return true; }
};
template <class T> using ValueOf = std::conditional_t<std::is_void_v<T>, Void, T>;

namespace detail {

struct PromiseBase {
  coro::coroutine_handle<> continuation;  // the coroutine awaiting this one inline, if any
  std::exception_ptr error;

  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <class P>
    coro::coroutine_handle<> await_suspend(coro::coroutine_handle<P> h) noexcept {
      coro::coroutine_handle<> next = h.promise().continuation;
      if (next) return next;
      return coro::noop_coroutine();  // a task's outermost coroutine: back to Task::step
    }
    void await_resume() const noexcept {}
  };
  coro::suspend_always initial_suspend() const noexcept { return {}; }
  FinalAwaiter final_suspend() const noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <class T> struct Promise : PromiseBase {
  std::optional<T> value;
  Coro<T> get_return_object();
  template <class U> void return_value(U&& v) { value.emplace(std::forward<U>(v)); }
  T take() {
    if (error) std::rethrow_exception(error);
    return std::move(*value);
  }
  T peek() const {
    if (error) std::rethrow_exception(error);
    return *value;
  }
};

template <> struct Promise<void> : PromiseBase {
  Coro<void> get_return_object();
  void return_void() {}
  void take() {
    if (error) std::rethrow_exception(error);
  }
  void peek() const {
    if (error) std::rethrow_exception(error);
  }
};

}  // namespace detail

template <class T = void> class [[nodiscard]] Coro {
 public:
  using promise_type = detail::Promise<T>;
  using handle_type = coro::coroutine_handle<promise_type>;

  Coro() = default;
  explicit Coro(handle_type h) : h_(h) {}
  Coro(Coro&& o) noexcept : h_(std::exchange(o.h_, {})), name_(o.name_) {}
  Coro& operator=(Coro&& o) noexcept {
    if (this != &o) {
      drop();
      h_ = std::exchange(o.h_, {});
      name_ = o.name_;
    }
    return *this;
  }
  ~Coro() { drop(); }

  // The name the never-awaited report uses (C++ cannot learn a coroutine's function name).
  Coro&& named(const char* name) && {
    name_ = name;
    return std::move(*this);
  }
  const char* name() const { return name_; }
  bool valid() const { return static_cast<bool>(h_); }

  struct Awaiter {
    handle_type h;
    bool await_ready() const noexcept { return false; }
    coro::coroutine_handle<> await_suspend(coro::coroutine_handle<> caller) noexcept {
      h.promise().continuation = caller;
      return h;
    }
    T await_resume() { return h.promise().take(); }
  };
  // `co_await coro()` runs it inline, as `await coro()` does.
  Awaiter operator co_await() && noexcept { return Awaiter{consume()}; }
  Awaiter operator co_await() & noexcept { return Awaiter{consume()}; }

  // Hands the frame to a task; the Coro no longer owns it.
  handle_type release() {
    awaited_ = true;
    return std::exchange(h_, {});
  }

 private:
  handle_type consume() {
    awaited_ = true;
    return h_;
  }
  void drop() {
    if (!h_) return;
    if (!awaited_) {
      if (EventLoop* loop = current_loop()) loop->report_never_awaited(name_);
    }
    h_.destroy();
    h_ = {};
  }
  handle_type h_;
  const char* name_ = "coroutine";
  bool awaited_ = false;
};

namespace detail {
template <class T> Coro<T> Promise<T>::get_return_object() {
  return Coro<T>(coro::coroutine_handle<Promise<T>>::from_promise(*this));
}
inline Coro<void> Promise<void>::get_return_object() {
  return Coro<void>(coro::coroutine_handle<Promise<void>>::from_promise(*this));
}
}  // namespace detail

// The part of an asyncio.Task that does not depend on its result type.
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
  // asyncio Task.cancel(): CancelledError is raised at the await the task is suspended on
  // (or before its first step). Returns false if the task had already finished.
  bool cancel();
  // The exception the task failed or was cancelled with (null if it finished with a result).
  // Throws InvalidStateError if it has not finished.
  std::exception_ptr exception();

  // --- For awaitables and the loop ---
  void suspend(coro::coroutine_handle<> h, WaitSite* site) {
    resume_point_ = h;
    wait_ = site;
  }
  // Every await_resume of a suspending awaitable calls this: a pending cancellation wins
  // over whatever the task was waiting for.
  void throw_if_cancelled() {
    if (must_cancel_) {
      must_cancel_ = false;
      throw CancelledError{};
    }
  }
  bool cancel_pending() const { return must_cancel_; }
  void set_must_cancel() { must_cancel_ = true; }
  void clear_wait() { wait_ = nullptr; }
  WaitSite* wait_site() const { return wait_; }
  // asyncio's add_done_callback: on finishing, either `wakes` is scheduled (an awaiting
  // task's __wakeup) or `call` is queued with call_soon.
  struct DoneCallback {
    TaskBase* wakes = nullptr;
    Callback call;
  };
  void add_done_callback(DoneCallback cb) {
    if (!has_first_done_) {
      first_done_ = cb;
      has_first_done_ = true;
    } else {
      more_done_.push_back(cb);
    }
  }
  // True if it was still registered (not yet queued by the task finishing).
  bool remove_done_callback(const DoneCallback& cb);
  // asyncio's Task.__step.
  void step();
  static void step_thunk(void* self, std::uintptr_t) { static_cast<TaskBase*>(self)->step(); }
  void mark_retrieved() { retrieved_ = true; }
  std::uint32_t line() const { return line_; }
  void set_line(std::uint32_t line) { line_ = line; }
  std::size_t live_index = 0;  // position in the loop's list of unfinished tasks

  void retain() { ++refs_; }
  void release() {
    if (--refs_ == 0) delete this;
  }

 protected:
  void finish(TaskState how);
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
  bool has_first_done_ = false;
  std::vector<DoneCallback> more_done_;
  TaskId id_ = 0;
  std::uint32_t refs_ = 0;
  std::uint32_t line_ = 0;
  TaskState finished_ = TaskState::ready;  // ready: not finished; else done/failed/cancelled
  bool started_ = false;
  bool must_cancel_ = false;
  bool retrieved_ = false;
};

// Awaiting another task: wakes when it finishes (one loop iteration later, as in asyncio).
class TaskWait final : public WaitSite {
 public:
  explicit TaskWait(TaskBase& target) : target_(&target) {}
  bool await_ready() const noexcept { return target_->done(); }
  void await_suspend(coro::coroutine_handle<> h);
  // Raises the pending cancellation, if the awaiting task suspended here.
  void check_cancelled() const;
  void cancel_wait(TaskBase& task) override;

 private:
  TaskBase* target_;
  TaskBase* waiter_ = nullptr;
};

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
  bool cancel() { return base_->cancel(); }
  std::exception_ptr exception() const { return base_->exception(); }

  // Task.result(): the value, or rethrows what the task raised (CancelledError if cancelled).
  T result() const {
    if (!base_->done()) throw InvalidStateError("Result is not set.");
    base_->mark_retrieved();
    return promise().peek();
  }

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

// --- EventLoop's templates ---

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
