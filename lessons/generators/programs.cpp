// counting.py, running_sum.py and round_robin.py on the generator machine: each generator
// statement is a call into looplab/generator.hpp, so every next(), send(), yield and
// StopIteration is a step in the trace, on the line the snippet has it.
#include <algorithm>
#include <string>
#include <vector>

#include "looplab/generator.hpp"
#include "looplab/looplab.hpp"
#include "programs.h"
#include "ui/snippet_lines.h"

namespace looplab::generators {
namespace {

using py::GeneratorBody;
using py::Value;
using py::yield_at;
using ui::line_containing;

// def counting(n): for i in range(n): yield i; print(...)
GeneratorBody counting_body(int n, std::uint32_t yield_line) {
  for (int i = 0; i < n; ++i) {
    co_yield yield_at(yield_line, i);
    print("inside counting: after yielding " + std::to_string(i));
  }
  co_return {};
}

// def running_sum(): c = 0; for i in range(100): c += yield i; print(f"c = {c}")
GeneratorBody running_sum_body(std::uint32_t yield_line) {
  Value c = 0;
  for (int i = 0; i < 100; ++i) {
    const Value sent = co_yield yield_at(yield_line, i);
    c = c + sent;
    print("c = " + c.str());
  }
  co_return {};
}

// def letters(name, count): yield name0, name1, ...; then print that it has no more.
GeneratorBody letters_body(std::string name, int count, std::uint32_t yield_line) {
  for (int i = 0; i < count; ++i) co_yield yield_at(yield_line, name + std::to_string(i));
  print(name + " has no more");
  co_return {};
}

}  // namespace

void run_counting(const Settings& s, const std::string& text) {
  const char* file = "counting.py";
  mark_line(line_containing(text, "x = counting(", file));
  const Value x = py::make_generator("counting", line_containing(text, "def counting(", file),
                                     counting_body(s.count, line_containing(text, "yield i", file)));
  if (s.drain == Drain::list_after_next) {
    mark_line(line_containing(text, "print(next(x))", file));
    const Value first = py::next(x);
    charge_step(s);
    print(first.str());
    mark_line(line_containing(text, "print(list(x))", file));
    // list(x): next() until StopIteration, each step on the clock like the one above.
    std::vector<Value> rest;
    for (;;) {
      try {
        rest.push_back(py::next(x));
      } catch (const py::StopIteration&) {
        charge_step(s);
        break;
      }
      charge_step(s);
    }
    print(py::list_repr(rest));
    return;
  }
  for (;;) {
    mark_line(line_containing(text, "value = next(x)", file));
    Value value;
    try {
      value = py::next(x);
    } catch (const py::StopIteration&) {
      charge_step(s);
      mark_line(line_containing(text, "print(\"StopIteration", file));
      print("StopIteration: counting has no more values");
      return;
    }
    charge_step(s);
    mark_line(line_containing(text, "print(value)", file));
    print(value.str());
  }
}

void run_running_sum(const Settings& s, const std::string& text) {
  const char* file = "running_sum.py";
  mark_line(line_containing(text, "x = running_sum()", file));
  const Value x = py::make_generator("running_sum", line_containing(text, "def running_sum(", file),
                                     running_sum_body(line_containing(text, "c += yield i", file)));
  if (s.start == Start::next_first) {
    mark_line(line_containing(text, "print(next(x))", file));
    const Value first = py::next(x);
    charge_step(s);
    print(first.str());
  }
  for (const Value& value : s.sends) {
    mark_line(line_containing(text, "print(x.send(value))", file));
    Value out;
    try {
      out = py::send(x, value);
    } catch (const py::Exception& error) {
      // Only the just-started refusal: the sum of numbers raises nothing else here.
      if (error.type() != "TypeError") throw;
      charge_step(s);
      mark_line(line_containing(text, "print(f\"TypeError", file));
      print(error.what());
      return;
    }
    charge_step(s);
    print(out.str());
  }
}

void run_round_robin(const Settings& s, const std::string& text) {
  const char* file = "round_robin.py";
  const std::uint32_t def_line = line_containing(text, "def letters(", file);
  const std::uint32_t yield_line = line_containing(text, "yield f\"{name}{i}\"", file);
  mark_line(line_containing(text, "generators = [", file));
  std::vector<Value> generators;
  for (std::size_t i = 0; i < s.lengths.size(); ++i)
    generators.push_back(py::make_generator("letters", def_line,
                                            letters_body(std::string(1, char('a' + i)), s.lengths[i], yield_line)));
  const std::uint32_t next_line = line_containing(text, "print(next(g))", file);
  const std::uint32_t removed_line = line_containing(text, "print(f\"removed index", file);
  int round_number = 0;
  while (!generators.empty()) {
    mark_line(line_containing(text, "print(f\"round {", file));
    print("round " + std::to_string(++round_number));
    if (s.loop == RoundRobin::seed) {
      // for i, g in enumerate(generators): Python's list iterator keeps an index into the
      // live list and moves it on by one whatever the body did, so after a del the
      // generator that slid into the freed place is passed over this round.
      for (std::size_t i = 0; i < generators.size(); ++i) {
        mark_line(next_line);
        Value out;
        try {
          out = py::next(generators[i]);
        } catch (const py::StopIteration&) {
          charge_step(s);
          mark_line(removed_line);
          print("removed index " + std::to_string(i));
          generators.erase(generators.begin() + static_cast<std::ptrdiff_t>(i));
          continue;
        }
        charge_step(s);
        print(out.str());
      }
    } else {
      const std::vector<Value> copy = generators;  // for g in list(generators)
      for (const Value& g : copy) {
        mark_line(next_line);
        Value out;
        try {
          out = py::next(g);
        } catch (const py::StopIteration&) {
          charge_step(s);
          mark_line(removed_line);
          const auto at = std::find(generators.begin(), generators.end(), g);
          print("removed index " + std::to_string(at - generators.begin()));
          generators.erase(at);
          continue;
        }
        charge_step(s);
        print(out.str());
      }
    }
  }
  mark_line(line_containing(text, "print(f\"rounds:", file));
  print("rounds: " + std::to_string(round_number));
}

}  // namespace looplab::generators
