#include "ui/timeline_widget.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/lane_paint.h"
#include "ui/state_style.h"
#include "ui/timeline_culling.h"

namespace looplab::ui {

namespace {

constexpr float axis_height = 24;
constexpr float scrollbar_width = 10;
constexpr ImU32 grid_colour = IM_COL32(255, 255, 255, 22);
constexpr ImU32 text_muted = IM_COL32(200, 200, 200, 200);
constexpr ImU32 playhead_colour = IM_COL32(255, 255, 255, 230);
constexpr ImU32 arrow_colour = IM_COL32(230, 230, 230, 150);

// Keeps far-off coordinates (deep zoom) inside what float geometry handles well.
float clamp_x(double x, float left, float right) {
  return static_cast<float>(std::clamp(x, static_cast<double>(left) - 50.0, static_cast<double>(right) + 50.0));
}


void draw_marker(ImDrawList* dl, MarkerKind kind, float x, float top, float bottom) {
  const float mid = (top + bottom) * 0.5f;
  switch (kind) {
    case MarkerKind::request_sent:  // a flag pointing right at the top: "the request leaves"
      dl->AddTriangleFilled({x, top}, {x + 7, top + 4}, {x, top + 8}, IM_COL32_WHITE);
      dl->AddLine({x, top}, {x, bottom}, IM_COL32_WHITE, 1.5f);
      break;
    case MarkerKind::request_answered:  // a ring at the bottom: "the reply is in"
      dl->AddLine({x, top}, {x, bottom}, IM_COL32_WHITE, 1.5f);
      dl->AddCircleFilled({x, bottom - 4}, 4, IM_COL32_WHITE);
      dl->AddCircleFilled({x, bottom - 4}, 2, IM_COL32_BLACK);
      break;
    case MarkerKind::printed:  // a short tick above the bar
      dl->AddLine({x, top - 1}, {x, top + 5}, IM_COL32(255, 255, 255, 200), 2);
      break;
    case MarkerKind::note:  // a diamond: a warning worth hovering
      dl->AddQuadFilled({x, mid - 5}, {x + 5, mid}, {x, mid + 5}, {x - 5, mid}, IM_COL32(255, 220, 120, 255));
      break;
    case MarkerKind::generator:  // a small square below the middle: a generator frame stepped
      dl->AddRectFilled({x - 3, mid}, {x + 3, mid + 6}, IM_COL32(150, 210, 255, 255));
      break;
  }
}

const char* marker_words(MarkerKind kind) {
  switch (kind) {
    case MarkerKind::request_sent: return "request sent";
    case MarkerKind::request_answered: return "reply received";
    case MarkerKind::printed: return "printed";
    case MarkerKind::note: return "note";
    case MarkerKind::generator: return "generator step";
  }
  return "";
}

// The part [t0, t1] of the segment from -> to inside `min`..`max` (Liang-Barsky);
// false if none. An arrow from a lane scrolled far away is tens of thousands of pixels
// long: only its visible part may cost anything.
bool clip_segment(ImVec2 from, ImVec2 to, ImVec2 min, ImVec2 max, float& t0, float& t1) {
  t0 = 0;
  t1 = 1;
  const float d[2] = {to.x - from.x, to.y - from.y};
  const float p0[2] = {from.x, from.y};
  const float lo[2] = {min.x, min.y};
  const float hi[2] = {max.x, max.y};
  for (int axis = 0; axis < 2; ++axis) {
    if (d[axis] == 0) {
      if (p0[axis] < lo[axis] || p0[axis] > hi[axis]) return false;
      continue;
    }
    float a = (lo[axis] - p0[axis]) / d[axis];
    float b = (hi[axis] - p0[axis]) / d[axis];
    if (a > b) std::swap(a, b);
    t0 = std::max(t0, a);
    t1 = std::min(t1, b);
    if (t0 > t1) return false;
  }
  return true;
}

void arrow(ImDrawList* dl, ImVec2 from, ImVec2 to, ArrowKind kind) {
  const float dx = to.x - from.x, dy = to.y - from.y;
  const float length = std::sqrt(dx * dx + dy * dy);
  if (length < 4) return;
  float t0 = 0, t1 = 1;
  if (!clip_segment(from, to, dl->GetClipRectMin(), dl->GetClipRectMax(), t0, t1)) return;
  const float ux = dx / length, uy = dy / length;
  const float d0 = t0 * length, d1 = t1 * length;
  if (kind == ArrowKind::created_by) {
    dl->AddLine({from.x + ux * d0, from.y + uy * d0}, {from.x + ux * d1, from.y + uy * d1}, arrow_colour);
  } else {
    // Dashed: woken, not created. Dashes keep their phase from the tail, so they do not crawl.
    for (float d = std::floor(d0 / 8) * 8; d < d1; d += 8) {
      const float e = std::min(d + 4, d1);
      const float s = std::max(d, d0);
      if (e > s) dl->AddLine({from.x + ux * s, from.y + uy * s}, {from.x + ux * e, from.y + uy * e}, arrow_colour);
    }
  }
  if (t1 < 1) return;  // the head is off screen
  const ImVec2 back{to.x - ux * 7, to.y - uy * 7};
  dl->AddTriangleFilled(to, {back.x - uy * 3.5f, back.y + ux * 3.5f}, {back.x + uy * 3.5f, back.y - ux * 3.5f}, arrow_colour);
}

// What a frame works in, kept from frame to frame so that drawing allocates nothing once
// they have grown (the timeline is drawn on one thread, one at a time).
struct FrameScratch {
  std::vector<Mark> marks;          // of the lane being drawn
  std::vector<Mark> hovered_marks;  // of the lane under the mouse
  std::vector<std::uint32_t> points;
} frame_scratch;

void tooltip_for_mark(const TimelineModel& model, const Lane& lane, const Mark& m) {
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(lane.name.c_str());
  if (m.many() || m.folded()) {
    ImGui::Text("%u intervals too small to tell apart here: zoom in to see them", m.count);
  } else {
    const Interval& iv = lane.intervals.at(m.first);
    const StateStyle& s = style_of(iv.state);
    ImGui::Text("state: %.*s", static_cast<int>(s.legend.size()), s.legend.data());
    const std::string& what = model.label(iv.label);
    if (!what.empty()) ImGui::Text("%s: %s", iv.state == LaneState::ready ? "why" : "on", what.c_str());
  }
  ImGui::Text("start:    %s", format_duration(m.start).c_str());
  const Interval& last = lane.intervals.at(m.first + m.count - 1);
  if (last.end == open_end && !(last.state >= LaneState::done)) {
    ImGui::Text("end:      (still going)");
  } else if (last.end == open_end) {
    ImGui::Text("finished for good");
  } else {
    ImGui::Text("end:      %s", format_duration(last.end).c_str());
    ImGui::Text("duration: %s", format_duration(last.end - m.start).c_str());
  }
  ImGui::EndTooltip();
}

}  // namespace

bool draw_timeline(const char* id, const TimelineModel& model, TimelineView& view, const TimelineOptions& options) {
  ImGui::PushID(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float total_width = std::max(ImGui::GetContentRegionAvail().x, 200.0f);
  const float left = origin.x + options.names_width;
  const float right = origin.x + total_width - scrollbar_width;
  const float lanes_top = origin.y + axis_height;
  const float lanes_bottom = origin.y + options.height;
  const float lanes_view = lanes_bottom - lanes_top;
  const double content_height = static_cast<double>(row_count(model)) * options.lane_height;
  bool playhead_moved = false;

  // --- Where the window is this frame ---
  const double run_end = std::max(model.now, model.start + 1e-3);
  if (view.fit_pending || !(view.window.span() > 0)) {
    view.window = fit(model.start, model.live ? std::max(run_end, model.start + 1.0) : run_end);
    view.fit_pending = false;
  }
  if (model.live && view.follow_live) view.window = follow(view.window, model.now);
  view.scroll_y = std::clamp(view.scroll_y, 0.0, std::max(0.0, content_height - lanes_view));

  // --- Input: one item for the lanes, one for the axis, one for the scrollbar ---
  const ZoomLimits limits{1e-6, std::max(10.0, (run_end - model.start) * 4)};
  TimeToPixels map{view.window, left, right - left};
  ImGui::SetCursorScreenPos({left, origin.y});
  ImGui::InvisibleButton("axis", {right - left, axis_height});
  if (ImGui::IsItemActive()) {
    view.playhead = cursor_at_time(std::max(model.start, map.time_at(ImGui::GetIO().MousePos.x)));
    playhead_moved = true;
  }
  ImGui::SetCursorScreenPos({origin.x, lanes_top});
  ImGui::InvisibleButton("lanes", {right - origin.x, lanes_view});
  const bool lanes_hovered = ImGui::IsItemHovered();
  const ImGuiIO& io = ImGui::GetIO();
  if (lanes_hovered && io.MouseWheel != 0) {
    const bool over_names = io.MousePos.x < left;
    if (io.KeyShift || over_names) {
      view.scroll_y -= io.MouseWheel * options.lane_height * 3;
    } else {
      view.window = zoom_around(view.window, map.time_at(io.MousePos.x), std::pow(1.25, io.MouseWheel), limits);
      view.follow_live = false;
    }
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
    view.window = pan_by_pixels(view.window, io.MouseDelta.x, right - left);
    view.scroll_y -= io.MouseDelta.y;
    view.follow_live = false;
  }
  // A click without a drag (the drag delta stays zero below the drag threshold) moves the playhead.
  const ImVec2 dragged = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left);
  if (ImGui::IsItemDeactivated() && dragged.x == 0 && dragged.y == 0 && io.MousePos.x >= left) {
    view.playhead = cursor_at_time(std::max(model.start, map.time_at(io.MousePos.x)));
    playhead_moved = true;
  }
  if (lanes_hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) view.fit_pending = true;
  // Scrollbar for the lanes, when they do not all fit.
  ImGui::SetCursorScreenPos({right, lanes_top});
  ImGui::InvisibleButton("scroll", {scrollbar_width, lanes_view});
  if (ImGui::IsItemActive() && content_height > lanes_view) {
    view.scroll_y += io.MouseDelta.y * content_height / lanes_view;
  }
  view.scroll_y = std::clamp(view.scroll_y, 0.0, std::max(0.0, content_height - lanes_view));
  map = TimeToPixels{view.window, left, right - left};
  view.drawn = {left, right, origin.y, lanes_top, lanes_bottom};

  // --- Axis ---
  dl->AddRectFilled(origin, {origin.x + total_width, lanes_bottom}, IM_COL32(20, 22, 26, 255));
  dl->AddRectFilled({left, origin.y}, {right, lanes_top}, IM_COL32(34, 37, 43, 255));
  dl->PushClipRect({left, origin.y}, {right, lanes_bottom}, true);
  float last_label_end = -1e30f;
  for (const Tick& t : nice_ticks(map, 8)) {
    const float x = static_cast<float>(map.x_of(t.time));
    dl->AddLine({x, lanes_top - (t.major ? 9.0f : 4.0f)}, {x, lanes_top}, text_muted);
    if (t.major) {
      dl->AddLine({x, lanes_top}, {x, lanes_bottom}, grid_colour);
      // A label is read whole or not at all: one that would run past the right edge goes
      // to the left of its tick, and is left out if that would cover the one before.
      const float w = ImGui::CalcTextSize(t.label.c_str()).x;
      float at = x + 3;
      if (at + w > right) at = x - 3 - w;
      if (at < last_label_end + 6) continue;
      dl->AddText({at, origin.y + 2}, text_muted, t.label.c_str());
      last_label_end = at + w;
    }
  }
  dl->PopClipRect();
  dl->AddText({origin.x + 4, origin.y + 4}, text_muted, "time");

  // --- Lanes: only the visible ones, only their visible marks ---
  const LaneRange rows = visible_lanes(row_count(model), options.lane_height, view.scroll_y, lanes_view);
  const CullParams cull{view.window, map.px_per_second(), options.min_px, model.now};
  std::vector<Mark>& marks = frame_scratch.marks;
  std::vector<std::uint32_t>& points = frame_scratch.points;
  std::vector<Mark>& hovered_marks = frame_scratch.hovered_marks;
  const Mark* hovered_mark = nullptr;
  const Lane* hovered_lane = nullptr;
  const Marker* hovered_marker = nullptr;
  const float lane_h = options.lane_height;
  auto lane_top = [&](std::size_t i) {
    return static_cast<float>(lanes_top + static_cast<double>(i) * lane_h - view.scroll_y);
  };

  dl->PushClipRect({origin.x, lanes_top}, {right, lanes_bottom}, true);
  for (std::size_t i = rows.first; i < rows.last; ++i) {
    const Lane& lane = lane_at_row(model, i);
    const float top = lane_top(i);
    const float bar_top = top + 3, bar_bottom = top + lane_h - 3;
    if (i % 2 == 1) dl->AddRectFilled({origin.x, top}, {right, top + lane_h}, IM_COL32(255, 255, 255, 8));
    if (lane.is_loop) dl->AddRectFilled({origin.x, top}, {right, top + lane_h}, IM_COL32(255, 255, 255, 18));
    dl->AddText({origin.x + 4, top + (lane_h - ImGui::GetTextLineHeight()) * 0.5f},
                lane.is_loop ? IM_COL32(255, 230, 160, 255) : IM_COL32(230, 230, 230, 255), lane.name.c_str());

    marks.clear();
    visible_marks(lane.intervals, cull, marks);
    dl->PushClipRect({left, top}, {right, top + lane_h}, true);
    for (const Mark& m : marks) {
      const float x0 = clamp_x(map.x_of(m.start), left, right);
      const float x1 = std::max(clamp_x(map.x_of(m.end), left, right), x0 + options.min_px);
      draw_bar(dl, {x0, bar_top}, {x1, bar_bottom}, m.state, m.folded(), m.many());
    }
    points.clear();
    visible_markers(lane.markers, cull, points);
    for (std::uint32_t p : points) {
      const Marker& mk = lane.markers[p];
      const float x = static_cast<float>(map.x_of(mk.time));
      draw_marker(dl, mk.kind, x, bar_top, bar_bottom);
      if (lanes_hovered && std::abs(io.MousePos.x - x) <= 4 && io.MousePos.y >= top && io.MousePos.y < top + lane_h)
        hovered_marker = &mk;
    }
    dl->PopClipRect();
    if (lanes_hovered && io.MousePos.y >= top && io.MousePos.y < top + lane_h && io.MousePos.x >= left) {
      hovered_lane = &lane;
      hovered_marks.assign(marks.begin(), marks.end());
    }
  }
  // Arrows into visible lanes (their tails may come from lanes scrolled away).
  if (view.show_arrows) {
    dl->PushClipRect({left, lanes_top}, {right, lanes_bottom}, true);
    for (std::size_t i = rows.first; i < rows.last; ++i) {
      const Lane& lane = lane_at_row(model, i);
      points.clear();
      visible_arrows(lane.incoming, cull, points);
      for (std::uint32_t p : points) {
        const Arrow& a = lane.incoming[p];
        const std::size_t from = row_of_lane(model, a.from_lane);
        if (from == i) continue;
        const float from_y = lane_top(from) + lane_h * 0.5f;
        const float to_y = lane_top(i) + (from < i ? 3.0f : lane_h - 3.0f);
        arrow(dl, {static_cast<float>(map.x_of(a.from_time)), from_y}, {static_cast<float>(map.x_of(a.to_time)), to_y}, a.kind);
      }
    }
    dl->PopClipRect();
  }
  dl->PopClipRect();

  // --- Now line (live) and playhead ---
  dl->PushClipRect({left, origin.y}, {right, lanes_bottom}, true);
  if (model.live) {
    const float x = static_cast<float>(map.x_of(model.now));
    dl->AddLine({x, lanes_top}, {x, lanes_bottom}, IM_COL32(255, 255, 255, 60), 3);
  }
  const float px = clamp_x(map.x_of(view.playhead.time), left, right);
  dl->AddLine({px, origin.y}, {px, lanes_bottom}, playhead_colour, 1.5f);
  dl->AddTriangleFilled({px - 6, origin.y}, {px + 6, origin.y}, {px, origin.y + 9}, playhead_colour);
  dl->PopClipRect();

  // Scrollbar thumb.
  if (content_height > lanes_view) {
    const float thumb = std::max(20.0f, static_cast<float>(lanes_view * lanes_view / content_height));
    const float y = lanes_top + static_cast<float>(view.scroll_y / (content_height - lanes_view)) * (lanes_view - thumb);
    dl->AddRectFilled({right + 2, y}, {right + scrollbar_width - 1, y + thumb}, IM_COL32(255, 255, 255, 70), 3);
  }
  dl->AddRect(origin, {origin.x + total_width, lanes_bottom}, IM_COL32(255, 255, 255, 30));

  // --- Hover ---
  if (hovered_marker) {
    ImGui::BeginTooltip();
    ImGui::Text("%s at %s", marker_words(hovered_marker->kind), format_duration(hovered_marker->time).c_str());
    const std::string& what = model.label(hovered_marker->label);
    if (!what.empty()) ImGui::TextUnformatted(what.c_str());
    ImGui::EndTooltip();
  } else if (hovered_lane) {
    hovered_mark = mark_at(hovered_marks, map.time_at(io.MousePos.x), options.min_px / map.px_per_second());
    if (hovered_mark) tooltip_for_mark(model, *hovered_lane, *hovered_mark);
  }

  ImGui::SetCursorScreenPos({origin.x, lanes_bottom + 4});
  ImGui::Dummy({total_width, 0});
  ImGui::PopID();
  return playhead_moved;
}

void draw_timeline_legend() {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = ImGui::GetTextLineHeight() + 4;
  const float swatch = 34;
  auto item = [&](auto draw_swatch, std::string_view words) {
    const float text_w = ImGui::CalcTextSize(words.data(), words.data() + words.size()).x;
    const float w = swatch + 6 + text_w + 16;
    if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    draw_swatch(p, ImVec2{p.x + swatch, p.y + h});
    dl->AddText({p.x + swatch + 6, p.y + 2}, IM_COL32(230, 230, 230, 255), words.data(), words.data() + words.size());
    ImGui::Dummy({w, h});
    ImGui::SameLine(0, 0);
  };
  for (int s = 0; s < lane_state_count; ++s) {
    const auto state = static_cast<LaneState>(s);
    item([&](ImVec2 a, ImVec2 b) { draw_bar(dl, a, b, state, false, false); }, style_of(state).legend);
  }
  item([&](ImVec2 a, ImVec2 b) { draw_bar(dl, a, b, LaneState::ready, true, true); }, "many tiny steps (zoom in)");
  item([&](ImVec2 a, ImVec2 b) { draw_marker(dl, MarkerKind::request_sent, a.x + 14, a.y, b.y); }, "request sent");
  item([&](ImVec2 a, ImVec2 b) { draw_marker(dl, MarkerKind::request_answered, a.x + 14, a.y, b.y); }, "reply received");
  item([&](ImVec2 a, ImVec2 b) { draw_marker(dl, MarkerKind::generator, a.x + 14, a.y, b.y); }, "generator step");
  item([&](ImVec2 a, ImVec2 b) { arrow(dl, {a.x + 2, a.y + 2}, {b.x - 2, b.y - 2}, ArrowKind::created_by); }, "created by");
  item([&](ImVec2 a, ImVec2 b) { arrow(dl, {a.x + 2, a.y + 2}, {b.x - 2, b.y - 2}, ArrowKind::woken_by); }, "woken by");
  ImGui::NewLine();
}

}  // namespace looplab::ui
