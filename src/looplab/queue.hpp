// asyncio.Queue: FIFO with an optional maxsize. put() on a full queue and get() on an empty
// one wait (back-pressure); a woken waiter re-checks in a loop, as in CPython, so another
// task may take the slot first. put()/get() that need not wait do not yield to the loop.
#pragma once

#include <cstddef>
#include <deque>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "looplab/event.hpp"
#include "looplab/waiter_list.hpp"

namespace looplab {

template <class T> class Queue {
 public:
  // maxsize 0: unbounded.
  explicit Queue(std::size_t maxsize = 0, std::string_view name = "queue")
      : maxsize_(maxsize),
        object_(running_loop().register_object(ObjectKind::queue, name)),
        finished_(TaskState::waiting_queue, object_) {
    finished_.set();
  }

  std::size_t qsize() const { return items_.size(); }
  std::size_t maxsize() const { return maxsize_; }
  bool empty() const { return items_.empty(); }
  bool full() const { return maxsize_ > 0 && items_.size() >= maxsize_; }
  ObjectId object() const { return object_; }

  void put_nowait(T item) {
    if (full()) throw QueueFull();
    items_.push_back(std::move(item));
    ++unfinished_;
    finished_.clear();
    getters_.pop_and_wake_next(WakeCause::queue, running_loop().current_task_id());
  }
  T get_nowait() {
    if (empty()) throw QueueEmpty();
    T item = std::move(items_.front());
    items_.pop_front();
    putters_.pop_and_wake_next(WakeCause::queue, running_loop().current_task_id());
    return item;
  }
  // Throws std::logic_error ("task_done() called too many times"), as Python's ValueError.
  void task_done() {
    if (unfinished_ == 0) throw std::logic_error("task_done() called too many times");
    if (--unfinished_ == 0) finished_.set();
  }
  // Waits until every item put has been marked task_done().
  Event::Wait join() { return finished_.wait(); }

  class Put {
   public:
    Put(Queue& q, T item) : q_(&q), item_(std::move(item)) {}
    bool await_ready() {
      if (q_->full()) return false;
      q_->put_nowait(std::move(*item_));
      return true;
    }
    coro::coroutine_handle<> await_suspend(coro::coroutine_handle<> h) {
      slow_ = q_->put_slowly(std::move(*item_));
      awaiter_.emplace(slow_.operator co_await());
      return awaiter_->await_suspend(h);
    }
    void await_resume() {
      if (awaiter_) awaiter_->await_resume();
    }

   private:
    Queue* q_;
    std::optional<T> item_;
    Coro<void> slow_;
    std::optional<typename Coro<void>::Awaiter> awaiter_;
  };

  class Get {
   public:
    explicit Get(Queue& q) : q_(&q) {}
    bool await_ready() {
      if (q_->empty()) return false;
      item_.emplace(q_->get_nowait());
      return true;
    }
    coro::coroutine_handle<> await_suspend(coro::coroutine_handle<> h) {
      slow_ = q_->get_slowly();
      awaiter_.emplace(slow_.operator co_await());
      return awaiter_->await_suspend(h);
    }
    T await_resume() {
      if (awaiter_) return awaiter_->await_resume();
      return std::move(*item_);
    }

   private:
    Queue* q_;
    std::optional<T> item_;
    Coro<T> slow_;
    std::optional<typename Coro<T>::Awaiter> awaiter_;
  };

  Put put(T item) { return Put(*this, std::move(item)); }
  Get get() { return Get(*this); }

 private:
  // Queue.put's `while self.full()` loop, taken only when the queue is full.
  LOOPLAB_WASM_EH_SAFE Coro<void> put_slowly(T item) {
    while (full()) {
      Waiter putter(TaskState::waiting_queue, object_);
      putters_.push(putter);
      std::exception_ptr error;
      try {
        co_await putter;
      } catch (...) {
        error = std::current_exception();
      }
      if (error) {
        // `except: putter.cancel(); self._putters.remove(putter); ...; raise`
        putter.cancel();
        putters_.remove(putter);
        if (!full() && !putter.cancelled())
          putters_.pop_and_wake_next(WakeCause::queue, running_loop().current_task_id());
        std::rethrow_exception(error);
      }
    }
    put_nowait(std::move(item));
  }
  LOOPLAB_WASM_EH_SAFE Coro<T> get_slowly() {
    while (empty()) {
      Waiter getter(TaskState::waiting_queue, object_);
      getters_.push(getter);
      std::exception_ptr error;
      try {
        co_await getter;
      } catch (...) {
        error = std::current_exception();
      }
      if (error) {
        getter.cancel();
        getters_.remove(getter);
        if (!empty() && !getter.cancelled())
          getters_.pop_and_wake_next(WakeCause::queue, running_loop().current_task_id());
        std::rethrow_exception(error);
      }
    }
    co_return get_nowait();
  }

  std::size_t maxsize_;
  ObjectId object_;
  std::deque<T> items_;
  WaiterList putters_;
  WaiterList getters_;
  std::size_t unfinished_ = 0;
  Event finished_;
};

}  // namespace looplab
