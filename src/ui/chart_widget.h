// The chart (Dear ImGui draw list): title, legend, axes with ticks and units, the series
// in their styles (chart_style.h), the value under the pointer, and a "Copy as CSV"
// button. It draws a ui::Chart (chart_model.h) and nothing else: lessons fill that from a
// view of the trace.
#pragma once

#include "ui/chart_model.h"

namespace looplab::ui {

struct ChartOutcome {
  bool copy_csv = false;  // "Copy as CSV" was pressed: the caller puts chart_csv(chart) on the clipboard
};

// Draws `chart` across the available width, `height` pixels tall (title, legend and axes
// included; a title wider than that wraps and puts the button under it). `copied_note`
// (may be empty) is shown beside the button: "copied 41 rows".
ChartOutcome draw_chart(const char* id, const Chart& chart, float height, const char* copied_note = "");

}  // namespace looplab::ui
