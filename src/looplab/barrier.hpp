// asyncio.Barrier (3.11): wait() blocks until `parties` tasks are waiting, then lets them
// all go on together and returns each its arrival index (0 .. parties-1). abort() breaks
// it: the tasks waiting, and any that come later, raise BrokenBarrierError; reset() breaks
// the current round and starts afresh. Built on a Condition, as CPython's is, so a wait
// shows as waiting_barrier and the release as WakeCause::barrier from the last arrival.
#pragma once

#include <cstddef>
#include <string_view>

#include "looplab/condition.hpp"

namespace looplab {

class Barrier {
 public:
  // Throws std::invalid_argument unless parties >= 1.
  explicit Barrier(std::size_t parties, std::string_view name = "barrier");

  Coro<std::size_t> wait();
  Coro<void> reset();
  Coro<void> abort();
  std::size_t parties() const { return parties_; }
  // Tasks waiting at the barrier now (0 while it drains or resets).
  std::size_t n_waiting() const { return state_ == State::filling ? count_ : 0; }
  bool broken() const { return state_ == State::broken; }
  ObjectId object() const { return object_; }

 private:
  enum class State : std::uint8_t { filling, draining, resetting, broken };
  Coro<void> block();
  Coro<void> wait_for_release();
  void leave();

  ObjectId object_;
  Condition cond_;
  std::size_t parties_;
  State state_ = State::filling;
  std::size_t count_ = 0;
};

}  // namespace looplab
