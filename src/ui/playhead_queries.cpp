#include "ui/playhead_queries.h"

#include <algorithm>

#include "ui/timeline_culling.h"

namespace looplab::ui {

std::map<int, std::vector<std::uint32_t>> lines_at(const TimelineModel& model, Cursor cursor) {
  std::map<int, std::vector<std::uint32_t>> on_line;
  for (std::size_t l = 0; l < model.lanes.size(); ++l) {
    const auto& marks = model.lanes[l].lines;
    const auto it = std::upper_bound(marks.begin(), marks.end(), cursor,
                                     [](Cursor c, const LineMark& m) { return c < Cursor{m.time, m.seq}; });
    if (it == marks.begin()) continue;
    // A finished task is on no line any more, whatever line it finished on.
    const auto& intervals = model.lanes[l].intervals;
    const auto now = interval_at(intervals, cursor);
    if (now >= 0 && intervals[static_cast<std::size_t>(now)].state >= LaneState::done) continue;
    const int line = std::prev(it)->line;
    if (line > 0) on_line[line].push_back(static_cast<std::uint32_t>(l));
  }
  return on_line;
}

std::size_t printed_until(const std::vector<ConsoleLine>& console, Cursor cursor) {
  const auto it = std::upper_bound(console.begin(), console.end(), cursor,
                                   [](Cursor c, const ConsoleLine& line) { return c < Cursor{line.time, line.seq}; });
  return static_cast<std::size_t>(it - console.begin());
}

}  // namespace looplab::ui
