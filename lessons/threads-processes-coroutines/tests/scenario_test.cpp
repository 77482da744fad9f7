// Seed 002's shapes on the virtual clock, read off the trace: 4,000 sleeps favour coroutines
// and punish the pool; 200 requests too; is_prime favours processes and the GIL keeps threads
// as slow as coroutines; processes each running a loop do the mix best.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "app/virtual_run.h"
#include "outcome.h"
#include "published.h"
#include "scenario.h"
#include "totals_chart.h"

using namespace looplab;
using namespace looplab::tpc;

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

double total(Variant v, Workload w) { return Ran(seed_settings(v, w)).facts.total; }

bool says(const ui::Verdict& v, const std::string& text) {
  if (v.meaning.find(text) != std::string::npos) return true;
  for (const std::string& note : v.notes)
    if (note.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("is_prime as the seed wrote it: 16769823 takes 11,179,882 steps, about 1 s on CPython") {
  CHECK(prime_steps(16769823) == 16769823 - 16769823 / 3);
  CHECK(prime_steps(13) == 12);  // a prime counts all the way down to 1
  Settings s;
  CHECK(prime_seconds(s) == doctest::Approx(1.0));
  s.variant = Variant::native;
  CHECK(prime_seconds(s) == doctest::Approx(1.0 / model_costs.native_speedup));
}

TEST_CASE("4,000 sleeps of 3 s: asyncio about 3 s, threads about 4.3 s, the pool much slower") {
  const Ran a(seed_settings(Variant::asyncio, Workload::sleep));
  CHECK(a.facts.workers.size() == 4000);
  CHECK(a.facts.total == doctest::Approx(3.0).epsilon(0.03));
  CHECK(says(a.verdict, "only a timer"));
  const Ran t(seed_settings(Variant::threads, Workload::sleep));
  CHECK(t.facts.total == doctest::Approx(4.3).epsilon(0.05));
  CHECK(t.facts.last_start == doctest::Approx(1.3).epsilon(0.05));  // starting them one by one
  CHECK(says(t.verdict, "one by one"));
  const double pool = total(Variant::pool, Workload::sleep);
  CHECK(pool > 100 * a.facts.total);  // 10 processes: 400 rounds of 3 s
  CHECK(pool == doctest::Approx(1.0 + 400 * 3).epsilon(0.01));
}

TEST_CASE("200 requests: asyncio under 1 s, threads about 5 s, the pool about 4 s") {
  CHECK(total(Variant::asyncio, Workload::http) < 1.0);
  CHECK(total(Variant::threads, Workload::http) == doctest::Approx(5.0).epsilon(0.1));
  CHECK(total(Variant::pool, Workload::http) == doctest::Approx(4.0).epsilon(0.1));
}

TEST_CASE("5 x (1 s sleep + is_prime): asyncio and threads about 6 s, the pool about 3 s") {
  const double a = total(Variant::asyncio, Workload::sleep_prime), t = total(Variant::threads, Workload::sleep_prime);
  CHECK(a == doctest::Approx(6.0).epsilon(0.05));
  CHECK(t == doctest::Approx(6.0).epsilon(0.05));
  CHECK(total(Variant::pool, Workload::sleep_prime) == doctest::Approx(3.0).epsilon(0.05));
}

TEST_CASE("the mix: asyncio and threads about 13 s, the pool about 5 s, a loop per process about 4.5 s, less than the pool") {
  const double a = total(Variant::asyncio, Workload::mix), t = total(Variant::threads, Workload::mix);
  const double pool = total(Variant::pool, Workload::mix), loops = total(Variant::loops, Workload::mix);
  // The model leaves out what the seed's numbers do not explain (a new aiohttp session per
  // coroutine, its replies read one by one): its asyncio and threads stay under the seed's 13 s.
  CHECK(a == doctest::Approx(13.0).epsilon(0.25));
  CHECK(t == doctest::Approx(13.0).epsilon(0.25));
  CHECK(pool == doctest::Approx(5.0).epsilon(0.15));
  CHECK(loops == doctest::Approx(4.5).epsilon(0.35));
  CHECK(loops < pool);
  CHECK(a > 2 * pool);
}

TEST_CASE("the cores: 5 processes of is_prime on 2 cores take 3 rounds; threads do not care") {
  Settings s = seed_settings(Variant::pool, Workload::prime);
  const double ten = model_total(s);
  s.cores = 2;
  const Ran two(s);
  CHECK(ten == doctest::Approx(1.0 + 1.0).epsilon(0.02));
  CHECK(two.facts.total == doctest::Approx(1.0 + 3).epsilon(0.02));  // Pool() on 2 cores: 2 processes, 5 jobs
  Settings t = seed_settings(Variant::threads, Workload::prime);
  const double t10 = model_total(t);
  t.cores = 2;
  CHECK(model_total(t) == doctest::Approx(t10));
  CHECK(says(Ran(t).verdict, "changes nothing"));
}

TEST_CASE("native threads, the contrast row: every core at once, 40 x faster each") {
  const Ran n(seed_settings(Variant::native, Workload::prime));
  CHECK(n.facts.total < 0.1);
  CHECK(says(n.verdict, "No GIL"));
  Settings http = seed_settings(Variant::native, Workload::http);
  CHECK(check(http).find("native contrast row") != std::string::npos);
  CHECK(std::isnan(model_total(http)));
}

TEST_CASE("bad settings get a sentence") {
  Settings s;
  s.workers = 4001;
  CHECK(check(s).find("from 1 to 4,000") != std::string::npos);
  s.workers = 5;
  s.prime = 1;
  CHECK(!check(s).empty());
}

TEST_CASE("the verdict shows the seed's figure beside the run, and the chart every variant") {
  const Ran t(seed_settings(Variant::threads, Workload::sleep_prime));
  REQUIRE(t.verdict.rows.size() == 2);
  CHECK(t.verdict.rows[1].seconds == doctest::Approx(6.0));
  CHECK(t.verdict.matches_model);
  const auto totals = model_totals(t.settings);
  const ui::Chart c = totals_chart(t.settings, totals, NAN, false);
  REQUIRE(c.series.size() == 2);
  CHECK(c.series[0].points.size() == 5);  // every variant modelled
  CHECK(c.series[1].points.size() == 3);  // the seed ran three of them
  CHECK(c.y_names.size() == 8);
}

TEST_CASE("every snippet renders with its lines") {
  for (Variant v : all_variants)
    for (Workload w : {Workload::sleep, Workload::http, Workload::prime, Workload::sleep_prime, Workload::mix}) {
      Settings s = seed_settings(v, w);
      if (!check(s).empty()) continue;
      const std::string text = render_snippet(s);
      const Lines l = lines_in(s, text);
      CHECK(l.prime > 0);
      CHECK(l.elapsed > 0);
      CHECK(text.find("WORK\n") == std::string::npos);
    }
}
