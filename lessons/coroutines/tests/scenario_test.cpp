// The coroutines lesson on the virtual clock, against what CPython 3.11 does with the
// seed's anyfunc (000, 001): a call alone runs nothing and warns as main returns;
// awaiting it runs it inside main; create_task gives it a task of its own, `await task`
// gives 1; a task nobody awaits still takes its first step, and a sleep in it is cancelled
// when asyncio.run ends.
#include <doctest/doctest.h>

#include "app/virtual_run.h"
#include "outcome.h"
#include "scenario.h"

using namespace looplab;
using namespace looplab::coroutines;

namespace {

struct Ran {
  Settings settings;
  Lines lines;
  app::VirtualRun run;
  RunFacts outcome;
  explicit Ran(Settings s)
      : settings(s), lines(lines_in(render_snippet(s))), run(scenario_main(s, lines)), outcome(outcome_of(run.trace(), s, lines)) {}
};

const std::string warning = "RuntimeWarning: coroutine 'anyfunc' was never awaited";

}  // namespace

TEST_CASE("call only: a coroutine object, nothing run, and CPython's warning as main returns") {
  const Ran r({Mode::call_only, 0, 1});
  CHECK(r.run.printed() == std::vector<std::string>{"<class 'coroutine'>"});
  CHECK_FALSE(r.outcome.body_ran);
  CHECK(r.outcome.tasks.empty());
  REQUIRE(r.outcome.warnings.size() == 1);
  CHECK(r.outcome.warnings[0].text == warning);
  CHECK(r.outcome.warnings[0].task == "main");
  // The moment: after main's print, before main finishes (its frame is cleared on return).
  std::size_t print_at = 0, warn_at = 0, main_end = 0;
  const auto& events = r.run.trace().events();
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].kind == EventKind::print) print_at = i;
    if (events[i].kind == EventKind::never_awaited) warn_at = i;
    if (events[i].kind == EventKind::task_finished && events[i].task == 1) main_end = i;
  }
  CHECK(print_at < warn_at);
  CHECK(warn_at < main_end);
  CHECK(r.run.total() == doctest::Approx(0.0));
  const ui::Verdict v = make_verdict(r.settings, r.outcome);
  CHECK(v.matches_model);
  CHECK(v.meaning.find("never ran") != std::string::npos);
}

TEST_CASE("call only with a sleep in anyfunc: still nothing runs, and no time passes") {
  const Ran r({Mode::call_only, 2, 1});
  CHECK(r.run.total() == doctest::Approx(0.0));
  CHECK_FALSE(r.outcome.body_ran);
  CHECK(r.outcome.warnings.size() == 1);
}

TEST_CASE("await it: anyfunc runs inside main's own task and the await gives 1") {
  const Ran r({Mode::await_it, 0, 1});
  CHECK(r.run.printed() == std::vector<std::string>{"<class 'coroutine'>", "1"});
  CHECK(r.outcome.body_ran);
  CHECK(r.outcome.body_task == "main");
  CHECK(r.outcome.tasks.empty());
  CHECK(r.outcome.warnings.empty());
  CHECK(make_verdict(r.settings, r.outcome).matches_model);
}

TEST_CASE("create_task, then await: a task of its own, <class '_asyncio.Task'>, and await task gives 1") {
  const Ran r({Mode::task_then_await, 0, 1});
  CHECK(r.run.printed() == std::vector<std::string>{"<class '_asyncio.Task'>", "1"});
  REQUIRE(r.outcome.tasks.size() == 1);  // main is named "main" here, so it is Task-1 (CPython: Task-2)
  CHECK(r.outcome.tasks[0].rfind("Task-", 0) == 0);
  CHECK(r.outcome.body_task == r.outcome.tasks[0]);
  CHECK(r.outcome.task_end == TaskState::done);
  CHECK(r.outcome.warnings.empty());
  CHECK(make_verdict(r.settings, r.outcome).matches_model);
}

TEST_CASE("awaiting waits for anyfunc's sleep, in main or in the task; the value is what anyfunc returns") {
  const Ran in_main({Mode::await_it, 1.5, 42});
  CHECK(in_main.run.total() == doctest::Approx(1.5));
  CHECK(in_main.outcome.result == "42");
  const Ran in_task({Mode::task_then_await, 1.5, 42});
  CHECK(in_task.run.total() == doctest::Approx(1.5));
  CHECK(in_task.run.printed().back() == "42");
  CHECK(make_verdict(in_task.settings, in_task.outcome).matches_model);
}

// CPython 3.11 gives a task created in main's last step that step before asyncio.run
// stops the loop (issue 11, the scheduler's "run end gives the last step"; conformance
// scenario run_end_gives_last_step).
TEST_CASE("create_task, never awaited: the task still takes its step before asyncio.run stops") {
  const Ran r({Mode::task_never_awaited, 0, 1});
  CHECK(r.run.printed() == std::vector<std::string>{"<class '_asyncio.Task'>"});
  REQUIRE(r.outcome.tasks.size() == 1);
  CHECK(r.outcome.body_ran);
  CHECK(r.outcome.body_task == r.outcome.tasks[0]);
  CHECK(r.outcome.task_end == TaskState::done);
  CHECK(r.outcome.warnings.empty());  // a task is no bare coroutine: nothing to warn about
  CHECK(make_verdict(r.settings, r.outcome).matches_model);
}

TEST_CASE("create_task, never awaited, with a sleep: cancelled when main returns, the body never reached") {
  const Ran r({Mode::task_never_awaited, 1, 1});
  CHECK(r.run.total() == doctest::Approx(0.0));
  CHECK(r.outcome.task_end == TaskState::cancelled);
  CHECK_FALSE(r.outcome.body_ran);
  const ui::Verdict v = make_verdict(r.settings, r.outcome);
  CHECK(v.matches_model);
  CHECK(v.meaning.find("cancelled") != std::string::npos);
}

TEST_CASE("the snippet shows each mode's main and the values in force, and every marked line is in it") {
  const std::string call = render_snippet({Mode::call_only, 0, 1});
  CHECK(call.find("async def anyfunc():\n    return 1\n") != std::string::npos);
  CHECK(call.find("    r = anyfunc()") != std::string::npos);
  CHECK(call.find("await") == std::string::npos);
  const std::string task = render_snippet({Mode::task_then_await, 0.5, 7});
  CHECK(task.find("    await asyncio.sleep(0.5)\n    return 7\n") != std::string::npos);
  CHECK(task.find("asyncio.create_task(r)") != std::string::npos);
  CHECK(task.find("print(await task)") != std::string::npos);
  CHECK(task.find("\n\n\nasyncio.run(main())\n") != std::string::npos);
  for (Mode m : {Mode::call_only, Mode::await_it, Mode::task_then_await, Mode::task_never_awaited}) {
    const Lines l = lines_in(render_snippet({m, 1, 1}));
    CHECK(l.returning != 0);
    CHECK(l.sleeping != 0);
    CHECK(l.type != 0);
    CHECK((l.call != 0 || l.create_task != 0));
  }
  CHECK(lines_in(render_snippet({Mode::await_it, 0, 1})).sleeping == 0);
}
