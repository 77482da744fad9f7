// Stepping through a run and reconstructing the loop at the playhead, from the trace
// alone. The run is the lesson's async case on the virtual clock: main gathers R1, R2,
// R3 whose requests take 10, 2 and 5 s.
#include <doctest/doctest.h>

#include "ui/loop_snapshot.h"
#include "ui/playhead_queries.h"
#include "ui/step_index.h"

using namespace looplab::ui;

namespace {

enum Lanes : std::uint32_t { loop_lane, main_lane, r1, r2, r3 };

struct RunBuilder {
  TimelineModel model;
  std::uint32_t seq = 0;

  RunBuilder() {
    for (const char* name : {"event loop", "main", "R1", "R2", "R3"}) model.lanes.push_back({name});
    model.lanes[loop_lane].is_loop = true;
  }
  // Ends the lane's current interval and opens the next one.
  void to(std::uint32_t lane, double t, LaneState state, const std::string& on = {}) {
    auto& iv = model.lanes[lane].intervals;
    if (!iv.empty()) iv.back().end = t;
    iv.push_back({t, open_end, ++seq, model.intern(on), state});
  }
  void line(std::uint32_t lane, double t, int line) { model.lanes[lane].lines.push_back({t, ++seq, line}); }
  void print(std::uint32_t lane, double t, std::string text) {
    model.console.push_back({t, ++seq, lane, std::move(text)});
  }
};

TimelineModel async_run() {
  RunBuilder b;
  b.to(main_lane, 0, LaneState::ready);
  b.to(main_lane, 0, LaneState::running);
  for (std::uint32_t r : {r1, r2, r3}) {
    b.to(r, 0, LaneState::ready);
    b.model.lanes[r].incoming.push_back({main_lane, 0, 0, ArrowKind::created_by});
  }
  b.to(main_lane, 0, LaneState::waiting_sync, "gather(R1, R2, R3)");
  const double delay[] = {0, 0, 10, 2, 5};
  for (std::uint32_t r : {r1, r2, r3}) {
    b.to(r, 0, LaneState::running);
    b.line(r, 0, 7);
    b.print(r, 0, b.model.lanes[r].name + ": Requesting");
    b.to(r, 0, LaneState::waiting_io, "GET /delay-me?seconds=" + std::to_string(static_cast<int>(delay[r])));
  }
  for (std::uint32_t r : {r2, r3, r1}) {
    b.to(r, delay[r], LaneState::ready);
    b.to(r, delay[r], LaneState::running);
    b.line(r, delay[r], 9);
    b.print(r, delay[r], b.model.lanes[r].name + ": done");
    b.to(r, delay[r], LaneState::done);
  }
  b.to(main_lane, 10, LaneState::ready);
  b.to(main_lane, 10, LaneState::running);
  b.to(main_lane, 10, LaneState::done);
  b.model.now = 10;
  return b.model;
}

std::vector<std::string> names(const TimelineModel& m, const auto& tasks) {
  std::vector<std::string> out;
  for (const auto& t : tasks) out.push_back(m.lanes[t.lane].name);
  return out;
}

}  // namespace

TEST_CASE("the hand-built run keeps the model's invariants") { CHECK(check_invariants(async_run()) == ""); }

TEST_CASE("stepping visits every event once, forward and back, in trace order") {
  const TimelineModel m = async_run();
  StepIndex steps;
  steps.rebuild(m);
  // Every interval start, line mark and printed line has its own sequence number here.
  std::size_t expected = m.console.size();
  for (const Lane& l : m.lanes) expected += l.intervals.size() + l.lines.size();
  CHECK(steps.events().size() == expected);

  Cursor c{0, 0};
  std::size_t forward = 0;
  for (Cursor n = steps.next(c); !(n == c); c = n, n = steps.next(c)) ++forward;
  CHECK(forward == expected);
  CHECK(c == steps.events().back().at);
  CHECK(c.time == 10);
  std::size_t back = 0;
  for (Cursor p = steps.previous(c); !(p == c); c = p, p = steps.previous(c)) ++back;
  CHECK(back == expected - 1);
  CHECK(c == steps.events().front().at);
  CHECK(steps.position(c) == 0);
  CHECK(steps.position({0, 0}) == -1);
}

TEST_CASE("a live run indexes only what is new, with the same result as a rebuild") {
  TimelineModel m = async_run();
  TimelineModel partial = m;
  // Pretend the run had only reached t = 2: drop the later events.
  for (Lane& l : partial.lanes) {
    std::erase_if(l.intervals, [](const Interval& iv) { return iv.start > 2; });
    std::erase_if(l.lines, [](const LineMark& lm) { return lm.time > 2; });
  }
  std::erase_if(partial.console, [](const ConsoleLine& c) { return c.time > 2; });
  StepIndex live;
  live.update(partial);
  const std::size_t before = live.events().size();
  live.update(m);
  StepIndex full;
  full.rebuild(m);
  CHECK(before < full.events().size());
  REQUIRE(live.events().size() == full.events().size());
  for (std::size_t i = 0; i < full.events().size(); ++i) CHECK(live.events()[i].at == full.events()[i].at);
}

TEST_CASE("right after main gathers, the ready queue holds R1, R2, R3 in creation order") {
  const TimelineModel m = async_run();
  const Cursor after_gather{0, main_lane + 5};  // seq 6: main starts waiting on the gather
  const LoopSnapshot s = snapshot_at(m, after_gather);
  CHECK(s.running.empty());
  CHECK(names(m, s.ready) == std::vector<std::string>{"R1", "R2", "R3"});
  CHECK(s.ready[0].why == "new task, created by main");
  REQUIRE(s.waiting.size() == 1);
  CHECK(m.lanes[s.waiting[0].lane].name == "main");
  CHECK(s.waiting[0].on == "gather(R1, R2, R3)");
  CHECK(s.waiting[0].until == 10);
}

TEST_CASE("when R1 runs, R2 and R3 are next; nothing has finished") {
  const TimelineModel m = async_run();
  const LoopSnapshot s = snapshot_at(m, {0, 7});
  REQUIRE(s.running.size() == 1);
  CHECK(m.lanes[s.running[0].lane].name == "R1");
  CHECK_FALSE(s.running[0].holds_loop);
  CHECK(names(m, s.ready) == std::vector<std::string>{"R2", "R3"});
  CHECK(s.finished == 0);
}

TEST_CASE("at 2 s R2's reply wakes it; R3, main and R1 still wait, soonest first") {
  const TimelineModel m = async_run();
  // The first event at t = 2 is R2 becoming ready.
  StepIndex steps;
  steps.rebuild(m);
  const Cursor at_two = steps.next({0, 1000});
  CHECK(at_two.time == 2);
  const LoopSnapshot s = snapshot_at(m, at_two);
  CHECK(names(m, s.ready) == std::vector<std::string>{"R2"});
  CHECK(s.ready[0].why == "its I/O completed (GET /delay-me?seconds=2)");
  CHECK(names(m, s.waiting) == std::vector<std::string>{"R3", "main", "R1"});
  CHECK(s.waiting[0].until == 5);
  CHECK(s.waiting[0].state == LaneState::waiting_io);
}

TEST_CASE("at the end everything has finished") {
  const TimelineModel m = async_run();
  const LoopSnapshot s = snapshot_at(m, {10, 1000});
  CHECK(s.finished == 4);
  CHECK(s.ready.empty());
  CHECK(s.waiting.empty());
  CHECK(s.running.empty());
  CHECK(snapshot_at(m, {0, 0}).not_started == 4);
}

TEST_CASE("the code panel sees each task's line, the console the lines printed so far") {
  const TimelineModel m = async_run();
  auto on = lines_at(m, {0, 1000});
  CHECK(on[7] == std::vector<std::uint32_t>{r1, r2, r3});
  on = lines_at(m, {5, 1000});
  CHECK(on[7] == std::vector<std::uint32_t>{r1});
  CHECK(on.count(9) == 0);  // R2 and R3 printed on line 9 and finished: on no line any more
  // Between R2's line mark and its end it is on line 9.
  const LineMark& r2_done_line = m.lanes[r2].lines.back();
  on = lines_at(m, {r2_done_line.time, r2_done_line.seq});
  CHECK(on[9] == std::vector<std::uint32_t>{r2});
  CHECK(printed_until(m.console, {0, 0}) == 0);
  CHECK(printed_until(m.console, {0, 1000}) == 3);
  CHECK(printed_until(m.console, {2, 1000}) == 4);
  CHECK(printed_until(m.console, {10, 1000}) == 6);
}
