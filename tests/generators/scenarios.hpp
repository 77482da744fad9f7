// The C++ side of the generator differential suite: each scenario mirrors the Python script
// of the same name in python/, line for line, with the lines of its yields the script's own
// line numbers (so "suspended at line N" means the same line on both sides).
#pragma once

#include <string>
#include <vector>

#include "looplab/generator.hpp"
#include "looplab/looplab.hpp"

namespace generator_scenarios {

struct Scenario {
  const char* name;
  void (*run)();
  // A lesson's scenario brings its own Python: the lesson's snippet, rendered as the page
  // shows it (runner --snippet <name> prints it), instead of a script in python/.
  std::string (*snippet)() = nullptr;
};

std::vector<Scenario>& registry();

struct Registration {
  Registration(const char* name, void (*run)(), std::string (*snippet)() = nullptr) {
    registry().push_back({name, run, snippet});
  }
};

// python/report.py's state(): the generator's state, its line when suspended, and the
// generator it delegates to inside a yield from.
inline void state(const std::string& name, const looplab::py::Generator& g) {
  using looplab::py::GeneratorState;
  const std::string s = looplab::py::to_string(g.state());
  if (g.state() == GeneratorState::suspended)
    looplab::print(name + ": " + s + " at line " + std::to_string(g.line()));
  else
    looplab::print(name + ": " + s);
  if (const auto* inner = g.delegate()) state(name + " -> " + inner->name(), *inner);
}
inline void state(const std::string& name, const looplab::py::Value& g) { state(name, *g.generator()); }

// python/report.py's error(): the last line of the traceback.
inline void error(const looplab::py::Exception& e) { looplab::print(e.what()); }

}  // namespace generator_scenarios

// A scenario whose Python is `snippet()`, a lesson's own snippet: no copy of it in python/.
#define LESSON_GENERATOR_SCENARIO(name, snippet)                                           \
  static void name();                                                                       \
  static const generator_scenarios::Registration registration_##name(#name, &name, snippet); \
  static void name()

#define GENERATOR_SCENARIO(name)                                                            \
  static void name();                                                                       \
  static const generator_scenarios::Registration registration_##name(#name, &name);         \
  static void name()
