// asyncio's `_scheduled`: a heap of timers ordered by deadline. Cancelled timers stay
// in the heap until they reach the top, as in CPython. Equal deadlines pop in the order they
// were scheduled: CPython leaves that order undefined, so lessons must not depend on it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "looplab/callback.hpp"

namespace looplab {

struct TimerId {
  std::uint32_t slot = 0;  // 0: no timer
  std::uint32_t generation = 0;
};

class TimerHeap {
 public:
  TimerHeap() {
    slots_.push_back(Slot{});
    armed_flags_.push_back(0);
  }

  TimerId push(double when, Callback cb) {
    std::uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{});
      armed_flags_.push_back(0);
    }
    Slot& s = slots_[slot];
    armed_flags_[slot] = 1;
    s.cb = cb;
    heap_.push_back(Entry{when, next_seq_++, slot});
    sift_up(heap_.size() - 1);
    ++armed_;
    return TimerId{slot, s.generation};
  }

  // Cancelling a timer that already fired (or was cancelled) is harmless. Returns true if
  // the timer was still armed: its callback will not run.
  bool cancel(TimerId id) {
    if (id.slot == 0 || id.slot >= slots_.size()) return false;
    if (slots_[id.slot].generation != id.generation || !armed_flags_[id.slot]) return false;
    armed_flags_[id.slot] = 0;
    --armed_;
    return true;
  }

  bool empty() {
    prune();
    return heap_.empty();
  }
  std::size_t armed() const { return armed_; }

  double next_deadline() {
    prune();
    return heap_.empty() ? std::numeric_limits<double>::infinity() : heap_.front().when;
  }

  // Pops the earliest armed timer if its deadline is <= `now`; `popped`, if given, gets the
  // slot of the TimerId it had (so the trace can say which timer fell due).
  bool pop_due(double now, Callback& out, std::uint32_t* popped = nullptr) {
    prune();
    if (heap_.empty() || heap_.front().when > now) return false;
    const std::uint32_t slot = heap_.front().slot;
    remove_top();
    out = slots_[slot].cb;
    if (popped != nullptr) *popped = slot;
    retire(slot);
    --armed_;
    // The next timer to fire is known now: start fetching its slot, which with many timers
    // is cold (slots are in arming order, not deadline order). Only the slot: reading it
    // here to fetch what its callback touches stalled every pop on that miss; the loop
    // fetches those a few callbacks ahead of running them (ReadyQueue::prefetch).
    if (!heap_.empty()) __builtin_prefetch(&slots_[heap_.front().slot]);
    return true;
  }

 private:
  // 16 bytes, so a heap of 100,000 timers stays cache-friendly; the callback waits in its slot.
  struct Entry {
    double when;
    std::uint32_t seq;  // ties broken by scheduling order (wrap-around safe, see Later)
    std::uint32_t slot;
  };
  struct Slot {
    Callback cb;
    std::uint32_t generation = 0;
  };
  static bool earlier(const Entry& a, const Entry& b) {
    return a.when < b.when || (a.when == b.when && static_cast<std::int32_t>(a.seq - b.seq) < 0);
  }
  // A 4-ary heap: a node's four children share one cache line, so a pop from 100,000 timers
  // touches half as many lines as a binary heap does.
  static constexpr std::size_t kArity = 4;
  void sift_up(std::size_t i) {
    const Entry e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!earlier(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  void remove_top() {
    const Entry last = heap_.back();
    heap_.pop_back();
    const std::size_t n = heap_.size();
    if (n == 0) return;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = kArity * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (earlier(heap_[c], heap_[best])) best = c;
      if (!earlier(heap_[best], last)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = last;
  }

  void retire(std::uint32_t slot) {
    armed_flags_[slot] = 0;
    ++slots_[slot].generation;
    free_.push_back(slot);
  }
  void prune() {
    while (!heap_.empty() && !armed_flags_[heap_.front().slot]) {
      retire(heap_.front().slot);
      remove_top();
    }
  }

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint8_t> armed_flags_;  // apart from the slots: pruning reads only these
  std::vector<std::uint32_t> free_;
  std::uint32_t next_seq_ = 0;
  std::size_t armed_ = 0;
};

}  // namespace looplab
