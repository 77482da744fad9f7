// generator_scenario_runner <scenario>: runs one scenario inside a virtual-clock loop (so
// its prints and generator steps land in the trace, as in a lesson) and prints the lines it
// printed, read back from the trace, one per line: what python/<scenario>.py prints.
// `--snippet <scenario>` prints a lesson scenario's Python (the lesson's own snippet).
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "scenarios.hpp"

namespace generator_scenarios {
std::vector<Scenario>& registry() {
  static std::vector<Scenario> all;
  return all;
}
}  // namespace generator_scenarios

namespace {
looplab::Coro<void> run_in_task(void (*run)()) {
  run();
  co_return;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace looplab;
  if (argc != 2 && !(argc == 3 && std::strcmp(argv[1], "--snippet") == 0)) {
    std::fprintf(stderr, "usage: %s <scenario> | --list | --snippet <scenario>\n", argv[0]);
    return 2;
  }
  if (std::strcmp(argv[1], "--list") == 0) {
    for (const auto& s : generator_scenarios::registry()) std::printf("%s\n", s.name);
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--snippet") == 0) {
    for (const auto& s : generator_scenarios::registry())
      if (s.name == std::string(argv[2]) && s.snippet != nullptr) {
        std::fputs(s.snippet().c_str(), stdout);
        return 0;
      }
    std::fprintf(stderr, "no lesson snippet for scenario '%s'\n", argv[2]);
    return 2;
  }
  for (const auto& s : generator_scenarios::registry()) {
    if (s.name != std::string(argv[1])) continue;
    VirtualClock clock;
    EventLoop loop(clock);
    try {
      loop.run(run_in_task(s.run));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "scenario %s raised: %s\n", s.name, e.what());
      return 1;
    }
    for (const TraceEvent& e : loop.trace().events())
      if (e.kind == EventKind::print) std::printf("%s\n", loop.trace().text(e.detail).c_str());
    std::fprintf(stderr, "generator steps recorded: %zu\n", loop.trace().generator_steps().size());
    return 0;
  }
  std::fprintf(stderr, "unknown scenario '%s' (try --list)\n", argv[1]);
  return 2;
}
