// Ticks for a chart's value axes: 1, 2 or 5 x 10^k apart (the timeline's nice steps), far
// enough apart for their labels, each labelled with its unit and just the decimals its
// step needs.
#pragma once

#include <string>
#include <vector>

#include "ui/chart_model.h"

namespace looplab::ui {

struct ValueTick {
  double value;
  std::string label;  // "1.5 s", "200"
};

// Ticks inside `range` drawn over `length_px` pixels, at least `min_spacing_px` apart;
// `integer`: a count, so never a step below 1.
std::vector<ValueTick> value_ticks(Range range, double length_px, double min_spacing_px, const std::string& unit,
                                   bool integer);
// The decimals a label needs at this step (0.25 -> 2, 5 -> 0).
int decimals_for_step(double step);

}  // namespace looplab::ui
