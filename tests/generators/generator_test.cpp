// The generator machine, state by state, and each error in CPython's words.
#include <doctest/doctest.h>

#include "looplab/generator.hpp"

using namespace looplab::py;

namespace {

GeneratorBody running_sum() {
  Value c = 0;
  for (int i = 0; i < 100; ++i) {
    c = c + (co_yield yield_at(4, i));
  }
  co_return {};
}

GeneratorBody two_then_return() {
  co_yield yield_at(2, 1);
  co_yield yield_at(3, 2);
  co_return "end";
}

GeneratorBody echo() {
  Value got = co_yield yield_at(2, "ready");
  co_yield yield_at(3, got);
  co_return {};
}

GeneratorBody delegating(Value inner) {
  Value r = co_yield yield_from(7, std::move(inner));
  co_return r;
}

GeneratorBody observes_itself(Generator*& self, GeneratorState& seen) {
  seen = self->state();
  co_yield yield_at(2);
  co_return {};
}

}  // namespace

TEST_CASE("a new generator is created, has run nothing and sits on its def line") {
  Value g = make_generator("running_sum", 1, running_sum());
  CHECK(g.generator()->state() == GeneratorState::created);
  CHECK(g.generator()->line() == 1);
  CHECK(g.type_name() == "generator");
}

TEST_CASE("next runs it to its first yield: suspended there, with the yielded value") {
  Value g = make_generator("two", 1, two_then_return());
  CHECK(next(g) == Value(1));
  CHECK(g.generator()->state() == GeneratorState::suspended);
  CHECK(g.generator()->line() == 2);
  CHECK(next(g) == Value(2));
  CHECK(g.generator()->line() == 3);
}

TEST_CASE("while its frame runs, the generator is running") {
  Generator* self = nullptr;
  GeneratorState seen = GeneratorState::closed;
  Value g = make_generator("observes_itself", 1, observes_itself(self, seen));
  self = g.generator();
  next(g);
  CHECK(seen == GeneratorState::running);
}

TEST_CASE("send's value is what the paused yield expression gives back") {
  Value g = make_generator("echo", 1, echo());
  CHECK(next(g) == Value("ready"));
  CHECK(send(g, 42) == Value(42));
}

TEST_CASE("the seed's running sum: sends 10, 5, 20, 1.5 get back 1, 2, 3, 4") {
  Value g = make_generator("running_sum", 1, running_sum());
  CHECK(next(g) == Value(0));
  CHECK(send(g, 10) == Value(1));
  CHECK(send(g, 5) == Value(2));
  CHECK(send(g, 20) == Value(3));
  CHECK(send(g, 1.5) == Value(4));
}

TEST_CASE("a non-None send into a just-started generator is refused and changes nothing") {
  Value g = make_generator("running_sum", 1, running_sum());
  CHECK_THROWS_WITH_AS(send(g, 10), "TypeError: can't send non-None value to a just-started generator", Exception);
  CHECK(g.generator()->state() == GeneratorState::created);
  CHECK(send(g, {}) == Value(0));  // send(None) starts it, as next would
}

TEST_CASE("return becomes StopIteration with the value, then a bare StopIteration every time") {
  Value g = make_generator("two", 1, two_then_return());
  next(g);
  next(g);
  try {
    next(g);
    FAIL("no StopIteration");
  } catch (const StopIteration& stop) {
    CHECK(stop.value() == Value("end"));
    CHECK(std::string(stop.what()) == "StopIteration: end");
  }
  CHECK(g.generator()->state() == GeneratorState::closed);
  CHECK_THROWS_WITH_AS(next(g), "StopIteration", StopIteration);
  CHECK_THROWS_WITH_AS(send(g, 5), "StopIteration", StopIteration);
}

TEST_CASE("next on something that is no iterator: None from a function without yield") {
  CHECK_THROWS_WITH_AS(next(Value()), "TypeError: 'NoneType' object is not an iterator", Exception);
  CHECK_THROWS_WITH_AS(list(Value()), "TypeError: 'NoneType' object is not iterable", Exception);
  CHECK_THROWS_WITH_AS(send(Value(), 1), "AttributeError: 'NoneType' object has no attribute 'send'", Exception);
}

TEST_CASE("list drains what is left after one next") {
  Value two = make_generator("two", 1, two_then_return());
  next(two);
  CHECK(list_repr(list(two)) == "[2]");
  CHECK(two.generator()->state() == GeneratorState::closed);
}

TEST_CASE("yield from passes send through to the delegate and returns its return value") {
  Value inner = make_generator("echo", 1, echo());
  Value outer = make_generator("delegating", 6, delegating(inner));
  CHECK(next(outer) == Value("ready"));
  CHECK(outer.generator()->line() == 7);
  CHECK(outer.generator()->delegate() == inner.generator());
  CHECK(inner.generator()->line() == 2);
  CHECK(send(outer, "hi") == Value("hi"));  // went into echo's yield, came back out
  CHECK(inner.generator()->line() == 3);
  CHECK_THROWS_AS(next(outer), StopIteration);  // echo returned None: so does delegating
  CHECK(outer.generator()->delegate() == nullptr);
  CHECK(inner.generator()->state() == GeneratorState::closed);
}

TEST_CASE("yield from None is refused inside the delegating frame") {
  Value outer = make_generator("delegating", 6, delegating(Value()));
  CHECK_THROWS_WITH_AS(next(outer), "TypeError: 'NoneType' object is not iterable", Exception);
  CHECK(outer.generator()->state() == GeneratorState::closed);
}

TEST_CASE("close: a created generator closes without running; a suspended one finishes") {
  Value fresh = make_generator("two", 1, two_then_return());
  fresh.generator()->close();
  CHECK(fresh.generator()->state() == GeneratorState::closed);
  CHECK_THROWS_AS(next(fresh), StopIteration);
  Value g = make_generator("two", 1, two_then_return());
  next(g);
  g.generator()->close();
  CHECK(g.generator()->state() == GeneratorState::closed);
  g.generator()->close();  // closing twice is fine, as in Python
}

namespace {
GeneratorBody catches_value_error(int& caught) {
  for (int i = 0;; ++i) {
    try {
      co_yield yield_at(3, i);
    } catch (const Exception& e) {
      if (e.type() != "ValueError") throw;
      ++caught;
    }
  }
}

GeneratorBody notices_exit(bool& noticed) {
  try {
    co_yield yield_at(2, 1);
  } catch (const looplab::py::GeneratorExit&) {
    noticed = true;
    throw;
  }
  co_return {};
}
}  // namespace

TEST_CASE("throw: caught at the yield, the generator goes on and throw returns its next value") {
  int caught = 0;
  Value g = make_generator("catches", 1, catches_value_error(caught));
  CHECK(next(g) == Value(0));
  CHECK(throw_in(g, ValueError("bad")) == Value(1));
  CHECK(caught == 1);
  CHECK(g.generator()->state() == GeneratorState::suspended);
}

TEST_CASE("throw: not caught, the error leaves through throw and the generator is closed") {
  int caught = 0;
  Value g = make_generator("catches", 1, catches_value_error(caught));
  next(g);
  CHECK_THROWS_WITH_AS(throw_in(g, Exception("KeyError", "'k'")), "KeyError: 'k'", Exception);
  CHECK(g.generator()->state() == GeneratorState::closed);
  // A closed generator raises what is thrown into it, as it is.
  CHECK_THROWS_WITH_AS(throw_in(g, ValueError("again")), "ValueError: again", Exception);
}

TEST_CASE("throw into a just-started generator: nothing of it runs, the error comes back, it is closed") {
  int caught = 0;
  Value g = make_generator("catches", 1, catches_value_error(caught));
  CHECK_THROWS_WITH_AS(throw_in(g, ValueError("early")), "ValueError: early", Exception);
  CHECK(caught == 0);
  CHECK(g.generator()->state() == GeneratorState::closed);
  CHECK_THROWS_WITH_AS(throw_in(Value(), ValueError("x")), "AttributeError: 'NoneType' object has no attribute 'throw'", Exception);
}

TEST_CASE("the last reference going closes a suspended generator: GeneratorExit at its yield") {
  bool noticed = false;
  Value g = make_generator("notices_exit", 1, notices_exit(noticed));
  next(g);
  g = Value{};
  CHECK(noticed);
  bool unstarted = false;
  Value fresh = make_generator("notices_exit", 1, notices_exit(unstarted));
  fresh = Value{};
  CHECK_FALSE(unstarted);  // nothing of a created generator runs, even to close it
}
