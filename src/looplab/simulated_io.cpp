#include "looplab/simulated_io.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace looplab {

void SimulatedIo::start(IoOpId op, const IoRequest& request, double now) {
  IoResult result;
  if (!request.simulated_error.empty()) {
    result.ok = false;
    result.status = 0;
    result.error = request.simulated_error;
  } else if (request.kind == IoKind::db_query) {
    result.status = 0;
    result.rows = request.simulated_rows;
    result.body = request.simulated_body;
  } else {
    result.status = request.simulated_status;
    result.body = request.simulated_body.empty() ? "simulated response to " + request.target : request.simulated_body;
  }
  pending_.push_back(Pending{now + std::max(0.0, request.simulated_seconds), seq_++, op, std::move(result)});
  std::push_heap(pending_.begin(), pending_.end(), later);
}

void SimulatedIo::cancel(IoOpId op) {
  auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.op == op; });
  if (it == pending_.end()) return;
  pending_.erase(it);
  std::make_heap(pending_.begin(), pending_.end(), later);
}

double SimulatedIo::next_completion_time() const {
  return pending_.empty() ? std::numeric_limits<double>::infinity() : pending_.front().finish;
}

void SimulatedIo::poll(double now, double, std::vector<IoCompletion>& out) {
  while (!pending_.empty() && pending_.front().finish <= now) {
    std::pop_heap(pending_.begin(), pending_.end(), later);
    out.push_back(IoCompletion{pending_.back().op, std::move(pending_.back().result)});
    pending_.pop_back();
  }
}

}  // namespace looplab
