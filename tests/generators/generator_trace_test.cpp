// What the generator machine leaves in the trace: one `generator` event per step, each
// naming the frame, the line, and the value that went in or came out (the views and the
// generators lesson read only this).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "looplab/generator.hpp"
#include "looplab/looplab.hpp"
#include "looplab/trace_export.hpp"

using namespace looplab;
using namespace looplab::py;

namespace {

GeneratorBody running_sum() {
  Value c = 0;
  for (int i = 0; i < 100; ++i) {
    c = c + (co_yield yield_at(4, i));
    print("c = " + c.str());
  }
  co_return {};
}

GeneratorBody one() {
  co_yield yield_at(2, 1);
  co_return "end";
}

GeneratorBody outer() {
  Value r = co_yield yield_from(7, make_generator("one", 1, one()));
  co_return r;
}

// Each step as "<frame>#<id> <kind> <call> line <n> <value>", in recording order.
std::vector<std::string> steps(const Trace& trace) {
  std::vector<std::string> out;
  for (const TraceEvent& e : trace.events()) {
    if (e.kind != EventKind::generator) continue;
    const GeneratorStep& s = trace.generator_steps().at(e.detail);
    REQUIRE(s.generator == e.related);
    out.push_back(trace.text(trace.generators().at(s.generator).name) + "#" + std::to_string(s.generator) + " " +
                  to_string(s.kind) + " " + to_string(s.call) + " line " + std::to_string(s.line) + " " +
                  trace.text(s.value));
  }
  return out;
}

template <class F> Trace run_in_loop(F body) {
  VirtualClock clock;
  EventLoop loop(clock);
  loop.run([](F f) -> Coro<void> {
    f();
    co_return;
  }(body));
  return loop.trace();
}

}  // namespace

TEST_CASE("the running sum's steps: who resumed, where, what went in and what came out") {
  const Trace trace = run_in_loop([] {
    Value x = make_generator("running_sum", 1, running_sum());
    try {
      send(x, 10);
    } catch (const Exception&) {
    }
    next(x);
    send(x, 10);
    send(x, 1.5);
  });
  CHECK(steps(trace) == std::vector<std::string>{
                           "running_sum#1 created none line 1 ",
                           "running_sum#1 refused send line 1 TypeError: can't send non-None value to a just-started generator",
                           "running_sum#1 resumed next line 0 None",
                           "running_sum#1 suspended none line 4 0",
                           "running_sum#1 resumed send line 4 10",
                           "running_sum#1 suspended none line 4 1",
                           "running_sum#1 resumed send line 4 1.5",
                           "running_sum#1 suspended none line 4 2",
                           // x's last reference goes: Python closes it, GeneratorExit at its yield.
                           "running_sum#1 resumed drop line 4 GeneratorExit",
                           "running_sum#1 closed drop line 4 ",
                       });
  // The steps belong to the task whose code drove them (Task-1, asyncio.run's main).
  for (const TraceEvent& e : trace.events())
    if (e.kind == EventKind::generator) CHECK(trace.task_name(e.task) == "Task-1");
  // The generator's prints fall between its resumed and suspended steps.
  std::vector<EventKind> kinds;
  for (const TraceEvent& e : trace.events())
    if (e.kind == EventKind::generator || e.kind == EventKind::print) kinds.push_back(e.kind);
  CHECK(kinds[5] == EventKind::print);
}

TEST_CASE("yield from: the outer frame resumes, hands over to the inner one, and both pause") {
  const Trace trace = run_in_loop([] {
    Value o = make_generator("outer", 6, outer());
    next(o);
    try {
      next(o);
    } catch (const StopIteration&) {
    }
  });
  CHECK(steps(trace) == std::vector<std::string>{
                           "outer#1 created none line 6 ",
                           "outer#1 resumed next line 0 None",
                           "one#2 created none line 1 ",
                           "one#2 resumed delegated line 0 None",
                           "one#2 suspended none line 2 1",
                           "outer#1 suspended none line 7 1",
                           "outer#1 resumed next line 7 None",
                           "one#2 resumed delegated line 2 None",
                           "one#2 returned none line 2 'end'",
                           "outer#1 returned none line 7 'end'",
                       });
}

TEST_CASE("errors and close are steps too") {
  const Trace trace = run_in_loop([] {
    Value g = make_generator("one", 1, one());
    next(g);
    g.generator()->close();
    try {
      next(g);
    } catch (const StopIteration&) {
    }
  });
  CHECK(steps(trace) == std::vector<std::string>{
                           "one#1 created none line 1 ",
                           "one#1 resumed next line 0 None",
                           "one#1 suspended none line 2 1",
                           "one#1 resumed close line 2 GeneratorExit",
                           "one#1 closed close line 2 ",
                           "one#1 refused next line 2 StopIteration",
                       });
}

TEST_CASE("generator steps survive the trace's JSON export and import") {
  const Trace trace = run_in_loop([] {
    Value g = make_generator("running_sum", 1, running_sum());
    next(g);
    send(g, 10);
  });
  const Trace back = trace_from_json(to_json(trace));
  CHECK(steps(back) == steps(trace));
  CHECK(back.generators().at(1).def_line == 1);
  CHECK(back.generators().at(1).created_event == trace.generators().at(1).created_event);
}

TEST_CASE("a trace written before generators existed still reads, with none") {
  auto doc = to_json(run_in_loop([] {}));
  doc.erase("generators");
  doc.erase("generator_steps");
  const Trace back = trace_from_json(doc);
  CHECK(back.generators().size() == 1);
  CHECK(back.generator_steps().empty());
}
