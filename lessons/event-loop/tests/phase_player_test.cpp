// Play, pause, speed and stepping through phases, on wall seconds handed in by the test.
#include <doctest/doctest.h>

#include "phase_player.h"

using looplab::event_loop::PhasePlayer;

TEST_CASE("a new run plays from the first phase, one phase per 1.25 s at 1x, and stops at the last") {
  PhasePlayer p;
  p.start(3);
  CHECK(p.playing());
  CHECK(p.phase() == 0);
  CHECK_FALSE(p.advance(1.0));
  CHECK(p.advance(0.25));
  CHECK(p.phase() == 1);
  CHECK(p.advance(1.25));
  CHECK(p.phase() == 2);
  CHECK_FALSE(p.playing());  // at the end
  CHECK_FALSE(p.advance(10));
  p.play();  // from the start again
  CHECK((p.playing() && p.phase() == 0));
}

TEST_CASE("speed scales the pace; only the offered speeds are taken") {
  PhasePlayer p;
  p.start(10);
  CHECK(p.set_speed(4));
  CHECK(p.advance(1.25 / 4));
  CHECK(p.phase() == 1);
  CHECK(p.set_speed(0.25));
  CHECK_FALSE(p.advance(4.0));  // a quarter of the pace: 1.0 of the 1.25 s
  CHECK(p.advance(1.5));
  CHECK_FALSE(p.set_speed(3));
  CHECK(p.speed() == 0.25);
}

TEST_CASE("stepping by hand pauses and stays within the phases") {
  PhasePlayer p;
  p.start(5);
  p.step(2);
  CHECK_FALSE(p.playing());
  CHECK(p.phase() == 2);
  p.step(-10);
  CHECK(p.phase() == 0);
  p.step(99);
  CHECK(p.phase() == 4);
  p.go_to(1);
  CHECK(p.phase() == 1);
  p.play();
  CHECK((p.playing() && p.phase() == 1));
  CHECK_FALSE(p.advance(0));
}

TEST_CASE("no phases: nothing moves and nothing plays") {
  PhasePlayer p;
  p.start(0);
  p.play();
  p.step(1);
  CHECK_FALSE(p.playing());
  CHECK(p.phase() == 0);
}
