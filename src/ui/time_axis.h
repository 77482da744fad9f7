// Mapping between run time (seconds) and screen pixels, and the moves a learner makes
// on it: zoom around the cursor, pan by dragging, follow a live run.
#pragma once

#include <string>
#include <vector>

namespace looplab::ui {

// The visible span of run time, [begin, end) in seconds.
struct TimeWindow {
  double begin = 0;
  double end = 1;
  double span() const { return end - begin; }
};

// Maps a window onto `width` pixels starting at screen x `left`.
struct TimeToPixels {
  TimeWindow window;
  double left = 0;
  double width = 1;

  double px_per_second() const { return width / window.span(); }
  double x_of(double t) const { return left + (t - window.begin) * px_per_second(); }
  double time_at(double x) const { return window.begin + (x - left) / px_per_second(); }
};

// Limits on how far a learner may zoom: never below `min_span` seconds on screen
// (float precision and meaning both run out) nor above `max_span`.
struct ZoomLimits {
  double min_span = 1e-6;
  double max_span = 1e6;
};

// Zooms by `factor` (>1 zooms in) keeping `anchor` at the same pixel.
TimeWindow zoom_around(TimeWindow w, double anchor, double factor, ZoomLimits limits = {});
// Moves the window by a drag of `dx_pixels` (dragging right shows earlier times).
TimeWindow pan_by_pixels(TimeWindow w, double dx_pixels, double width_pixels);
// The whole run [start, end] with a small margin on the right for the last bar's edge.
TimeWindow fit(double start, double end);
// Auto-follow while a run grows: keep the span, slide so `now` stays in view near the right.
TimeWindow follow(TimeWindow w, double now);

struct Tick {
  double time;
  bool major;
  std::string label;  // only on major ticks
};

// Ticks at 1, 2 or 5 x 10^k seconds, at least `min_spacing_px` apart; every fifth or
// tenth step is major and labelled in seconds with just enough decimals for the step.
std::vector<Tick> nice_ticks(const TimeToPixels& map, double min_spacing_px = 8);
// The step nice_ticks picks: the smallest 1/2/5 x 10^k at least `min_step` seconds.
double nice_step(double min_step);
// "12.5 s", with `decimals` after the point.
std::string format_seconds(double t, int decimals);
// Decimals a duration needs to show about three significant figures ("10.05 s", "0.123 s").
std::string format_duration(double seconds);

}  // namespace looplab::ui
