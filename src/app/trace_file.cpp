#include "app/trace_file.h"

#include "looplab/trace_export.hpp"

namespace looplab::app {

TraceFile trace_file(const Trace& trace, const std::string& lesson_id, std::uint64_t run_number, TraceFormat format) {
  TraceFile f;
  const std::string stem = lesson_id + "-run" + std::to_string(run_number);
  f.mime = "application/json";
  if (format == TraceFormat::chrome) {
    f.name = stem + ".perfetto.json";
    f.text = to_chrome_trace(trace).dump();
  } else {
    f.name = stem + ".looplab.json";
    f.text = to_json(trace).dump();
  }
  return f;
}

}  // namespace looplab::app
