// asyncio.Queue: FIFO with an optional maxsize. put() on a full queue and get() on an empty
// one wait (back-pressure); a woken waiter re-checks in a loop, as in CPython, so another
// task may take the slot first. put()/get() that need not wait do not yield to the loop.
// LifoQueue and PriorityQueue (smallest first, by `<`) are the same queue with another
// store (queue_store.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <utility>

#include "looplab/event.hpp"
#include "looplab/queue_store.hpp"
#include "looplab/waiter_list.hpp"

namespace looplab {

template <class T, class Store> class BasicQueue {
 public:
  // maxsize 0: unbounded.
  explicit BasicQueue(std::size_t maxsize = 0, std::string_view name = Store::kind)
      : maxsize_(maxsize),
        object_(running_loop().register_object(ObjectKind::queue, name)),
        finished_(TaskState::waiting_queue, object_) {
    finished_.set();
  }

  std::size_t qsize() const { return items_.size(); }
  std::size_t maxsize() const { return maxsize_; }
  bool empty() const { return items_.size() == 0; }
  bool full() const { return maxsize_ > 0 && items_.size() >= maxsize_; }
  ObjectId object() const { return object_; }

  void put_nowait(T item) {
    if (full()) throw QueueFull();
    items_.push(std::move(item));
    ++unfinished_;
    finished_.clear();
    getters_.pop_and_wake_next(WakeCause::queue, running_loop().current_task_id());
  }
  T get_nowait() {
    if (empty()) throw QueueEmpty();
    T item = items_.pop();
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
    Put(BasicQueue& q, T item) : q_(&q), item_(std::move(item)) {}
    bool await_ready() {
      if (q_->full()) return false;
      q_->put_nowait(std::move(*item_));
      return true;
    }
    // Queue.put's `while self.full()` loop, taken only when the queue is full.
    coro::coroutine_handle<> await_suspend(coro::coroutine_handle<> h) {
      BasicQueue* q = q_;
      slow_ = wait_in_line(q->putters_, [q] { return !q->full(); }, LineWait{TaskState::waiting_queue, q->object_});
      awaiter_.emplace(slow_.operator co_await());
      return awaiter_->await_suspend(h);
    }
    void await_resume() {
      if (!awaiter_) return;
      awaiter_->await_resume();
      q_->put_nowait(std::move(*item_));
    }

   private:
    BasicQueue* q_;
    std::optional<T> item_;
    Coro<void> slow_;
    std::optional<typename Coro<void>::Awaiter> awaiter_;
  };

  class Get {
   public:
    explicit Get(BasicQueue& q) : q_(&q) {}
    bool await_ready() {
      if (q_->empty()) return false;
      item_.emplace(q_->get_nowait());
      return true;
    }
    // Queue.get's `while self.empty()` loop, taken only when the queue is empty.
    coro::coroutine_handle<> await_suspend(coro::coroutine_handle<> h) {
      BasicQueue* q = q_;
      slow_ = wait_in_line(q->getters_, [q] { return !q->empty(); }, LineWait{TaskState::waiting_queue, q->object_});
      awaiter_.emplace(slow_.operator co_await());
      return awaiter_->await_suspend(h);
    }
    T await_resume() {
      if (!awaiter_) return std::move(*item_);
      awaiter_->await_resume();
      return q_->get_nowait();
    }

   private:
    BasicQueue* q_;
    std::optional<T> item_;
    Coro<void> slow_;
    std::optional<typename Coro<void>::Awaiter> awaiter_;
  };

  Put put(T item) { return Put(*this, std::move(item)); }
  Get get() { return Get(*this); }

 private:
  std::size_t maxsize_;
  ObjectId object_;
  Store items_;
  WaiterList putters_;
  WaiterList getters_;
  std::size_t unfinished_ = 0;
  Event finished_;
};

template <class T> using Queue = BasicQueue<T, detail::FifoStore<T>>;
template <class T> using LifoQueue = BasicQueue<T, detail::LifoStore<T>>;
template <class T, class Less = std::less<T>> using PriorityQueue = BasicQueue<T, detail::HeapStore<T, Less>>;

}  // namespace looplab
