// asyncio.as_completed(tasks, timeout=...): results in the order the tasks finish. Each
// element is a coroutine to await; it gives the next finished task's result (or raises
// its exception), or raises TimeoutError once the timeout has passed. As in CPython, a
// finished task's done callback puts it in a queue the awaiting coroutine reads, so a
// result arrives two turns after its task finishes, and at once if one is waiting already.
//
//   for (auto next : as_completed(tasks)) print(std::to_string(co_await next));
#pragma once

#include <cstddef>
#include <deque>
#include <utility>
#include <vector>

#include "looplab/wait.hpp"
#include "looplab/waiter_list.hpp"

namespace looplab {

namespace detail {

// as_completed's `todo` set, `done` queue and timeout, shared with the tasks' callbacks.
class AsCompletedState {
 public:
  AsCompletedState(EventLoop& loop, std::vector<TaskBase*> tasks, double timeout);
  ~AsCompletedState();
  AsCompletedState(const AsCompletedState&) = delete;
  AsCompletedState& operator=(const AsCompletedState&) = delete;
  void retain() { ++refs_; }
  void release() {
    if (--refs_ == 0) delete this;
  }
  std::size_t count() const { return count_; }
  // _wait_for_one: waits for the next finished task (null: the timeout passed).
  Coro<TaskBase*> next_done();

 private:
  static void on_completion(void* self, std::uintptr_t index);
  static void on_timeout(void* self, std::uintptr_t);
  TaskBase::DoneCallback callback(std::size_t i) { return {nullptr, Callback{&on_completion, this, i}}; }
  void put(TaskBase* task);

  EventLoop* loop_;
  std::vector<TaskBase*> tasks_;
  std::vector<bool> todo_;
  std::size_t todo_count_;
  std::size_t count_;
  std::deque<TaskBase*> done_;
  WaiterList getters_;
  ObjectId object_;
  TimerId timer_;
  bool has_timer_ = false;
  std::uint32_t refs_ = 1;
};

}  // namespace detail

template <class T> class AsCompleted {
 public:
  AsCompleted(std::vector<Task<T>> tasks, double timeout) {
    std::vector<TaskBase*> bases;
    for (const auto& t : tasks) bases.push_back(t.base());
    state_ = new detail::AsCompletedState(running_loop(), std::move(bases), timeout);
  }
  AsCompleted(AsCompleted&& o) noexcept : state_(std::exchange(o.state_, nullptr)) {}
  AsCompleted(const AsCompleted&) = delete;
  AsCompleted& operator=(const AsCompleted&) = delete;
  ~AsCompleted() {
    if (state_) state_->release();
  }

  // How many results it will give (the number of distinct tasks).
  std::size_t size() const { return state_->count(); }
  // The next result, as a coroutine to await.
  Coro<T> next() { return next_of(Shared(state_)); }

  // `for (auto next : as_completed(...))` yields size() coroutines.
  class iterator {
   public:
    iterator(AsCompleted* owner, std::size_t i) : owner_(owner), i_(i) {}
    Coro<T> operator*() const { return owner_->next(); }
    iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const iterator& o) const { return i_ != o.i_; }

   private:
    AsCompleted* owner_;
    std::size_t i_;
  };
  iterator begin() { return iterator(this, 0); }
  iterator end() { return iterator(this, size()); }

 private:
  // A reference to the state that lives as long as the coroutine frame holding it.
  class Shared {
   public:
    explicit Shared(detail::AsCompletedState* s) : s_(s) { s_->retain(); }
    Shared(Shared&& o) noexcept : s_(std::exchange(o.s_, nullptr)) {}
    Shared(const Shared&) = delete;
    ~Shared() {
      if (s_) s_->release();
    }
    detail::AsCompletedState* operator->() const { return s_; }

   private:
    detail::AsCompletedState* s_;
  };
  static Coro<T> next_of(Shared state) {
    TaskBase* finished = co_await state->next_done();
    if (finished == nullptr) throw TimeoutError();
    co_return Task<T>(finished).result();
  }
  detail::AsCompletedState* state_;
};

template <class T> AsCompleted<T> as_completed(std::vector<Task<T>> tasks, double timeout = kNoTimeout) {
  return AsCompleted<T>(std::move(tasks), timeout);
}
// Coroutines become tasks at once, in order (CPython makes them in the order of a set).
template <class T> AsCompleted<T> as_completed(std::vector<Coro<T>> coros, double timeout = kNoTimeout) {
  std::vector<Task<T>> tasks;
  for (auto& c : coros) tasks.push_back(running_loop().create_task(std::move(c)));
  return AsCompleted<T>(std::move(tasks), timeout);
}

}  // namespace looplab
