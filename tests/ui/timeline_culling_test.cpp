// What the timeline draws for a given time range and pixel width: which intervals become
// marks, which are folded together, and that nothing outside the window is touched.
#include <doctest/doctest.h>

#include <vector>

#include "ui/timeline_culling.h"

using namespace looplab::ui;

namespace {

std::vector<Mark> marks_of(const std::vector<Interval>& lane, TimeWindow window, double width_px, double min_px = 3,
                           double now = open_end) {
  std::vector<Mark> out;
  visible_marks(lane, {window, width_px / window.span(), min_px, now}, out);
  return out;
}

// `count` back-to-back intervals of `length` seconds from `start`, alternating two states.
std::vector<Interval> contiguous(std::size_t count, double start, double length) {
  std::vector<Interval> lane;
  for (std::size_t i = 0; i < count; ++i) {
    lane.push_back({start + static_cast<double>(i) * length, start + static_cast<double>(i + 1) * length,
                    static_cast<std::uint32_t>(i), 0, i % 2 ? LaneState::running : LaneState::ready});
  }
  return lane;
}

}  // namespace

TEST_CASE("only the lanes the scroll position shows are visited") {
  // 4,000 lanes of 20 px, scrolled to 1,000 px in a 300 px view: lanes 50..64 (65 excluded).
  const LaneRange r = visible_lanes(4000, 20, 1000, 300);
  CHECK(r.first == 50);
  CHECK(r.last == 65);
  // A lane cut by the bottom edge is still drawn.
  CHECK(visible_lanes(4000, 20, 1000, 310).last == 66);
  // Scrolled past the end, or no lanes: nothing, never an index out of range.
  CHECK(visible_lanes(10, 20, 5000, 300).size() == 0);
  CHECK(visible_lanes(0, 20, 0, 300).size() == 0);
  CHECK(visible_lanes(10, 20, -50, 300).first == 0);
}

TEST_CASE("wide intervals each become their own mark, and only those that meet the window") {
  const std::vector<Interval> lane{
      {0, 1, 1, 0, LaneState::running},
      {1, 3, 2, 0, LaneState::waiting_timer},
      {3, 4, 3, 0, LaneState::ready},
      {4, 10, 4, 0, LaneState::waiting_io},
      {10, 11, 5, 0, LaneState::running},
  };
  // Window [2, 5) over 300 px: 100 px per second.
  const auto marks = marks_of(lane, {2, 5}, 300);
  REQUIRE(marks.size() == 3);
  CHECK(marks[0] == Mark{1, 3, 1, 1, LaneState::waiting_timer});
  CHECK(marks[1] == Mark{3, 4, 2, 1, LaneState::ready});
  CHECK(marks[2] == Mark{4, 10, 3, 1, LaneState::waiting_io});
}

TEST_CASE("a run of sub-pixel intervals folds into one mark between its wide neighbours") {
  // 100 px per second, so min 3 px = 0.03 s. 100 intervals of 1 ms (0.1 px) from 1.0 to 1.1.
  std::vector<Interval> lane{{0, 1, 0, 0, LaneState::waiting_io}};
  for (int i = 0; i < 100; ++i) {
    lane.push_back({1 + i / 1000.0, 1 + (i + 1) / 1000.0, static_cast<std::uint32_t>(i + 1), 0,
                    i % 2 ? LaneState::waiting_timer : LaneState::ready});
  }
  lane.push_back({lane.back().end, 2, 101, 0, LaneState::waiting_io});

  const auto marks = marks_of(lane, {0, 2}, 200);
  REQUIRE(marks.size() == 3);
  CHECK(marks[0] == Mark{0, 1, 0, 1, LaneState::waiting_io});
  CHECK(marks[1].first == 1);
  CHECK(marks[1].count == 100);
  CHECK(marks[1].start == 1.0);
  CHECK(marks[1].end == lane[100].end);
  CHECK(marks[1].folded());
  CHECK(marks[1].many());  // too many to scan for a state: drawn as "many"
  CHECK(marks[2] == Mark{lane[100].end, 2, 101, 1, LaneState::waiting_io});
}

TEST_CASE("narrow intervals fold only when the gap between them is under min_px") {
  // 100 px per second: min 3 px = 0.03 s.
  const std::vector<Interval> lane{
      {0.000, 0.001, 0, 0, LaneState::ready},
      {0.020, 0.021, 1, 0, LaneState::running},  // 1.9 px after the first: folds with it
      {0.100, 0.101, 2, 0, LaneState::ready},    // 7.9 px after: a mark of its own
      {1.000, 1.001, 3, 0, LaneState::ready},    // far away: its own mark
  };
  const auto marks = marks_of(lane, {0, 2}, 200);
  REQUIRE(marks.size() == 3);
  // A small fold shows its most telling state: running beats ready.
  CHECK(marks[0] == Mark{0.000, 0.021, 0, 2, LaneState::running});
  CHECK(marks[1] == Mark{0.100, 0.101, 2, 1, LaneState::ready});
  CHECK(marks[2] == Mark{1.000, 1.001, 3, 1, LaneState::ready});
  CHECK_FALSE(marks[1].folded());
}

TEST_CASE("a fold never reaches past the window: marks cover exactly the intervals that meet it") {
  // 10,240 back-to-back intervals of 1/1024 s (exact in binary) from 0 to 10 s.
  // Window [0, 1) over 128 px: 3 px = 24/1024 s, so every interval is sub-pixel.
  const auto lane = contiguous(10240, 0, 1.0 / 1024);
  const auto marks = marks_of(lane, {0, 1}, 128);
  REQUIRE(marks.size() == 1);
  CHECK(marks[0].first == 0);
  CHECK(marks[0].count == 1024);  // the 1,024 intervals that start before 1.0 s, no more
  CHECK(marks[0].end == 1.0);

  // The same lane seen through [5, 6): starts at interval 5 * 1024 - 1, which ends exactly at 5.0.
  const auto later = marks_of(lane, {5, 6}, 128);
  REQUIRE(later.size() == 1);
  CHECK(later[0].first == 5 * 1024 - 1);
  CHECK(later[0].count == 1025);
}

TEST_CASE("zoomed in, the same dense lane is drawn interval by interval") {
  // 10 intervals of 1/1024 s fill a 1,024 px window: 102.4 px each, no folding.
  const auto lane = contiguous(10240, 0, 1.0 / 1024);
  const auto marks = marks_of(lane, {2.0, 2.0 + 10.0 / 1024}, 1024);
  REQUIRE(marks.size() == 11);  // 10 inside, plus the one that ends exactly at 2.0
  CHECK(marks[0].first == 2047);
  CHECK(marks[0].start == 2.0 - 1.0 / 1024);
  for (std::size_t i = 1; i < marks.size(); ++i) {
    CHECK(marks[i].first == 2047 + i);
    CHECK(marks[i].count == 1);
    CHECK(marks[i].state == lane[2047 + i].state);
  }
}

TEST_CASE("a task lane of 4,000 gathered sleeps, zoomed out: the tiny steps fold, the sleep stays") {
  // Created and run in microseconds, sleeps 3 s, runs again, then done (open to the end).
  const std::vector<Interval> lane{
      {0.000000, 0.000001, 10, 0, LaneState::ready},
      {0.000001, 0.000011, 11, 0, LaneState::running},
      {0.000011, 3.000011, 12, 0, LaneState::waiting_timer},
      {3.000011, 3.000012, 13, 0, LaneState::ready},
      {3.000012, 3.000013, 14, 0, LaneState::running},
      {3.000013, open_end, 15, 0, LaneState::done},
  };
  // The whole run, 3.1 s, over 1,000 px; `now` (the run's end) is 3.1 s.
  const auto marks = marks_of(lane, {0, 3.1}, 1000, 3, 3.1);
  REQUIRE(marks.size() == 4);
  CHECK(marks[0] == Mark{0.000000, 0.000011, 0, 2, LaneState::running});
  CHECK(marks[1] == Mark{0.000011, 3.000011, 2, 1, LaneState::waiting_timer});
  CHECK(marks[2] == Mark{3.000011, 3.000013, 3, 2, LaneState::running});
  CHECK(marks[3] == Mark{3.000013, 3.1, 5, 1, LaneState::done});  // the open end is clamped to now
}

TEST_CASE("zero-length steps on the virtual clock stay visible at the window's edge") {
  // On the virtual clock a step takes no time: ready and running both last 0 s at t = 0.
  const std::vector<Interval> lane{
      {0, 0, 1, 0, LaneState::ready},
      {0, 0, 2, 0, LaneState::running},
      {0, 10, 3, 0, LaneState::waiting_io},
  };
  const auto marks = marks_of(lane, {0, 10}, 1000);
  REQUIRE(marks.size() == 2);
  CHECK(marks[0] == Mark{0, 0, 0, 2, LaneState::running});
  CHECK(marks[1] == Mark{0, 10, 2, 1, LaneState::waiting_io});
}

TEST_CASE("an empty lane or a window before the first interval draws nothing") {
  CHECK(marks_of({}, {0, 1}, 100).empty());
  const std::vector<Interval> lane{{5, 6, 0, 0, LaneState::running}};
  CHECK(marks_of(lane, {0, 4.99}, 100).empty());
  CHECK(marks_of(lane, {6.01, 7}, 100).empty());
}

TEST_CASE("markers: one per min_px, the first of each cluster") {
  const std::vector<Marker> markers{
      {0.000, 0, 0, MarkerKind::request_sent},
      {0.001, 1, 0, MarkerKind::request_sent},
      {0.002, 2, 0, MarkerKind::request_sent},
      {0.500, 3, 0, MarkerKind::request_answered},
      {2.000, 4, 0, MarkerKind::request_answered},
  };
  std::vector<std::uint32_t> shown;
  visible_markers(markers, {{0, 1}, 100, 3, open_end}, shown);
  CHECK(shown == std::vector<std::uint32_t>{0, 3});
  shown.clear();
  // Zoomed in to 10,000 px per second the three at the start are 10 px apart: all shown.
  visible_markers(markers, {{0, 0.1}, 10000, 3, open_end}, shown);
  CHECK(shown == std::vector<std::uint32_t>{0, 1, 2});
}

TEST_CASE("arrows are culled by the time of their head") {
  const std::vector<Arrow> arrows{
      {0, 0, 0.0, ArrowKind::created_by},
      {1, 2, 2.0, ArrowKind::woken_by},
      {2, 5, 5.0, ArrowKind::woken_by},
  };
  std::vector<std::uint32_t> shown;
  visible_arrows(arrows, {{1, 4}, 100, 3, open_end}, shown);
  CHECK(shown == std::vector<std::uint32_t>{1});
}

TEST_CASE("hovering finds the mark under the mouse, or a narrow one within a few pixels") {
  const std::vector<Mark> marks{
      {0, 1, 0, 1, LaneState::running},
      {2.000, 2.001, 1, 1, LaneState::ready},
      {5, 9, 2, 1, LaneState::waiting_io},
  };
  CHECK(mark_at(marks, 0.5, 0.03) == &marks[0]);
  CHECK(mark_at(marks, 2.02, 0.03) == &marks[1]);  // 2 px right of a 0.1 px mark
  CHECK(mark_at(marks, 3.0, 0.03) == nullptr);
  CHECK(mark_at(marks, 9.0, 0.03) == &marks[2]);
}

TEST_CASE("the interval in effect at a cursor respects the event order within one instant") {
  const std::vector<Interval> lane{
      {0, 0, 4, 0, LaneState::ready},
      {0, 0, 7, 0, LaneState::running},
      {0, 10, 9, 0, LaneState::waiting_io},
  };
  CHECK(interval_at(lane, {0, 3}) == -1);  // before the task existed
  CHECK(interval_at(lane, {0, 4}) == 0);
  CHECK(interval_at(lane, {0, 8}) == 1);
  CHECK(interval_at(lane, {0, 9}) == 2);
  CHECK(interval_at(lane, {5, 0}) == 2);
  CHECK(interval_at(lane, {10, 0}) == 2);
}
