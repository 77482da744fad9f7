// pi to a given number of decimals, really computed (Machin's formula on fixed-point
// base-10,000 numbers): the CPU work the lesson's compute_pi stands for. The seed asked
// Python's decimal module for 800 digits; this prints the same digits.
#pragma once

#include <string>

namespace looplab::executor {

inline constexpr int max_pi_decimals = 10000;

// "3.1415926535..." with `decimals` digits after the point (1 to max_pi_decimals),
// correctly rounded like decimal's str(pi) at precision decimals + 1.
std::string pi_digits(int decimals);

}  // namespace looplab::executor
