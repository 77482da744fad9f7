// Seeds 002 and 004 on the virtual clock: compute_pi inline holds the loop and the
// greetings wait behind it; on the pool the greetings print while pi is computed. Five
// cats sleeping 2 s inline take 10 s, on the executor 2 s (5 workers), 6 s on 2 workers.
#include <doctest/doctest.h>

#include <string>

#include "app/virtual_run.h"
#include "outcome.h"
#include "pi_digits.h"
#include "scenario.h"

using namespace looplab;
using namespace looplab::executor;

namespace {

struct Ran {
  Settings settings;
  app::VirtualRun run;
  RunFacts facts;
  ui::Verdict verdict;
  explicit Ran(Settings s)
      : settings(s),
        run(scenario_main(s, lines_in(s, render_snippet(s))), loop_options(s)),
        facts(facts_of(run.trace())),
        verdict(make_verdict(s, facts, true)) {}
};

Settings pi(Mode mode) {
  Settings s;
  s.part = Part::pi;
  s.mode = mode;
  return s;
}

Settings cats(Mode mode, int workers = 5) {
  Settings s;
  s.part = Part::cats;
  s.mode = mode;
  s.workers = workers;
  return s;
}

}  // namespace

TEST_CASE("pi's digits: 800 decimals, the known ones at both ends") {
  const std::string digits = pi_digits(800);
  CHECK(digits.size() == 802);
  CHECK(digits.rfind("3.14159265358979323846264338327950288419716939937510", 0) == 0);
  // Decimals 791-800 of pi are 1609631859, and the 801st rounds the last one up.
  CHECK(digits.substr(792) == "1609631860");
  CHECK(pi_digits(1) == "3.1");
  CHECK(pi_digits(4) == "3.1416");
  CHECK_THROWS(pi_digits(0));
  CHECK_THROWS(pi_digits(max_pi_decimals + 1));
}

TEST_CASE("compute_pi inline: the loop is held, the greetings come after pi") {
  const Ran r(pi(Mode::inline_call));
  CHECK(r.facts.total == doctest::Approx(1.0));
  CHECK(r.facts.blocked == doctest::Approx(1.0));
  CHECK(r.facts.in_executor == 0);
  CHECK(r.facts.greetings_before_pi == 0);
  REQUIRE(r.run.printed().size() == 3);
  CHECK(r.run.printed()[0] == pi_digits(800));
  CHECK(r.run.printed()[1] == first_greeting);
  CHECK(r.verdict.matches_model);
}

TEST_CASE("compute_pi on the pool (force_async): both greetings print while pi is computed") {
  const Ran r(pi(Mode::executor));
  CHECK(r.facts.total == doctest::Approx(1.0));
  CHECK(r.facts.blocked == 0);
  CHECK(r.facts.in_executor == doctest::Approx(1.0));
  CHECK(r.facts.peak_workers == 1);
  CHECK(r.run.printed() == std::vector<std::string>{std::string(first_greeting), std::string(second_greeting), pi_digits(800)});
  CHECK(r.verdict.matches_model);
}

TEST_CASE("5 cats inline: 10 s, one sleep after another") {
  const Ran r(cats(Mode::inline_call));
  CHECK(r.facts.total == doctest::Approx(10.0));
  CHECK(r.facts.blocked == doctest::Approx(10.0));
  CHECK(r.facts.wakes == 5);
  CHECK(r.run.printed()[3] == "wake");  // cat 1 wakes before cat 2 eats
  CHECK(r.run.printed().back() == "Time elapsed: 10.0");
  CHECK(r.verdict.matches_model);
}

TEST_CASE("5 cats on the executor: 2 s, five workers busy together; 2 workers: 6 s") {
  const Ran r(cats(Mode::executor));
  CHECK(r.facts.total == doctest::Approx(2.0));
  CHECK(r.facts.blocked == 0);
  CHECK(r.facts.peak_workers == 5);
  CHECK(r.facts.in_executor == doctest::Approx(10.0));
  CHECK(r.run.printed().back() == "Time elapsed: 2.0");
  CHECK(r.verdict.matches_model);
  const Ran two(cats(Mode::executor, 2));
  CHECK(two.facts.total == doctest::Approx(6.0));
  CHECK(two.facts.peak_workers == 2);
  CHECK(two.verdict.matches_model);
}

TEST_CASE("the snippets: inline drops the decorator and the executor call") {
  const std::string inline_pi = render_snippet(pi(Mode::inline_call));
  CHECK(inline_pi.find("@force_async") == std::string::npos);
  CHECK(render_snippet(pi(Mode::executor)).find("@force_async") != std::string::npos);
  const std::string inline_cats = render_snippet(cats(Mode::inline_call));
  CHECK(inline_cats.find("run_in_executor") == std::string::npos);
  CHECK(render_snippet(cats(Mode::executor, 3)).find("max_workers=3") != std::string::npos);
}
