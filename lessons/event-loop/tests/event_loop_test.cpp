// The event loop on the virtual clock, read from the trace as the page reads it: the seed's
// two hellos (sleeps of 2 s and 1 s) print the second hello first and take 2 s, not 3, and
// the loop gets there through exactly these run_once phases.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "app/trace_facts.h"
#include "app/virtual_run.h"
#include "loop_at_phase.h"
#include "loop_phases.h"
#include "phase_words.h"
#include "scenario.h"

using namespace looplab;
using namespace looplab::event_loop;

namespace {

app::VirtualRun run_with(Settings s) {
  return app::VirtualRun(scenario_main(s, "http://127.0.0.1:8000"), loop_options());
}

std::vector<std::string> phase_words(const Trace& trace) {
  std::vector<std::string> out;
  for (const LoopPhase& p : loop_phases(trace)) out.push_back(describe(trace, p));
  return out;
}

std::size_t first_phase(const std::vector<LoopPhase>& phases, PhaseKind kind) {
  return next_phase_of(phases, static_cast<std::size_t>(-1), kind).value();
}

}  // namespace

TEST_CASE("two hellos: the second hello prints first, and the run takes 2 s, not 3") {
  const app::VirtualRun run = run_with({});
  CHECK(run.printed() == std::vector<std::string>{"==========", "second hello", "first hello", "----------",
                                                  "Time elapsed: 2.0", "=========="});
  CHECK(run.total() == doctest::Approx(2.0));
  CHECK(app::finish_order(run.trace()) == std::vector<std::string>{"second", "first"});
}

TEST_CASE("two hellos: run_once phase by phase") {
  const app::VirtualRun run = run_with({});
  CHECK(phase_words(run.trace()) == std::vector<std::string>{
                                        "wait 0.0 -> 0.0 (timeout 0.0)",  // main is ready: the selector only polls
                                        "step main",                       // creates both tasks, awaits first
                                        "wait 0.0 -> 0.0 (timeout 0.0)",
                                        "step first",                      // sleep(2): a timer due at 2.0
                                        "step second",                     // sleep(1): a timer due at 1.0
                                        "wait 0.0 -> 1.0 (timeout 1.0)",   // nothing ready: sleep until the soonest timer
                                        "timers 1 due at 1.0",
                                        "callback wakes second (timer)",   // the timer completes the sleep's future
                                        "wait 1.0 -> 1.0 (timeout 0.0)",
                                        "step second",                     // prints "second hello", done
                                        "wait 1.0 -> 2.0 (timeout 1.0)",
                                        "timers 1 due at 2.0",
                                        "callback wakes first (timer)",
                                        "wait 2.0 -> 2.0 (timeout 0.0)",
                                        "step first",                      // prints "first hello", done: wakes main
                                        "wait 2.0 -> 2.0 (timeout 0.0)",
                                        "step main",                       // second is done already: prints the total
                                    });
}

TEST_CASE("two hellos: the heap holds both timers, soonest first, and the due one moves") {
  const app::VirtualRun run = run_with({});
  const Trace& trace = run.trace();
  const auto phases = loop_phases(trace);
  // After second's first step both timers are set: second's (1.0) on top of first's (2.0).
  const std::size_t second_step = 4;
  REQUIRE(phases[second_step].kind == PhaseKind::step);
  const LoopAtPhase after = loop_at_phase(trace, phases, second_step);
  REQUIRE(after.heap.size() == 2);
  CHECK(trace.task_name(after.heap[0].task) == "second");
  CHECK(after.heap[0].deadline == 1.0);
  CHECK(trace.task_name(after.heap[1].task) == "first");
  CHECK(after.heap[1].deadline == 2.0);
  // Iteration 2 ran exactly the two steps the tasks' creation queued, both done by now.
  CHECK(after.callbacks == 2);
  REQUIRE(after.ready.size() == 2);
  CHECK((after.ready[0].ran && after.ready[1].ran && after.ready[1].current));
  // The timers phase: second's timer falls due; first's stays.
  const std::size_t timers = first_phase(phases, PhaseKind::timers);
  const LoopAtPhase moving = loop_at_phase(trace, phases, timers);
  REQUIRE(moving.heap.size() == 2);
  CHECK(moving.heap[0].falling_due);
  CHECK_FALSE(moving.heap[1].falling_due);
  CHECK_FALSE(moving.iteration_started);
  REQUIRE(moving.ready.size() == 1);
  CHECK(moving.ready[0].kind == EntryKind::timer);
  CHECK(trace.task_name(moving.ready[0].task) == "second");
  // Its callback runs next, and the heap is down to one timer.
  const LoopAtPhase woken = loop_at_phase(trace, phases, timers + 1);
  CHECK(woken.heap.size() == 1);
  CHECK(woken.ready[0].current);
}

TEST_CASE("the ready queue says in words why each step was queued") {
  const app::VirtualRun run = run_with({});
  const Trace& trace = run.trace();
  const auto phases = loop_phases(trace);
  auto queued = [&](std::size_t phase) {
    std::vector<std::string> out;
    for (const QueueEntry& q : loop_at_phase(trace, phases, phase).ready) out.push_back(entry_text(trace, q));
    return out;
  };
  // Iteration 2: both tasks' first steps, queued because they were just created.
  CHECK(queued(4) == std::vector<std::string>{"step of first (new task)", "step of second (new task)"});
  // second's step after its timer's callback: its sleep is over.
  CHECK(queued(9) == std::vector<std::string>{"step of second (its sleep is over)"});
  // main's last step: the task it awaited (second, after first) had finished.
  CHECK(queued(16) == std::vector<std::string>{"step of main (the task it awaited finished)"});
  CHECK(headline(trace, phases[7]).find("second's sleep is over") != std::string::npos);
}

TEST_CASE("awaited in turn the sleeps would add up; gathered on the loop they overlap") {
  CHECK(model_total({Scenario::two_hellos, 2, 1}) == 2.0);
  const app::VirtualRun longer = run_with({Scenario::two_hellos, 0.5, 3});
  CHECK(longer.total() == doctest::Approx(3.0));
  CHECK(longer.printed()[1] == "first hello");  // now the first one sleeps less
}

TEST_CASE("slow server, async: three requests out at once, the loop sleeps until each reply") {
  const app::VirtualRun run = run_with({Scenario::slow_server});
  CHECK(run.total() == doctest::Approx(10.0));
  const auto phases = loop_phases(run.trace());
  std::vector<double> long_waits;  // waits that had to sleep, and when each ended
  for (const LoopPhase& p : phases)
    if (p.kind == PhaseKind::wait && p.time > p.began) {
      long_waits.push_back(p.time);
      CHECK(p.completions == 1);  // each brought one reply
    }
  CHECK(long_waits == std::vector<double>{2.0, 5.0, 10.0});
  CHECK(app::finish_order(run.trace()) == std::vector<std::string>{"R2", "R3", "R1"});
}

TEST_CASE("the snippet shows the sleeps in force, and every marked line is in it") {
  const std::string text = render_snippet({Scenario::two_hellos, 0.5, 3});
  CHECK(text.find("say(\"first hello\", 0.5)") != std::string::npos);
  CHECK(text.find("say(\"second hello\", 3.0)") != std::string::npos);
  const HelloLines lines = hello_lines(text);
  CHECK((lines.sleeping && lines.printing && lines.awaiting && lines.elapsed));
  CHECK(snippet_file({Scenario::slow_server}) == "async.py");
}

TEST_CASE("phase lookups: the phase at an event, the next of a kind, kinds by name") {
  const app::VirtualRun run = run_with({});
  const auto phases = loop_phases(run.trace());
  CHECK(phase_at_event(phases, 0) == 0);
  CHECK(phase_at_event(phases, phases[3].first_event) == 3);
  CHECK(phase_at_event(phases, phases[3].first_event + 1) == 3);
  CHECK(next_phase_of(phases, 0, PhaseKind::timers) == std::optional<std::size_t>(6));
  CHECK_FALSE(next_phase_of(phases, phases.size() - 1, PhaseKind::wait).has_value());
  CHECK(phase_kind_named("callback") == PhaseKind::callback);
  CHECK_FALSE(phase_kind_named("nap").has_value());
}
