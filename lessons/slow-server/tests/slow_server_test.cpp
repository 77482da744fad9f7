// The slow-server lesson on the virtual clock, as a learner would check it against the
// seed: sync takes the sum, async the longest delay with R2, R3, R1 finishing and every
// request out at t = 0, fake async the sum again; and what the views make of the trace.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/virtual_run.h"
#include "looplab/looplab.hpp"
#include "published.h"
#include "run_summary.h"
#include "scenario.h"
#include "snippets.h"
#include "ui/loop_snapshot.h"
#include "ui/trace_view_model.h"
#include "verdict_rules.h"

using namespace looplab;
using namespace looplab::slow_server;

namespace {

const std::string origin = "http://127.0.0.1:8000";

// The scenario run to its end on the virtual clock, as the page runs it, and what its trace says.
struct VirtualRun {
  app::VirtualRun run;
  const Trace& trace;
  RunSummary summary;
  std::vector<std::string> console;

  explicit VirtualRun(Settings s)
      : run(scenario_main(s, origin, snippet_lines(s.mode))), trace(run.trace()), summary(summarize(trace)),
        console(run.printed()) {}
};

Settings with(Mode m, double scale = 1.0) {
  Settings s;
  s.mode = m;
  s.time_scale = scale;
  return s;
}

std::vector<std::string> names(std::initializer_list<const char*> n) { return {n.begin(), n.end()}; }

}  // namespace

TEST_CASE("sync: one request after another, the total is the sum") {
  VirtualRun run(with(Mode::sync));
  CHECK(run.summary.finished);
  CHECK(run.summary.total == doctest::Approx(17.0).epsilon(1e-12));
  CHECK(run.summary.finish_order == names({"R1", "R2", "R3"}));
  REQUIRE(run.summary.requests.size() == 3);
  CHECK(run.summary.requests[0].sent == 0);
  CHECK(run.summary.requests[1].sent == doctest::Approx(10));  // R2 leaves when R1's reply is in
  CHECK(run.summary.requests[2].sent == doctest::Approx(12));
  CHECK(run.console == std::vector<std::string>{
                           "==========",
                           "R1: Requesting 'http://127.0.0.1:8000/delay-me?seconds=10'",
                           "R1: Request finally done! Server replied 'Done, I waited for 10 secs'",
                           "R2: Requesting 'http://127.0.0.1:8000/delay-me?seconds=2'",
                           "R2: Request finally done! Server replied 'Done, I waited for 2 secs'",
                           "R3: Requesting 'http://127.0.0.1:8000/delay-me?seconds=5'",
                           "R3: Request finally done! Server replied 'Done, I waited for 5 secs'",
                           "----------",
                           "Time elapsed: 17.0",
                           "==========",
                       });
}

TEST_CASE("async: all three requests leave at t = 0, the total is the longest delay, R2, R3, R1 finish") {
  VirtualRun run(with(Mode::async));
  CHECK(run.summary.total == doctest::Approx(10.0).epsilon(1e-12));
  CHECK(run.summary.finish_order == names({"R2", "R3", "R1"}));
  for (const RequestTimes& r : run.summary.requests) CHECK(r.sent == 0);
  CHECK(run.summary.requests[1].answered == 2);
  CHECK(run.summary.requests[2].answered == 5);
  CHECK(run.summary.requests[0].answered == 10);
  CHECK(run.console[1] == "R1: Requesting 'http://127.0.0.1:8000/delay-me?seconds=10'");
  CHECK(run.console[2] == "R2: Requesting 'http://127.0.0.1:8000/delay-me?seconds=2'");
  CHECK(run.console[3] == "R3: Requesting 'http://127.0.0.1:8000/delay-me?seconds=5'");
  CHECK(run.console[4] == "R2: Request finally done! Server replied 'Done, I waited for 2 secs'");
  CHECK(run.console[8] == "Time elapsed: 10.0");
}

TEST_CASE("fake async: async def around a blocking client takes the sum, in order R1, R2, R3") {
  VirtualRun run(with(Mode::fake_async));
  CHECK(run.summary.total == doctest::Approx(17.0).epsilon(1e-12));
  CHECK(run.summary.finish_order == names({"R1", "R2", "R3"}));
  CHECK(run.summary.requests[0].sent == 0);
  CHECK(run.summary.requests[1].sent == doctest::Approx(10));
  CHECK(run.summary.requests[2].sent == doctest::Approx(12));
}

TEST_CASE("at time scale 0.1 the delays are 1.0, 0.2 and 0.5 s, and the totals scale with them") {
  CHECK(effective_delays(with(Mode::sync, 0.1)) == std::array<double, 3>{1.0, 0.2, 0.5});
  CHECK(VirtualRun(with(Mode::sync, 0.1)).summary.total == doctest::Approx(1.7).epsilon(1e-9));
  const VirtualRun async_run(with(Mode::async, 0.1));
  CHECK(async_run.summary.total == doctest::Approx(1.0).epsilon(1e-9));
  CHECK(async_run.summary.finish_order == names({"R2", "R3", "R1"}));
  CHECK(async_run.console[2] == "R2: Requesting 'http://127.0.0.1:8000/delay-me?seconds=0.2'");
  CHECK(VirtualRun(with(Mode::fake_async, 0.1)).summary.total == doctest::Approx(1.7).epsilon(1e-9));
  // The smallest scale still asks the server for a whole number of tenths of a millisecond.
  CHECK(effective_seconds(7, 0.01) == 0.07);
  CHECK(delay_path(effective_seconds(3, 0.1)) == "/delay-me?seconds=0.3");
}

TEST_CASE("the timeline of fake async shows R1 holding the loop while R2 and R3 are ready and wait") {
  VirtualRun run(with(Mode::fake_async));
  ui::TraceViewModel view;
  view.update(run.trace, run.run.loop().time(), false);
  const ui::TimelineModel& m = view.model();
  CHECK(ui::check_invariants(m) == "");
  REQUIRE(m.lanes.size() == 5);  // the loop, main, R1, R2, R3
  CHECK(m.lanes[0].is_loop);
  CHECK(m.lanes[2].name == "R1");
  const ui::LoopSnapshot mid = ui::snapshot_at(m, ui::Cursor{5, 0});
  REQUIRE(mid.running.size() == 1);
  CHECK(m.lanes[mid.running[0].lane].name == "R1");
  CHECK(mid.running[0].holds_loop);
  CHECK(mid.running[0].doing == "GET /delay-me?seconds=10");
  REQUIRE(mid.ready.size() == 2);
  CHECK(m.lanes[mid.ready[0].lane].name == "R2");
  CHECK(m.lanes[mid.ready[1].lane].name == "R3");
  // The loop's own lane is busy, held by R1, for the whole 10 s.
  const auto& loop = m.lanes[0].intervals;
  const auto held = std::find_if(loop.begin(), loop.end(), [](const ui::Interval& iv) { return iv.state == ui::LaneState::blocked; });
  REQUIRE(held != loop.end());
  CHECK(held->start == 0);
  CHECK(held->end == 10);
}

TEST_CASE("the timeline of async shows each requester waiting on I/O for its own delay, with markers") {
  VirtualRun run(with(Mode::async));
  ui::TraceViewModel view;
  view.update(run.trace, run.run.loop().time(), false);
  const ui::TimelineModel& m = view.model();
  CHECK(ui::check_invariants(m) == "");
  const double delays[] = {10, 2, 5};
  for (std::size_t r = 0; r < 3; ++r) {
    const ui::Lane& lane = m.lanes[2 + r];
    const auto io = std::find_if(lane.intervals.begin(), lane.intervals.end(),
                                 [](const ui::Interval& iv) { return iv.state == ui::LaneState::waiting_io; });
    REQUIRE(io != lane.intervals.end());
    CHECK(io->start == 0);
    CHECK(io->end == delays[r]);
    CHECK(m.label(io->label) == "GET " + delay_path(delays[r]));
    CHECK(lane.intervals.back().state == ui::LaneState::done);
    const auto sent = std::count_if(lane.markers.begin(), lane.markers.end(),
                                    [](const ui::Marker& mk) { return mk.kind == ui::MarkerKind::request_sent; });
    const auto answered = std::count_if(lane.markers.begin(), lane.markers.end(),
                                        [](const ui::Marker& mk) { return mk.kind == ui::MarkerKind::request_answered; });
    CHECK(sent == 1);
    CHECK(answered == 1);
    // Created by main: an arrow from main's lane.
    REQUIRE_FALSE(lane.incoming.empty());
    CHECK(lane.incoming.front().kind == ui::ArrowKind::created_by);
    CHECK(m.lanes[lane.incoming.front().from_lane].name == m.lanes[1].name);
  }
  // At t = 2 the reply wakes R2: the ready queue says why.
  const ui::LoopSnapshot at_two = ui::snapshot_at(m, ui::Cursor{2, 0xffffffffu});
  REQUIRE(at_two.waiting.size() == 3);  // R3 and R1 on I/O, main on the gather
  CHECK(m.lanes[at_two.waiting[0].lane].name == "R3");
  CHECK(at_two.waiting[0].until == 5);
  const auto main_wait = std::find_if(at_two.waiting.begin(), at_two.waiting.end(),
                                      [&](const ui::WaitingTask& w) { return w.lane == 1; });
  REQUIRE(main_wait != at_two.waiting.end());
  CHECK(main_wait->on == "gather(R1, ...)");
  CHECK(main_wait->until == 10);
  CHECK(m.console.size() == 10);
}

TEST_CASE("a live run converted step by step gives the same view model as one converted at the end") {
  VirtualRun whole(with(Mode::async));
  ui::TraceViewModel at_end;
  at_end.update(whole.trace, whole.run.loop().time(), false);

  VirtualClock clock;
  EventLoop loop(clock);
  CurrentLoopScope scope(loop);
  Task<void> main_task = loop.create_task(scenario_main(with(Mode::async), origin, snippet_lines(Mode::async)));
  ui::TraceViewModel live;
  int updates = 0;
  while (!main_task.done()) {
    loop.run_once();
    live.update(loop.trace(), loop.time(), true);
    ++updates;
  }
  live.update(loop.trace(), loop.time(), false);
  CHECK(updates > 5);
  const ui::TimelineModel& a = live.model();
  const ui::TimelineModel& b = at_end.model();
  REQUIRE(a.lanes.size() == b.lanes.size());
  for (std::size_t l = 0; l < a.lanes.size(); ++l) {
    REQUIRE(a.lanes[l].intervals.size() == b.lanes[l].intervals.size());
    for (std::size_t i = 0; i < a.lanes[l].intervals.size(); ++i) {
      CHECK(a.lanes[l].intervals[i].start == b.lanes[l].intervals[i].start);
      CHECK(a.lanes[l].intervals[i].end == b.lanes[l].intervals[i].end);
      CHECK(a.lanes[l].intervals[i].state == b.lanes[l].intervals[i].state);
    }
    CHECK(a.lanes[l].markers.size() == b.lanes[l].markers.size());
  }
}

TEST_CASE("each snippet has exactly one line for every mark the scenario makes") {
  for (Mode m : {Mode::sync, Mode::async, Mode::fake_async}) {
    const SnippetLines lines = snippet_lines(m);
    CHECK(lines.requesting > 0);
    CHECK(lines.waiting > lines.requesting);
    CHECK(lines.done > lines.waiting);
    CHECK(lines.elapsed > lines.done);
    CHECK((lines.gather > 0) == (m != Mode::sync));
  }
  CHECK(render_snippet(Mode::async, {1.0, 0.2, 0.5}).find("pull(\"R1\", 1.0),") != std::string::npos);
  CHECK(render_snippet(Mode::sync, {10, 2, 5}).find("pull(\"R3\", 5.0)") != std::string::npos);
}

TEST_CASE("the seed's figures are data, scaled to the chosen delays") {
  const Published& p = published();
  CHECK(p.delays == std::array<double, 3>{10, 2, 5});
  CHECK(p.run(Mode::sync).total == 17.04);
  CHECK(p.run(Mode::async).total == 10.05);
  CHECK(p.run(Mode::fake_async).total == 17.04);
  CHECK(p.run(Mode::async).finish_order == names({"R2", "R3", "R1"}));
  CHECK(published_scaled(p, Mode::async, {1.0, 0.2, 0.5}) == doctest::Approx(1.005));
  CHECK(published_scaled(p, Mode::sync, {1.0, 0.2, 0.5}) == doctest::Approx(1.704));
  CHECK_THROWS_WITH_AS(parse_published("{\"source\": \"x\"}"), "published.json: missing \"delays\"", std::invalid_argument);
}

TEST_CASE("the verdict's sentence follows what was measured") {
  const Published& p = published();
  const ui::Verdict async_v = make_verdict(with(Mode::async), VirtualRun(with(Mode::async)).summary, p, true);
  CHECK(async_v.matches_model);
  CHECK(async_v.meaning.find("concurrency, not parallelism") != std::string::npos);
  CHECK(async_v.rows[0].seconds == doctest::Approx(10));
  CHECK(async_v.rows[1].seconds == 10);
  CHECK(async_v.rows[2].seconds == doctest::Approx(10.05));
  const ui::Verdict fake_v = make_verdict(with(Mode::fake_async), VirtualRun(with(Mode::fake_async)).summary, p, true);
  CHECK(fake_v.meaning.find("async def is not enough") != std::string::npos);
  const ui::Verdict sync_v = make_verdict(with(Mode::sync), VirtualRun(with(Mode::sync)).summary, p, true);
  CHECK(sync_v.meaning.find("sum of the delays") != std::string::npos);

  // An "async" run that measured the sum (a server answering one request at a time) is called out.
  RunSummary serial = VirtualRun(with(Mode::sync)).summary;
  const ui::Verdict odd = make_verdict(with(Mode::async), serial, p, false);
  CHECK_FALSE(odd.matches_model);
  CHECK(odd.meaning.find("did not overlap") != std::string::npos);

  // Delays that cannot tell the modes apart are said to be so.
  Settings one_delay = with(Mode::async);
  one_delay.delays = {3, 0, 0};
  CHECK(make_verdict(one_delay, VirtualRun(one_delay).summary, p, true).meaning.find("Only one request") != std::string::npos);
  CHECK(expected_order(Mode::async, {3, 0, 0}) == names({"R2", "R3", "R1"}));
}
