#include "ui/chart_widget.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/chart_style.h"
#include "ui/chart_ticks.h"
#include "ui/state_style.h"

namespace looplab::ui {
namespace {

constexpr ImU32 plot_background = IM_COL32(20, 22, 26, 255);
constexpr ImU32 grid_colour = IM_COL32(255, 255, 255, 26);
constexpr ImU32 axis_colour = IM_COL32(200, 200, 200, 160);
constexpr ImU32 text_muted = IM_COL32(200, 200, 200, 210);
// More marks than this on one series and the markers would only hide the line.
constexpr std::size_t max_markers = 300;

ImU32 colour_of(const SeriesStyle& s, int alpha = 255) {
  return (to_imgui_color(s.rgba) & 0x00FFFFFFu) | (static_cast<ImU32>(alpha) << 24);
}

void draw_marker(ImDrawList* dl, ImVec2 c, MarkerShape m, ImU32 col, float r) {
  switch (m) {
    case MarkerShape::circle: dl->AddCircleFilled(c, r, col, 12); break;
    case MarkerShape::square: dl->AddRectFilled({c.x - r, c.y - r}, {c.x + r, c.y + r}, col); break;
    case MarkerShape::triangle: dl->AddTriangleFilled({c.x, c.y - r * 1.2f}, {c.x + r * 1.1f, c.y + r}, {c.x - r * 1.1f, c.y + r}, col); break;
    case MarkerShape::diamond: dl->AddQuadFilled({c.x, c.y - r * 1.3f}, {c.x + r, c.y}, {c.x, c.y + r * 1.3f}, {c.x - r, c.y}, col); break;
    case MarkerShape::cross:
      dl->AddLine({c.x - r, c.y - r}, {c.x + r, c.y + r}, col, 2.5f);
      dl->AddLine({c.x - r, c.y + r}, {c.x + r, c.y - r}, col, 2.5f);
      break;
    case MarkerShape::plus:
      dl->AddLine({c.x - r * 1.2f, c.y}, {c.x + r * 1.2f, c.y}, col, 2.5f);
      dl->AddLine({c.x, c.y - r * 1.2f}, {c.x, c.y + r * 1.2f}, col, 2.5f);
      break;
  }
}

// A straight segment in the dash pattern; `phase` carries the pattern on to the next one.
void dashed_segment(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float thickness, DashPattern p, float& phase) {
  const float dx = b.x - a.x, dy = b.y - a.y, len = std::sqrt(dx * dx + dy * dy);
  if (p.off <= 0 || len <= 0) {
    dl->AddLine(a, b, col, thickness);
    return;
  }
  const float period = p.on + p.off + p.second_on + p.second_off;
  float at = 0;
  while (at < len) {
    const float in = std::fmod(phase + at, period);
    float on_left = 0, skip = 0;
    if (in < p.on) on_left = p.on - in;
    else if (in < p.on + p.off) skip = p.on + p.off - in;
    else if (in < p.on + p.off + p.second_on) on_left = p.on + p.off + p.second_on - in;
    else skip = period - in;
    if (on_left > 0) {
      const float end = std::min(len, at + on_left);
      dl->AddLine({a.x + dx * at / len, a.y + dy * at / len}, {a.x + dx * end / len, a.y + dy * end / len}, col, thickness);
      at = end;
    } else {
      at = std::min(len, at + skip);
    }
  }
  phase = std::fmod(phase + len, period);
}

// A bar or span filled in the style's pattern, outlined in its colour.
void fill_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, const SeriesStyle& s) {
  const ImU32 col = colour_of(s);
  if (b.x - a.x < 1) b.x = a.x + 1;
  switch (s.fill) {
    case Fill::solid: dl->AddRectFilled(a, b, col); break;
    case Fill::outlined: dl->AddRectFilled(a, b, colour_of(s, 60)); break;
    case Fill::hatched:
    case Fill::dotted: {
      dl->AddRectFilled(a, b, colour_of(s, 90));
      dl->PushClipRect(a, b, true);
      if (s.fill == Fill::hatched) {
        for (float x = a.x - (b.y - a.y); x < b.x; x += 6) dl->AddLine({x, b.y}, {x + (b.y - a.y), a.y}, col, 1.5f);
      } else {
        for (float y = a.y + 2; y < b.y; y += 5)
          for (float x = a.x + 2; x < b.x; x += 5) dl->AddRectFilled({x, y}, {x + 2, y + 2}, col);
      }
      dl->PopClipRect();
      break;
    }
  }
  dl->AddRect(a, b, col);
}

// The legend swatch: what a series looks like, in a box of `size`.
void draw_swatch(ImDrawList* dl, ImVec2 at, float size, const Series& series) {
  const SeriesStyle& s = series_style(series.style);
  const ImVec2 mid{at.x + size, at.y + size / 2};
  if (series.kind == SeriesKind::bars || series.kind == SeriesKind::spans) {
    fill_rect(dl, {at.x, at.y + 2}, {at.x + size * 2, at.y + size - 2}, s);
    return;
  }
  if (series.kind == SeriesKind::line) {
    float phase = 0;
    dashed_segment(dl, {at.x, mid.y}, {at.x + size * 2, mid.y}, colour_of(s), 2, dash_pattern(s.dash), phase);
  }
  draw_marker(dl, mid, s.marker, colour_of(s), size * 0.25f);
}

// Legend entries wrapped over as many rows as the width needs; returns the height used.
float draw_legend(ImDrawList* dl, ImVec2 origin, float width, const Chart& chart) {
  const float h = ImGui::GetTextLineHeight(), gap = h * 0.8f;
  float x = origin.x, y = origin.y;
  for (const Series& s : chart.series) {
    const float w = h * 2 + 6 + ImGui::CalcTextSize(s.name.c_str()).x;
    if (x > origin.x && x + w > origin.x + width) {
      x = origin.x;
      y += h + 4;
    }
    draw_swatch(dl, {x, y}, h, s);
    dl->AddText({x + h * 2 + 6, y}, text_muted, s.name.c_str());
    x += w + gap;
  }
  return chart.series.empty() ? 0 : y + h - origin.y;
}

void draw_series(ImDrawList* dl, const Series& series, const ChartMapping& map) {
  const SeriesStyle& s = series_style(series.style);
  const ImU32 col = colour_of(s);
  const auto at = [&](const ChartPoint& p) { return ImVec2{float(map.px_of_x(p.x)), float(map.px_of_y(p.y))}; };
  switch (series.kind) {
    case SeriesKind::line: {
      float phase = 0;
      for (std::size_t i = 1; i < series.points.size(); ++i) {
        dashed_segment(dl, at(series.points[i - 1]), at(series.points[i]), col, 2, dash_pattern(s.dash), phase);
      }
      if (series.points.size() <= max_markers)
        for (const ChartPoint& p : series.points) draw_marker(dl, at(p), s.marker, col, 3.5f);
      break;
    }
    case SeriesKind::points:
      for (const ChartPoint& p : series.points) draw_marker(dl, at(p), s.marker, col, 4);
      break;
    case SeriesKind::bars: {
      const double half = bar_width(series) / 2;
      const float base = float(map.px_of_y(0));
      for (const ChartPoint& p : series.points) {
        const float top = float(map.px_of_y(p.y));
        fill_rect(dl, {float(map.px_of_x(p.x - half)), std::min(top, base)}, {float(map.px_of_x(p.x + half)), std::max(top, base)}, s);
      }
      break;
    }
    case SeriesKind::spans: {
      const float half_row = std::max(1.0f, float(map.area.height / map.ranges.y.span() * 0.4));
      for (const ChartPoint& p : series.points) {
        const float y = float(map.px_of_y(p.y));
        fill_rect(dl, {float(map.px_of_x(p.x)), y - half_row}, {float(map.px_of_x(p.x_end)), y + half_row}, s);
      }
      break;
    }
  }
}

}  // namespace

ChartOutcome draw_chart(const char* id, const Chart& chart, float height, const char* copied_note) {
  ChartOutcome out;
  ImGui::PushID(id);
  const float width = std::max(ImGui::GetContentRegionAvail().x, 120.0f);
  const float line_h = ImGui::GetTextLineHeight();
  // A title too long for the width (a phone) wraps, and the button goes under it.
  const float button_w = ImGui::CalcTextSize("Copy as CSV").x + ImGui::GetStyle().FramePadding.x * 2;
  if (ImGui::CalcTextSize(chart.title.c_str()).x + ImGui::GetStyle().ItemSpacing.x + button_w <= width) {
    ImGui::TextUnformatted(chart.title.c_str());
    ImGui::SameLine();
  } else {
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::TextUnformatted(chart.title.c_str());
    ImGui::PopTextWrapPos();
  }
  if (ImGui::SmallButton("Copy as CSV")) out.copy_csv = true;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Puts the chart's numbers on the clipboard, one row per point");
  if (copied_note && *copied_note) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", copied_note);
  }

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float legend_h = draw_legend(dl, origin, width, chart);
  const ChartRanges ranges = fit_ranges(chart);

  // Room for the y labels (the widest tick label), the y axis title above the plot and
  // the x labels and x axis title below it.
  const float top = origin.y + legend_h + line_h * 1.6f;
  const float bottom = origin.y + std::max(height, legend_h + line_h * 6);
  const float plot_bottom = bottom - line_h * 2.4f;
  std::vector<ValueTick> yticks = value_ticks(ranges.y, plot_bottom - top, line_h * 2.2f, "", chart.y_integer);
  if (!chart.y_names.empty()) {
    yticks.clear();
    for (std::size_t i = 0; i < chart.y_names.size(); ++i) yticks.push_back({double(i + 1), chart.y_names[i]});
  }
  float label_w = 0;
  for (const ValueTick& t : yticks) label_w = std::max(label_w, ImGui::CalcTextSize(t.label.c_str()).x);
  const float left = origin.x + label_w + 8;
  const float right = origin.x + width - 6;
  ChartMapping map{ranges, {left, top, std::max(right - left, 10.0f), std::max(plot_bottom - top, 10.0f)}};

  dl->AddRectFilled({left, top}, {right, plot_bottom}, plot_background);
  for (const ValueTick& t : yticks) {
    const float y = float(map.px_of_y(t.value));
    dl->AddLine({left, y}, {right, y}, grid_colour);
    dl->AddText({left - 4 - ImGui::CalcTextSize(t.label.c_str()).x, y - line_h / 2}, text_muted, t.label.c_str());
  }
  const std::vector<ValueTick> xticks = value_ticks(ranges.x, right - left, line_h * 5, "", false);
  for (const ValueTick& t : xticks) {
    const float x = float(map.px_of_x(t.value));
    dl->AddLine({x, top}, {x, plot_bottom}, grid_colour);
    dl->AddLine({x, plot_bottom}, {x, plot_bottom + 4}, axis_colour);
    const float tw = ImGui::CalcTextSize(t.label.c_str()).x;
    dl->AddText({std::clamp(x - tw / 2, left, right - tw), plot_bottom + 5}, text_muted, t.label.c_str());
  }
  dl->AddLine({left, top}, {left, plot_bottom}, axis_colour);
  dl->AddLine({left, plot_bottom}, {right, plot_bottom}, axis_colour);
  const std::string y_title = chart.y.unit.empty() ? chart.y.label : chart.y.label + " (" + chart.y.unit + ")";
  const std::string x_title = chart.x.unit.empty() ? chart.x.label : chart.x.label + " (" + chart.x.unit + ")";
  dl->AddText({origin.x, top - line_h * 1.3f}, text_muted, y_title.c_str());
  dl->AddText({right - ImGui::CalcTextSize(x_title.c_str()).x, plot_bottom + line_h * 1.3f}, text_muted, x_title.c_str());

  dl->PushClipRect({left, top - 6}, {right + 6, plot_bottom + 1}, true);
  for (const Series& s : chart.series) draw_series(dl, s, map);
  dl->PopClipRect();

  ImGui::InvisibleButton("plot", {width, bottom - origin.y});
  if (ImGui::IsItemHovered()) {
    const ImVec2 m = ImGui::GetMousePos();
    if (const auto hit = hit_test(chart, map, m.x, m.y)) {
      const ChartPoint& p = chart.series[hit->series].points[hit->point];
      dl->AddCircle({float(map.px_of_x(p.x)), float(map.px_of_y(p.y))}, 7, IM_COL32_WHITE, 16, 1.5f);
      ImGui::SetTooltip("%s", describe_hit(chart, *hit).c_str());
    }
  }
  ImGui::PopID();
  return out;
}

}  // namespace looplab::ui
