// The scaffolding every seed script shares, and the two ways they run a batch of work.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/scenario_kit.h"
#include "app/virtual_run.h"

using namespace looplab;
using namespace looplab::app;

namespace {

Coro<void> hello(std::string who, double seconds) {
  co_await sleep(seconds);
  print("hello " + who);
}

Coro<void> broken() {
  co_await sleep(1);
  throw std::runtime_error("broken on purpose");
}

std::vector<Work> hellos() {
  return {[] { return hello("a", 2); }, [] { return hello("b", 1); }};
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("timed_run prints the seed's banner and the time elapsed on the loop's clock") {
  VirtualRun run(timed_run(run_all(Arrangement::one_after_another, hellos())));
  CHECK(run.printed() == Lines{"==========", "hello a", "hello b", "----------", "Time elapsed: 3.0", "=========="});
  CHECK(run.total() == 3.0);
}

TEST_CASE("gathered: every piece a task, named in order, awaited together") {
  VirtualRun run(timed_run(run_all(Arrangement::gathered, hellos(), {"first", "second"})));
  CHECK(run.printed() == Lines{"==========", "hello b", "hello a", "----------", "Time elapsed: 2.0", "=========="});
  const Trace& t = run.trace();
  REQUIRE(t.tasks().size() == 4);  // the loop, main, first, second
  CHECK(t.task_name(1) == "main");
  CHECK(t.task_name(2) == "first");
  CHECK(t.task_name(3) == "second");
  CHECK(finish_order(t) == Lines{"second", "first"});
}

TEST_CASE("without names the tasks get asyncio's Task-<n> names") {
  VirtualRun run(run_all(Arrangement::gathered, hellos()));
  CHECK(run.trace().task_name(2).rfind("Task-", 0) == 0);
  CHECK(run.trace().task_name(3).rfind("Task-", 0) == 0);
  CHECK(run.trace().task_name(2) != run.trace().task_name(3));
}

TEST_CASE("a piece that fails one after another stops the rest, which are never made, so never 'never awaited'") {
  VirtualRun run(timed_run(run_all(Arrangement::one_after_another, {[] { return broken(); }, [] { return hello("late", 1); }})));
  CHECK(run.printed() == Lines{"=========="});
  CHECK(run.main().failed);
  std::size_t never_awaited = 0;
  for (const TraceEvent& e : run.trace().events()) never_awaited += e.kind == EventKind::never_awaited;
  CHECK(never_awaited == 0);
}

TEST_CASE("the elapsed line marks its snippet line before printing") {
  VirtualRun run(timed_run(run_all(Arrangement::one_after_another, hellos()), 12));
  bool marked = false;
  for (const TraceEvent& e : run.trace().events()) marked = marked || (e.kind == EventKind::line && e.detail == 12);
  CHECK(marked);
  CHECK(elapsed_text(0.5) == "Time elapsed: 0.5");
}
