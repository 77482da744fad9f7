// Play, pause, speed and stepping through a run's loop phases: which phase is shown, and
// when the next one comes while playing. No UI: the page draws it, the tests drive it.
#pragma once

#include <array>
#include <cstddef>

namespace looplab::event_loop {

class PhasePlayer {
 public:
  static constexpr std::array<double, 5> kSpeeds{0.25, 0.5, 1, 2, 4};
  // At 1x a phase stays this long (wall seconds) before the next one while playing.
  static constexpr double kSecondsPerPhase = 1.25;

  // A new run with `count` phases: at the first, playing.
  void start(std::size_t count);
  std::size_t phase() const { return phase_; }
  std::size_t count() const { return count_; }
  bool playing() const { return playing_; }
  double speed() const { return speed_; }
  bool at_end() const { return count_ == 0 || phase_ + 1 >= count_; }

  // Play from the start again when at the end.
  void play();
  void pause() { playing_ = false; }
  // Returns false (and changes nothing) unless `x` is one of kSpeeds.
  bool set_speed(double x);
  // The learner moves by hand: the player pauses there.
  void step(long n);
  void go_to(std::size_t phase);
  // `wall_seconds` have passed; true when that moved to a later phase. Stops at the end.
  bool advance(double wall_seconds);

 private:
  std::size_t phase_ = 0, count_ = 0;
  bool playing_ = false;
  double speed_ = 1;
  double waited_ = 0;  // wall seconds on the current phase while playing
};

}  // namespace looplab::event_loop
