#include "ui/time_axis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace looplab::ui {

TimeWindow zoom_around(TimeWindow w, double anchor, double factor, ZoomLimits limits) {
  if (!(factor > 0)) return w;
  const double span = std::clamp(w.span() / factor, limits.min_span, limits.max_span);
  const double fraction = w.span() > 0 ? (anchor - w.begin) / w.span() : 0.5;
  const double begin = anchor - fraction * span;
  return {begin, begin + span};
}

TimeWindow pan_by_pixels(TimeWindow w, double dx_pixels, double width_pixels) {
  if (!(width_pixels > 0)) return w;
  const double dt = -dx_pixels * w.span() / width_pixels;
  return {w.begin + dt, w.end + dt};
}

TimeWindow fit(double start, double end) {
  const double span = std::max(end - start, 1e-3);
  return {start, start + span * 1.02};
}

TimeWindow follow(TimeWindow w, double now) {
  const double span = w.span();
  if (now <= w.end - span * 0.05) return w;
  const double end = now + span * 0.05;
  return {end - span, end};
}

double nice_step(double min_step) {
  if (!(min_step > 0) || !std::isfinite(min_step)) return 1;
  const double decade = std::pow(10.0, std::floor(std::log10(min_step)));
  for (double mantissa : {1.0, 2.0, 5.0, 10.0}) {
    // A relative slack so that 0.1 * 2 is not "less than" 0.2 through rounding.
    if (mantissa * decade >= min_step * (1 - 1e-9)) return mantissa * decade;
  }
  return 10 * decade;
}

std::string format_seconds(double t, int decimals) {
  decimals = std::max(decimals, 0);
  if (std::abs(t) < 0.5 * std::pow(10.0, -decimals)) t = 0;  // no "-0.0 s"
  char text[48];
  std::snprintf(text, sizeof text, "%.*f s", decimals, t);
  return text;
}

std::string format_duration(double seconds) {
  const double magnitude = std::abs(seconds);
  if (magnitude < 5e-7) return "0 s";
  const int decimals = magnitude >= 100 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.001 ? 3 : 6;
  return format_seconds(seconds, decimals);
}

std::vector<Tick> nice_ticks(const TimeToPixels& map, double min_spacing_px) {
  std::vector<Tick> ticks;
  const double px_per_s = map.px_per_second();
  if (!(px_per_s > 0) || !std::isfinite(px_per_s)) return ticks;
  const double step = nice_step(min_spacing_px / px_per_s);
  // Labelled (major) ticks: the next nice step that leaves room for a label and is a
  // whole number of minor steps (a 5 is not a multiple of a 2, so that one is skipped).
  double major_step = nice_step(std::max(60 / px_per_s, step));
  while (std::abs(major_step / step - std::round(major_step / step)) > 1e-6) {
    major_step = nice_step(major_step * 1.000001);
  }
  const long long per_major = std::max<long long>(1, std::llround(major_step / step));
  const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(major_step) + 1e-9)));

  const auto first = static_cast<long long>(std::ceil(map.window.begin / step - 1e-9));
  const auto last = static_cast<long long>(std::floor(map.window.end / step + 1e-9));
  if (last - first > 100000) return ticks;  // only with a sub-pixel spacing: nothing readable to draw
  for (long long i = first; i <= last; ++i) {
    const double t = static_cast<double>(i) * step;
    const bool major = i % per_major == 0;
    ticks.push_back({t, major, major ? format_seconds(t, decimals) : std::string{}});
  }
  return ticks;
}

}  // namespace looplab::ui
