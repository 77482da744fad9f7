#include "ui/timeline_culling.h"

#include <algorithm>
#include <cmath>

namespace looplab::ui {

LaneRange visible_lanes(std::size_t lane_count, double lane_height, double scroll_y, double view_height) {
  if (lane_count == 0 || !(lane_height > 0) || !(view_height > 0)) return {0, 0};
  const double top = std::max(scroll_y, 0.0);
  const auto first = static_cast<std::size_t>(std::floor(top / lane_height));
  const auto last = static_cast<std::size_t>(std::ceil((top + view_height) / lane_height));
  return {std::min(first, lane_count), std::min(last, lane_count)};
}

namespace {

double end_of(const Interval& iv, double now) { return std::min(iv.end, now); }

// Lower is more telling: what a learner most needs to see when several states share a pixel.
int rank(LaneState s) {
  switch (s) {
    case LaneState::blocked: return 0;
    case LaneState::running: return 1;
    case LaneState::failed: return 2;
    case LaneState::cancelled: return 3;
    case LaneState::in_executor: return 4;
    case LaneState::ready: return 5;
    case LaneState::waiting_io:
    case LaneState::queued_io: return 6;
    case LaneState::waiting_timer: return 7;
    case LaneState::waiting_sync: return 8;
    case LaneState::done: return 9;
  }
  return 10;
}

// Small folds are scanned for their most telling state; big ones are not (that would walk
// the trace) and take their first interval's state: they are drawn as "many" anyway.
LaneState telling_state(std::span<const Interval>::iterator first, std::span<const Interval>::iterator last) {
  if (last - first > static_cast<std::ptrdiff_t>(fold_scan_limit)) return first->state;
  LaneState best = first->state;
  for (auto it = first; it != last; ++it) {
    if (rank(it->state) < rank(best)) best = it->state;
  }
  return best;
}

}  // namespace

void visible_marks(std::span<const Interval> intervals, const CullParams& params, std::vector<Mark>& out) {
  if (!(params.px_per_second > 0)) return;
  const double min_gap = params.min_px / params.px_per_second;  // min_px in seconds
  const double now = params.now;
  const auto begin = intervals.begin();
  // Starts are sorted, and so are ends because intervals do not overlap: two binary
  // searches give exactly the intervals that intersect the window.
  const auto last = std::lower_bound(begin, intervals.end(), params.window.end,
                                     [](const Interval& iv, double t) { return iv.start < t; });
  // Ending exactly at the window's start still counts: on the virtual clock a step takes
  // no time, and a zero-length "running" at t=0 must show when the window starts at 0.
  auto it = std::lower_bound(begin, last, params.window.begin,
                             [now](const Interval& iv, double t) { return end_of(iv, now) < t; });
  while (it != last) {
    const double it_end = end_of(*it, now);
    if (it_end - it->start >= min_gap) {
      out.push_back({it->start, it_end, static_cast<std::uint32_t>(it - begin), 1, it->state});
      ++it;
      continue;
    }
    const auto fold_begin = it;
    double fold_end = it_end;
    ++it;
    while (it != last) {
      // Everything ending within min_gap of the fold's end started after it and is narrower
      // than min_gap, with a gap under min_gap: absorb the whole run in one binary search.
      const double threshold = fold_end + min_gap;
      const auto run_end = std::lower_bound(it, last, threshold,
                                            [now](const Interval& iv, double t) { return end_of(iv, now) < t; });
      if (run_end != it) {
        it = run_end;
        fold_end = end_of(*(it - 1), now);
        continue;
      }
      // The next one ends further away: absorb it only if it is itself narrow and close.
      const double next_end = end_of(*it, now);
      if (!(next_end - it->start < min_gap && it->start - fold_end < min_gap)) break;
      fold_end = next_end;
      ++it;
    }
    out.push_back({fold_begin->start, fold_end, static_cast<std::uint32_t>(fold_begin - begin),
                   static_cast<std::uint32_t>(it - fold_begin), telling_state(fold_begin, it)});
  }
}

namespace {

// Shared by markers and arrows: items sorted by a time key; one per min_px of screen.
template <class Item, class Key>
void thin_points(std::span<const Item> items, const CullParams& params, Key key, std::vector<std::uint32_t>& out) {
  if (!(params.px_per_second > 0)) return;
  const double min_gap = params.min_px / params.px_per_second;
  const auto begin = items.begin();
  auto it = std::lower_bound(begin, items.end(), params.window.begin,
                             [&](const Item& item, double t) { return key(item) < t; });
  while (it != items.end() && key(*it) < params.window.end) {
    out.push_back(static_cast<std::uint32_t>(it - begin));
    const double next = key(*it) + min_gap;
    it = std::lower_bound(it + 1, items.end(), next, [&](const Item& item, double t) { return key(item) < t; });
  }
}

}  // namespace

void visible_markers(std::span<const Marker> markers, const CullParams& params, std::vector<std::uint32_t>& out) {
  thin_points(markers, params, [](const Marker& m) { return m.time; }, out);
}

void visible_arrows(std::span<const Arrow> arrows, const CullParams& params, std::vector<std::uint32_t>& out) {
  thin_points(arrows, params, [](const Arrow& a) { return a.to_time; }, out);
}

const Mark* mark_at(std::span<const Mark> marks, double t, double slack) {
  const Mark* best = nullptr;
  double best_distance = 0;
  // Marks of one lane are few per frame (bounded by pixels), so a scan is cheap and
  // lets the nearer of two close narrow marks win (the first on a tie).
  for (const Mark& m : marks) {
    const double distance = t < m.start ? m.start - t : (t > m.end ? t - m.end : 0);
    if (distance <= slack && (!best || distance < best_distance)) {
      best = &m;
      best_distance = distance;
    }
  }
  return best;
}

std::ptrdiff_t interval_at(std::span<const Interval> intervals, Cursor cursor) {
  const auto it = std::upper_bound(intervals.begin(), intervals.end(), cursor,
                                   [](Cursor c, const Interval& iv) { return c < Cursor{iv.start, iv.seq}; });
  return (it - intervals.begin()) - 1;
}

}  // namespace looplab::ui
