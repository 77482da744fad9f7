#pragma once
// Asynchronous HTTP GET on top of Emscripten's fetch API, with a timeout and
// errors phrased for a learner ("the backend is gone"), never a hang.
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>

namespace looplab::app {

struct FetchResult {
  enum class Outcome { answered, unreachable, timed_out, cancelled };
  Outcome outcome = Outcome::unreachable;
  int http_status = 0;       // 0 unless the server answered
  std::string body;          // the reply body (also for 4xx/5xx answers)
  std::string error;         // one sentence for the learner; empty on a 2xx reply
  double sent_at_ms = 0;     // emscripten_get_now() when the request left
  double finished_at_ms = 0; // emscripten_get_now() when the outcome was known
  // The browser's own timing of the request (its Resource Timing entry; NaN without one):
  // held in the browser before it went out (waiting for a free connection to the host, and
  // opening one), the server's time until the first byte, and the rest of the answer.
  double queued_seconds = std::numeric_limits<double>::quiet_NaN();
  double server_seconds = std::numeric_limits<double>::quiet_NaN();
  double transfer_seconds = std::numeric_limits<double>::quiet_NaN();
  double elapsed_seconds() const { return (finished_at_ms - sent_at_ms) / 1000.0; }
  bool ok() const { return outcome == Outcome::answered && http_status >= 200 && http_status < 300; }
};

using FetchId = std::uint64_t;
using FetchCallback = std::function<void(const FetchResult&)>;

// Each answer carries the browser's Resource Timing of its request, found by its URL and
// start: give concurrent requests URLs of their own (a request number in the query) and
// each gets its own entry. The page's timing buffer is raised so a thousand fit.
class FetchClient {
 public:
  // base_url is prefixed to every path ("" = the page's own origin).
  explicit FetchClient(std::string base_url = "");
  FetchClient(const FetchClient&) = delete;
  FetchClient& operator=(const FetchClient&) = delete;

  // Starts GET base_url + path; on_done runs exactly once, later, from the browser's event loop.
  FetchId get(const std::string& path, double timeout_seconds, FetchCallback on_done);

  // Delivers a `cancelled` result now. The browser request may still finish in
  // the background; its answer is then dropped.
  void cancel(FetchId id);

  std::size_t in_flight() const { return pending_.size(); }
  const std::string& base_url() const { return base_url_; }

  // Called by the fetch callbacks; public only so the C callbacks can reach it.
  void finish(FetchId id, int http_status, std::string body, bool network_error);

 private:
  struct Pending {
    FetchCallback on_done;
    std::string url;
    double sent_at_ms = 0;
    double timeout_seconds = 0;
  };
  std::string base_url_;
  FetchId next_id_ = 1;
  std::unordered_map<FetchId, Pending> pending_;
};

}  // namespace looplab::app
