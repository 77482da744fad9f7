// evens.py: the even numbers of range(0, end), from a function that builds the whole list
// first and from a generator that yields them one at a time. Both are done for real, here:
// the list is a std::vector filled by push_back (as list.append grows Python's list), the
// generator is the generator machine's. What is printed is measured: the time until the
// first value is in hand (a steady clock), and the bytes each holds at that moment (the
// vector's buffer, capacity * 8, and the generator's object plus its coroutine frame, the
// size its allocation asked for). On the virtual clock the measured time is also charged,
// so the timeline shows the list being built before anything can be used.
#include <chrono>
#include <cstdio>
#include <vector>

#include "app/python_format.h"
#include "looplab/generator.hpp"
#include "looplab/looplab.hpp"
#include "programs.h"
#include "ui/snippet_lines.h"

namespace looplab::generators {
namespace {

using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point started) {
  return std::chrono::duration<double>(SteadyClock::now() - started).count();
}

py::GeneratorBody evens_body(std::int64_t start, std::int64_t end, std::uint32_t yield_line) {
  for (std::int64_t i = start; i < end; ++i)
    if (i % 2 == 0) co_yield py::yield_at(yield_line, i);
  co_return {};
}

std::string report(const char* what, std::int64_t first, double seconds, std::size_t bytes) {
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.6f", seconds);  // f"{...:.6f}"
  return std::string(what) + ": first value " + std::to_string(first) + " after " + elapsed + " s, holding " +
         app::grouped(static_cast<std::int64_t>(bytes)) + " bytes";
}

// The virtual clock shows the measured time passing on main's lane (the real clock already has).
void charge(double seconds) {
  Clock& clock = running_loop().clock();
  if (clock.is_virtual()) clock.wait_until(running_loop().time() + seconds);
}

}  // namespace

void run_evens(const Settings& s, const std::string& text) {
  using ui::line_containing;
  // The list: nothing is usable until the whole range has been walked.
  mark_line(line_containing(text, "numbers = evens_list(", "evens.py"));
  const SteadyClock::time_point list_started = SteadyClock::now();
  std::vector<std::int64_t> numbers;
  for (std::int64_t i = 0; i < s.end; ++i)
    if (i % 2 == 0) numbers.push_back(i);
  const std::int64_t list_first = numbers.at(0);
  const double list_seconds = seconds_since(list_started);
  const std::size_t list_bytes = sizeof numbers + numbers.capacity() * sizeof(std::int64_t);
  charge(list_seconds);
  mark_line(line_containing(text, "print(f\"list:", "evens.py"));
  print(report("list", list_first, list_seconds, list_bytes));
  numbers = {};  // gone before the generator's turn, as Python's rebinding of `numbers` frees it

  // The generator: calling evens runs nothing; one next() runs it to its first yield.
  mark_line(line_containing(text, "numbers = evens(", "evens.py"));
  const SteadyClock::time_point generator_started = SteadyClock::now();
  const py::Value generator =
      py::make_generator("evens", line_containing(text, "def evens(", "evens.py"),
                         evens_body(0, s.end, line_containing(text, "yield i", "evens.py")));
  mark_line(line_containing(text, "first = next(numbers)", "evens.py"));
  const py::Value first = py::next(generator);
  const double generator_seconds = seconds_since(generator_started);
  charge(generator_seconds);
  mark_line(line_containing(text, "print(f\"generator:", "evens.py"));
  print(report("generator", first.as_int(), generator_seconds, generator.generator()->bytes_held()));
}

void charge_step(const Settings& s) { charge(s.step_cost); }

}  // namespace looplab::generators
