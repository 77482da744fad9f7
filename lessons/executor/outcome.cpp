#include "outcome.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "looplab/trace_index.hpp"
#include "published.h"

namespace looplab::executor {

namespace {

std::string seconds_text(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f s", s);
  return text;
}

bool is_pi(const std::string& line) { return line.rfind("3.14", 0) == 0; }

}  // namespace

RunFacts facts_of(const Trace& trace) {
  RunFacts f;
  const app::MainFacts main = app::main_facts(trace);
  f.finished = main.finished;
  f.failed = main.failed;
  f.total = main.total();
  f.printed = app::printed_lines(trace);
  for (const std::string& line : f.printed) {
    if (is_pi(line)) f.pi_printed = true;
    if (!f.pi_printed && (line == first_greeting || line == second_greeting)) ++f.greetings_before_pi;
    if (line == "wake") ++f.wakes;
  }
  TraceIndex index;
  index.update(trace);
  std::vector<std::pair<double, int>> pool_edges;  // +1 a worker starts, -1 it ends
  for (TaskId t = 1; t < index.task_count(); ++t)
    for (const StateSpan& span : index.spans(t)) {
      if (!std::isfinite(span.end)) continue;
      if (span.state == TaskState::blocked) f.blocked += span.end - span.start;
      if (span.state == TaskState::in_executor) {
        f.in_executor += span.end - span.start;
        pool_edges.push_back({span.start, +1});
        pool_edges.push_back({span.end, -1});
      }
    }
  std::sort(pool_edges.begin(), pool_edges.end());  // an end before a start at the same time
  int busy = 0;
  for (const auto& [at, step] : pool_edges) f.peak_workers = std::max(f.peak_workers, busy += step);
  if (main.failed && trace.tasks().size() > 1) f.error = trace.text(trace.events()[trace.tasks()[1].finished_event].detail);
  return f;
}

double model_total(const Settings& s) {
  if (s.part == Part::pi) return s.pi_seconds;  // one job: inline or on a worker, it takes as long
  if (s.mode == Mode::inline_call) return s.cats * s.cat_sleep;
  const int rounds = (s.cats + s.workers - 1) / std::max(s.workers, 1);
  return rounds * s.cat_sleep;
}

int model_peak_workers(const Settings& s) {
  if (s.mode == Mode::inline_call) return 0;
  return s.part == Part::pi ? 1 : std::min(s.cats, s.workers);
}

double tolerance(double model_seconds, bool virtual_clock) { return virtual_clock ? 1e-9 : 0.05 + 0.05 * model_seconds; }

namespace {

std::string model_note(const Settings& s) {
  if (s.part == Part::pi) return s.mode == Mode::inline_call ? "compute_pi on the loop's thread" : "compute_pi on a pool worker";
  if (s.mode == Mode::inline_call) return "each cat's sleep holds the loop: their sum";
  return "the sleeps overlap, " + std::to_string(std::min(s.cats, s.workers)) + " workers at a time";
}

std::string meaning(const Settings& s, const RunFacts& f, bool matches) {
  if (!f.finished) return "The run did not finish.";
  if (!matches) return "The run did not go as the model says: something else held the loop.";
  if (s.part == Part::pi) {
    return s.mode == Mode::inline_call
               ? "compute_pi ran on the loop's own thread: nothing else ran until pi was done, so the greetings came after it."
               : "compute_pi ran on a worker thread: the loop stayed free and both greetings printed while pi was computed.";
  }
  return s.mode == Mode::inline_call
             ? "Each cat's time.sleep held the loop, so the cats slept one after another."
             : "The unchanged _have_free_time ran on the executor: the cats slept side by side while the loop stayed free.";
}

}  // namespace

ui::Verdict make_verdict(const Settings& s, const RunFacts& f, bool virtual_clock) {
  ui::Verdict v;
  const double model = model_total(s);
  v.rows = {{"measured", f.total, virtual_clock ? "virtual clock" : "real clock, in this page", true},
            {"model", model, model_note(s)}};
  const bool executor = s.mode == Mode::executor;
  bool shape = f.peak_workers == model_peak_workers(s) && (executor ? f.blocked == 0 : f.in_executor == 0);
  if (s.part == Part::pi) shape = shape && f.pi_printed && f.greetings_before_pi == (executor ? 2 : 0);
  else shape = shape && f.wakes == s.cats;
  v.matches_model = f.finished && !f.failed && shape && std::abs(f.total - model) <= tolerance(model, virtual_clock);
  v.meaning = meaning(s, f, v.matches_model);
  if (s.part == Part::pi)
    v.expected_order_note = std::string(seed_pi_order);
  else
    v.notes.push_back(std::string(seed_cats_note) + ".");
  if (f.blocked > 0) v.notes.push_back("The loop was held for " + seconds_text(f.blocked) + ": nothing else could run.");
  if (f.in_executor > 0)
    v.notes.push_back(seconds_text(f.in_executor) + " of work ran on pool workers, " + std::to_string(f.peak_workers) +
                      " at most at once, while the loop stayed free.");
  if (!f.error.empty()) v.notes.push_back(f.error);
  return v;
}

}  // namespace looplab::executor
