#pragma once
// Fingers on the canvas. SDL would turn every touch into a prevented mouse event, so the
// page could never scroll under a finger; instead the page keeps vertical swipes (CSS
// touch-action: pan-y) and this module turns the rest into gestures (ui/touch_gestures.h):
// the timeline's pan, pinch, tap and scrub for the lesson frame, and a mouse pointer for
// every other control.
#include "ui/touch_gestures.h"

namespace looplab::app {

class TouchInput {
 public:
  static TouchInput& instance();
  // Takes the canvas's touch events over from SDL. Call once, after the SDL window exists.
  void install();
  // Once per frame, after the platform backend's NewFrame and before ImGui::NewFrame:
  // collects the gestures and, while a finger is the pointer, hands it to ImGui as the mouse.
  void begin_frame();
  // This frame's timeline gestures (pan, zoom, taps, scrub).
  const ui::Gestures& gestures() const { return frame_; }
  // Where the timeline is (canvas CSS px), for the next touches. Call when drawing it.
  void set_timeline_areas(ui::Area lanes, ui::Area ruler) { recognizer_.set_areas(lanes, ruler); }
  // The device has a touch screen (a touch was seen, or the primary pointer is coarse).
  bool touch_device() const { return touched_ || coarse_pointer_; }

  // What the fingers have done so far, for window.looplab (state().app.touch).
  struct Counts {
    long touches = 0, ends = 0, taps = 0, pans = 0, zooms = 0, pointer_presses = 0;
    float last_x = 0, last_y = 0;  // where the last finger went down or up
  };
  const Counts& counts() const { return counts_; }
  const ui::TouchGestures::Tally& tally() const { return recognizer_.tally(); }
  const ui::Area& lanes_area() const { return recognizer_.lanes(); }

  enum class Phase { start, move, end, cancel };
  // One changed finger of a touch event (canvas CSS px, seconds).
  void touch(Phase phase, int id, float x, float y, double t);

 private:
  ui::TouchGestures recognizer_;
  ui::Gestures frame_;
  Counts counts_;
  bool was_pointer_ = false;
  bool was_down_ = false;
  bool touched_ = false;
  bool coarse_pointer_ = false;
};

}  // namespace looplab::app
