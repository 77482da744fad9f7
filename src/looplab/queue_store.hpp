// How the asyncio queues keep their items: FIFO (Queue), LIFO (LifoQueue) and a binary
// min-heap (PriorityQueue). The heap is CPython's heapq algorithm step for step, so items
// that compare equal come out in the same order as on CPython.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <utility>
#include <vector>

namespace looplab::detail {

template <class T> class FifoStore {
 public:
  static constexpr const char* kind = "queue";
  void push(T item) {
    items_.push_back(std::move(item));
    ++size_;
  }
  T pop() {
    T item = std::move(items_.front());
    items_.pop_front();
    --size_;
    return item;
  }
  // Counted here: std::deque::size() walks its node map, and full()/empty() ask on every
  // put and get.
  std::size_t size() const { return size_; }

 private:
  std::deque<T> items_;
  std::size_t size_ = 0;
};

template <class T> class LifoStore {
 public:
  static constexpr const char* kind = "LifoQueue";
  void push(T item) { items_.push_back(std::move(item)); }
  T pop() {
    T item = std::move(items_.back());
    items_.pop_back();
    return item;
  }
  std::size_t size() const { return items_.size(); }

 private:
  std::vector<T> items_;
};

// heapq.heappush / heappop with `Less` as Python's `<`.
template <class T, class Less = std::less<T>> class HeapStore {
 public:
  static constexpr const char* kind = "PriorityQueue";
  void push(T item) {
    heap_.push_back(std::move(item));
    sift_down(0, heap_.size() - 1);
  }
  T pop() {
    T last = std::move(heap_.back());
    heap_.pop_back();
    if (heap_.empty()) return last;
    T top = std::move(heap_.front());
    heap_.front() = std::move(last);
    sift_up(0);
    return top;
  }
  std::size_t size() const { return heap_.size(); }

 private:
  // heapq._siftdown: move the item at `pos` up towards `start` while it is smaller.
  void sift_down(std::size_t start, std::size_t pos) {
    T item = std::move(heap_[pos]);
    while (pos > start) {
      const std::size_t parent = (pos - 1) >> 1;
      if (!less_(item, heap_[parent])) break;
      heap_[pos] = std::move(heap_[parent]);
      pos = parent;
    }
    heap_[pos] = std::move(item);
  }
  // heapq._siftup: walk the smaller child down to a leaf, then sift the item back up.
  void sift_up(std::size_t pos) {
    const std::size_t end = heap_.size();
    const std::size_t start = pos;
    T item = std::move(heap_[pos]);
    std::size_t child = 2 * pos + 1;
    while (child < end) {
      const std::size_t right = child + 1;
      if (right < end && !less_(heap_[child], heap_[right])) child = right;
      heap_[pos] = std::move(heap_[child]);
      pos = child;
      child = 2 * pos + 1;
    }
    heap_[pos] = std::move(item);
    sift_down(start, pos);
  }
  std::vector<T> heap_;
  Less less_;
};

}  // namespace looplab::detail
