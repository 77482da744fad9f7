#include "phase_player.h"

#include <algorithm>

namespace looplab::event_loop {

void PhasePlayer::start(std::size_t count) {
  count_ = count;
  phase_ = 0;
  waited_ = 0;
  playing_ = count > 1;
}

void PhasePlayer::play() {
  if (count_ == 0) return;
  if (at_end()) phase_ = 0;
  waited_ = 0;
  playing_ = true;
}

bool PhasePlayer::set_speed(double x) {
  if (std::find(kSpeeds.begin(), kSpeeds.end(), x) == kSpeeds.end()) return false;
  speed_ = x;
  return true;
}

void PhasePlayer::step(long n) {
  if (count_ == 0) return;
  const long to = std::clamp(static_cast<long>(phase_) + n, 0L, static_cast<long>(count_) - 1);
  go_to(static_cast<std::size_t>(to));
}

void PhasePlayer::go_to(std::size_t phase) {
  playing_ = false;
  if (count_ == 0) return;
  waited_ = 0;
  phase_ = std::min(phase, count_ - 1);
}

bool PhasePlayer::advance(double wall_seconds) {
  if (!playing_) return false;
  if (at_end()) {
    playing_ = false;
    return false;
  }
  waited_ += std::max(0.0, wall_seconds) * speed_;
  if (waited_ < kSecondsPerPhase) return false;
  waited_ = 0;
  ++phase_;
  if (at_end()) playing_ = false;
  return true;
}

}  // namespace looplab::event_loop
