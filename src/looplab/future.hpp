// asyncio.Future, as scenario code makes one with loop.create_future(): a result (or an
// exception, or a cancellation) that arrives later. Any number of tasks may await it;
// done callbacks and the awaiting tasks are called back in the order they were added, one
// loop turn after it completes, as in CPython. Cancelling a task that awaits a future
// cancels the future itself (Task.cancel cancels what the task waits on).
//
//   Future<std::string> fut = create_future<std::string>("reply");
//   fut.add_done_callback([](Future<std::string>& f) { print(f.result()); });
//   co_await sleep(1); fut.set_result("ready");       // elsewhere: co_await fut
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "looplab/task.hpp"

namespace looplab {

namespace detail {

class FutureWait;

// What every Future<T> handle of one future shares (reference-counted).
class FutureCore {
 public:
  FutureCore(EventLoop& loop, std::string_view name);
  virtual ~FutureCore() = default;
  void retain() { ++refs_; }
  void release() {
    if (--refs_ == 0) delete this;
  }

  EventLoop& loop() const { return *loop_; }
  ObjectId object() const { return object_; }
  bool done() const { return status_ != Status::pending; }
  bool cancelled() const { return status_ == Status::cancelled; }
  // Throws InvalidStateError unless pending (Future.set_result on a done future).
  void mark_finished(std::exception_ptr error);
  bool cancel(std::optional<std::string> msg);
  // Rethrows the exception or the CancelledError(msg); InvalidStateError if not done.
  void check_result();
  std::exception_ptr exception();

  // The callbacks, in the order added: a waiting task or a loop handle.
  void add_wait(FutureWait& wait) { callbacks_.push_back(Entry{&wait, 0}); }
  void remove_wait(FutureWait& wait);
  void add_handle(std::uint32_t id);
  std::size_t remove_handle(std::uint32_t id);

 private:
  enum class Status : std::uint8_t { pending, finished, cancelled };
  struct Entry {
    FutureWait* wait;
    std::uint32_t handle;
  };
  void schedule_callbacks();

  EventLoop* loop_;
  ObjectId object_;
  Status status_ = Status::pending;
  std::exception_ptr error_;
  std::optional<std::string> cancel_message_;
  std::uint32_t resolver_ = 0;  // the task that completed it, for the wake-up arrows
  std::vector<Entry> callbacks_;
  std::uint32_t refs_ = 0;
};

template <class T> class FutureState final : public FutureCore {
 public:
  using FutureCore::FutureCore;
  std::optional<ValueOf<T>> value;
};

// One task awaiting a future.
class FutureWait final : public WaitSite {
 public:
  explicit FutureWait(FutureCore& core) : core_(&core) {}
  void await_suspend(coro::coroutine_handle<> h);
  // Raises the task's own pending cancellation, else the future's outcome.
  void await_resume();
  void cancel_wait(TaskBase& task) override;
  void detach(TaskBase& task) override;
  // The future completed: this task's __wakeup (`detail`: the future, or for a
  // cancellation the message's StringId, 0 without one).
  void wake(WakeCause cause, std::uint32_t by, std::uint32_t detail);

 private:
  FutureCore* core_;
  TaskBase* task_ = nullptr;
  bool registered_ = false;
};

}  // namespace detail

template <class T = void> class Future {
 public:
  using State = detail::FutureState<T>;

  Future() = default;
  explicit Future(State* state) : state_(state) {
    if (state_) state_->retain();
  }
  Future(const Future& o) : Future(o.state_) {}
  Future(Future&& o) noexcept : state_(std::exchange(o.state_, nullptr)) {}
  Future& operator=(Future o) noexcept {
    std::swap(state_, o.state_);
    return *this;
  }
  ~Future() {
    if (state_) state_->release();
  }
  explicit operator bool() const { return state_ != nullptr; }

  bool done() const { return state_->done(); }
  bool cancelled() const { return state_->cancelled(); }
  ObjectId object() const { return state_->object(); }

  // Future.set_result / set_exception: InvalidStateError if it is already done.
  template <class U = T, class = std::enable_if_t<!std::is_void_v<U>>> void set_result(U value) {
    if (state_->done()) throw InvalidStateError("invalid state: the future is already done");
    state_->value.emplace(std::move(value));
    state_->mark_finished(nullptr);
  }
  template <class U = T, class = std::enable_if_t<std::is_void_v<U>>> void set_result() {
    if (state_->done()) throw InvalidStateError("invalid state: the future is already done");
    state_->value.emplace();
    state_->mark_finished(nullptr);
  }
  void set_exception(std::exception_ptr error) { state_->mark_finished(std::move(error)); }
  template <class E> void set_exception(E error) { set_exception(std::make_exception_ptr(std::move(error))); }
  // Future.cancel(msg): false if already done.
  bool cancel(std::optional<std::string> msg = std::nullopt) { return state_->cancel(std::move(msg)); }

  // Future.result(): the value, or rethrows (CancelledError(msg) if cancelled);
  // InvalidStateError if not done yet.
  ValueOf<T> result() const {
    state_->check_result();
    return *state_->value;
  }
  // Future.exception(): null if it has a value; CancelledError if cancelled.
  std::exception_ptr exception() const { return state_->exception(); }

  // fn(future) runs on the loop, outside any task, one turn after the future completes (or
  // one turn from now, if it has).
  template <class F> DoneCallbackId add_done_callback(F fn) {
    Future self = *this;
    const std::uint32_t id =
        state_->loop().add_handle([self, fn = std::move(fn)]() mutable { fn(self); }, "done callback");
    state_->add_handle(id);
    return id;
  }
  std::size_t remove_done_callback(DoneCallbackId id) { return state_->remove_handle(id); }

  struct Awaiter {
    Future future;
    detail::FutureWait wait;
    bool await_ready() const noexcept { return future.done(); }
    void await_suspend(coro::coroutine_handle<> h) { wait.await_suspend(h); }
    ValueOf<T> await_resume() {
      wait.await_resume();  // the task's own cancellation, or the future's exception
      return *future.state_->value;
    }
  };
  Awaiter operator co_await() const { return Awaiter{*this, detail::FutureWait(*state_)}; }

 private:
  State* state_ = nullptr;
};

// loop.create_future(): a pending future on the running loop, named in the trace.
template <class T = void> Future<T> create_future(std::string_view name = "future") {
  return Future<T>(new detail::FutureState<T>(running_loop(), name));
}

}  // namespace looplab
