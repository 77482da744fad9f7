// The hand-made-loop lesson's generator programs (lessons/hand-made-loop), run by the
// lesson's own code, and checked against the lesson's own snippets run by CPython (with
// short waits: the order of the lines is the point, and only "Time elapsed" is blanked).
#include "../../lessons/hand-made-loop/scenario.h"  // by path: every lesson has a scenario.h
#include "scenarios.hpp"

using namespace looplab::hand_made_loop;

namespace {

Settings hello(Solution solution, double seconds) {
  Settings s;
  s.part = Part::hello;
  s.solution = solution;
  s.seconds = seconds;
  s.hellos = 2;
  return s;
}
Settings hello_1_yield() { return hello(Solution::bare_yield, 0.1); }
Settings hello_2_busy_yield() { return hello(Solution::busy_yield, 0.2); }
Settings hello_3_yield_asleep() { return hello(Solution::yield_generator, 0.2); }
Settings hello_4_yield_from() { return hello(Solution::yield_from, 0.2); }
Settings sleeps() {
  Settings s;
  s.part = Part::generators;
  s.tasks = 5;
  s.seconds = 0.2;
  return s;
}

}  // namespace

#define HAND_MADE_CASE(name)                                                                       \
  static std::string name##_snippet() { return render_snippet(name()); }                           \
  LESSON_GENERATOR_SCENARIO(hand_made_##name, &name##_snippet) { run_hand_made_program(name()); }

HAND_MADE_CASE(hello_1_yield)
HAND_MADE_CASE(hello_2_busy_yield)
HAND_MADE_CASE(hello_3_yield_asleep)
HAND_MADE_CASE(hello_4_yield_from)
HAND_MADE_CASE(sleeps)
