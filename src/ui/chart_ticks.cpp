#include "ui/chart_ticks.h"

#include <algorithm>
#include <cmath>

#include "ui/time_axis.h"

namespace looplab::ui {

int decimals_for_step(double step) {
  if (!(step > 0) || !std::isfinite(step)) return 0;
  // 0.25 needs two decimals although its decade says one: try until the step is exact.
  for (int d = 0; d < 9; ++d) {
    const double scaled = step * std::pow(10.0, d);
    if (std::abs(scaled - std::round(scaled)) < 1e-6 * std::max(1.0, scaled)) return d;
  }
  return 9;
}

std::vector<ValueTick> value_ticks(Range range, double length_px, double min_spacing_px, const std::string& unit,
                                   bool integer) {
  std::vector<ValueTick> ticks;
  if (!(length_px > 0) || !(range.span() > 0) || !std::isfinite(range.span())) return ticks;
  double step = nice_step(range.span() * std::max(min_spacing_px, 1.0) / length_px);
  if (integer) step = std::max(step, 1.0);
  const int decimals = decimals_for_step(step);
  const auto first = static_cast<long long>(std::ceil(range.min / step - 1e-9));
  const auto last = static_cast<long long>(std::floor(range.max / step + 1e-9));
  if (last - first > 1000) return ticks;  // cannot happen with a positive spacing; a guard all the same
  for (long long i = first; i <= last; ++i) {
    const double v = static_cast<double>(i) * step;
    ticks.push_back({v, format_value(v, unit, decimals)});
  }
  return ticks;
}

}  // namespace looplab::ui
