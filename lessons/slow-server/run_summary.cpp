#include "run_summary.h"

#include <algorithm>

namespace looplab::slow_server {

namespace {

constexpr std::string_view requesting = ": Requesting '";
constexpr std::string_view done = ": Request finally done! Server replied '";

RequestTimes& requester(RunSummary& s, const std::string& name) {
  auto it = std::find_if(s.requests.begin(), s.requests.end(), [&](const RequestTimes& r) { return r.name == name; });
  if (it != s.requests.end()) return *it;
  s.requests.push_back({name});
  return s.requests.back();
}

}  // namespace

RunSummary summarize(const Trace& trace) {
  RunSummary s;
  for (const TraceEvent& e : trace.events()) {
    if (e.kind != EventKind::print) continue;
    const std::string& line = trace.text(e.detail);
    if (const auto at = line.find(requesting); at != std::string::npos) {
      requester(s, line.substr(0, at)).sent = e.time;
    } else if (const auto at_done = line.find(done); at_done != std::string::npos) {
      RequestTimes& r = requester(s, line.substr(0, at_done));
      r.answered = e.time;
      const std::size_t from = at_done + done.size();
      r.reply = line.substr(from, line.size() - from - (line.ends_with('\'') ? 1 : 0));
      s.finish_order.push_back(r.name);
    }
  }
  // Task-1 is asyncio.run's main.
  if (trace.tasks().size() > 1) {
    const TaskInfo& main = trace.tasks()[1];
    if (main.created_event != kNoEvent && main.finished_event != kNoEvent) {
      s.finished = true;
      s.total = trace.events()[main.finished_event].time - trace.events()[main.created_event].time;
    }
  }
  return s;
}

}  // namespace looplab::slow_server
