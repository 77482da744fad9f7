#include "outcome.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/python_format.h"
#include "app/virtual_run.h"
#include "published.h"

namespace looplab::tpc {

Settings seed_settings(Variant v, Workload w) {
  Settings s;
  s.variant = v;
  s.workload = w;
  s.workers = w == Workload::sleep ? 4000 : w == Workload::http ? 200 : 5;
  s.sleep_seconds = w == Workload::sleep_prime ? 1 : 3;
  return s;
}

RunFacts facts_of(const Trace& trace) {
  RunFacts f;
  const app::MainFacts main = app::main_facts(trace);
  f.finished = main.finished;
  f.failed = main.failed;
  f.total = main.total();
  if (main.failed) f.error = trace.text(trace.events()[trace.tasks()[1].finished_event].detail);
  const auto& tasks = trace.tasks();
  for (std::size_t id = 2; id < tasks.size(); ++id) {
    const TaskInfo& t = tasks[id];
    if (t.parent != 1) continue;  // a worker is main's own task (the loops' requests are not)
    WorkerSpan w;
    w.name = trace.task_name(static_cast<TaskId>(id));
    if (t.created_event < trace.size()) w.start = trace.events()[t.created_event].time;
    if (t.finished_event < trace.size()) {
      const TraceEvent& end = trace.events()[t.finished_event];
      w.end = end.time;
      w.ok = end.state == TaskState::done;
      f.first_end = std::isfinite(f.first_end) ? std::min(f.first_end, w.end) : w.end;
      f.last_end = std::isfinite(f.last_end) ? std::max(f.last_end, w.end) : w.end;
    }
    if (std::isfinite(w.start)) f.last_start = std::max(f.last_start, w.start - main.started);
    f.workers.push_back(std::move(w));
  }
  return f;
}

double model_total(const Settings& s) {
  if (!check(s).empty()) return NAN;
  app::VirtualRun run(scenario_main(s, lines_in(s, render_snippet(s))), loop_options(s));
  const app::MainFacts m = run.main();
  return m.finished && !m.failed ? m.total() : NAN;
}

std::array<double, all_variants.size()> model_totals(const Settings& s) {
  std::array<double, all_variants.size()> out{};
  for (std::size_t i = 0; i < all_variants.size(); ++i) {
    Settings other = s;
    other.variant = all_variants[i];
    out[i] = model_total(other);
  }
  return out;
}

namespace {

std::string secs(double s) {
  char text[32];
  std::snprintf(text, sizeof text, s < 10 ? "%.2f s" : s < 100 ? "%.1f s" : "%.0f s", s);
  return text;
}

bool cpu_bound(Workload w) { return w == Workload::prime || w == Workload::sleep_prime || w == Workload::mix; }

std::string n_of(const Settings& s) { return app::grouped(s.workers); }

// Why this variant took what it took, from the model's rules and the run's own numbers.
std::string meaning(const Settings& s, const RunFacts& f) {
  const double cpu = prime_seconds(s);
  const int p = processes_of(s);
  const int at_once = std::min(p, s.cores);
  const int per_call = s.workload == Workload::mix ? 2 : 1;
  switch (s.variant) {
    case Variant::asyncio:
      if (cpu_bound(s.workload))
        return "One loop runs one coroutine at a time and is_prime never awaits: the " + app::grouped(s.workers * per_call) +
               " calls ran one after another on the loop (" + secs(cpu) + " each), however many cores there are.";
      if (s.workload == Workload::sleep)
        return "A sleeping coroutine is only a timer: " + n_of(s) + " of them waited together and the run took one sleep.";
      return "All " + n_of(s) + " requests were in flight together; only aiohttp's own work (3 ms a request) ran one at a time on the loop.";
    case Variant::threads:
      if (cpu_bound(s.workload))
        return "The GIL lets one thread run Python at a time: the " + app::grouped(s.workers * per_call) +
               " is_prime calls took turns (" + secs(cpu) + " each), so threads did no better than coroutines.";
      if (s.workload == Workload::sleep)
        return "A sleeping thread lets go of the GIL, but the main thread starts them one by one: the last of " + n_of(s) +
               " began at " + secs(f.last_start) + ", and its sleep ended that much later.";
      return "A thread waiting for its reply lets go of the GIL, but the requests library's own Python (24 ms a request) needs it: " +
             n_of(s) + " of those ran one after another.";
    case Variant::pool:
      if (cpu_bound(s.workload))
        return "Each process has its own interpreter and its own GIL: " + std::to_string(at_once) +
               " computed at once, after the pool's processes took " + secs(model_costs.pool_start) + " to start.";
      return "A pool has one process per core (" + std::to_string(p) + " here), and a process does one job at a time: " +
             n_of(s) + " jobs went in " + std::to_string((s.workers + p - 1) / p) + " rounds.";
    case Variant::loops:
      return "Each of the " + std::to_string(p) + " processes runs its own loop: the waits overlap as with coroutines, and " +
             std::to_string(at_once) + " processes compute at once as in the pool.";
    case Variant::native:
      return "No GIL: native threads compute on every core at once (" + std::to_string(s.cores) +
             " here), and the compiled loop takes " + secs(cpu) + " where CPython takes " +
             secs(cpu * model_costs.native_speedup) + ".";
  }
  return "";
}

// What the core count does for this variant.
std::string cores_note(const Settings& s, double total) {
  if (s.variant == Variant::asyncio || s.variant == Variant::threads)
    return std::string("The core count changes nothing here: ") +
           (s.variant == Variant::asyncio ? "one loop is one thread." : "the GIL lets one thread compute at a time.");
  if (s.cores == 2) return "";
  Settings two = s;
  two.cores = 2;
  const double on_two = model_total(two);
  if (!std::isfinite(on_two)) return "";
  return "The model's machine has " + std::to_string(s.cores) + " cores (the seed's had 10); on 2 cores, as on the machine serving LoopLab here, it gives " +
         secs(on_two) + (std::abs(on_two - total) < 0.01 ? ": the cores were not what bound this run." : ".");
}

}  // namespace

ui::Verdict make_verdict(const Settings& s, const RunFacts& f, bool virtual_clock) {
  ui::Verdict v;
  const double model = virtual_clock ? f.total : model_total(s);
  v.rows.push_back({"measured", f.total, virtual_clock ? "virtual clock: the model's run" : "real clock: CPython on the backend", true});
  if (!virtual_clock) v.rows.push_back({"model", model, "the seed's machine as its figures give it"});
  if (const auto seed = published_for(s.variant, s.workload); seed && std::isfinite(seed->seconds)) {
    std::string note = "seed 002, " + app::grouped(seed->workers) + " workers: " + std::string(seed->said);
    if (seed->workers != s.workers) note += " (this run has " + n_of(s) + ")";
    v.rows.push_back({"the seed's run", seed->seconds, note});
  }
  if (!f.finished) {
    v.meaning = "The run did not finish.";
    return v;
  }
  if (f.failed) {
    v.meaning = "The run failed: " + f.error;
    return v;
  }
  v.matches_model = std::isfinite(model) && std::abs(f.total - model) <= (virtual_clock ? 1e-6 : 0.5 + 0.25 * model);
  v.meaning = meaning(s, f);
  if (const std::string c = cores_note(s, f.total); !c.empty()) v.notes.push_back(c);
  if (s.variant == Variant::native) v.notes.push_back("Native C++ threads are the contrast row: not Python, no GIL.");
  if (f.workers.size() > 0 && std::isfinite(f.first_end))
    v.notes.push_back("The first worker ended at " + secs(f.first_end) + ", the last at " + secs(f.last_end) + ".");
  return v;
}

}  // namespace looplab::tpc
