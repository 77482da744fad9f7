#pragma once
// Numbers as the seed's Python programs print them, the same in every lesson.
#include <cstdint>
#include <string>

namespace looplab::app {

// repr() of a Python float: the shortest text that reads back as the same double, always
// marked as a float: "17.0", "10.05", "0.2", "1e-05".
std::string python_float(double value);

// What `time.perf_counter() - started` prints for an elapsed time: perf_counter counts
// nanoseconds, so the value is rounded to them first (a virtual run's 22.87 stays 22.87
// instead of showing the last bit of a floating-point sum).
std::string python_elapsed(double seconds);

// 7789600 -> "7,789,600" (f"{n:,}").
std::string grouped(std::int64_t n);

}  // namespace looplab::app
