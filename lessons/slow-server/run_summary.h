// What a run measured, read from its trace alone: when each requester's request left and
// its reply came in, the server's sentence, the finish order, the total.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "looplab/trace.hpp"

namespace looplab::slow_server {

inline constexpr double not_yet = std::numeric_limits<double>::quiet_NaN();

struct RequestTimes {
  std::string name;       // "R1"
  double sent = not_yet;  // loop time the request left
  double answered = not_yet;
  std::string reply;      // the server's sentence
};

struct RunSummary {
  bool finished = false;  // main (Task-1) finished, successfully or not
  double total = not_yet; // from main's creation to its end
  std::vector<RequestTimes> requests;     // in the order they were sent
  std::vector<std::string> finish_order;  // names, first reply first
};

// The requesters send in the order R1, R2, R3 in every mode, so the trace's n-th request is Rn's.
RunSummary summarize(const Trace& trace);

}  // namespace looplab::slow_server
