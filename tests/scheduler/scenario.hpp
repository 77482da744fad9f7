// Test helpers: run a scenario on a fresh virtual-clock loop and read what it printed.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "looplab/looplab.hpp"
#include "looplab/trace_index.hpp"

namespace looplab::test {

// Each printed line as "<time> <task> <text>", time with two decimals.
inline std::vector<std::string> printed(const Trace& trace) {
  std::vector<std::string> out;
  for (const TraceEvent& e : trace.events()) {
    if (e.kind != EventKind::print) continue;
    char t[32];
    std::snprintf(t, sizeof t, "%.2f", e.time);
    out.push_back(std::string(t) + " " + trace.task_name(e.task) + " " + trace.text(e.detail));
  }
  return out;
}

inline std::vector<std::string> printed_texts(const Trace& trace) {
  std::vector<std::string> out;
  for (const TraceEvent& e : trace.events())
    if (e.kind == EventKind::print) out.push_back(trace.text(e.detail));
  return out;
}

inline std::size_t count_events(const Trace& trace, EventKind kind) {
  std::size_t n = 0;
  for (const TraceEvent& e : trace.events()) n += e.kind == kind;
  return n;
}

// A virtual-clock loop for one test.
struct VirtualRun {
  VirtualClock clock;
  EventLoop loop;
  explicit VirtualRun(LoopOptions options = {}) : loop(clock, nullptr, options) {}
  template <class T> T run(Coro<T> main) { return loop.run(std::move(main)); }
  std::vector<std::string> lines() const { return printed(loop.trace()); }
  std::vector<std::string> texts() const { return printed_texts(loop.trace()); }
};

using Lines = std::vector<std::string>;

}  // namespace looplab::test
