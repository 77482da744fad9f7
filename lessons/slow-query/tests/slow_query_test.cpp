// The slow-query scenario on the virtual clock at the seed's scale: the row counts, the
// console lines the seed's clients print, sync as the sum and async as the longest query,
// and a verdict that follows the figures it is given.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "app/virtual_run.h"
#include "looplab/looplab.hpp"
#include "scenario.h"
#include "snippets.h"
#include "verdict.h"

using namespace looplab;
using namespace looplab::slow_query;

namespace {

// The scenario run on the virtual clock as the page runs it; `record` is what its trace says.
struct VirtualRun {
  app::VirtualRun run;
  QueryRun run_record;
  const QueryRun* record = &run_record;
  std::vector<std::string> console;
  VirtualRun(Mode mode, VirtualPlan plan)
      : run(scenario_main(mode, plan, snippet_lines(mode))), run_record(read_run(run.trace(), mode, false)),
        console(run.printed()) {}
};

bool has_line(const std::vector<std::string>& lines, const std::string& text) {
  for (const auto& l : lines)
    if (l == text) return true;
  return false;
}

}  // namespace

TEST_CASE("the seed's scale: row counts, console lines, sync is the sum and async the longest") {
  const VirtualPlan plan = seed_plan();
  CHECK(plan.rows[0] == 7789600);
  CHECK(plan.rows[1] == 575400);
  CHECK(plan.rows[2] == 2730000);
  CHECK(plan.seconds[0] + plan.seconds[1] + plan.seconds[2] == doctest::Approx(seed_sync_total).epsilon(0.001));

  VirtualRun sync(Mode::sync, plan);
  REQUIRE(sync.record->finished);
  CHECK(sync.record->total == doctest::Approx(plan.seconds[0] + plan.seconds[1] + plan.seconds[2]));
  CHECK(has_line(sync.console, "R1: Query made! Db replied '7789600' rows"));
  CHECK(has_line(sync.console, "R2: Query made! Db replied '575400' rows"));
  CHECK(has_line(sync.console, "R3: Query made! Db replied '2730000' rows"));
  CHECK(sync.console.at(1).rfind("R1: Querying 'SELECT c.name, s.state FROM cities c JOIN", 0) == 0);
  CHECK(sync.record->queries[1].sent == doctest::Approx(sync.record->queries[0].answered));

  VirtualRun async(Mode::async, plan);
  REQUIRE(async.record->finished);
  CHECK(async.record->total == doctest::Approx(plan.seconds[0]));
  for (const QueryOutcome& q : async.record->queries) CHECK(q.sent == 0.0);
  // R2 and R3 are done before R1, as in the seed.
  CHECK(async.record->queries[1].answered < async.record->queries[0].answered);
  CHECK(async.record->queries[2].answered < async.record->queries[0].answered);
}

TEST_CASE("the verdict reads the measured split, not a script") {
  auto run = [](Mode mode, double total, std::array<double, 3> exec, std::array<double, 3> transfer) {
    QueryRun r;
    r.mode = mode;
    r.real_clock = true;
    r.finished = true;
    r.total = total;
    for (std::size_t i = 0; i < 3; ++i) {
      r.queries[i].name = std::string(query_names[i]);
      r.queries[i].first_row_after_s = exec[i];
      r.queries[i].transfer_s = transfer[i];
      r.queries[i].total_s = exec[i] + transfer[i];
    }
    return r;
  };
  CHECK(sentences(make_verdict(std::nullopt, std::nullopt)).size() == 1);
  const QueryRun sync = run(Mode::sync, 10.0, {4, 0.2, 1}, {3, 0.3, 1.5});
  const QueryRun slow_async = run(Mode::async, 9.0, {5, 0.5, 2}, {3.5, 0.4, 1.6});
  const VerdictFigures small = verdict_figures(sync, slow_async);
  CHECK(small.ratio == doctest::Approx(10.0 / 9.0));
  CHECK(small.executing_share == doctest::Approx(5.2 / 10.0));
  std::string all;
  for (const auto& s : sentences(make_verdict(sync, slow_async))) all += s + "\n";
  CHECK(all.find("R1 at 7.00 s") != std::string::npos);
  CHECK(all.find("took longer") != std::string::npos);
  CHECK(all.find("no fix for a bottleneck") != std::string::npos);

  const QueryRun fast_async = run(Mode::async, 4.0, {4, 0.2, 1}, {3, 0.3, 1.5});
  CHECK(verdict_figures(sync, fast_async).ratio == doctest::Approx(2.5));
  std::string big_text;
  for (const auto& s : sentences(make_verdict(sync, fast_async))) big_text += s;
  CHECK(big_text.find("no fix for a bottleneck") == std::string::npos);
  CHECK(big_text.find("took longer") == std::string::npos);
}

TEST_CASE("each query's answer is in the trace: rows and, from a real run, the time split") {
  VirtualRun seed(Mode::async, seed_plan());
  const std::vector<app::IoFact> ops = seed.run.io();
  REQUIRE(ops.size() == 3);
  CHECK(ops[0].description == "GET /slow-query?name=R1");
  CHECK(ops[0].rows == 7789600);
  CHECK(std::isnan(ops[0].until_first));  // the seed published no split
  CHECK(seed.record->queries[0].copies == 1400);
  CHECK(seed.record->queries[0].sql.rfind("SELECT c.name, s.state FROM cities c", 0) == 0);

  // A real run's answers (as the backend sends them) become what the virtual clock replays, split and all.
  QueryRun real;
  real.finished = true;
  for (std::size_t i = 0; i < 3; ++i) {
    real.queries[i].name = std::string(query_names[i]);
    real.queries[i].rows = rows_per_copy[i] * 10;
    real.queries[i].copies = 10;
    real.queries[i].first_row_after_s = 0.25 * static_cast<double>(i + 1);
    real.queries[i].transfer_s = 0.125;
    real.queries[i].total_s = real.queries[i].first_row_after_s + 0.125;
  }
  const VirtualPlan replay = plan_from(real);
  CHECK(replay.from_real_run);
  VirtualRun sync(Mode::sync, replay);
  CHECK(sync.record->total == doctest::Approx(0.375 + 0.625 + 0.875));
  CHECK(sync.record->queries[1].first_row_after_s == 0.5);
  CHECK(sync.run.io()[1].until_first == 0.5);
  CHECK(sync.record->queries[2].rows == 19500);
  CHECK(has_line(sync.console, "R3: Query made! Db replied '19500' rows"));
}

TEST_CASE("an answer that is not the backend's JSON fails the query with a sentence") {
  IoResult bad;
  bad.body = "<html>proxy error</html>";
  read_query_result(bad);
  CHECK_FALSE(bad.ok);
  CHECK(bad.error.rfind("the backend's answer is not JSON", 0) == 0);
  IoResult refused;
  refused.status = 503;
  refused.body = "The cities database is not running.";
  read_query_result(refused);
  CHECK(refused.ok);  // the scenario reports an HTTP error with the server's own sentence
}
