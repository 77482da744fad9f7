// Python values as the generator lessons print them.
#include <doctest/doctest.h>

#include "looplab/py_value.hpp"

using namespace looplab::py;

TEST_CASE("repr of a float is the shortest text that reads back, laid out as Python does") {
  CHECK(float_repr(36.5) == "36.5");
  CHECK(float_repr(10.0) == "10.0");
  CHECK(float_repr(0.1) == "0.1");
  CHECK(float_repr(0.1 + 0.2) == "0.30000000000000004");
  CHECK(float_repr(100000.0) == "100000.0");
  CHECK(float_repr(1e16) == "1e+16");
  CHECK(float_repr(1.5e-7) == "1.5e-07");
  CHECK(float_repr(0.0001) == "0.0001");
  CHECK(float_repr(-2.5) == "-2.5");
}

TEST_CASE("int plus int stays an int; a float anywhere makes a float (the running sum's 36.5)") {
  Value c = 0;
  c = c + Value(10);
  CHECK(c.is_int());
  CHECK(c.str() == "10");
  c = c + Value(1.5);
  CHECK(c.is_float());
  CHECK(c.str() == "11.5");
  CHECK_THROWS_WITH(Value() + Value(1), "TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'");
}

TEST_CASE("str and repr of None, text and lists") {
  CHECK(Value().str() == "None");
  CHECK(Value("a0").str() == "a0");
  CHECK(Value("a0").repr() == "'a0'");
  CHECK(Value("it's").repr() == "\"it's\"");
  CHECK(list_repr({Value(1), Value(2)}) == "[1, 2]");
  CHECK(list_repr({}) == "[]");
  CHECK(Value(2) == Value(2.0));
}

TEST_CASE("exceptions read as the last line of CPython's traceback") {
  CHECK(std::string(StopIteration().what()) == "StopIteration");
  CHECK(std::string(StopIteration(Value("liftoff")).what()) == "StopIteration: liftoff");
  CHECK(std::string(TypeError("x").what()) == "TypeError: x");
}
