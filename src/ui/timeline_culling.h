// What the timeline draws in one frame, computed without walking the trace:
// lanes by scroll position, intervals by binary search on their ends, and runs of
// intervals too small to see folded into one mark (the way Tracy folds zones).
// Cost per lane is about (visible pixels / min_px) binary searches, whatever the trace size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "ui/time_axis.h"
#include "ui/timeline_model.h"

namespace looplab::ui {

// Lanes [first, last) intersect the vertical view [scroll_y, scroll_y + view_height).
struct LaneRange {
  std::size_t first = 0;
  std::size_t last = 0;
  std::size_t size() const { return last - first; }
};
LaneRange visible_lanes(std::size_t lane_count, double lane_height, double scroll_y, double view_height);

inline constexpr std::uint32_t fold_scan_limit = 16;

// One thing drawn on a lane: a single interval (count == 1) or a fold of `count`
// consecutive intervals, starting at index `first`, too small to tell apart.
struct Mark {
  double start;
  double end;  // clamped to the model's `now` for open intervals
  std::uint32_t first;
  std::uint32_t count;
  // A single interval's state; for a fold of up to fold_scan_limit intervals the most
  // telling one (blocked > running > ... > waiting); for a bigger fold its first interval's.
  LaneState state;
  bool folded() const { return count > 1; }
  bool many() const { return count > fold_scan_limit; }
  friend bool operator==(const Mark&, const Mark&) = default;
};

struct CullParams {
  TimeWindow window;
  double px_per_second;
  double min_px = 3;   // narrower than this is "too small to see"
  double now = open_end;  // open intervals end here
};

// Appends to `out` marks covering exactly the intervals (sorted, non-overlapping) that
// intersect the window [begin, end): those that end at or after begin and start before end.
// An interval at least min_px wide is its own mark. A fold is a maximal run of intervals,
// each narrower than min_px and each starting less than min_px after the previous ended;
// a lone narrow interval is a mark of count 1 (drawn min_px wide so it stays visible).
void visible_marks(std::span<const Interval> intervals, const CullParams& params, std::vector<Mark>& out);

// Indices of the markers in the window, at most one per min_px of screen (the first of each cluster).
void visible_markers(std::span<const Marker> markers, const CullParams& params, std::vector<std::uint32_t>& out);

// Indices of the incoming arrows whose head lies in the window, at most one per min_px of screen.
void visible_arrows(std::span<const Arrow> arrows, const CullParams& params, std::vector<std::uint32_t>& out);

// The mark under screen time `t`, allowing `slack` seconds either side (marks are drawn at
// least min_px wide, so a narrow one must be found a little outside its true extent).
const Mark* mark_at(std::span<const Mark> marks, double t, double slack);

// The interval of a lane in effect at a cursor: the last one that started at or before it.
// Returns the index, or -1 if the lane has not started yet.
std::ptrdiff_t interval_at(std::span<const Interval> intervals, Cursor cursor);

}  // namespace looplab::ui
