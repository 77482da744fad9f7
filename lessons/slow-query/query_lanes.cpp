#include "query_lanes.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "app/platform.h"

namespace looplab::slow_query {

std::string lane_label(const QueryOutcome& q) {
  if (q.rows >= 0) return q.name + " - " + grouped(q.rows) + " rows";
  return q.name + (std::isnan(q.sent) ? std::string(" - not sent yet") : std::string(" - waiting"));
}

void draw_query_lanes(const QueryRun& run, double now) {
  ImGui::TextUnformatted("Queries");
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("solid: PostgreSQL executing; striped: rows coming over (the split the backend measured); "
                      "outlined: no split known (the seed published only totals)");
  ImGui::PopTextWrapPos();
  const double span = std::max(std::isnan(run.total) ? now : run.total, 1e-3);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float avail = ImGui::GetContentRegionAvail().x, lane_h = 20;
  // The names as wide as they are; on a narrow canvas (a phone) each above its bar. Room is
  // kept right of the bars for a duration, so a long query's figure never covers its bar.
  float label_w = 0;
  for (const QueryOutcome& q : run.queries) label_w = std::max(label_w, ImGui::CalcTextSize(lane_label(q).c_str()).x + 10);
  const bool stacked = label_w > avail * 0.45f;
  if (stacked) label_w = 0;
  const float figure_w = ImGui::CalcTextSize("00.000 s").x + 8;
  const float width = std::max(avail - label_w - figure_w, 50.0f);
  for (const QueryOutcome& q : run.queries) {
    ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::TextUnformatted(lane_label(q).c_str());
    if (stacked) at.y += ImGui::GetTextLineHeight() + 2;
    const float x0 = at.x + label_w, y1 = at.y + lane_h - 4;
    auto x = [&](double t) { return x0 + static_cast<float>(std::clamp(t / span, 0.0, 1.0)) * width; };
    draw->AddRectFilled({x0, at.y}, {x0 + width, y1}, IM_COL32(40, 40, 48, 255));
    if (!std::isnan(q.sent)) {
      const double end = std::isnan(q.answered) ? now : q.answered;
      if (!std::isnan(q.total_s) && !std::isnan(q.first_row_after_s) && q.total_s > 0) {
        const double first_row = q.sent + (end - q.sent) * (q.first_row_after_s / q.total_s);
        draw->AddRectFilled({x(q.sent), at.y}, {x(first_row), y1}, IM_COL32(70, 110, 200, 255));
        draw->AddRectFilled({x(first_row), at.y}, {x(end), y1}, IM_COL32(140, 180, 240, 255));
        for (float s = x(first_row) + 3; s < x(end); s += 6) draw->AddLine({s, at.y}, {s, y1}, IM_COL32(40, 60, 110, 200));
      } else {
        // No split to show (a query still out, or the seed's figures): an outline, not a claim.
        draw->AddRect({x(q.sent), at.y}, {x(end), y1}, IM_COL32(140, 180, 240, 255), 0, 0, 1.5f);
      }
      if (!std::isnan(q.total_s)) {
        const std::string t = python_float(q.total_s) + " s";
        draw->AddText({x(end) + 4, at.y}, IM_COL32(230, 230, 230, 255), t.c_str());
      }
    }
    ImGui::SetCursorScreenPos({at.x, at.y + lane_h});
  }
  ImGui::Dummy({1, 2});
}

void draw_sql(const QueryRun& run) {
  ImGui::TextUnformatted("The SQL");
  ImGui::PushFont(app::app_fonts().mono);
  ImGui::PushTextWrapPos(0);
  for (std::size_t i = 0; i < 3; ++i) {
    const std::string& ran = run.queries[i].sql;
    ImGui::TextDisabled("-- %s", std::string(query_names[i]).c_str());
    ImGui::TextWrapped("%s", ran.empty() ? std::string(query_sql[i]).c_str() : ran.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

}  // namespace looplab::slow_query
