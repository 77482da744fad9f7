// Fingers on the canvas as a learner means them: on the timeline a sideways drag pans, a
// pinch zooms, a tap steps and the ruler scrubs; elsewhere a finger is the pointer, and a
// vertical swipe is the page scrolling, which clicks nothing.
#include <doctest/doctest.h>

#include <cmath>

#include "ui/touch_gestures.h"

using namespace looplab::ui;

namespace {

TouchGestures on_a_timeline() {
  TouchGestures g;
  g.set_areas(Area{100, 200, 500, 400}, Area{100, 176, 500, 200});
  return g;
}

}  // namespace

TEST_CASE("a quick touch on the lanes is a tap: one step") {
  TouchGestures g = on_a_timeline();
  g.down(1, 300, 300, 0.0);
  g.up(1, 302, 301, 0.1);
  const Gestures out = g.take();
  CHECK(out.taps == 1);
  CHECK(out.pan_dx == 0);
  CHECK_FALSE(out.pointer);
  CHECK(g.take().taps == 0);
}

TEST_CASE("one finger dragged sideways pans by the distance dragged, and is no tap") {
  TouchGestures g = on_a_timeline();
  g.down(1, 300, 300, 0.0);
  g.move(1, 280, 302, 0.05);
  g.move(1, 250, 303, 0.1);
  CHECK(g.take().pan_dx == doctest::Approx(-50));
  g.move(1, 240, 303, 0.15);
  g.up(1, 240, 303, 0.2);
  const Gestures out = g.take();
  CHECK(out.pan_dx == doctest::Approx(-10));
  CHECK(out.taps == 0);
}

TEST_CASE("a vertical swipe on the lanes is the page scrolling: no pan, no tap") {
  TouchGestures g = on_a_timeline();
  g.down(1, 300, 300, 0.0);
  g.move(1, 302, 340, 0.05);
  g.move(1, 330, 380, 0.1);
  g.up(1, 330, 380, 0.15);
  const Gestures out = g.take();
  CHECK(out.pan_dx == 0);
  CHECK(out.taps == 0);
}

TEST_CASE("two fingers pinching apart zoom in around their middle") {
  TouchGestures g = on_a_timeline();
  g.down(1, 250, 300, 0.0);
  g.down(2, 350, 300, 0.01);
  g.move(1, 200, 300, 0.05);
  g.move(2, 400, 300, 0.05);
  const Gestures out = g.take();
  CHECK(out.zoom == doctest::Approx(2.0));
  CHECK(out.zoom_x == doctest::Approx(300));
  g.up(1, 200, 300, 0.1);
  g.move(2, 450, 300, 0.12);  // what is left of a pinch does not pan
  g.up(2, 450, 300, 0.13);
  const Gestures after = g.take();
  CHECK(after.pan_dx == 0);
  CHECK(after.taps == 0);
  CHECK(after.zoom == 1);
}

TEST_CASE("a finger on the time ruler scrubs the playhead") {
  TouchGestures g = on_a_timeline();
  g.down(1, 150, 190, 0.0);
  CHECK(g.take().scrub_x == 150);
  g.move(1, 260, 191, 0.1);
  CHECK(g.take().scrub_x == 260);
  g.up(1, 270, 191, 0.2);
  CHECK(g.take().scrub_x == 270);
  CHECK(std::isnan(g.take().scrub_x));
}

TEST_CASE("off the timeline a tap is a click: the frame sees the press before the release") {
  TouchGestures g = on_a_timeline();
  g.down(1, 40, 40, 0.0);
  g.up(1, 40, 40, 0.05);  // both between two frames
  Gestures f1 = g.take();
  CHECK(f1.pointer);
  CHECK(f1.pointer_down);
  CHECK(f1.pointer_x == 40);
  Gestures f2 = g.take();
  CHECK(f2.pointer);
  CHECK_FALSE(f2.pointer_down);
  CHECK(f2.pointer_x == 40);
  CHECK_FALSE(g.take().pointer);  // then the pointer leaves: no hover stays behind
}

TEST_CASE("a sideways drag off the timeline drags the control under the finger") {
  TouchGestures g = on_a_timeline();
  g.down(1, 40, 40, 0.0);
  CHECK(g.take().pointer_down);
  g.move(1, 90, 42, 0.1);
  const Gestures f = g.take();
  CHECK(f.pointer_down);
  CHECK(f.pointer_x == 90);
  g.up(1, 90, 42, 0.2);
  CHECK_FALSE(g.take().pointer_down);
}

TEST_CASE("a vertical swipe off the timeline scrolls the page and clicks nothing") {
  TouchGestures g = on_a_timeline();
  g.down(1, 40, 40, 0.0);
  CHECK(g.take().pointer_down);
  g.move(1, 41, 90, 0.1);
  const Gestures f = g.take();
  CHECK(f.pointer);
  CHECK_FALSE(f.pointer_down);
  CHECK(f.pointer_x < -1000);  // released far from the button it was pressed on
  g.up(1, 41, 120, 0.2);
  CHECK_FALSE(g.take().pointer);
}

TEST_CASE("a touch the browser takes back is forgotten without a click") {
  TouchGestures g = on_a_timeline();
  g.down(1, 40, 40, 0.0);
  g.cancel(1);
  const Gestures f = g.take();
  CHECK_FALSE(f.pointer_down);
  CHECK_FALSE(g.active());
}
