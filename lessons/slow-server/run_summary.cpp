#include "run_summary.h"

#include <algorithm>
#include <cmath>

#include "app/trace_facts.h"
#include "scenario.h"

namespace looplab::slow_server {

RunSummary summarize(const Trace& trace) {
  RunSummary s;
  const std::vector<app::IoFact> ops = app::io_facts(trace);
  std::vector<std::size_t> answered;
  for (std::size_t i = 0; i < ops.size() && i < requester_names.size(); ++i) {
    const app::IoFact& op = ops[i];
    const bool replied = op.ok && op.status == 200 && !std::isnan(op.answered);
    s.requests.push_back({std::string(requester_names[i]), op.sent, op.answered, replied ? op.reply : std::string()});
    if (replied) answered.push_back(i);
  }
  std::stable_sort(answered.begin(), answered.end(),
                   [&](std::size_t a, std::size_t b) { return ops[a].answered_event < ops[b].answered_event; });
  for (std::size_t i : answered) s.finish_order.push_back(s.requests[i].name);
  const app::MainFacts main = app::main_facts(trace);
  s.finished = main.finished;
  if (main.finished) s.total = main.total();
  return s;
}

}  // namespace looplab::slow_server
