#include "fetch_io.h"

#include <algorithm>
#include <limits>
#include <memory>

namespace looplab::app {

FetchIo::~FetchIo() {
  // Late replies must not reach a driver that is gone.
  auto pending = std::move(requests_);
  for (const auto& [op, id] : pending) fetch_.cancel(id);
}

double FetchIo::timeout_for(const looplab::IoRequest& request) {
  if (request.timeout_seconds > 0) return request.timeout_seconds;
  return 2.0 * std::max(0.0, request.simulated_seconds) + 10.0;
}

void FetchIo::start(looplab::IoOpId op, const looplab::IoRequest& request, double) {
  if (request.kind != looplab::IoKind::http_request) {
    looplab::IoResult r;
    r.ok = false;
    r.status = 0;
    r.error = "this page can only make HTTP requests for real; database queries run on the virtual clock";
    completed_.push_back({op, std::move(r)});
    if (on_completion_) on_completion_();
    return;
  }
  FetchId id = fetch_.get(request.target, timeout_for(request), [this, op](const FetchResult& result) {
    if (result.outcome == FetchResult::Outcome::cancelled) return;  // cancel() already forgot it
    requests_.erase(op);
    looplab::IoResult r;
    r.ok = result.outcome == FetchResult::Outcome::answered;  // HTTP errors are answers too
    r.status = result.http_status;
    r.body = result.body;
    r.error = r.ok ? std::string() : result.error;
    // The browser's own split (a reply reader that knows better, like the database's, overrides it).
    r.split.queued = result.queued_seconds;
    r.split.until_first = result.server_seconds;
    r.split.transfer = result.transfer_seconds;
    if (!r.ok && transport_failures_++ == 0) first_failure_ = result.error;
    completed_.push_back({op, std::move(r)});
    if (on_completion_) on_completion_();
  });
  requests_[op] = id;
}

void FetchIo::cancel(looplab::IoOpId op) {
  auto it = requests_.find(op);
  if (it != requests_.end()) {
    FetchId id = it->second;
    requests_.erase(it);
    fetch_.cancel(id);
  }
  completed_.erase(std::remove_if(completed_.begin(), completed_.end(),
                                  [op](const looplab::IoCompletion& c) { return c.op == op; }),
                   completed_.end());
}

double FetchIo::next_completion_time() const {
  // Completions already in count as due now; otherwise the network decides.
  return completed_.empty() ? std::numeric_limits<double>::infinity() : 0.0;
}

void FetchIo::poll(double, double, std::vector<looplab::IoCompletion>& out) {
  for (auto& c : completed_) out.push_back(std::move(c));
  completed_.clear();
}

}  // namespace looplab::app
