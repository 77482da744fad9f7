// What a gather-many run did, from its trace alone (each request's wait for a connection
// and its time on the wire, how many were in flight at once), and the verdict on it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/trace_facts.h"
#include "scenario.h"
#include "ui/verdict.h"

namespace looplab::gather_many {

// One request: its task's name and loop times. `queued` is its wait in the client for a
// connection (modelled by SimulatedIo, measured by Resource Timing; 0 when nobody said);
// it was on the wire from on_wire_from to on_wire_to.
struct RequestFacts {
  std::string task;
  bool ok = false;
  double sent = app::not_yet;
  double answered = app::not_yet;
  double queued = 0;
  double on_wire_from = app::not_yet;
  double on_wire_to = app::not_yet;
  bool browser_measured = false;  // the split came from the browser's own timings
};

struct RunFacts {
  bool finished = false;
  bool failed = false;
  double total = app::not_yet;
  std::string error;  // what asyncio.run raised ("" if nothing)
  std::vector<RequestFacts> requests;  // in the order they were started
  std::size_t peak_in_flight = 0;      // the most requests on the wire at one moment
  std::size_t queued_in_client = 0;    // requests that waited for a connection
  double longest_queue = 0;
  // The client's connection limit as the run shows it: the number of requests on the wire
  // that held longest while others waited for a connection (a blip of one more, as real
  // timings give, does not count); 0 when none waited (the limit never bound).
  std::size_t connection_limit_seen = 0;
};

// `real_clock`: measured times jitter by milliseconds, so a wait shorter than 50 ms is no
// wait (opening a connection takes a few) and on-wire stretches that touch within 2 ms do
// not overlap.
RunFacts facts_of(const Trace& trace, bool real_clock);

// How many run at a time: the semaphore, and for requests the connection limit, bound it.
int at_a_time(const Settings& s, int connections);
// The model's total for these settings with `connections` to the host.
double model_total(const Settings& s, int connections);
// How far a run may be from the model: nothing on the virtual clock; on the real one 0.1 s
// and 10%, and 50 ms per round (a connection passing from one request to the next, the
// reply reaching the loop).
double tolerance(double model_seconds, int rounds, bool virtual_clock);
// How many rounds the requests or sleeps go in.
int rounds_of(const Settings& s, int connections);

ui::Verdict make_verdict(const Settings& s, const RunFacts& f, bool virtual_clock);

}  // namespace looplab::gather_many
