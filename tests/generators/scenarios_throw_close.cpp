// gen.throw(), close() and the close on the last reference going. Mirrors
// python/throw_into.py and python/close_on_drop.py; lines are the scripts' lines.
#include "scenarios.hpp"

using namespace looplab;
using namespace looplab::py;
using generator_scenarios::error;
using generator_scenarios::state;

namespace {

// `e!r` of an exception made with one string argument (KeyError's str() already quotes).
std::string repr_of(const Exception& e) {
  return e.type() + "(" + (e.type() == "KeyError" ? e.message() : Value(e.message()).repr()) + ")";
}

GeneratorBody tolerant() {
  Value total = 0;
  for (;;) {
    // The copy is made outside the try: Emscripten 3.1.6 (clang 14) loses the handler of a
    // try whose co_yield operand can throw (a Value copied in it), and the error escapes.
    Value yielded = total;
    try {
      Value value = co_yield yield_at(12, std::move(yielded));
      total = total + value;
    } catch (const Exception& e) {
      if (e.type() != "ValueError") throw;
      print("ignored " + repr_of(e));  // and `continue`: the loop goes round to the yield
    }
  }
}

GeneratorBody finishes_when_told() {
  bool told = false;
  try {
    co_yield yield_at(38, "working");
  } catch (const Exception& e) {
    if (e.type() != "RuntimeError") throw;
    told = true;
  }
  if (told) co_return "told to stop";
  co_return {};
}

GeneratorBody inner() {
  try {
    co_yield yield_at(61, "inner 1");
  } catch (const Exception& e) {
    if (e.type() != "ValueError") throw;
    print("inner caught it");
  }
  co_yield yield_at(64, "inner 2");
  throw Exception("KeyError", "'inner gives up'");
}

GeneratorBody outer() {
  try {
    co_yield yield_from(70, make_generator("inner", 59, inner()));
  } catch (const Exception& e) {
    if (e.type() != "KeyError") throw;
    print("outer caught " + repr_of(e) + " at the yield from");
  }
  co_yield yield_at(73, "outer goes on");
  co_return {};
}

// try: ... finally: print(...): the cleanup runs however the frame ends.
struct Finally {
  std::string says;
  ~Finally() { print(says); }
};

GeneratorBody guarded(std::string name) {
  Finally cleanup{name + " cleans up"};
  co_yield yield_at(9, name + " 1");
  co_yield yield_at(10, name + " 2");
  co_return {};
}
Value new_guarded(const std::string& name) { return make_generator("guarded", 7, guarded(name)); }

GeneratorBody polite() {
  bool exiting = false;
  try {
    co_yield yield_at(33, "listening");
  } catch (const py::GeneratorExit&) {
    print("polite got GeneratorExit");
    exiting = true;
  }
  if (exiting) co_return "ignored value";
  co_return {};
}

GeneratorBody stubborn() {
  for (;;) {
    try {
      co_yield yield_at(49, "still here");
    } catch (const py::GeneratorExit&) {
      print("stubborn refuses");
    }
  }
}

GeneratorBody delegating() {
  Finally cleanup{"outer cleans up"};
  co_yield yield_from(68, new_guarded("inner"));
  co_return {};
}

}  // namespace

GENERATOR_SCENARIO(throw_into) {
  Value t = make_generator("tolerant", 8, tolerant());
  print(next(t).str());
  print(send(t, 4).str());
  print(throw_in(t, ValueError("not a number")).str());
  state("t", t);
  print(send(t, 3).str());
  try {
    throw_in(t, Exception("KeyError", "'boom'"));
  } catch (const Exception& e) {
    if (e.type() != "KeyError") throw;
    error(e);
  }
  state("t", t);
  try {
    throw_in(t, ValueError("too late"));
  } catch (const Exception& e) {
    if (e.type() != "ValueError") throw;
    error(e);
  }

  Value f = make_generator("finishes_when_told", 36, finishes_when_told());
  print(next(f).str());
  try {
    throw_in(f, RuntimeError("stop"));
  } catch (const StopIteration& e) {
    print("stopped with " + e.value().repr());
  }
  state("f", f);

  Value fresh = make_generator("tolerant", 8, tolerant());
  try {
    throw_in(fresh, ValueError("before the start"));
  } catch (const Exception& e) {
    if (e.type() != "ValueError") throw;
    error(e);
  }
  state("fresh", fresh);

  Value o = make_generator("outer", 68, outer());
  print(next(o).str());
  print(throw_in(o, ValueError("into the delegate")).str());
  state("o", o);
  print(next(o).str());
  state("o", o);
}

GENERATOR_SCENARIO(close_on_drop) {
  Value g = new_guarded("g");
  print(next(g).str());
  print("dropping g");
  g = Value{};  // del g
  print("g is gone");

  {
    // for value in guarded("loop"): print(value); break -- the loop's iterator goes at the break
    Value it = new_guarded("loop");
    print(next(it).str());
  }
  print("after the loop");

  Value untouched = new_guarded("untouched");
  untouched = Value{};
  print("an unstarted generator has nothing to clean up");

  Value p = make_generator("polite", 31, polite());
  print(next(p).str());
  close(p);
  print("None");  // close() returns None, whatever the frame returned
  state("p", p);
  close(p);
  print("None");

  Value s = make_generator("stubborn", 46, stubborn());
  print(next(s).str());
  try {
    close(s);
  } catch (const Exception& e) {
    if (e.type() != "RuntimeError") throw;
    error(e);
  }
  state("s", s);
  print("dropping s");
  s = Value{};  // CPython reports the second refusal on stderr, "Exception ignored in"
  print("s is gone");

  Value d = make_generator("delegating", 66, delegating());
  print(next(d).str());
  close(d);
  state("d", d);

  Value d2 = make_generator("delegating", 66, delegating());
  print(next(d2).str());
  print(next(d2).str());
  d2 = Value{};
  print("d2 is gone");
}
