#pragma once
// What a run did, read from its trace alone: the same record the timeline, the verdict,
// the console, the export and the tests read. Nothing here parses printed text.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "looplab/trace.hpp"

namespace looplab::app {

inline constexpr double not_yet = std::numeric_limits<double>::quiet_NaN();

// One I/O operation and its result (see IoOpInfo).
struct IoFact {
  std::string task;         // who started it ("R1", or "main" when main made the call itself)
  std::string description;  // "GET /delay-me?seconds=2"
  bool blocking = false;    // it held the loop
  double sent = not_yet;
  double answered = not_yet;  // NaN while it is out (or if it never came back)
  std::uint32_t answered_event = kNoEvent;  // orders answers that share a time
  bool ok = false;
  int status = 0;
  std::uint32_t rows = 0;
  std::string reply;   // the answer's body
  std::string error;
  double until_first = not_yet;  // the other side's time split, when it gave one
  double transfer = not_yet;
  double queued = not_yet;  // waited in the client (the browser's connection pool) before it left
};

// Every I/O operation in the order it was started.
std::vector<IoFact> io_facts(const Trace& trace);
// Every printed line, in order.
std::vector<std::string> printed_lines(const Trace& trace);

// What CPython writes to stderr (ui/python_stderr.h), with its moment: the never-awaited
// warning, the exception asyncio.run raises.
struct StderrFact {
  double time = not_yet;
  std::string task;  // whose step it happened in ("main")
  std::string text;  // "RuntimeWarning: coroutine 'anyfunc' was never awaited"
};
std::vector<StderrFact> stderr_lines(const Trace& trace);

// A task's end, by name: done, failed or cancelled (nullopt while it runs, or if there is
// no task of that name).
std::optional<TaskState> final_state(const Trace& trace, std::string_view task_name);
// The times a task marked a snippet line (how often it reached it).
std::size_t times_on_line(const Trace& trace, std::uint32_t line);

// asyncio.run's main (Task-1): from its creation to its end.
struct MainFacts {
  bool finished = false;  // it ended, successfully or not
  bool failed = false;
  double started = not_yet;
  double ended = not_yet;
  double total() const { return ended - started; }
};
MainFacts main_facts(const Trace& trace);

// Names of the tasks (not main) in the order they finished.
std::vector<std::string> finish_order(const Trace& trace);

}  // namespace looplab::app
