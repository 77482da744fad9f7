#include "outcome.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "app/python_format.h"
#include "published.h"

namespace looplab::gather_many {

namespace {

// The most stretches [from, to] covering one moment; one ending where another starts does
// not overlap it, nor by less than `slack` at either end.
std::size_t peak_overlap(const std::vector<RequestFacts>& requests, double slack) {
  std::vector<std::pair<double, int>> edges;  // (time, +1 start / -1 end)
  for (const RequestFacts& r : requests) {
    if (!std::isfinite(r.on_wire_from) || !std::isfinite(r.on_wire_to)) continue;
    const double from = r.on_wire_from + slack, to = r.on_wire_to - slack;
    if (to <= from) continue;
    edges.push_back({from, +1});
    edges.push_back({to, -1});
  }
  std::sort(edges.begin(), edges.end());  // at a tie the end (-1) comes first
  std::size_t now = 0, peak = 0;
  for (const auto& [t, step] : edges) {
    now = step > 0 ? now + 1 : now - 1;
    peak = std::max(peak, now);
  }
  return peak;
}

// The count of requests on the wire that lasted longest while at least one request waited
// for a connection (0 if none ever waited).
std::size_t limit_while_waiting(const std::vector<RequestFacts>& requests, double slack, double no_wait) {
  struct Edge {
    double t;
    int wire, waiting;
  };
  std::vector<Edge> edges;
  for (const RequestFacts& r : requests) {
    if (std::isfinite(r.on_wire_from) && std::isfinite(r.on_wire_to) && r.on_wire_to - slack > r.on_wire_from + slack) {
      edges.push_back({r.on_wire_from + slack, +1, 0});
      edges.push_back({r.on_wire_to - slack, -1, 0});
    }
    if (r.queued > no_wait && std::isfinite(r.sent)) {
      edges.push_back({r.sent, 0, +1});
      edges.push_back({r.sent + r.queued, 0, -1});
    }
  }
  std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
    return a.t != b.t ? a.t < b.t : a.wire + a.waiting < b.wire + b.waiting;  // ends first
  });
  std::vector<double> held;  // held[k]: seconds with k on the wire and someone waiting
  int wire = 0, waiting = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    wire += edges[i].wire;
    waiting += edges[i].waiting;
    const double until = i + 1 < edges.size() ? edges[i + 1].t : edges[i].t;
    if (waiting > 0 && wire > 0 && until > edges[i].t) {
      if (held.size() <= static_cast<std::size_t>(wire)) held.resize(static_cast<std::size_t>(wire) + 1, 0.0);
      held[static_cast<std::size_t>(wire)] += until - edges[i].t;
    }
  }
  std::size_t best = 0;
  for (std::size_t k = 1; k < held.size(); ++k)
    if (held[k] > 0 && held[k] >= held[best]) best = k;
  return best;
}

std::string seconds_text(double s) {
  char text[32];
  std::snprintf(text, sizeof text, s < 10 ? "%.2f s" : "%.1f s", s);
  return text;
}

std::string count(std::size_t n, const char* one, const char* many) {
  return app::grouped(static_cast<std::int64_t>(n)) + " " + (n == 1 ? one : many);
}

}  // namespace

RunFacts facts_of(const Trace& trace, bool real_clock) {
  RunFacts f;
  const app::MainFacts main = app::main_facts(trace);
  f.finished = main.finished;
  f.failed = main.failed;
  f.total = main.total();
  if (main.failed && trace.tasks().size() > 1) f.error = trace.text(trace.events()[trace.tasks()[1].finished_event].detail);
  const double no_wait = real_clock ? 0.050 : 1e-9;
  for (const app::IoFact& op : app::io_facts(trace)) {
    RequestFacts r;
    r.task = op.task;
    r.ok = op.ok && op.status == 200;
    r.sent = op.sent;
    r.answered = op.answered;
    r.queued = std::isfinite(op.queued) ? std::max(0.0, op.queued) : 0.0;
    r.on_wire_from = r.sent + r.queued;
    // The browser's own timings end the stretch when the last byte came in; without them
    // it ends when the loop took the answer in (the same moment on the virtual clock).
    r.browser_measured = std::isfinite(op.until_first) && std::isfinite(op.transfer) && std::isfinite(op.queued);
    r.on_wire_to = r.browser_measured ? r.on_wire_from + op.until_first + op.transfer : r.answered;
    if (r.queued > no_wait) {
      ++f.queued_in_client;
      f.longest_queue = std::max(f.longest_queue, r.queued);
    }
    f.requests.push_back(std::move(r));
  }
  const double slack = real_clock ? 0.002 : 0.0;
  f.peak_in_flight = peak_overlap(f.requests, slack);
  f.connection_limit_seen = limit_while_waiting(f.requests, slack, no_wait);
  return f;
}

int at_a_time(const Settings& s, int connections) {
  if (!gathered(s)) return 1;
  int k = s.tasks;
  if (uses_semaphore(s)) k = std::min(k, s.semaphore);
  if (s.part == Part::requests && connections > 0) k = std::min(k, connections);
  return std::max(1, k);
}

int rounds_of(const Settings& s, int connections) {
  const int k = at_a_time(s, connections);
  return (s.tasks + k - 1) / k;
}

double model_total(const Settings& s, int connections) { return rounds_of(s, connections) * s.seconds; }

double tolerance(double model_seconds, int rounds, bool virtual_clock) {
  return virtual_clock ? 1e-6 : 0.1 + 0.1 * model_seconds + 0.05 * rounds;
}

namespace {

// `measured_limit`: the connections are what the run showed (the real clock), not a setting.
std::string model_note(const Settings& s, int connections, bool measured_limit) {
  const int k = at_a_time(s, connections);
  const int rounds = rounds_of(s, connections);
  const std::string each = s.part == Part::sleeps ? "sleep" : "delay";
  if (!gathered(s)) return "one after another: " + std::to_string(s.tasks) + " x " + app::python_float(s.seconds) + " s";
  if (rounds == 1) return "all at once: one " + each;
  std::string by = "the semaphore";
  if (s.part == Part::requests && (!uses_semaphore(s) || connections < s.semaphore))
    by = std::to_string(connections) + (measured_limit ? " connections, as measured" : " connections");
  return std::to_string(k) + " at a time (" + by + "): " + std::to_string(rounds) + " rounds of " +
         app::python_float(s.seconds) + " s";
}

std::string meaning(const Settings& s, const RunFacts& f, bool matches, bool virtual_clock) {
  if (!f.finished) return "The run did not finish.";
  if (f.failed) return "The run failed: " + f.error;
  if (!matches) return "The run did not take what the model says: something else held the requests or the loop.";
  const std::string n = app::grouped(s.tasks);
  if (!gathered(s)) {
    return s.part == Part::sleeps ? "Awaited one after another, each sleep began when the last one ended: the sleeps added up."
                                  : "Awaited one after another, each request left only when the last reply was in: the delays added up.";
  }
  if (s.part == Part::sleeps) {
    if (uses_semaphore(s) && s.semaphore < s.tasks)
      return "The semaphore let " + std::to_string(s.semaphore) + " sleep at a time; the others waited for a place.";
    return "All " + n + " sleeps waited together: a timer costs nothing while it waits, so the run took one sleep.";
  }
  const std::size_t limit = f.connection_limit_seen;
  if (limit > 0) {
    return "While some requests waited, " + count(limit, "request was", "requests were") + " on the wire: the " +
           (virtual_clock ? "modelled browser" : "browser") +
           " held the rest until a connection freed, so the gathered requests went out in rounds.";
  }
  if (f.peak_in_flight < static_cast<std::size_t>(s.tasks))
    return "The semaphore kept " + count(f.peak_in_flight, "request", "requests") +
           " in flight at most; the browser never had to hold one back.";
  return "All " + n + " requests were in flight together: the run took one delay.";
}

}  // namespace

ui::Verdict make_verdict(const Settings& s, const RunFacts& f, bool virtual_clock) {
  ui::Verdict v;
  // On the real clock the browser's limit is what the run measured; the model takes it from there.
  const std::size_t seen = f.connection_limit_seen;
  const int connections = virtual_clock ? s.connections : seen > 0 ? static_cast<int>(seen) : s.tasks;
  const double model = model_total(s, connections);
  v.rows = {{"measured", f.total, virtual_clock ? "virtual clock" : "real clock, this browser and the backend", true},
            {"model", model, model_note(s, connections, !virtual_clock && seen > 0)}};
  if (const auto seed = published_for(s)) v.rows.push_back({"the seed's run", seed->total, std::string(seed->note)});
  v.matches_model = f.finished && !f.failed && std::abs(f.total - model) <= tolerance(model, rounds_of(s, connections), virtual_clock);
  v.meaning = meaning(s, f, v.matches_model, virtual_clock);
  if (s.part == Part::requests && !f.requests.empty()) {
    std::string wire = "On the wire at once: at most " + app::grouped(static_cast<std::int64_t>(f.peak_in_flight)) +
                       ", read off each request's time on the wire";
    if (seen > 0 && seen != f.peak_in_flight) {
      wire += " (the browser's timestamps overlap a little as a connection passes from one request to the next; " +
              std::to_string(seen) + " for most of the time others waited)";
    }
    v.notes.push_back(wire + ".");
    if (seen > 0) {
      v.notes.push_back(count(f.queued_in_client, "request", "requests") + " waited in the " +
                        (virtual_clock ? "modelled " : "") + "browser for a connection, the longest " +
                        seconds_text(f.longest_queue) + ".");
      v.notes.push_back(virtual_clock ? "The modelled browser allowed " + count(seen, "connection", "connections") +
                                            " to one host (set above; Chromium allows 6 over HTTP/1.1)."
                                      : "This browser allowed " + count(seen, "connection", "connections") +
                                            " to one host: read off this run's timings (the count on the wire while"
                                            " others waited), not assumed.");
    } else if (gathered(s)) {
      v.notes.push_back("No request had to wait for a connection.");
    }
  }
  return v;
}

}  // namespace looplab::gather_many
