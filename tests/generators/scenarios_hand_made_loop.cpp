// The hand-made-loop lesson's generator programs (lessons/hand-made-loop), run by the
// lesson's own code: the hello example's four solutions and the generator sleeps. Mirrors
// python/hand_made_*.py, which are the lesson's snippets with short waits.
#include "../../lessons/hand-made-loop/scenario.h"  // by path: every lesson has a scenario.h
#include "scenarios.hpp"

using looplab::hand_made_loop::run_hello_generators;
using looplab::hand_made_loop::run_sleep_generators;
using looplab::hand_made_loop::Solution;

namespace {
constexpr double poll_cost = 1e-3;  // the lesson's default: each next()/send() costs 1 ms of the virtual clock
}

GENERATOR_SCENARIO(hand_made_hello_1_yield) { run_hello_generators(Solution::bare_yield, 0.1, 2, poll_cost); }
GENERATOR_SCENARIO(hand_made_hello_2_busy_yield) { run_hello_generators(Solution::busy_yield, 0.2, 2, poll_cost); }
GENERATOR_SCENARIO(hand_made_hello_3_yield_asleep) { run_hello_generators(Solution::yield_generator, 0.2, 2, poll_cost); }
GENERATOR_SCENARIO(hand_made_hello_4_yield_from) { run_hello_generators(Solution::yield_from, 0.2, 2, poll_cost); }
GENERATOR_SCENARIO(hand_made_sleeps) { run_sleep_generators(5, 0.2, poll_cost); }
