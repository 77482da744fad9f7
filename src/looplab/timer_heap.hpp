// asyncio's `_scheduled`: a binary heap of timers ordered by deadline. Cancelled timers stay
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
  TimerHeap() { slots_.push_back(Slot{}); }

  TimerId push(double when, Callback cb) {
    std::uint32_t slot;
    if (!free_.empty()) {
      slot = free_.back();
      free_.pop_back();
    } else {
      slot = static_cast<std::uint32_t>(slots_.size());
      slots_.push_back(Slot{});
    }
    Slot& s = slots_[slot];
    s.armed = true;
    heap_.push_back(Entry{when, next_seq_++, cb, slot});
    std::push_heap(heap_.begin(), heap_.end(), later);
    ++armed_;
    return TimerId{slot, s.generation};
  }

  // Cancelling a timer that already fired (or was cancelled) is harmless. Returns true if
  // the timer was still armed: its callback will not run.
  bool cancel(TimerId id) {
    if (id.slot == 0 || id.slot >= slots_.size()) return false;
    Slot& s = slots_[id.slot];
    if (s.generation != id.generation || !s.armed) return false;
    s.armed = false;
    --armed_;
    return true;
  }

  bool empty() { prune(); return heap_.empty(); }
  std::size_t armed() const { return armed_; }

  double next_deadline() {
    prune();
    return heap_.empty() ? std::numeric_limits<double>::infinity() : heap_.front().when;
  }

  // Pops the earliest armed timer if its deadline is <= `now`.
  bool pop_due(double now, Callback& out) {
    prune();
    if (heap_.empty() || heap_.front().when > now) return false;
    std::pop_heap(heap_.begin(), heap_.end(), later);
    Entry e = heap_.back();
    heap_.pop_back();
    retire(e.slot);
    --armed_;
    out = e.cb;
    return true;
  }

 private:
  struct Entry {
    double when;
    std::uint64_t seq;
    Callback cb;
    std::uint32_t slot;
  };
  struct Slot {
    std::uint32_t generation = 0;
    bool armed = false;
  };
  static bool later(const Entry& a, const Entry& b) {
    return a.when > b.when || (a.when == b.when && a.seq > b.seq);
  }
  void retire(std::uint32_t slot) {
    slots_[slot].armed = false;
    ++slots_[slot].generation;
    free_.push_back(slot);
  }
  void prune() {
    while (!heap_.empty() && !slots_[heap_.front().slot].armed) {
      std::pop_heap(heap_.begin(), heap_.end(), later);
      retire(heap_.back().slot);
      heap_.pop_back();
    }
  }

  std::vector<Entry> heap_;
  std::vector<Slot> slots_;
  std::vector<std::uint32_t> free_;
  std::uint64_t next_seq_ = 0;
  std::size_t armed_ = 0;
};

}  // namespace looplab
