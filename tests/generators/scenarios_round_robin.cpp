// Seed 002's round-robin loop over generators of different lengths, and its fix. Python's
// list iterator walks an index over the live list, so the loops below do the same: an
// index checked against the current length, moving on by one whatever the body did.
#include <algorithm>

#include "scenarios.hpp"

using namespace looplab;
using namespace looplab::py;

namespace {

GeneratorBody letters(std::string name, int count, std::uint32_t yield_line) {
  for (int i = 0; i < count; ++i) co_yield yield_at(yield_line, name + std::to_string(i));
  print(name + " has no more");
  co_return {};
}

std::vector<Value> three_generators(std::uint32_t def_line) {
  return {make_generator("letters", def_line, letters("a", 1, def_line + 2)),
          make_generator("letters", def_line, letters("b", 3, def_line + 2)),
          make_generator("letters", def_line, letters("c", 2, def_line + 2))};
}

}  // namespace

GENERATOR_SCENARIO(round_robin_skip) {
  std::vector<Value> generators = three_generators(6);
  int round_number = 0;
  while (!generators.empty()) {
    print("round " + std::to_string(++round_number));
    // for i, g in enumerate(generators): ... del generators[i]
    for (std::size_t i = 0; i < generators.size(); ++i) {
      try {
        print(next(generators[i]).str());
      } catch (const StopIteration&) {
        print("removed index " + std::to_string(i));
        generators.erase(generators.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
  }
  print("rounds: " + std::to_string(round_number));
}

GENERATOR_SCENARIO(round_robin_fixed) {
  std::vector<Value> generators = three_generators(5);
  int round_number = 0;
  while (!generators.empty()) {
    print("round " + std::to_string(++round_number));
    // for g in list(generators): ... generators.remove(g)
    const std::vector<Value> snapshot = generators;
    for (const Value& g : snapshot) {
      try {
        print(next(g).str());
      } catch (const StopIteration&) {
        const auto at = std::find(generators.begin(), generators.end(), g);
        print("removed index " + std::to_string(at - generators.begin()));
        generators.erase(at);
      }
    }
  }
  print("rounds: " + std::to_string(round_number));
}
