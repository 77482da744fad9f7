// Seed 003 on the virtual clock: five gathered 3 s sleeps take 3 s; five 1 s requests in
// turn take 5 s and three gathered 1 s; a hundred gathered take 17 s over six modelled
// connections, and the verdict reads the six off the trace; a semaphore sets the pace.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "app/virtual_run.h"
#include "outcome.h"
#include "request_chart.h"
#include "scenario.h"

using namespace looplab;
using namespace looplab::gather_many;

namespace {

struct Ran {
  Settings settings;
  app::VirtualRun run;
  RunFacts facts;
  ui::Verdict verdict;
  explicit Ran(Settings s)
      : settings(s),
        run(scenario_main(s, lines_in(s, render_snippet(s))), loop_options(s)),
        facts(facts_of(run.trace(), false)),
        verdict(make_verdict(s, facts, true)) {}
};

Settings sleeps(Mode mode, int n, double d, int semaphore = 0) { return {Part::sleeps, mode, n, d, semaphore, 6}; }
Settings requests(Mode mode, int n, double d, int semaphore = 0, int connections = 6) {
  return {Part::requests, mode, n, d, semaphore, connections};
}

bool says(const ui::Verdict& v, const std::string& text) {
  if (v.meaning.find(text) != std::string::npos) return true;
  for (const std::string& note : v.notes)
    if (note.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("5 gathered sleeps of 3 s: 3 s") {
  const Ran r(sleeps(Mode::gathered, 5, 3));
  CHECK(r.facts.total == doctest::Approx(3.0));
  CHECK(r.run.printed().back() == "Time elapsed: 3.0");
  CHECK(r.verdict.matches_model);
  REQUIRE(r.verdict.rows.size() == 3);  // measured, model, the seed's 3.0046 s
  CHECK(r.verdict.rows[2].seconds == doctest::Approx(3.0046));
}

TEST_CASE("5 sleeps of 1 s one after another: 5 s; with a semaphore of 2, gathered: 3 rounds") {
  const Ran seq(sleeps(Mode::sequential, 5, 1));
  CHECK(seq.facts.total == doctest::Approx(5.0));
  CHECK(seq.verdict.matches_model);
  const Ran two(sleeps(Mode::gathered, 5, 1, 2));
  CHECK(two.facts.total == doctest::Approx(3.0));
  CHECK(two.verdict.matches_model);
}

TEST_CASE("5 sequential 1 s requests: 5 s, one on the wire at a time") {
  const Ran r(requests(Mode::sequential, 5, 1));
  CHECK(r.facts.total == doctest::Approx(5.0));
  REQUIRE(r.facts.requests.size() == 5);
  CHECK(r.facts.peak_in_flight == 1);
  CHECK(r.facts.queued_in_client == 0);
  CHECK(r.verdict.matches_model);
  CHECK(r.run.printed() == std::vector<std::string>{"5 replies", "Time elapsed: 5.0"});
}

TEST_CASE("3 gathered 1 s requests: 1 s, all three in flight together") {
  const Ran r(requests(Mode::gathered, 3, 1));
  CHECK(r.facts.total == doctest::Approx(1.0));
  CHECK(r.facts.peak_in_flight == 3);
  CHECK(r.facts.connection_limit_seen == 0);  // nothing waited: the limit never bound
  CHECK(r.verdict.matches_model);
  CHECK(says(r.verdict, "No request had to wait"));
}

TEST_CASE("100 gathered 1 s requests over 6 connections: 17 s, and the verdict reads 6 off the trace") {
  const Ran r(requests(Mode::gathered, 100, 1));
  CHECK(r.facts.total == doctest::Approx(17.0));
  CHECK(r.facts.peak_in_flight == 6);
  CHECK(r.facts.connection_limit_seen == 6);
  CHECK(r.facts.queued_in_client == 94);
  CHECK(r.facts.longest_queue == doctest::Approx(16.0));  // the last round left at 16 s
  CHECK(r.facts.requests[99].task == "R100");
  CHECK(r.verdict.matches_model);
  CHECK(says(r.verdict, "allowed 6 connections"));
  CHECK(r.verdict.rows.size() == 3);  // and the seed's 41.8 s beside it
}

TEST_CASE("the limit is read off the trace, not off the setting: 10 connections, or a semaphore of 4") {
  const Ran ten(requests(Mode::gathered, 100, 1, 0, 10));
  CHECK(ten.facts.total == doctest::Approx(10.0));
  CHECK(ten.facts.connection_limit_seen == 10);
  const Ran sem(requests(Mode::gathered, 12, 1, 4));
  CHECK(sem.facts.total == doctest::Approx(3.0));
  CHECK(sem.facts.peak_in_flight == 4);
  CHECK(sem.facts.connection_limit_seen == 0);  // the semaphore held them before the browser had to
  CHECK(sem.verdict.matches_model);
  CHECK(says(sem.verdict, "The semaphore kept 4 requests"));
  // A model that disagrees with the run is said to: the verdict compares, it does not copy.
  RunFacts wrong = ten.facts;
  wrong.total = 12;
  CHECK_FALSE(make_verdict(requests(Mode::gathered, 100, 1, 0, 10), wrong, true).matches_model);
}

TEST_CASE("1 to 1,000 gathered requests and sleeps") {
  for (int n : {1, 6, 7, 1000}) {
    const Ran r(requests(Mode::gathered, n, 0.5));
    CHECK(r.facts.total == doctest::Approx(std::ceil(n / 6.0) * 0.5));
    CHECK(r.verdict.matches_model);
    const Ran s(sleeps(Mode::gathered, n, 0.5));
    CHECK(s.facts.total == doctest::Approx(0.5));
  }
}

TEST_CASE("the snippets show the settings in force, and every marked line is in them") {
  const std::string seq = render_snippet(requests(Mode::sequential, 5, 1));
  CHECK(seq.find("replies = [await fetch(session, i) for i in range(1, 6)]") != std::string::npos);
  CHECK(seq.find("Semaphore") == std::string::npos);
  const std::string limited = render_snippet(requests(Mode::gathered, 100, 0.5, 10, 6));
  CHECK(limited.find("asyncio.Semaphore(10)") != std::string::npos);
  CHECK(limited.find("range(1, 101)") != std::string::npos);
  CHECK(limited.find("delay-me?seconds=0.5") != std::string::npos);
  CHECK(lines_in(requests(Mode::gathered, 100, 0.5, 10), limited).limit != 0);
  const std::string naps = render_snippet(sleeps(Mode::sequential, 5, 1));
  CHECK(naps.find("    for _ in range(5):\n        await nap(1.0)\n") != std::string::npos);
  for (Part part : {Part::sleeps, Part::requests})
    for (Mode mode : {Mode::sequential, Mode::gathered})
      for (int sem : {0, 3}) {
        const Settings s{part, mode, 7, 2, sem, 6};
        CHECK_NOTHROW(lines_in(s, render_snippet(s)));
      }
  CHECK(request_path(0.3, 17) == "/delay-me?seconds=0.3&request=17");
}

TEST_CASE("the request chart: each request's wait, then its time on the wire, one row each") {
  const Ran r(requests(Mode::gathered, 100, 1));
  const ui::Chart c = request_chart(r.facts, true);
  REQUIRE(c.series.size() == 2);
  const auto& waiting = c.series[0].points;
  const auto& wire = c.series[1].points;
  CHECK(waiting.size() == 94);  // the first six left at once
  REQUIRE(wire.size() == 100);
  CHECK(wire[0].y == 1);
  CHECK(wire[0].x == 0);
  CHECK(wire[0].x_end == doctest::Approx(1.0));
  CHECK(wire[99].label == "R100");
  CHECK(wire[99].x == doctest::Approx(16.0));  // after 16 s in the queue
  CHECK(waiting.back().x_end == doctest::Approx(wire[99].x));
  CHECK(waiting.back().y == 100);
  const ui::ChartRanges range = ui::fit_ranges(c);
  CHECK(range.x.max >= 17.0);
}
