// A chart as plain data: series of points, lines, bars or spans over two axes with units,
// the ranges they cover, the mapping onto pixels and what the pointer is over. The widget
// (chart_widget.h) only draws what this says; lessons fill it from a view of the trace.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace looplab::ui {

enum class SeriesKind : std::uint8_t {
  line,    // points joined in x order
  points,  // markers only
  bars,    // a vertical bar from 0 to y, centred on x
  spans,   // a horizontal bar from x to x_end at row y (a request's stretch of time)
};

struct ChartPoint {
  double x = 0;
  double y = 0;
  double x_end = std::numeric_limits<double>::quiet_NaN();  // spans only
  std::string label;  // optional: names the point in the hover text and the CSV ("R17")
};

struct Series {
  std::string name;   // the legend's wording: "in flight"
  SeriesKind kind = SeriesKind::line;
  std::size_t style = 0;  // index into chart_style.h's styles (colour and second cue)
  std::vector<ChartPoint> points;
};

struct Axis {
  std::string label;  // "time"
  std::string unit;   // "s" ("" for a count)
  // Shown range; NaN: fitted to the data (fit_ranges).
  double min = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
};

struct Chart {
  std::string title;
  Axis x, y;
  std::vector<Series> series;
  bool y_integer = false;  // a count: ticks on whole numbers only
  // Rows with names instead of numbers (spans on rows 1, 2...): y_names[i] labels row i + 1.
  std::vector<std::string> y_names;
};

// The range every series covers on each axis, a fixed min/max kept; bars and spans
// include 0 on y and their widths; an empty or flat range widens to a readable one.
struct Range {
  double min = 0, max = 1;
  double span() const { return max - min; }
};
struct ChartRanges {
  Range x, y;
};
ChartRanges fit_ranges(const Chart& chart);

// The plot area on screen and the value <-> pixel mapping (y grows upwards).
struct PlotArea {
  float left = 0, top = 0, width = 1, height = 1;
};
struct ChartMapping {
  ChartRanges ranges;
  PlotArea area;
  double px_of_x(double x) const { return area.left + (x - ranges.x.min) / ranges.x.span() * area.width; }
  double px_of_y(double y) const { return area.top + area.height - (y - ranges.y.min) / ranges.y.span() * area.height; }
  double x_at(double px) const { return ranges.x.min + (px - area.left) / area.width * ranges.x.span(); }
};

// How wide a bar is drawn: most of the smallest gap between neighbouring x of its series.
double bar_width(const Series& bars);

// What the pointer is over: the nearest marker or line point within `radius_px`, or the
// bar or span under it.
struct ChartHit {
  std::size_t series = 0;
  std::size_t point = 0;
};
std::optional<ChartHit> hit_test(const Chart& chart, const ChartMapping& map, float mouse_x, float mouse_y,
                                 float radius_px = 8);
// The hover text for a hit: "in flight: 6 at 1.25 s" / "R17: 0.3 s to 1.5 s".
std::string describe_hit(const Chart& chart, ChartHit hit);

// A value with its unit, with as many decimals as the step between ticks needs.
std::string format_value(double v, const std::string& unit, int decimals);

}  // namespace looplab::ui
