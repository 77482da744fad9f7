#include "looplab/simulated_io.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace looplab {

void SimulatedIo::start(IoOpId op, const IoRequest& request, double now) {
  last_now_ = now;
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
  const double seconds = std::max(0.0, request.simulated_seconds);
  const bool limited = connections_ > 0 && request.kind == IoKind::http_request;
  if (limited && on_wire_ >= connections_) {
    queued_.push_back(Queued{op, seconds, now, std::move(result)});
    return;
  }
  if (limited) result.split.queued = 0;
  put_on_wire(op, seconds, now, std::move(result), limited);
}

void SimulatedIo::put_on_wire(IoOpId op, double seconds, double at, IoResult result, bool holds_connection) {
  if (holds_connection) ++on_wire_;
  pending_.push_back(Pending{at + seconds, seq_++, op, std::move(result), holds_connection});
  std::push_heap(pending_.begin(), pending_.end(), later);
}

void SimulatedIo::free_connection(double at) {
  --on_wire_;
  if (queued_.empty()) return;
  Queued next = std::move(queued_.front());
  queued_.pop_front();
  next.result.split.queued = at - next.since;
  put_on_wire(next.op, next.seconds, at, std::move(next.result), true);
}

void SimulatedIo::cancel(IoOpId op) {
  auto waiting = std::find_if(queued_.begin(), queued_.end(), [&](const Queued& q) { return q.op == op; });
  if (waiting != queued_.end()) {
    queued_.erase(waiting);
    return;
  }
  auto it = std::find_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.op == op; });
  if (it == pending_.end()) return;
  const bool held = it->holds_connection;
  pending_.erase(it);
  std::make_heap(pending_.begin(), pending_.end(), later);
  if (held) free_connection(last_now_);
}

double SimulatedIo::next_completion_time() const {
  return pending_.empty() ? std::numeric_limits<double>::infinity() : pending_.front().finish;
}

void SimulatedIo::poll(double now, double, std::vector<IoCompletion>& out) {
  last_now_ = now;
  while (!pending_.empty() && pending_.front().finish <= now) {
    std::pop_heap(pending_.begin(), pending_.end(), later);
    Pending done = std::move(pending_.back());
    pending_.pop_back();
    // The connection frees when the answer is in, not when the loop gets to it.
    if (done.holds_connection) free_connection(done.finish);
    out.push_back(IoCompletion{done.op, std::move(done.result)});
  }
}

}  // namespace looplab
