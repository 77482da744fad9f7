// asyncio.gather: wraps each coroutine in a task at once (in argument order), then waits
// for all of them. Results come back in argument order. Without return_exceptions the first
// exception (or cancellation) of a child propagates to the awaiter while the other children
// keep running; with it, every child's outcome is returned. Cancelling the awaiter cancels
// the children. Timing follows asyncio: a child's done callback runs one iteration after it
// finishes, and the awaiter wakes one iteration after the gather completes.
#pragma once

#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "looplab/task.hpp"

namespace looplab {

// One child's outcome under return_exceptions: a value or the exception it raised.
template <class T> struct Outcome {
  std::optional<ValueOf<T>> value;
  std::exception_ptr error;

  bool ok() const { return !error; }
  bool cancelled() const { return is_cancellation(error); }
  std::string error_text() const { return looplab::error_text(error); }
  ValueOf<T> get() const {
    if (error) std::rethrow_exception(error);
    return *value;
  }
};

namespace detail {

// asyncio's _GatheringFuture together with gather()'s _done_callback.
class GatherState final : public WaitSite {
 public:
  GatherState(EventLoop& loop, std::vector<TaskBase*> children, bool return_exceptions);
  ~GatherState();
  GatherState(const GatherState&) = delete;
  GatherState& operator=(const GatherState&) = delete;
  void retain() { ++refs_; }
  void release() {
    if (--refs_ == 0) delete this;
  }

  bool done() const { return done_; }
  bool await_ready() const noexcept { return done_; }
  void await_suspend(coro::coroutine_handle<> h);
  // Rethrows the propagated exception (or CancelledError) once done.
  void check_outcome();
  void cancel_wait(TaskBase& task) override;
  void detach(TaskBase& task) override;
  // _GatheringFuture.cancel(msg): cancels every unfinished child.
  bool cancel(std::optional<std::string> msg = std::nullopt);

 private:
  // `child`: the TaskBase* that finished (a pointer, so the loop can prefetch it).
  static void child_done(void* self, std::uintptr_t child);
  void complete(std::exception_ptr error);

  EventLoop* loop_;
  std::vector<TaskBase*> children_;
  std::size_t finished_ = 0;
  bool return_exceptions_;
  bool done_ = false;
  bool cancel_requested_ = false;
  bool detached_ = false;
  std::exception_ptr error_;
  TaskBase* waiter_ = nullptr;
  ObjectId object_;  // this gather() in the trace
  std::uint32_t refs_ = 0;
};

template <class T> Task<T> as_task(Coro<T>&& coro) { return running_loop().create_task(std::move(coro)); }
template <class T> Task<T> as_task(Task<T> task) { return task; }

template <class T> ValueOf<T> value_of(const Task<T>& task) {
  if constexpr (std::is_void_v<T>) {
    task.result();
    return Void{};
  } else {
    return task.result();
  }
}

template <class T> Outcome<T> outcome_of(const Task<T>& task) {
  Outcome<T> out;
  // A cancelled child's outcome is a CancelledError, as gather(return_exceptions=True) gives.
  out.error = task.cancelled() ? task.base()->take_cancelled_error() : task.exception();
  if (!out.error) out.value = value_of(task);
  return out;
}

// The awaitable every gather returns; `Collect` turns the finished children into results.
template <class Children, class Result, Result (*Collect)(const Children&)> class GatherAwaitable {
 public:
  GatherAwaitable(Children children, std::vector<TaskBase*> bases, bool return_exceptions)
      : children_(std::move(children)),
        state_(new GatherState(running_loop(), std::move(bases), return_exceptions)) {
    state_->retain();
  }
  GatherAwaitable(GatherAwaitable&& o) noexcept
      : children_(std::move(o.children_)), state_(std::exchange(o.state_, nullptr)) {}
  GatherAwaitable(const GatherAwaitable&) = delete;
  GatherAwaitable& operator=(const GatherAwaitable&) = delete;
  ~GatherAwaitable() {
    if (state_) state_->release();
  }
  bool done() const { return state_->done(); }
  bool cancel(std::optional<std::string> msg = std::nullopt) { return state_->cancel(std::move(msg)); }
  const Children& children() const { return children_; }

  bool await_ready() const noexcept { return state_->await_ready(); }
  void await_suspend(coro::coroutine_handle<> h) { state_->await_suspend(h); }
  Result await_resume() {
    state_->check_outcome();
    return Collect(children_);
  }

 private:
  Children children_;
  GatherState* state_;
};

template <class... Ts> std::tuple<ValueOf<Ts>...> collect_values(const std::tuple<Task<Ts>...>& tasks) {
  return std::apply([](const auto&... t) { return std::tuple<ValueOf<Ts>...>(value_of(t)...); }, tasks);
}
template <class... Ts> std::tuple<Outcome<Ts>...> collect_outcomes(const std::tuple<Task<Ts>...>& tasks) {
  return std::apply([](const auto&... t) { return std::tuple<Outcome<Ts>...>(outcome_of(t)...); }, tasks);
}
template <class T> std::vector<ValueOf<T>> collect_value_list(const std::vector<Task<T>>& tasks) {
  std::vector<ValueOf<T>> out;
  out.reserve(tasks.size());
  for (const auto& t : tasks) out.push_back(value_of(t));
  return out;
}
template <class T> std::vector<Outcome<T>> collect_outcome_list(const std::vector<Task<T>>& tasks) {
  std::vector<Outcome<T>> out;
  out.reserve(tasks.size());
  for (const auto& t : tasks) out.push_back(outcome_of(t));
  return out;
}

template <class T> struct TaskOf;
template <class T> struct TaskOf<Coro<T>> { using type = T; };
template <class T> struct TaskOf<Task<T>> { using type = T; };
template <class A> using ResultTypeOf = typename TaskOf<std::decay_t<A>>::type;

template <class... Ts> std::vector<TaskBase*> bases_of(const std::tuple<Task<Ts>...>& tasks) {
  return std::apply([](const auto&... t) { return std::vector<TaskBase*>{t.base()...}; }, tasks);
}
template <class T> std::vector<TaskBase*> bases_of(const std::vector<Task<T>>& tasks) {
  std::vector<TaskBase*> out;
  out.reserve(tasks.size());
  for (const auto& t : tasks) out.push_back(t.base());
  return out;
}

template <class... Ts>
using GatherTuple = GatherAwaitable<std::tuple<Task<Ts>...>, std::tuple<ValueOf<Ts>...>, &collect_values<Ts...>>;
template <class... Ts>
using GatherTupleOutcomes =
    GatherAwaitable<std::tuple<Task<Ts>...>, std::tuple<Outcome<Ts>...>, &collect_outcomes<Ts...>>;
template <class T>
using GatherList = GatherAwaitable<std::vector<Task<T>>, std::vector<ValueOf<T>>, &collect_value_list<T>>;
template <class T>
using GatherListOutcomes = GatherAwaitable<std::vector<Task<T>>, std::vector<Outcome<T>>, &collect_outcome_list<T>>;

template <class T, class A> std::vector<Task<T>> tasks_of(std::vector<A>&& items) {
  std::vector<Task<T>> tasks;
  tasks.reserve(items.size());
  for (auto& a : items) tasks.push_back(as_task(std::move(a)));
  return tasks;
}

}  // namespace detail

// gather(a(), b(), task_c): awaiting gives std::tuple of the results (Void for void).
template <class... As> auto gather(As&&... aws) {
  std::tuple<Task<detail::ResultTypeOf<As>>...> tasks{detail::as_task(std::forward<As>(aws))...};
  auto bases = detail::bases_of(tasks);
  return detail::GatherTuple<detail::ResultTypeOf<As>...>(std::move(tasks), std::move(bases), false);
}
// gather(*items): a list of coroutines or tasks; awaiting gives a std::vector of results.
template <class T> auto gather(std::vector<Coro<T>> items) {
  auto tasks = detail::tasks_of<T>(std::move(items));
  auto bases = detail::bases_of(tasks);
  return detail::GatherList<T>(std::move(tasks), std::move(bases), false);
}
template <class T> auto gather(std::vector<Task<T>> tasks) {
  auto bases = detail::bases_of(tasks);
  return detail::GatherList<T>(std::move(tasks), std::move(bases), false);
}
// gather(..., return_exceptions=True): every child's Outcome, none thrown.
template <class... As> auto gather_return_exceptions(As&&... aws) {
  std::tuple<Task<detail::ResultTypeOf<As>>...> tasks{detail::as_task(std::forward<As>(aws))...};
  auto bases = detail::bases_of(tasks);
  return detail::GatherTupleOutcomes<detail::ResultTypeOf<As>...>(std::move(tasks), std::move(bases), true);
}
template <class T> auto gather_return_exceptions(std::vector<Coro<T>> items) {
  auto tasks = detail::tasks_of<T>(std::move(items));
  auto bases = detail::bases_of(tasks);
  return detail::GatherListOutcomes<T>(std::move(tasks), std::move(bases), true);
}
template <class T> auto gather_return_exceptions(std::vector<Task<T>> tasks) {
  auto bases = detail::bases_of(tasks);
  return detail::GatherListOutcomes<T>(std::move(tasks), std::move(bases), true);
}

}  // namespace looplab
