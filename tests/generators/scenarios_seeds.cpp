// The seed scenarios (003's list after next, running sum and early send; 002's generator
// without a yield) and return values. Mirrors python/<name>.py; lines are the scripts' lines.
#include "scenarios.hpp"

using namespace looplab;
using namespace looplab::py;
using generator_scenarios::error;
using generator_scenarios::state;

namespace {

GeneratorBody three() {
  for (int i = 0; i < 3; ++i) {
    co_yield yield_at(8, i);
    print("after yielding " + std::to_string(i));
  }
  co_return {};
}

GeneratorBody running_sum_body(std::uint32_t yield_line) {
  Value c = 0;
  for (int i = 0; i < 100; ++i) {
    c = c + (co_yield yield_at(yield_line, i));
    print("c = " + c.str());
  }
  co_return {};
}
Value new_running_sum() { return make_generator("running_sum", 6, running_sum_body(9)); }

GeneratorBody countdown(int n) {
  while (n > 0) {
    co_yield yield_at(8, n);
    n -= 1;
  }
  co_return "liftoff";
}

// No yield in it: a plain function, which runs through and returns None.
Value hello() {
  print("hello");
  print("goodbye");
  return {};
}

}  // namespace

GENERATOR_SCENARIO(list_after_next) {
  Value x = make_generator("three", 6, three());
  state("x", x);
  print(next(x).str());
  state("x", x);
  print(list_repr(list(x)));
  state("x", x);
}

GENERATOR_SCENARIO(running_sum) {
  Value x = new_running_sum();
  print(next(x).str());
  for (const Value& value : {Value(10), Value(5), Value(20), Value(1.5)}) {
    print(send(x, value).str());
    state("x", x);
  }
}

GENERATOR_SCENARIO(send_before_start) {
  Value x = new_running_sum();
  try {
    send(x, 10);
  } catch (const Exception& e) {
    if (e.type() != "TypeError") throw;
    error(e);
  }
  state("x", x);
  print(send(x, {}).str());
  state("x", x);
  Value y = new_running_sum();
  print(next(y).str());
  print(send(y, 7).str());
}

GENERATOR_SCENARIO(return_value) {
  Value x = make_generator("countdown", 6, countdown(2));
  for (;;) {
    try {
      print(next(x).str());
    } catch (const StopIteration& e) {
      print("stopped with " + e.value().repr());
      error(e);
      break;
    }
  }
  state("x", x);
  try {
    next(x);
  } catch (const StopIteration& e) {
    error(e);
  }
  try {
    send(x, {});
  } catch (const StopIteration& e) {
    error(e);
  }
}

GENERATOR_SCENARIO(not_an_iterator) {
  Value g = hello();
  for (auto attempt : {+[](const Value& v) { next(v); }, +[](const Value& v) { list(v); },
                       +[](const Value& v) { send(v, {}); }}) {
    try {
      attempt(g);
    } catch (const Exception& e) {
      error(e);
    }
  }
}
