// conformance_runner <scenario>: runs one scenario on the virtual clock and prints its
// canonical log (printed lines and never-awaited warnings, from the trace), in the format of
// python/conformance.py: `<time in units> <task> <text>`.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include "scenarios.hpp"

namespace conformance {
std::vector<Scenario>& registry() {
  static std::vector<Scenario> all;
  return all;
}
}  // namespace conformance

int main(int argc, char** argv) {
  using namespace looplab;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <scenario> | --list\n", argv[0]);
    return 2;
  }
  if (std::strcmp(argv[1], "--list") == 0) {
    for (const auto& s : conformance::registry()) std::printf("%s\n", s.name);
    return 0;
  }
  for (const auto& s : conformance::registry()) {
    if (s.name != std::string(argv[1])) continue;
    VirtualClock clock;
    // One unit of the Python side's time (0.1 s) is one virtual second here, so a loop turn
    // that costs CPython about 10 us costs 10 us / 0.1 = 100 us of virtual time.
    LoopOptions options;
    options.step_cost = 1e-4;
    EventLoop loop(clock, nullptr, options);
    try {
      loop.run(s.main());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "scenario %s raised: %s\n", s.name, e.what());
      return 1;
    } catch (...) {
      std::fprintf(stderr, "scenario %s raised: %s\n", s.name, error_text(std::current_exception()).c_str());
      return 1;
    }
    const Trace& trace = loop.trace();
    // Timers of different tasks firing at the same virtual instant had equal deadlines:
    // CPython does not define their order, so the driver refuses to assert one (stderr).
    std::size_t ties = 0;
    const TraceEvent* previous_timer = nullptr;
    for (const TraceEvent& e : trace.events()) {
      if (e.kind != EventKind::state || e.cause != WakeCause::timer) continue;
      if (previous_timer != nullptr && previous_timer->time == e.time && previous_timer->task != e.task) ++ties;
      previous_timer = &e;
    }
    std::fprintf(stderr, "timer ties: %zu\n", ties);
    // Code outside any task shows as "-", as python/conformance.py logs it.
    auto who = [&](TaskId task) { return task == 0 ? std::string("-") : trace.task_name(task); };
    for (const TraceEvent& e : trace.events()) {
      if (e.kind == EventKind::print)
        std::printf("%.3f %s %s\n", e.time, who(e.task).c_str(), trace.text(e.detail).c_str());
      else if (e.kind == EventKind::never_awaited)
        std::printf("%.3f %s warning: coroutine '%s' was never awaited\n", e.time, who(e.task).c_str(),
                    trace.text(e.detail).c_str());
      else if (e.kind == EventKind::error_unretrieved)
        std::printf("%.3f %s error: Task exception was never retrieved [%s]: %s\n", e.time, who(e.related).c_str(),
                    trace.task_name(e.task).c_str(), trace.text(e.detail).c_str());
      else if (e.kind == EventKind::error_at_shutdown)
        std::printf("%.3f - error: unhandled exception during asyncio.run() shutdown [%s]: %s\n", e.time,
                    trace.task_name(e.task).c_str(), trace.text(e.detail).c_str());
      else if (e.kind == EventKind::task_finished && e.state == TaskState::destroyed)
        std::printf("%.3f - error: Task was destroyed but it is pending! [%s]\n", e.time, trace.task_name(e.task).c_str());
    }
    return 0;
  }
  std::fprintf(stderr, "unknown scenario '%s' (try --list)\n", argv[1]);
  return 2;
}
