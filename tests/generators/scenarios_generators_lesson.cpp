// The generators lesson's programs (lessons/generators), run by the lesson's own code, and
// checked against the lesson's own snippets run by CPython: the Python a learner reads on
// the page is the Python these scenarios compare with, rendered for the same settings.
#include "../../lessons/generators/scenario.h"  // by path: every lesson has a scenario.h
#include "scenarios.hpp"

using namespace looplab::generators;

namespace {

Settings part(Part p) {
  Settings s;
  s.part = p;
  return s;
}

Settings evens() {
  Settings s = part(Part::evens);
  s.end = 200'000;  // CPython builds the list in a few ms
  return s;
}
Settings list_after_next() { return part(Part::next); }
Settings next_until_stop() {
  Settings s = part(Part::next);
  s.drain = Drain::next_until_stop;
  s.count = 4;
  return s;
}
Settings running_sum() { return part(Part::send); }
Settings running_sum_floats() {
  Settings s = part(Part::send);
  std::string problem;
  s.sends = parse_sends("1e3, -2, 0.1, 0.2, 7", problem);
  return s;
}
Settings send_first() {
  Settings s = part(Part::send);
  s.start = Start::send_first;
  return s;
}
Settings round_robin_seed() { return part(Part::round_robin); }
Settings round_robin_fixed() {
  Settings s = part(Part::round_robin);
  s.loop = RoundRobin::fixed;
  return s;
}
Settings round_robin_empty_first() {
  Settings s = part(Part::round_robin);
  s.lengths = {0, 0, 2, 1};
  return s;
}

}  // namespace

#define LESSON_CASE(name)                                                                          \
  static std::string name##_snippet() { return render_snippet(name()); }                           \
  LESSON_GENERATOR_SCENARIO(generators_##name, &name##_snippet) { run_program(name()); }

LESSON_CASE(evens)
LESSON_CASE(list_after_next)
LESSON_CASE(next_until_stop)
LESSON_CASE(running_sum)
LESSON_CASE(running_sum_floats)
LESSON_CASE(send_first)
LESSON_CASE(round_robin_seed)
LESSON_CASE(round_robin_fixed)
LESSON_CASE(round_robin_empty_first)
