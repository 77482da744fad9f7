// The time axis: nice ticks a person can read, zoom that keeps the point under the mouse
// still, drag-to-pan, and following a live run.
#include <doctest/doctest.h>

#include <cmath>

#include "ui/time_axis.h"

using namespace looplab::ui;

TEST_CASE("tick steps are 1, 2 or 5 times a power of ten") {
  CHECK(nice_step(0.03) == doctest::Approx(0.05));
  CHECK(nice_step(0.2) == doctest::Approx(0.2));
  CHECK(nice_step(0.21) == doctest::Approx(0.5));
  CHECK(nice_step(7) == doctest::Approx(10));
  CHECK(nice_step(1) == doctest::Approx(1));
  CHECK(nice_step(0.00013) == doctest::Approx(0.0002));
}

TEST_CASE("the seed's 17 s sync run on a 1,000 px axis: minor ticks every 0.2 s, labels every 2 s") {
  const TimeToPixels map{{0, 17.5}, 100, 1000};
  const auto ticks = nice_ticks(map, 8);
  REQUIRE(ticks.size() == 88);  // 0, 0.2, ..., 17.4
  CHECK(ticks.front().time == 0);
  CHECK(ticks.back().time == doctest::Approx(17.4));
  int majors = 0;
  for (const Tick& t : ticks) majors += t.major;
  CHECK(majors == 9);  // 0, 2, ..., 16
  CHECK(ticks[0].label == "0 s");
  CHECK(ticks[10].label == "2 s");
  CHECK(ticks[1].label.empty());
}

TEST_CASE("a scaled-down run gets decimals where it needs them") {
  // The 0.01 time scale: 0.17 s on 1,000 px.
  const TimeToPixels map{{0, 0.17}, 0, 1000};
  const auto ticks = nice_ticks(map, 8);
  // 5,882 px per second: minor step 0.002 s, labels every 0.02 s (118 px), two decimals.
  CHECK(ticks[1].time == doctest::Approx(0.002));
  CHECK(ticks[10].major);
  CHECK(ticks[10].label == "0.02 s");
  CHECK(ticks[5].label.empty());
}

TEST_CASE("at any width, labels fall on whole minor steps and stay at least 60 px apart") {
  for (double width : {300.0, 777.0, 1000.0, 2560.0, 4096.0}) {
    const TimeToPixels map{{0, 17.5}, 0, width};
    const auto ticks = nice_ticks(map, 8);
    REQUIRE(ticks.size() > 2);
    const double step = ticks[1].time - ticks[0].time;
    for (const Tick& t : ticks) {
      if (!t.major) continue;
      const double steps = t.time / step;
      CHECK(steps == doctest::Approx(std::round(steps)));
    }
    // Labels are at least 60 px apart.
    double last_major = -1e9;
    for (const Tick& t : ticks) {
      if (!t.major) continue;
      CHECK(map.x_of(t.time) - map.x_of(last_major) >= 59.999);
      last_major = t.time;
    }
  }
}

TEST_CASE("zooming keeps the time under the mouse at the same pixel") {
  const TimeWindow w{0, 10};
  const TimeWindow in = zoom_around(w, 5, 2);
  CHECK(in.begin == doctest::Approx(2.5));
  CHECK(in.end == doctest::Approx(7.5));
  const TimeWindow at_left = zoom_around(w, 0, 2);
  CHECK(at_left.begin == doctest::Approx(0));
  CHECK(at_left.end == doctest::Approx(5));
  const TimeWindow off_centre = zoom_around(w, 8, 4);
  CHECK((8 - off_centre.begin) / off_centre.span() == doctest::Approx(0.8));
  // Limits: cannot zoom in below the minimum span.
  CHECK(zoom_around(w, 5, 1e12, {1e-3, 100}).span() == doctest::Approx(1e-3));
  // A nonsense factor leaves the window alone.
  CHECK(zoom_around(w, 5, 0).end == 10);
}

TEST_CASE("dragging right shows earlier times, by exactly the dragged distance") {
  const TimeWindow w = pan_by_pixels({0, 10}, 100, 1000);
  CHECK(w.begin == doctest::Approx(-1));
  CHECK(w.end == doctest::Approx(9));
}

TEST_CASE("auto-follow slides the window only when the run reaches its right edge") {
  const TimeWindow w{0, 10};
  CHECK(follow(w, 5).end == 10);
  const TimeWindow moved = follow(w, 12);
  CHECK(moved.span() == doctest::Approx(10));
  CHECK(moved.end == doctest::Approx(12.5));
}

TEST_CASE("durations read with about three significant figures") {
  CHECK(format_duration(17.04234) == "17.04 s");
  CHECK(format_duration(0.123456) == "0.123 s");
  CHECK(format_duration(250.04) == "250.0 s");
  CHECK(format_seconds(-0.0001, 2) == "0.00 s");
}
