#include "outcome.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cctype>
#include <cstdlib>

#include "app/python_format.h"
#include "looplab/trace_index.hpp"

namespace looplab::hand_made_loop {
namespace {

bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }

// "30,000 polls, 29,990 of them wasted": the program's own count.
void read_polls(const std::string& line, RunFacts& f) {
  std::string a, b;
  std::size_t i = 0;
  auto number = [&](std::string& out) {
    while (i < line.size() && !std::isdigit(static_cast<unsigned char>(line[i]))) ++i;
    while (i < line.size() && (std::isdigit(static_cast<unsigned char>(line[i])) || line[i] == ',')) {
      if (line[i] != ',') out += line[i];
      ++i;
    }
  };
  number(a);
  number(b);
  if (!a.empty() && !b.empty()) {
    f.polls = std::atoll(a.c_str());
    f.wasted = std::atoll(b.c_str());
  }
}

std::string seconds_text(double s) {
  char t[32];
  std::snprintf(t, sizeof t, "%.2f s", s);
  return t;
}

}  // namespace

RunFacts facts_of(const Trace& trace) {
  RunFacts f;
  const app::MainFacts main = app::main_facts(trace);
  f.finished = main.finished;
  f.failed = main.failed;
  f.total = main.total();
  f.printed = app::printed_lines(trace);
  f.finish_order = app::finish_order(trace);
  for (TaskId t = 2; t < trace.tasks().size(); ++t) {
    const std::uint32_t end = trace.tasks()[t].finished_event;
    if (end == kNoEvent) continue;
    const double at = trace.events()[end].time;
    if (std::isnan(f.first_done) || at < f.first_done) f.first_done = at;
    if (std::isnan(f.last_done) || at > f.last_done) f.last_done = at;
  }
  for (const std::string& line : f.printed) {
    if (line.find(" polls, ") != std::string::npos) read_polls(line, f);
    if (starts_with(line, "CPU time: ")) f.cpu_seconds = std::atof(line.c_str() + 10);
    if (starts_with(line, "[")) f.results = line;
  }
  // The program's next()/send() calls: resumptions of generators the program itself made
  // and stepped (a yield from's delegate is resumed by its delegator, not by the loop).
  for (const GeneratorStep& s : trace.generator_steps())
    if (s.kind == GeneratorStepKind::resumed && (s.call == GeneratorCall::next || s.call == GeneratorCall::send)) ++f.sends;
  TraceIndex index;
  index.update(trace);
  if (index.task_count() > 1)
    for (const StateSpan& span : index.spans(1))
      if (span.state == TaskState::blocked && std::isfinite(span.end)) f.blocked += span.end - span.start;
  if (main.failed && trace.tasks().size() > 1) {
    const std::uint32_t end = trace.tasks()[1].finished_event;
    if (end != kNoEvent) f.error = trace.text(trace.events()[end].detail);
  }
  return f;
}

double model_total(const Settings& s) {
  switch (s.part) {
    case Part::polling:
    case Part::generators:
    case Part::asyncio: return s.seconds;
    case Part::hello:
      switch (s.solution) {
        case Solution::bare_yield: return s.seconds * s.hellos;  // one time.sleep after another
        case Solution::yield_generator: return 0;                // nothing sleeps
        case Solution::busy_yield:
        case Solution::yield_from: return s.seconds;             // all wait at once
      }
  }
  return 0;
}

std::vector<std::string> model_lines(const Settings& s) {
  std::vector<std::string> out;
  if (s.part == Part::hello || (s.part == Part::asyncio && s.asyncio == AsyncioRun::hellos)) {
    for (int i = 0; i < s.hellos; ++i) {
      out.push_back("hello");
      if (s.part == Part::hello && s.solution == Solution::yield_generator)
        out.push_back("the loop was handed a generator object and ignores it");
    }
    for (int i = 0; i < s.hellos; ++i) out.push_back("goodbye");
  } else if (s.part == Part::polling) {
    for (int n = 0; n < s.tasks; ++n) out.push_back("task " + std::to_string(n) + " done");
    std::sort(out.begin(), out.end());
  }
  return out;
}

double tolerance(const Settings& s) {
  if (s.real_clock) return 0.05 + 0.05 * model_total(s);
  // A wait ends on the first poll after its deadline; a round is at most every task once.
  return 2.0 * (s.tasks + s.hellos + 2) * s.poll_cost + 1e-9;
}

ui::Verdict make_verdict(const Settings& s, const RunFacts& f) {
  ui::Verdict v;
  const double model = model_total(s);
  v.rows = {{"measured", f.total, s.real_clock ? "real clock, in this page" : "virtual clock", true},
            {"model", model, s.part == Part::hello && s.solution == Solution::bare_yield ? "the sleeps one after another"
                             : model == 0 ? "nothing sleeps" : "every wait at once"}};
  std::vector<std::string> before;  // the printed lines the model speaks for
  for (const std::string& line : f.printed)
    if (!starts_with(line, "Time elapsed") && line.find(" polls, ") == std::string::npos &&
        !starts_with(line, "CPU time") && !starts_with(line, "["))
      before.push_back(line);
  std::vector<std::string> expected = model_lines(s);
  if (s.part == Part::polling) std::sort(before.begin(), before.end());  // any order
  bool matches = f.finished && !f.failed && std::abs(f.total - model) <= tolerance(s) && before == expected;
  std::string want_results;
  if (s.part == Part::generators || (s.part == Part::asyncio && s.asyncio == AsyncioRun::sleeps)) {
    want_results = "[";
    for (int n = 1; n <= s.tasks; ++n) want_results += (n > 1 ? ", " : "") + std::to_string(n);
    want_results += "]";
    matches = matches && f.results == want_results;
  }
  v.matches_model = matches;
  v.finish_order = f.finish_order;
  if (s.part == Part::polling) v.expected_order_note = "a set's order: it changes from run to run";
  if (!f.finished) v.meaning = "The run did not finish.";
  else if (f.failed) v.meaning = "The run stopped: " + f.error;
  else if (!matches) v.meaning = "The run did not do what the model says.";
  else switch (s.part) {
    case Part::polling:
      v.meaning = "Every task finished within a poll of its deadline, in the set's order, not the order they were made; "
                  "the loop never rested: nearly every poll found nothing to do.";
      break;
    case Part::generators:
      v.meaning = "The sleeps overlapped: each yields until its deadline, and the loop sends into each in turn. "
                  "All of them took one sleep's time, and the results come back in order.";
      break;
    case Part::hello:
      switch (s.solution) {
        case Solution::bare_yield:
          v.meaning = "One yield let both hellos start, but time.sleep stops the whole program: the sleeps ran one "
                      "after another, between the goodbyes.";
          break;
        case Solution::busy_yield:
          v.meaning = "Yielding until the time is up hands control back on every pass: both hellos waited at once.";
          break;
        case Solution::yield_generator:
          v.meaning = "yield asleep(...) hands the loop a generator object that nobody runs: nothing slept, and "
                      "everything printed at once.";
          break;
        case Solution::yield_from:
          v.meaning = "yield from runs asleep inside hello, passing each of its yields out to the loop: both waited "
                      "at once.";
          break;
      }
      break;
    case Part::asyncio:
      v.meaning = "asyncio's loop did the driving: its tasks slept on timers at once, the same shape as the hand-made "
                  "loop, without a single wasted poll.";
      break;
  }
  if (f.polls >= 0) {
    v.notes.push_back(app::grouped(f.polls) + " polls, " + app::grouped(f.wasted) + " of them found nothing to do" +
                      (s.real_clock ? std::string(" (counted as they happened)")
                                  : " (the model charges each poll " + app::python_float(s.poll_cost * 1000) + " ms of the virtual clock)") + ".");
    if (s.real_clock && f.total > 0)
      v.notes.push_back("Measured in this page: " + app::grouped(static_cast<std::int64_t>(f.polls_per_second())) +
                        " polls a second, the page's thread busy all along.");
  }
  if (f.sends > 0) {
    const auto sends = static_cast<std::int64_t>(f.sends);
    const std::int64_t useful = s.part == Part::hello ? 0 : std::min<std::int64_t>(sends, s.tasks);
    v.notes.push_back(app::grouped(sends) + " next()/send() calls into the generators" +
                      (useful > 0 ? ", " + app::grouped(sends - useful) + " of them only to hear \"not yet\"" : std::string()) +
                      " (each charged " + app::python_float(s.poll_cost * 1000) + " ms of the virtual clock).");
  }
  if (f.blocked > 0) v.notes.push_back("time.sleep held the whole program for " + seconds_text(f.blocked) + ".");
  if (!f.results.empty()) v.notes.push_back("Results: " + f.results + (want_results.empty() ? "" : " (the model: " + want_results + ")"));
  return v;
}

}  // namespace looplab::hand_made_loop
