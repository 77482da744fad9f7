// Writing a trace out: LoopLab's own JSON (lossless, for tools and tests) and Chrome's
// Trace Event format (one thread per task), which Perfetto and chrome://tracing open.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "looplab/trace.hpp"

namespace looplab {

// {"format":"looplab-trace","version":1,"clock":..., "strings":[...], "tasks":[...],
//  "objects":[...], "io_ops":[...], "events":[[time, kind, task, related, detail, state, cause], ...]}
// with kind/state/cause as their names (to_string). Each io_op also carries its result:
// "ok", "status", "rows", "reply" and "error" (string ids), "until_first", "transfer" and
// "queued" (seconds or null).
nlohmann::json to_json(const Trace& trace);
// Reads back what to_json wrote; throws std::invalid_argument with a readable message on bad input.
Trace trace_from_json(const nlohmann::json& doc);

// {"traceEvents":[...], "displayTimeUnit":"ms"}: a complete ("X") slice per state span,
// instant ("i") events for prints, I/O and never-awaited warnings, thread names = task names.
nlohmann::json to_chrome_trace(const Trace& trace);

}  // namespace looplab
