#pragma once
// A run's trace as a file a learner can keep: Chrome's Trace Event JSON (opens in Perfetto
// and chrome://tracing) or LoopLab's own lossless JSON (read back with trace_from_json).
#include <cstdint>
#include <string>

#include "looplab/trace.hpp"

namespace looplab::app {

enum class TraceFormat { chrome, looplab };

struct TraceFile {
  std::string name;  // "slow-server-run3.perfetto.json"
  std::string mime;  // "application/json"
  std::string text;
};

TraceFile trace_file(const Trace& trace, const std::string& lesson_id, std::uint64_t run_number, TraceFormat format);

}  // namespace looplab::app
