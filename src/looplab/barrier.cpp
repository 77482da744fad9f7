#include "looplab/barrier.hpp"

#include <exception>
#include <stdexcept>
#include <string>

namespace looplab {

Barrier::Barrier(std::size_t parties, std::string_view name)
    : object_(running_loop().register_object(ObjectKind::barrier, name)),
      cond_(TaskState::waiting_barrier, WakeCause::barrier, object_, std::string(name) + " lock"),
      parties_(parties) {
  if (parties < 1) throw std::invalid_argument("parties must be > 0");
}

Coro<std::size_t> Barrier::wait() {
  co_await cond_.acquire();  // async with self._cond:
  std::exception_ptr error;
  std::size_t index = 0;
  try {
    co_await block();  // while it drains or resets
  } catch (...) {
    error = std::current_exception();
  }
  if (!error) {
    index = count_++;
    try {
      if (index + 1 == parties_) {
        state_ = State::draining;  // _release: the last one lets everybody go
        cond_.notify_all();
      } else {
        co_await wait_for_release();
      }
    } catch (...) {
      error = std::current_exception();
    }
    --count_;
    leave();
  }
  cond_.release();
  if (error) std::rethrow_exception(error);
  co_return index;
}

Coro<void> Barrier::block() {
  co_await cond_.wait_for([this] { return state_ != State::draining && state_ != State::resetting; });
  if (state_ == State::broken) throw BrokenBarrierError("Barrier aborted");
}

Coro<void> Barrier::wait_for_release() {
  co_await cond_.wait_for([this] { return state_ != State::filling; });
  if (state_ == State::broken || state_ == State::resetting) throw BrokenBarrierError("Abort or reset of barrier");
}

// _exit: the last task out of a drained (or reset) barrier opens it for the next round.
void Barrier::leave() {
  if (count_ == 0) {
    if (state_ == State::resetting || state_ == State::draining) state_ = State::filling;
    cond_.notify_all();
  }
}

Coro<void> Barrier::reset() {
  co_await cond_.acquire();
  if (count_ > 0) {
    if (state_ != State::resetting) state_ = State::resetting;
  } else {
    state_ = State::filling;
  }
  cond_.notify_all();
  cond_.release();
}

Coro<void> Barrier::abort() {
  co_await cond_.acquire();
  state_ = State::broken;
  cond_.notify_all();
  cond_.release();
}

}  // namespace looplab
