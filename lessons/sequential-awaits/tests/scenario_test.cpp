// Seed 002 on the virtual clock: two hellos awaited in a row take 2 s, gathered 1 s;
// time.sleep inside async def takes 2 s either way, with the loop held all along; and
// `await time.sleep(1)` raises CPython's TypeError once the sleep has returned None.
#include <doctest/doctest.h>

#include "app/virtual_run.h"
#include "outcome.h"
#include "scenario.h"

using namespace looplab;
using namespace looplab::sequential_awaits;

namespace {

struct Ran {
  Settings settings;
  app::VirtualRun run;
  RunFacts facts;
  explicit Ran(Settings s) : settings(s), run(scenario_main(s, lines_in(render_snippet(s)))), facts(facts_of(run.trace())) {}
  bool as_model() const { return make_verdict(settings, facts, true).matches_model; }
};

const std::string type_error = "TypeError: object NoneType can't be used in 'await' expression";
using Printed = std::vector<std::string>;

}  // namespace

TEST_CASE("await hello(); await hello(): 2 s, one hello after the other") {
  const Ran r({Arrangement::in_a_row, SleepKind::asyncio_sleep, 2, 1});
  CHECK(r.facts.total == doctest::Approx(2.0));
  CHECK(r.run.printed() == Printed{"hello", "goodbye", "hello", "goodbye", "Time elapsed: 2.0"});
  CHECK(r.facts.blocked == 0);
  CHECK(r.as_model());
}

TEST_CASE("gather(hello(), hello()): 1 s, both hellos before both goodbyes") {
  const Ran r({Arrangement::gathered, SleepKind::asyncio_sleep, 2, 1});
  CHECK(r.facts.total == doctest::Approx(1.0));
  CHECK(r.run.printed() == Printed{"hello", "hello", "goodbye", "goodbye", "Time elapsed: 1.0"});
  CHECK(r.as_model());
}

TEST_CASE("time.sleep(1) inside async def: 2 s even gathered, the loop held for both seconds") {
  const Ran r({Arrangement::gathered, SleepKind::time_sleep, 2, 1});
  CHECK(r.facts.total == doctest::Approx(2.0));
  CHECK(r.facts.blocked == doctest::Approx(2.0));
  CHECK(r.run.printed() == Printed{"hello", "goodbye", "hello", "goodbye", "Time elapsed: 2.0"});
  CHECK(r.as_model());
  const Ran in_a_row({Arrangement::in_a_row, SleepKind::time_sleep, 2, 1});
  CHECK(in_a_row.facts.total == doctest::Approx(2.0));
  CHECK(in_a_row.facts.blocked == doctest::Approx(2.0));
  CHECK(in_a_row.as_model());
}

TEST_CASE("await time.sleep(1): the sleep happens, then CPython's TypeError ends main") {
  const Ran r({Arrangement::in_a_row, SleepKind::await_time_sleep, 2, 1});
  CHECK(r.facts.failed);
  CHECK(r.facts.error == type_error);
  CHECK(r.facts.total == doctest::Approx(1.0));
  CHECK(r.run.printed() == Printed{"hello"});
  const auto err = app::stderr_lines(r.run.trace());
  REQUIRE(err.size() == 1);
  CHECK(err[0].text == type_error);
  CHECK(r.as_model());
}

TEST_CASE("await time.sleep(1), gathered: every task blocks once, then the TypeError reaches main") {
  const Ran r({Arrangement::gathered, SleepKind::await_time_sleep, 2, 1});
  CHECK(r.facts.failed);
  CHECK(r.facts.error == type_error);
  CHECK(r.facts.total == doctest::Approx(2.0));
  CHECK(r.run.printed() == Printed{"hello", "hello"});
  CHECK(r.as_model());
}

TEST_CASE("1 to 1,000 hellos: gathered they take one sleep, in a row one each") {
  for (int n : {1, 3, 1000}) {
    const Ran g({Arrangement::gathered, SleepKind::asyncio_sleep, n, 1});
    CHECK(g.facts.total == doctest::Approx(1.0));
    CHECK(g.facts.hellos == static_cast<std::size_t>(n));
    CHECK(g.facts.goodbyes == static_cast<std::size_t>(n));
    CHECK(g.as_model());
  }
  const Ran many({Arrangement::in_a_row, SleepKind::asyncio_sleep, 1000, 0.5});
  CHECK(many.facts.total == doctest::Approx(500.0));
  CHECK(many.run.printed().back() == "Time elapsed: 500.0");
}

TEST_CASE("the snippet says what runs: the sleep chosen, the awaits written out or as a loop") {
  const std::string two = render_snippet({Arrangement::in_a_row, SleepKind::asyncio_sleep, 2, 1});
  CHECK(two.find("    await asyncio.sleep(1.0)\n") != std::string::npos);
  CHECK(two.find("    await hello()\n    await hello()\n") != std::string::npos);
  const std::string g = render_snippet({Arrangement::gathered, SleepKind::time_sleep, 2, 0.5});
  CHECK(g.find("    await asyncio.gather(hello(), hello())\n") != std::string::npos);
  CHECK(g.find("    time.sleep(0.5)") != std::string::npos);
  const std::string many = render_snippet({Arrangement::gathered, SleepKind::await_time_sleep, 1000, 1});
  CHECK(many.find("asyncio.gather(*(hello() for _ in range(1000)))") != std::string::npos);
  CHECK(many.find("    await time.sleep(1.0)") != std::string::npos);
  CHECK(render_snippet({Arrangement::in_a_row, SleepKind::asyncio_sleep, 5, 1}).find("for _ in range(5):\n        await hello()") !=
        std::string::npos);
  const Lines l = lines_in(two);
  CHECK(l.awaits == l.elapsed - 2);
}
