// asyncio's `_ready` deque: a FIFO ring buffer of callbacks that grows by doubling, so
// steady-state scheduling never allocates.
#pragma once

#include <cstddef>
#include <vector>

#include "looplab/callback.hpp"

namespace looplab {

class ReadyQueue {
 public:
  explicit ReadyQueue(std::size_t capacity = 1024) {
    std::size_t c = 16;
    while (c < capacity) c *= 2;
    ring_.resize(c);
    mask_ = c - 1;
  }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  void push(const Callback& cb) {
    if (size_ == ring_.size()) grow();
    ring_[(head_ + size_) & mask_] = cb;
    ++size_;
  }
  Callback pop() {
    Callback cb = ring_[head_];
    head_ = (head_ + 1) & mask_;
    --size_;
    return cb;
  }
  void clear() { head_ = size_ = 0; }
  // Starts fetching what the i-th callback from the front will touch: its object and, by
  // convention, the pointer in `arg` (a task's step carries the frame it resumes). With
  // fewer than i + 1 queued it fetches a stale entry's, harmless (a prefetch never faults).
  // Always inlined: GCC 12 takes a function that only prefetches for one without effects
  // and deletes the call (measured: no prefetch left in run_once).
  [[gnu::always_inline]] void prefetch(std::size_t i) const {
    const Callback& cb = ring_[(head_ + i) & mask_];
    __builtin_prefetch(cb.self);
    __builtin_prefetch(reinterpret_cast<const void*>(cb.arg));
  }
  // The i-th callback from the front (0: runs next).
  const Callback& at(std::size_t i) const { return ring_[(head_ + i) & mask_]; }

 private:
  [[gnu::noinline]] void grow() {
    std::vector<Callback> bigger(ring_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = at(i);
    ring_.swap(bigger);
    mask_ = ring_.size() - 1;
    head_ = 0;
  }
  std::vector<Callback> ring_;
  std::size_t mask_ = 0;  // capacity - 1: the capacity is a power of two
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace looplab
