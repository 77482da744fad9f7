// What CPython writes to stderr during a run, read from the trace: the console shows it
// beside what the scenario printed, at the moment CPython would write it.
#pragma once

#include <string>

#include "looplab/trace.hpp"

namespace looplab::ui {

// The line for one trace event, or "" when CPython writes nothing for it:
//   never_awaited            "RuntimeWarning: coroutine 'anyfunc' was never awaited"
//   main (Task-1) failing    its exception, as the last line of the traceback
//                            asyncio.run raises ("TypeError: ..." for a lesson's own errors)
std::string python_stderr_line(const Trace& trace, const TraceEvent& event);

}  // namespace looplab::ui
