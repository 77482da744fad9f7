#pragma once
// The scheduler's I/O on the real network: each looplab::IoRequest becomes a real
// emscripten_fetch to the backend, so scenario code that awaits request(...) (or holds
// the loop with blocking_request(...)) waits for a real reply on the real clock.
// The completion time is unknown to the loop, as with a socket; the browser cannot
// block, so poll() never waits: the owner drives the loop with run_ready() each frame
// and, to lose no time, again from on_completion.
#include "fetch_client.h"

#include "looplab/io.hpp"

#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace looplab::app {

class FetchIo final : public looplab::IoDriver {
 public:
  explicit FetchIo(FetchClient& fetch) : fetch_(fetch) {}
  ~FetchIo() override;

  void start(looplab::IoOpId op, const looplab::IoRequest& request, double now) override;
  void cancel(looplab::IoOpId op) override;
  double next_completion_time() const override;
  void poll(double now, double max_wait, std::vector<looplab::IoCompletion>& out) override;
  std::size_t in_flight() const override { return requests_.size(); }

  // Called from the browser's event loop as soon as a reply (or failure) is in.
  void set_on_completion(std::function<void()> callback) { on_completion_ = std::move(callback); }

  // Requests that got no answer at all (backend gone, timed out): the first one's sentence.
  int transport_failures() const { return transport_failures_; }
  const std::string& first_failure() const { return first_failure_; }

  // How long a request may take: what the request says (IoRequest::timeout_seconds), or
  // else the delay the scenario expects, twice, plus a margin.
  static double timeout_for(const looplab::IoRequest& request);

 private:
  FetchClient& fetch_;
  std::unordered_map<looplab::IoOpId, FetchId> requests_;  // in flight
  std::vector<looplab::IoCompletion> completed_;            // answered, not yet polled
  std::function<void()> on_completion_;
  int transport_failures_ = 0;
  std::string first_failure_;
};

}  // namespace looplab::app
