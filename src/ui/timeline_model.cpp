#include "ui/timeline_model.h"

#include <sstream>
#include <string>

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

void check_intervals(const TimelineModel& model, const std::string& lane, const std::vector<Interval>& iv,
                     std::ostringstream& problems) {
  for (std::size_t i = 0; i < iv.size(); ++i) {
    if (!(iv[i].end >= iv[i].start)) problems << lane << " interval " << i << " ends before it starts\n";
    if (i > 0 && iv[i].start < iv[i - 1].end) problems << lane << " interval " << i << " overlaps the previous one\n";
    if (static_cast<std::size_t>(iv[i].label) >= model.labels.size()) problems << lane << " interval " << i << " has an unknown label\n";
  }
}

}  // namespace

std::size_t row_count(const TimelineModel& model) { return model.lanes.size() + model.workers.size(); }

const Lane& lane_at_row(const TimelineModel& model, std::size_t row) {
  if (row == 0 || model.workers.empty()) return model.lanes.at(row);
  if (row <= model.workers.size()) return model.workers.at(row - 1);
  return model.lanes.at(row - model.workers.size());
}

std::size_t row_of_lane(const TimelineModel& model, std::size_t lane) {
  return lane == 0 ? 0 : lane + model.workers.size();
}

std::string check_invariants(const TimelineModel& model) {
  std::ostringstream problems;
  for (std::size_t w = 0; w < model.workers.size(); ++w)
    check_intervals(model, "worker " + std::to_string(w + 1), model.workers[w].intervals, problems);
  for (std::size_t l = 0; l < model.lanes.size(); ++l) {
    const Lane& lane = model.lanes[l];
    check_intervals(model, "lane " + std::to_string(l), lane.intervals, problems);
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
