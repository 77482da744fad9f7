// How I/O plugs into the loop. An IoDriver starts operations and later hands their results
// back; the loop turns each completion into a callback in its ready queue, as a selector's
// events become callbacks in asyncio. The virtual clock uses SimulatedIo (a request or query
// that takes a stated time); the browser's real-clock driver wraps emscripten_fetch; tests on
// the native real clock can use ThreadedIo.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "looplab/trace.hpp"

namespace looplab {

enum class IoKind : std::uint8_t {
  http_request,  // target: a URL or path ("/slow?seconds=2")
  db_query,      // target: SQL text
};

struct IoResult;

// Reads what an answer says into its structured fields (rows, time split), or turns an
// answer that cannot be read into a failure (ok = false, error says why). The client that
// knows the reply's format supplies it; the loop runs it when the answer arrives, before
// the trace records the result, on either clock.
using IoReplyReader = void (*)(IoResult& result);

struct IoRequest {
  IoKind kind = IoKind::http_request;
  std::string target;
  // For simulated drivers: how long the operation takes and, for queries, the rows it
  // returns. Real drivers ignore these: the server decides.
  double simulated_seconds = 0;
  std::uint32_t simulated_rows = 0;
  int simulated_status = 200;     // HTTP status a simulated request answers with
  std::string simulated_error;    // non-empty: the simulated operation fails with this text
  std::string simulated_body;     // what a simulated request answers (empty: "simulated response to <target>")
  // For real drivers: how long to wait for the answer at most, any wait in the client's
  // queue included (0: the driver's own rule). Simulated drivers ignore it.
  double timeout_seconds = 0;
  IoReplyReader read_reply = nullptr;
};

// Where an answered operation's time went, as the other side measured it (NaN: it did not
// say): until the first row or byte of the answer (the server working), then the rest of it
// coming over. `queued` is the client's own share, before the request went on the wire: a
// browser holds requests to one host beyond its connection limit (Resource Timing measures
// it), SimulatedIo models that limit when asked to (LoopOptions::simulated_connections).
struct IoTimeSplit {
  double until_first = std::numeric_limits<double>::quiet_NaN();
  double transfer = std::numeric_limits<double>::quiet_NaN();
  double queued = std::numeric_limits<double>::quiet_NaN();
};

struct IoResult {
  bool ok = true;         // false: transport failure (error says why); HTTP errors still ok
  int status = 200;       // HTTP status, or 0 for queries
  std::uint32_t rows = 0; // rows returned by a query
  std::string body;
  std::string error;
  IoTimeSplit split;      // filled by the request's read_reply or the driver, if they know
};

struct IoCompletion {
  IoOpId op;
  IoResult result;
};

class IoDriver {
 public:
  virtual ~IoDriver() = default;
  // Starts `request` at loop time `now`. Exactly one completion for `op` must later come
  // out of poll(), unless cancel(op) is called first.
  virtual void start(IoOpId op, const IoRequest& request, double now) = 0;
  // Forgets an operation whose result nobody wants any more (best effort for real I/O).
  virtual void cancel(IoOpId op) { (void)op; }
  // Loop time at which the earliest pending operation is known to complete; +infinity if
  // none is pending or the driver cannot know (real network I/O).
  virtual double next_completion_time() const = 0;
  // Appends every operation completed by loop time `now` to `out`. May block up to
  // `max_wait` seconds for the first one when nothing has completed yet; drivers that
  // cannot block (the browser) return at once.
  virtual void poll(double now, double max_wait, std::vector<IoCompletion>& out) = 0;
  virtual std::size_t in_flight() const = 0;
};

}  // namespace looplab
