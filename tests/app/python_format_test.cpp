// One Python-style number format for every lesson: what print() shows for a float.
#include <doctest/doctest.h>

#include "app/python_format.h"

using namespace looplab::app;

TEST_CASE("python_float prints as repr(float) does") {
  CHECK(python_float(17.0) == "17.0");
  CHECK(python_float(10.05) == "10.05");
  CHECK(python_float(0.2) == "0.2");
  CHECK(python_float(0.1 + 0.2) == "0.30000000000000004");
  CHECK(python_float(1e-05) == "1e-05");
  CHECK(python_float(0.0001) == "0.0001");
  CHECK(python_float(1e16) == "1e+16");
  CHECK(python_float(-2.5) == "-2.5");
}

TEST_CASE("an elapsed time is rounded to perf_counter's nanoseconds first") {
  CHECK(python_elapsed(16.335 + 1.207 + 5.328) == "22.87");
  CHECK(python_elapsed(1.0234567891234) == "1.023456789");
  CHECK(python_elapsed(17) == "17.0");
}

TEST_CASE("grouped() puts in thousands separators") {
  CHECK(grouped(7789600) == "7,789,600");
  CHECK(grouped(575400) == "575,400");
  CHECK(grouped(999) == "999");
  CHECK(grouped(-1234) == "-1,234");
}
