#include "app/python_format.h"

#include <cmath>

#include "looplab/py_value.hpp"

namespace looplab::app {

// One repr(float) for the whole project: the generator machine's, which the differential
// suite checks against CPython (exponents and all: 1e+16, 1e-05).
std::string python_float(double value) { return py::float_repr(value); }

std::string python_elapsed(double seconds) {
  if (!std::isfinite(seconds)) return python_float(seconds);
  return python_float(std::round(seconds * 1e9) / 1e9);
}

std::string grouped(std::int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace looplab::app
