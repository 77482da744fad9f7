#include "ui/loop_snapshot.h"

#include <algorithm>

#include "ui/timeline_culling.h"

namespace looplab::ui {

namespace {

std::string why_ready(const TimelineModel& model, const Lane& lane, std::ptrdiff_t index) {
  // A trace that records why a task was woken says so in the ready interval's label.
  const std::string& told = model.label(lane.intervals[static_cast<std::size_t>(index)].label);
  if (!told.empty()) return told;
  if (index == 0) {
    // Its first interval: a task that was just created. Say by whom when an arrow tells.
    const double t = lane.intervals[0].start;
    for (const Arrow& a : lane.incoming) {
      if (a.kind == ArrowKind::created_by && a.to_time == t) return "new task, created by " + model.lanes.at(a.from_lane).name;
    }
    return "new task";
  }
  const Interval& before = lane.intervals[static_cast<std::size_t>(index - 1)];
  const std::string& what = model.label(before.label);
  const std::string suffix = what.empty() ? std::string{} : " (" + what + ")";
  switch (before.state) {
    case LaneState::waiting_timer: return "its timer fired" + suffix;
    case LaneState::waiting_io: return "its I/O completed" + suffix;
    case LaneState::waiting_sync: return "what it awaited is ready" + suffix;
    case LaneState::in_executor: return "its executor work finished" + suffix;
    case LaneState::running: return "it yielded to the loop and was queued again";
    case LaneState::blocked: return "its blocking call returned" + suffix;
    default: return "queued" + suffix;
  }
}

}  // namespace

LoopSnapshot snapshot_at(const TimelineModel& model, Cursor cursor) {
  LoopSnapshot snap;
  struct Queued {
    Cursor since;
    ReadyTask task;
  };
  std::vector<Queued> queued;
  for (std::size_t l = 0; l < model.lanes.size(); ++l) {
    const Lane& lane = model.lanes[l];
    if (lane.is_loop) continue;
    const std::ptrdiff_t index = interval_at(lane.intervals, cursor);
    if (index < 0) {
      ++snap.not_started;
      continue;
    }
    const Interval& now = lane.intervals[static_cast<std::size_t>(index)];
    const auto lane_id = static_cast<std::uint32_t>(l);
    switch (now.state) {
      case LaneState::running:
      case LaneState::blocked:
        snap.running.push_back({lane_id, now.state == LaneState::blocked, now.start, model.label(now.label)});
        break;
      case LaneState::ready:
        queued.push_back({{now.start, now.seq}, {lane_id, now.start, why_ready(model, lane, index)}});
        break;
      case LaneState::done:
      case LaneState::failed:
      case LaneState::cancelled:
        ++snap.finished;
        break;
      default:
        snap.waiting.push_back({lane_id, now.state, model.label(now.label), now.start, now.end});
        break;
    }
  }
  // call_soon is FIFO: the order tasks became ready is the order the loop will run them.
  std::sort(queued.begin(), queued.end(), [](const Queued& a, const Queued& b) { return a.since < b.since; });
  snap.ready.reserve(queued.size());
  for (auto& q : queued) snap.ready.push_back(std::move(q.task));
  std::stable_sort(snap.waiting.begin(), snap.waiting.end(),
                   [](const WaitingTask& a, const WaitingTask& b) { return a.until < b.until; });
  return snap;
}

}  // namespace looplab::ui
