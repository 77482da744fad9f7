#include "ui/step_index.h"

#include <algorithm>

namespace looplab::ui {

void StepIndex::rebuild(const TimelineModel& model) {
  events_.clear();
  intervals_seen_.clear();
  markers_seen_.clear();
  lines_seen_.clear();
  console_seen_ = 0;
  update(model);
}

void StepIndex::update(const TimelineModel& model) {
  const std::size_t old_size = events_.size();
  intervals_seen_.resize(model.lanes.size(), 0);
  markers_seen_.resize(model.lanes.size(), 0);
  lines_seen_.resize(model.lanes.size(), 0);
  for (std::size_t l = 0; l < model.lanes.size(); ++l) {
    const Lane& lane = model.lanes[l];
    const auto lane_id = static_cast<std::uint32_t>(l);
    for (auto i = intervals_seen_[l]; i < lane.intervals.size(); ++i)
      events_.push_back({{lane.intervals[i].start, lane.intervals[i].seq}, lane_id});
    for (auto i = markers_seen_[l]; i < lane.markers.size(); ++i)
      events_.push_back({{lane.markers[i].time, lane.markers[i].seq}, lane_id});
    for (auto i = lines_seen_[l]; i < lane.lines.size(); ++i)
      events_.push_back({{lane.lines[i].time, lane.lines[i].seq}, lane_id});
    intervals_seen_[l] = lane.intervals.size();
    markers_seen_[l] = lane.markers.size();
    lines_seen_[l] = lane.lines.size();
  }
  for (auto i = console_seen_; i < model.console.size(); ++i)
    events_.push_back({{model.console[i].time, model.console[i].seq}, model.console[i].lane});
  console_seen_ = model.console.size();

  const auto by_cursor = [](const StepEvent& a, const StepEvent& b) { return a.at < b.at; };
  const auto middle = events_.begin() + static_cast<std::ptrdiff_t>(old_size);
  std::sort(middle, events_.end(), by_cursor);
  // New events normally all come after the old ones; merge keeps it right if not.
  std::inplace_merge(events_.begin(), middle, events_.end(), by_cursor);
  // One step per distinct moment: an interval and a marker recorded by one trace event share a cursor.
  events_.erase(std::unique(events_.begin(), events_.end(),
                            [](const StepEvent& a, const StepEvent& b) { return a.at == b.at; }),
                events_.end());
}

Cursor StepIndex::next(Cursor c) const {
  const auto it = std::upper_bound(events_.begin(), events_.end(), c,
                                   [](Cursor x, const StepEvent& e) { return x < e.at; });
  return it == events_.end() ? c : it->at;
}

Cursor StepIndex::previous(Cursor c) const {
  const auto it = std::lower_bound(events_.begin(), events_.end(), c,
                                   [](const StepEvent& e, Cursor x) { return e.at < x; });
  return it == events_.begin() ? c : std::prev(it)->at;
}

std::ptrdiff_t StepIndex::position(Cursor c) const {
  const auto it = std::upper_bound(events_.begin(), events_.end(), c,
                                   [](Cursor x, const StepEvent& e) { return x < e.at; });
  return (it - events_.begin()) - 1;
}

}  // namespace looplab::ui
