#include "ui/chart_model.h"

#include <algorithm>
#include <cstdio>

namespace looplab::ui {
namespace {

struct Extent {
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  void take(double v) {
    if (!std::isfinite(v)) return;
    min = std::min(min, v);
    max = std::max(max, v);
  }
  bool empty() const { return !(min <= max); }
};

// A range that can be drawn: fixed ends kept, an empty one [0, 1], a flat one widened.
Range settle(Extent e, const Axis& axis) {
  Range r{std::isfinite(axis.min) ? axis.min : e.empty() ? 0 : e.min,
          std::isfinite(axis.max) ? axis.max : e.empty() ? 1 : e.max};
  if (!(r.max > r.min)) {
    const double pad = std::abs(r.min) > 0 ? std::abs(r.min) * 0.5 : 1;
    if (std::isfinite(axis.max)) r.min = r.max - pad;
    else r.max = r.min + pad;
  }
  return r;
}

std::string value_text(double v, const std::string& unit) {
  // A count is a whole number; a measure gets about three significant figures.
  const double m = std::abs(v);
  const int decimals = unit.empty() && m == std::round(m) ? 0 : m >= 100 ? 0 : m >= 10 ? 1 : m >= 1 ? 2 : 3;
  return format_value(v, unit, decimals);
}

}  // namespace

std::string format_value(double v, const std::string& unit, int decimals) {
  decimals = std::clamp(decimals, 0, 9);
  if (std::abs(v) < 0.5 * std::pow(10.0, -decimals)) v = 0;  // no "-0"
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, v);
  return unit.empty() ? std::string(text) : std::string(text) + " " + unit;
}

double bar_width(const Series& bars) {
  std::vector<double> xs;
  xs.reserve(bars.points.size());
  for (const ChartPoint& p : bars.points) xs.push_back(p.x);
  std::sort(xs.begin(), xs.end());
  double gap = std::numeric_limits<double>::infinity();
  for (std::size_t i = 1; i < xs.size(); ++i) {
    if (xs[i] > xs[i - 1]) gap = std::min(gap, xs[i] - xs[i - 1]);
  }
  return std::isfinite(gap) ? gap * 0.7 : 0.7;
}

ChartRanges fit_ranges(const Chart& chart) {
  Extent x, y;
  for (const Series& s : chart.series) {
    const double half_bar = s.kind == SeriesKind::bars ? bar_width(s) / 2 : 0;
    for (const ChartPoint& p : s.points) {
      x.take(p.x - half_bar);
      x.take(p.x + half_bar);
      if (s.kind == SeriesKind::spans) x.take(p.x_end);
      y.take(p.y);
      // Spans sit on rows: leave half a row above and below the outer ones.
      if (s.kind == SeriesKind::spans) {
        y.take(p.y - 0.5);
        y.take(p.y + 0.5);
      }
    }
    if (s.kind == SeriesKind::bars && !s.points.empty()) y.take(0);
  }
  ChartRanges r{settle(x, chart.x), settle(y, chart.y)};
  // Headroom over the highest value, so a line along the top stays visible.
  if (!std::isfinite(chart.y.max) && !y.empty()) r.y.max += r.y.span() * 0.05;
  return r;
}

std::optional<ChartHit> hit_test(const Chart& chart, const ChartMapping& map, float mouse_x, float mouse_y,
                                 float radius_px) {
  const PlotArea& a = map.area;
  if (mouse_x < a.left - radius_px || mouse_x > a.left + a.width + radius_px || mouse_y < a.top - radius_px ||
      mouse_y > a.top + a.height + radius_px) {
    return std::nullopt;
  }
  std::optional<ChartHit> best;
  double best_d2 = static_cast<double>(radius_px) * radius_px;
  const double row_px = a.height / map.ranges.y.span();
  for (std::size_t si = 0; si < chart.series.size(); ++si) {
    const Series& s = chart.series[si];
    const double half_bar = s.kind == SeriesKind::bars ? bar_width(s) / 2 : 0;
    for (std::size_t pi = 0; pi < s.points.size(); ++pi) {
      const ChartPoint& p = s.points[pi];
      const double px = map.px_of_x(p.x), py = map.px_of_y(p.y);
      if (s.kind == SeriesKind::spans) {
        // Inside the span's bar (a row's height, 80% of it) wins outright.
        if (mouse_x >= px && mouse_x <= map.px_of_x(p.x_end) && std::abs(mouse_y - py) <= row_px * 0.4) return ChartHit{si, pi};
        continue;
      }
      if (s.kind == SeriesKind::bars) {
        const double top = std::min(py, map.px_of_y(0)), bottom = std::max(py, map.px_of_y(0));
        if (mouse_x >= map.px_of_x(p.x - half_bar) && mouse_x <= map.px_of_x(p.x + half_bar) && mouse_y >= top &&
            mouse_y <= bottom) {
          return ChartHit{si, pi};
        }
        continue;
      }
      const double d2 = (px - mouse_x) * (px - mouse_x) + (py - mouse_y) * (py - mouse_y);
      if (d2 <= best_d2) {
        best_d2 = d2;
        best = ChartHit{si, pi};
      }
    }
  }
  return best;
}

std::string describe_hit(const Chart& chart, ChartHit hit) {
  if (hit.series >= chart.series.size() || hit.point >= chart.series[hit.series].points.size()) return {};
  const Series& s = chart.series[hit.series];
  const ChartPoint& p = s.points[hit.point];
  const std::string who = p.label.empty() ? s.name : s.name + ", " + p.label;
  if (s.kind == SeriesKind::spans) {
    return who + ": " + value_text(p.x, chart.x.unit) + " to " + value_text(p.x_end, chart.x.unit) + " (" +
           value_text(p.x_end - p.x, chart.x.unit) + ")";
  }
  return who + ": " + value_text(p.y, chart.y.unit) + " at " + value_text(p.x, chart.x.unit);
}

}  // namespace looplab::ui
