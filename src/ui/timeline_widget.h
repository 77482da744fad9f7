// The timeline: one lane per task plus the loop's lane, coloured AND patterned by state,
// a time axis in seconds, request markers, cause-and-effect arrows, a playhead to scrub,
// wheel zoom around the mouse, drag to pan, hover for exact times. Draws only what is
// visible (see timeline_culling.h), so 4,000 lanes cost what the visible ones cost.
#pragma once

#include <cstdint>
#include <limits>

#include "ui/time_axis.h"
#include "ui/timeline_model.h"

namespace looplab::ui {

// What the learner did to the view; kept by the lesson between frames.
struct TimelineView {
  TimeWindow window{0, 1};
  double scroll_y = 0;       // pixels scrolled down the lanes
  Cursor playhead{0, 0};
  bool follow_live = true;   // slide with a live run until the learner pans or zooms
  bool fit_pending = true;   // fit the whole run on the next frame
  bool show_arrows = true;
  // Where it was last drawn (screen px): the lanes and the time ruler above them. Touch
  // gestures are recognised there and mapped to time with the same window.
  struct Drawn {
    float left = 0, right = 0;   // of the time axis
    float ruler_top = 0, lanes_top = 0, bottom = 0;
  } drawn;

  // A new run: fit it, follow it, playhead back to the start.
  void reset() { *this = TimelineView{}; }
};

struct TimelineOptions {
  float height = 320;        // of the whole widget, axis included
  float lane_height = 22;
  float names_width = 110;
  float min_px = 3;          // narrower than this folds (Tracy uses 3)
};

// Draws the timeline into the current window at the cursor. Returns true when the
// learner moved the playhead (click or drag on the axis or lanes).
bool draw_timeline(const char* id, const TimelineModel& model, TimelineView& view, const TimelineOptions& options = {});

// The legend: each state's swatch (colour and pattern) and wording, plus the marker shapes.
void draw_timeline_legend();

// The playhead as a cursor that includes everything recorded at time t.
inline Cursor cursor_at_time(double t) { return {t, std::numeric_limits<std::uint32_t>::max()}; }

}  // namespace looplab::ui
