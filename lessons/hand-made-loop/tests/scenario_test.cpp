// Seeds 003 and 002 on the virtual clock, read from the trace as the page reads it: ten
// polling tasks of 3 s finish in about 3 s in no fixed order, with nearly every poll wasted;
// five generator sleeps of 3 s take about 3 s and give [1, 2, 3, 4, 5]; the hello example's
// four solutions print and take what CPython does; asyncio draws the same shape.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/virtual_run.h"
#include "outcome.h"
#include "scenario.h"

using namespace looplab;
using namespace looplab::hand_made_loop;

namespace {

struct Ran {
  Settings settings;
  app::VirtualRun run;
  RunFacts facts;
  explicit Ran(Settings s) : settings(s), run(scenario_main(s)), facts(facts_of(run.trace())) {}
  bool as_model() const { return make_verdict(settings, facts).matches_model; }
};

Settings polling(int tasks = 10, double seconds = 3, std::uint64_t seed = 1) {
  Settings s;
  s.part = Part::polling;
  s.tasks = tasks;
  s.seconds = seconds;
  s.set_seed = seed;
  return s;
}

Settings hello(Solution solution, double seconds = 1) {
  Settings s;
  s.part = Part::hello;
  s.solution = solution;
  s.seconds = seconds;
  return s;
}

using Lines = std::vector<std::string>;

Lines sorted(Lines v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("ten polling tasks of 3 s finish in about 3 s, every one of them, in the set's order") {
  const Ran r(polling());
  CHECK(r.facts.total == doctest::Approx(3.0).epsilon(0.01));
  REQUIRE(r.facts.finish_order.size() == 10);
  Lines names = r.facts.finish_order;
  CHECK(sorted(names) == Lines{"task 0", "task 1", "task 2", "task 3", "task 4", "task 5", "task 6", "task 7",
                               "task 8", "task 9"});
  // Each finished within a round of polls after its deadline.
  CHECK(r.facts.first_done >= 3.0);
  CHECK(r.facts.last_done - 3.0 <= 10 * r.settings.poll_cost + 1e-9);
  CHECK(r.as_model());
  // Not the order of creation, and another run's set gives another order.
  const Ran other(polling(10, 3, 2));
  CHECK(r.facts.finish_order != other.facts.finish_order);
  const Lines creation{"task 0", "task 1", "task 2", "task 3", "task 4", "task 5", "task 6", "task 7", "task 8", "task 9"};
  CHECK((r.facts.finish_order != creation || other.facts.finish_order != creation));
}

TEST_CASE("polling: the loop never rests, so nearly every poll is wasted and the CPU is busy throughout") {
  const Ran r(polling());
  // 3 s of polls at 1 ms each: about 3,000, of which 10 found a task done.
  CHECK(r.facts.polls >= 3000);
  CHECK(r.facts.polls <= 3011);
  CHECK(r.facts.wasted == r.facts.polls - 10);
  CHECK(r.facts.cpu_seconds == doctest::Approx(3.0).epsilon(0.01));
  CHECK(r.run.printed()[10] == "Time elapsed: 3.0");
  // A cheaper poll: the same 3 s, a thousand times the polls (the model counts them exactly).
  Settings fast = polling();
  fast.poll_cost = 1e-5;
  const Ran f(fast);
  CHECK(f.facts.total == doctest::Approx(3.0).epsilon(0.001));
  CHECK(f.facts.polls >= 300000);
  CHECK(f.facts.polls <= 300011);
  CHECK(f.as_model());
}

TEST_CASE("five generator sleeps of 3 s: about 3 s, and the results come back [1, 2, 3, 4, 5]") {
  Settings s;
  s.part = Part::generators;
  s.tasks = 5;
  s.seconds = 3;
  const Ran r(s);
  CHECK(r.facts.total == doctest::Approx(3.0).epsilon(0.01));
  CHECK(r.facts.results == "[1, 2, 3, 4, 5]");
  CHECK(r.run.printed() == Lines{"Time elapsed: 3.0", "[1, 2, 3, 4, 5]"});
  CHECK(r.facts.finish_order.size() == 5);
  // Every send is in the trace: about one per poll cost of the 3 s.
  CHECK(r.facts.sends >= 3000);
  CHECK(r.facts.sends <= 3010);
  CHECK(r.as_model());
}

TEST_CASE("hello, solution 1: two hellos, then one time.sleep after another between the goodbyes") {
  const Ran r(hello(Solution::bare_yield));
  CHECK(r.run.printed() == Lines{"hello", "hello", "goodbye", "goodbye", "Time elapsed: 2.0"});
  CHECK(r.facts.total == doctest::Approx(2.0).epsilon(0.01));
  CHECK(r.facts.blocked == doctest::Approx(2.0));
  CHECK(r.as_model());
}

TEST_CASE("hello, solution 2: yielding until the time is up lets both wait at once") {
  const Ran r(hello(Solution::busy_yield));
  CHECK(r.run.printed() == Lines{"hello", "hello", "goodbye", "goodbye", "Time elapsed: 1.0"});
  CHECK(r.facts.total == doctest::Approx(1.0).epsilon(0.01));
  CHECK(r.facts.blocked == 0);
  CHECK(r.as_model());
}

TEST_CASE("hello, solution 3: yield asleep() hands over a generator object, and the run ends at once without sleeping") {
  const Ran r(hello(Solution::yield_generator));
  const std::string handed = "the loop was handed a generator object and ignores it";
  CHECK(r.run.printed() == Lines{"hello", handed, "hello", handed, "goodbye", "goodbye", "Time elapsed: 0.0"});
  CHECK(r.facts.total < 0.01);  // four polls
  CHECK(r.facts.blocked == 0);
  // asleep was called twice, and never once resumed.
  std::size_t made = 0;
  for (const auto& g : r.run.trace().generators())
    if (g.name != 0 && r.run.trace().text(g.name) == "asleep") ++made;
  CHECK(made == 2);
  CHECK(r.facts.sends == 4);
  CHECK(r.as_model());
}

TEST_CASE("hello, solution 4: yield from asleep() works: both wait at once") {
  const Ran r(hello(Solution::yield_from));
  CHECK(r.run.printed() == Lines{"hello", "hello", "goodbye", "goodbye", "Time elapsed: 1.0"});
  CHECK(r.facts.total == doctest::Approx(1.0).epsilon(0.01));
  CHECK(r.as_model());
}

TEST_CASE("asyncio.gather of the hellos behaves like solution 4; of the sleeps, like the hand-made loop") {
  Settings h;
  h.part = Part::asyncio;
  h.asyncio = AsyncioRun::hellos;
  h.seconds = 1;
  const Ran hellos(h);
  CHECK(hellos.run.printed() == Lines{"hello", "hello", "goodbye", "goodbye", "Time elapsed: 1.0"});
  CHECK(hellos.facts.total == doctest::Approx(1.0).epsilon(0.01));
  CHECK(hellos.as_model());

  Settings s;
  s.part = Part::asyncio;
  s.tasks = 5;
  s.seconds = 3;
  const Ran sleeps(s);
  CHECK(sleeps.run.printed() == Lines{"Time elapsed: 3.0", "[1, 2, 3, 4, 5]"});
  CHECK(sleeps.facts.total == doctest::Approx(3.0).epsilon(0.01));
  CHECK(sleeps.facts.sends == 0);  // no hand-made polling at all
  CHECK(sleeps.as_model());
}

TEST_CASE("bad settings get a sentence, and a run of them fails with it") {
  Settings many = polling(101);
  CHECK(refusal(many) == "The number of tasks must be a whole number from 1 to 100.");
  Settings longer = polling(10, 11);
  CHECK(refusal(longer).find("from 0 to 10.0 seconds") != std::string::npos);
  Settings real = hello(Solution::busy_yield);
  real.real_clock = true;
  CHECK(refusal(real).find("The real clock is for the polling loop") != std::string::npos);
  Settings spin = polling(10, 5);
  spin.real_clock = true;
  CHECK(refusal(spin).find("at most 3.0 seconds") != std::string::npos);
  Settings huge;
  huge.part = Part::generators;
  huge.seconds = 10;
  huge.poll_cost = 1e-5;
  CHECK(refusal(huge).find("more than a run records") != std::string::npos);
  const Ran r(many);
  CHECK(r.facts.failed);
  CHECK(r.facts.error.find("from 1 to 100") != std::string::npos);
  CHECK(refusal(polling()).empty());
}

TEST_CASE("the snippets say what runs") {
  CHECK(render_snippet(polling(4, 2)).find("[Task(n, 2.0) for n in range(4)]") != std::string::npos);
  CHECK(render_snippet(hello(Solution::yield_from, 2)).find("    yield from asleep(2.0)") != std::string::npos);
  CHECK(render_snippet(hello(Solution::busy_yield)).find("while time.time() - started < 1.0:\n        yield\n") !=
        std::string::npos);
  Settings a;
  a.part = Part::asyncio;
  a.asyncio = AsyncioRun::hellos;
  a.hellos = 5;
  CHECK(render_snippet(a).find("asyncio.gather(*(hello() for _ in range(5)))") != std::string::npos);
  CHECK(snippet_file(a) == "asyncio_hellos.py");
}
