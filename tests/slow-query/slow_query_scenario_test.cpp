// The slow-query scenario on the virtual clock at the seed's scale: the row counts, the
// console lines the seed's clients print, sync as the sum and async as the longest query,
// and a verdict that follows the figures it is given.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "looplab/looplab.hpp"
#include "scenario.h"
#include "snippets.h"
#include "verdict.h"

using namespace looplab;
using namespace looplab::slow_query;

namespace {

struct VirtualRun {
  VirtualClock clock;
  EventLoop loop{clock};
  std::shared_ptr<RunRecord> record = std::make_shared<RunRecord>();
  std::vector<std::string> console;
  VirtualRun(Mode mode, VirtualPlan plan) {
    loop.run(scenario_main(mode, plan, snippet_lines(mode), record));
    for (const TraceEvent& e : loop.trace().events()) {
      if (e.kind == EventKind::print) console.push_back(loop.trace().text(e.detail));
    }
  }
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
    RunRecord r;
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
  CHECK(make_verdict(std::nullopt, std::nullopt).sentences.size() == 1);
  const RunRecord sync = run(Mode::sync, 10.0, {4, 0.2, 1}, {3, 0.3, 1.5});
  const RunRecord slow_async = run(Mode::async, 9.0, {5, 0.5, 2}, {3.5, 0.4, 1.6});
  const Verdict small = make_verdict(sync, slow_async);
  CHECK(small.ratio == doctest::Approx(10.0 / 9.0));
  CHECK(small.executing_share == doctest::Approx(5.2 / 10.0));
  std::string all;
  for (const auto& s : small.sentences) all += s + "\n";
  CHECK(all.find("R1 at 7.00 s") != std::string::npos);
  CHECK(all.find("took longer") != std::string::npos);
  CHECK(all.find("no fix for a bottleneck") != std::string::npos);

  const RunRecord fast_async = run(Mode::async, 4.0, {4, 0.2, 1}, {3, 0.3, 1.5});
  const Verdict big = make_verdict(sync, fast_async);
  CHECK(big.ratio == doctest::Approx(2.5));
  std::string big_text;
  for (const auto& s : big.sentences) big_text += s;
  CHECK(big_text.find("no fix for a bottleneck") == std::string::npos);
  CHECK(big_text.find("took longer") == std::string::npos);
}
