#include "ui/timeline_model.h"

#include <sstream>

namespace looplab::ui {

LabelId TimelineModel::intern(const std::string& text) {
  if (text.empty()) return 0;
  auto [it, inserted] = label_ids_.try_emplace(text, static_cast<LabelId>(labels.size()));
  if (inserted) labels.push_back(text);
  return it->second;
}

namespace {

template <class T>
bool sorted_by_time_then_seq(const std::vector<T>& items) {
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (Cursor{items[i].time, items[i].seq} < Cursor{items[i - 1].time, items[i - 1].seq}) return false;
  }
  return true;
}

}  // namespace

std::string check_invariants(const TimelineModel& model) {
  std::ostringstream problems;
  for (std::size_t l = 0; l < model.lanes.size(); ++l) {
    const Lane& lane = model.lanes[l];
    const auto& iv = lane.intervals;
    for (std::size_t i = 0; i < iv.size(); ++i) {
      if (!(iv[i].end >= iv[i].start)) problems << "lane " << l << " interval " << i << " ends before it starts\n";
      if (i > 0 && iv[i].start < iv[i - 1].end) problems << "lane " << l << " interval " << i << " overlaps the previous one\n";
      if (static_cast<std::size_t>(iv[i].label) >= model.labels.size()) problems << "lane " << l << " interval " << i << " has an unknown label\n";
    }
    if (!sorted_by_time_then_seq(lane.markers)) problems << "lane " << l << " markers are not sorted\n";
    if (!sorted_by_time_then_seq(lane.lines)) problems << "lane " << l << " line marks are not sorted\n";
    for (std::size_t a = 0; a < lane.incoming.size(); ++a) {
      if (a > 0 && lane.incoming[a].to_time < lane.incoming[a - 1].to_time) problems << "lane " << l << " arrows are not sorted\n";
      if (lane.incoming[a].from_lane >= model.lanes.size()) problems << "lane " << l << " arrow " << a << " comes from no lane\n";
    }
  }
  if (!sorted_by_time_then_seq(model.console)) problems << "console lines are not sorted\n";
  return problems.str();
}

}  // namespace looplab::ui
