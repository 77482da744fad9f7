// Seeds 003 and 002 on the virtual clock, read from the trace as the page reads it: one
// next() then list() gives [1, 2] and prints the generator's inside lines; the running sum
// fed 10, 5, 20, 1.5 prints c = 10, 15, 35, 36.5 and yields 1, 2, 3, 4; a send into a
// generator that has not started is Python's TypeError; the seed's round robin skips the
// generator after a removed one, and the fix does not; and a list's first value waits for
// the whole list while a generator's does not, both measured.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "app/virtual_run.h"
#include "outcome.h"
#include "scenario.h"

using namespace looplab;
using namespace looplab::generators;

namespace {

struct Ran {
  Settings settings;
  app::VirtualRun run;
  RunFacts facts;
  explicit Ran(Settings s) : settings(s), run(scenario_main(s)), facts(facts_of(run.trace())) {}
  bool as_model() const { return make_verdict(settings, facts).matches_model; }
};

Settings part(Part p) {
  Settings s;
  s.part = p;
  return s;
}

using Lines = std::vector<std::string>;

// The generator steps' lines at which a generator named `name` was suspended, in order.
std::vector<std::uint32_t> suspended_lines(const Trace& trace, std::string_view name) {
  std::vector<std::uint32_t> lines;
  for (const GeneratorStep& s : trace.generator_steps())
    if (s.kind == GeneratorStepKind::suspended && trace.text(trace.generators()[s.generator].name) == name)
      lines.push_back(s.line);
  return lines;
}

}  // namespace

TEST_CASE("seed 003: one next() gives 0, then list() prints the generator's inside lines and gives [1, 2]") {
  const Ran r(part(Part::next));
  CHECK(r.run.printed() == Lines{"0", "inside counting: after yielding 0", "inside counting: after yielding 1",
                                 "inside counting: after yielding 2", "[1, 2]"});
  CHECK(r.facts.list_result == "[1, 2]");
  CHECK(r.facts.yielded == Lines{"0", "1", "2"});
  CHECK(r.facts.stop_iteration);  // list() stopped at StopIteration
  CHECK(r.as_model());
  // Every suspension is on the snippet's `yield i` line (line 3 of counting.py).
  CHECK(suspended_lines(r.run.trace(), "counting") == std::vector<std::uint32_t>{3, 3, 3});
}

TEST_CASE("next() until StopIteration: each value, the inside line after it, then StopIteration") {
  Settings s = part(Part::next);
  s.drain = Drain::next_until_stop;
  s.count = 2;
  const Ran r(s);
  CHECK(r.run.printed() == Lines{"0", "inside counting: after yielding 0", "1", "inside counting: after yielding 1",
                                 "StopIteration: counting has no more values"});
  CHECK(r.as_model());
  // Each next() is one modelled step on the clock: 3 calls, the last raising StopIteration.
  CHECK(r.facts.total == doctest::Approx(3 * s.step_cost));
}

TEST_CASE("seed 003: the running sum fed 10, 5, 20, 1.5 prints c = 10, 15, 35, 36.5 and yields 1, 2, 3, 4") {
  const Ran r(part(Part::send));
  CHECK(r.facts.sums == Lines{"10", "15", "35", "36.5"});
  CHECK(r.facts.sent == Lines{"10", "5", "20", "1.5"});
  CHECK(r.facts.yielded == Lines{"0", "1", "2", "3", "4"});
  CHECK(r.run.printed() == Lines{"0", "c = 10", "1", "c = 15", "2", "c = 35", "3", "c = 36.5", "4"});
  CHECK(r.facts.refused.empty());
  CHECK(r.as_model());
}

TEST_CASE("seed 003: send(10) right after creation is refused with Python's words, and nothing runs") {
  Settings s = part(Part::send);
  s.start = Start::send_first;
  const Ran r(s);
  CHECK(r.facts.refused == "TypeError: can't send non-None value to a just-started generator");
  CHECK(r.run.printed() == Lines{"TypeError: can't send non-None value to a just-started generator"});
  CHECK(r.facts.yielded.empty());
  CHECK(r.facts.sums.empty());
  CHECK(r.as_model());
}

TEST_CASE("the values typed are read as Python reads them; bad input gets a sentence") {
  std::string problem;
  const auto values = parse_sends(" 10,5 , 20,1.5 ", problem);
  CHECK(problem.empty());
  REQUIRE(values.size() == 4);
  CHECK(values[0].is_int());
  CHECK(values[3].is_float());
  Settings s = part(Part::send);
  s.sends = parse_sends("1e3, -2, 0.1, 0.2", problem);
  const Ran r(s);
  CHECK(r.facts.sums == Lines{"1000.0", "998.0", "998.1", "998.3000000000001"});  // Python's float repr
  CHECK(parse_sends("10, ten", problem).empty());
  CHECK(problem == "'ten' is not a number: type numbers separated by commas, such as 10, 5, 20, 1.5.");
  CHECK(parse_sends("", problem).empty());
  CHECK(!problem.empty());
  CHECK(parse_sends("inf", problem).empty());
  CHECK(parse_sends("0x10", problem).empty());
  CHECK(parse_sends("1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21", problem).empty());
  CHECK(problem.find("At most 20") != std::string::npos);
  CHECK(parse_lengths("1, 3, 2", problem) == std::vector<int>{1, 3, 2});
  CHECK(parse_lengths("1, -3", problem).empty());
  CHECK(problem.find("'-3' is not a length") == 0);
  CHECK(parse_lengths("1, 2, 3, 4, 5, 6, 7", problem).empty());
}

TEST_CASE("seed 002's round robin deletes from the list it walks, so the generator after the removed one waits a round") {
  const Ran r(part(Part::round_robin));
  CHECK(r.run.printed() == Lines{"round 1", "a0", "b0", "c0", "round 2", "a has no more", "removed index 0", "c1",
                                 "round 3", "b1", "c has no more", "removed index 1", "round 4", "b2", "round 5",
                                 "b has no more", "removed index 0", "rounds: 5"});
  // From the trace: b got no next() in round 2, though it was still in play.
  CHECK(r.facts.skipped == Lines{"round 2: b"});
  CHECK(r.facts.rounds == 5);
  CHECK(r.as_model());
}

TEST_CASE("the fix walks a copy: nobody is skipped, and it needs a round fewer") {
  Settings s = part(Part::round_robin);
  s.loop = RoundRobin::fixed;
  const Ran r(s);
  CHECK(r.facts.skipped.empty());
  CHECK(r.facts.rounds == 4);
  CHECK(r.run.printed()[7] == "b1");  // b has its turn right after a is removed
  CHECK(r.as_model());
  // Other lengths: the seed's loop skips exactly what the model of Python's list iterator says.
  Settings other = part(Part::round_robin);
  other.lengths = {0, 0, 2, 1};
  const Ran o(other);
  CHECK(o.facts.skipped == model_skips(other));
  CHECK(!o.facts.skipped.empty());
  CHECK(o.as_model());
}

TEST_CASE("a list's first value waits for the whole list; a generator's comes at once and holds only its frame") {
  Settings s = part(Part::evens);
  s.end = 2'000'000;
  const Ran r(s);
  REQUIRE(r.facts.list.seen);
  REQUIRE(r.facts.generator.seen);
  CHECK(r.facts.list.first == 0);
  CHECK(r.facts.generator.first == 0);
  // A million 8-byte numbers at least (the vector grows by doubling: at most twice that).
  CHECK(r.facts.list.bytes >= 8'000'000);
  CHECK(r.facts.list.bytes <= 2 * 8'000'000 + 64);
  CHECK(r.facts.generator.bytes > 0);
  CHECK(r.facts.generator.bytes < 1024);
  // Measured, not modelled: building a million-number list takes longer than one next().
  CHECK(r.facts.list.seconds > r.facts.generator.seconds);
  CHECK(r.as_model());
  // The generator's one step went through the machine, suspended on `yield i`.
  CHECK(r.facts.yielded == Lines{"0"});
  CHECK(suspended_lines(r.run.trace(), "evens").size() == 1);
}

TEST_CASE("ranges beyond ten million are refused with a sentence, before anything is built") {
  Settings s = part(Part::evens);
  s.end = 10'000'001;
  CHECK(refusal(s).find("between 1 and 10,000,000") != std::string::npos);
  CHECK_THROWS_AS(run_program(s), std::invalid_argument);
  s.end = 10'000'000;
  CHECK(refusal(s).empty());
}
