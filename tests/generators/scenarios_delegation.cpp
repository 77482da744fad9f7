// yield from, close(), and the errors a generator's own frame can cause. Mirrors
// python/yield_from.py and python/close_and_errors.py; lines are the scripts' lines.
#include "scenarios.hpp"

using namespace looplab;
using namespace looplab::py;
using generator_scenarios::error;
using generator_scenarios::state;

namespace {

GeneratorBody adder() {
  Value total = 0;
  for (;;) {
    Value value = co_yield yield_at(9, total);
    if (value.is_none()) co_return total;
    total = total + value;
  }
}

GeneratorBody outer() {
  print("outer starts");
  Value result = co_yield yield_from(17, make_generator("adder", 6, adder()));
  print("adder returned " + result.str());
  co_yield yield_at(19, result);
  co_return "done";
}

GeneratorBody guarded() {
  // try/finally: the cleanup runs however the frame ends, GeneratorExit included.
  struct Finally {
    ~Finally() { print("cleaning up"); }
  } cleanup;
  co_yield yield_at(9, 1);
  co_yield yield_at(10, 2);
  co_return {};
}

GeneratorBody empty() { co_return {}; }

GeneratorBody leaky() { co_yield yield_at(31, next(make_generator("empty", 25, empty()))); co_return {}; }

Value me;
GeneratorBody selfish() { co_yield yield_at(41, next(me)); co_return {}; }

GeneratorBody delegate_to_none() { co_yield yield_from(53, Value{}); co_return {}; }

GeneratorBody failing() {
  co_yield yield_at(63, "first");
  throw Exception("KeyError", "missing");
}

GeneratorBody catcher() {
  try {
    co_yield yield_from(69, make_generator("failing", 62, failing()));
  } catch (const Exception& e) {
    if (e.type() != "KeyError") throw;
    print("caught at the yield from: " + e.type() + "(" + Value(e.message()).repr() + ")");
  }
  co_yield yield_at(72, "after");
  co_return {};
}

}  // namespace

GENERATOR_SCENARIO(yield_from) {
  Value o = make_generator("outer", 15, outer());
  state("o", o);
  print(next(o).str());
  state("o", o);
  print(send(o, 4).str());
  print(send(o, 6).str());
  state("o", o);
  print(send(o, {}).str());
  state("o", o);
  try {
    next(o);
  } catch (const StopIteration& e) {
    print("stopped with " + e.value().repr());
  }
  state("o", o);
}

GENERATOR_SCENARIO(close_and_errors) {
  Value g = make_generator("guarded", 7, guarded());
  print(next(g).str());
  g.generator()->close();
  state("g", g);
  g.generator()->close();
  Value fresh = make_generator("guarded", 7, guarded());
  fresh.generator()->close();
  state("fresh", fresh);

  try {
    next(make_generator("leaky", 30, leaky()));
  } catch (const Exception& e) {
    if (e.type() != "RuntimeError") throw;
    error(e);
  }

  me = make_generator("selfish", 40, selfish());
  try {
    next(me);
  } catch (const Exception& e) {
    if (e.type() != "ValueError") throw;
    error(e);
  }
  state("me", me);
  me = Value{};  // the frame holds `me` no longer once closed, but the global would keep it

  try {
    next(make_generator("delegate_to_none", 52, delegate_to_none()));
  } catch (const Exception& e) {
    if (e.type() != "TypeError") throw;
    error(e);
  }

  Value c = make_generator("catcher", 67, catcher());
  print(next(c).str());
  print(next(c).str());
}
