// Fingers on the canvas, turned into what a learner means. On the timeline: one finger
// dragged sideways pans it, two fingers pinch-zoom it, a tap steps the playhead, and a
// finger on the time ruler scrubs. Anywhere else a finger is the mouse pointer for the
// controls (press, drag a slider, release to click), except that a mostly vertical swipe
// is the page scrolling: the pointer leaves, and nothing is clicked.
// Pure logic, fed by the page's touch events and read once per frame.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace looplab::ui {

struct Area {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};

// What the fingers did since the last take().
struct Gestures {
  float pan_dx = 0;         // timeline: pixels dragged sideways (right: show earlier times)
  float zoom = 1;           // timeline: pinch factor, >1 zooms in
  float zoom_x = 0;         //   around this x
  int taps = 0;             // timeline: quick touches on the lanes (each steps the playhead)
  float scrub_x = std::numeric_limits<float>::quiet_NaN();  // time ruler: where the playhead goes
  // The pointer for the controls: present while a finger acts as the mouse.
  bool pointer = false;
  float pointer_x = 0, pointer_y = 0;
  bool pointer_down = false;
};

class TouchGestures {
 public:
  // Fingers that go down move more than this (px) before they count as a drag.
  static constexpr float slop = 10;
  // A tap: down and up within this many seconds, without a drag.
  static constexpr double tap_seconds = 0.5;

  // Where the timeline's lanes and its time ruler were last drawn (canvas CSS pixels).
  void set_areas(Area lanes, Area ruler);
  void down(int id, float x, float y, double t);
  void move(int id, float x, float y, double t);
  void up(int id, float x, float y, double t);
  // The browser took the touch (it scrolls the page): forget it, click nothing.
  void cancel(int id);
  // Everything since the last call; call once per frame.
  Gestures take();
  bool active() const { return !fingers_.empty() || pointer_ != Pointer::none; }

  // Where first fingers went down, and touches on the lanes that were not taps (too slow,
  // or moved): for the page's state, so a test can tell what happened to a touch.
  struct Tally {
    long on_lanes = 0, on_ruler = 0, as_pointer = 0, too_slow = 0, moved = 0;
    double last_duration = 0;  // seconds the last first finger stayed down
  };
  const Tally& tally() const { return tally_; }
  const Area& lanes() const { return lanes_; }

 private:
  enum class Mode { idle, lanes, ruler, pinch, pointer, ignored };
  enum class Pointer { none, pressed, dragging, released };
  struct Finger {
    int id;
    float x0, y0, x, y;
    double t0;
  };
  Finger* finger(int id);
  float spread() const;  // distance between the first two fingers
  void end_pointer(bool click);

  Area lanes_, ruler_;
  std::vector<Finger> fingers_;
  Mode mode_ = Mode::idle;
  bool dragging_ = false;  // the first finger moved past the slop (lanes, ruler)
  float last_spread_ = 0;
  Gestures out_;
  Pointer pointer_ = Pointer::none;
  bool press_latched_ = false;  // a press not yet seen by a frame: it must be, before its release
  float pointer_x_ = 0, pointer_y_ = 0;
  Tally tally_;
};

}  // namespace looplab::ui
