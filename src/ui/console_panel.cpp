#include "ui/console_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/playhead_queries.h"

namespace looplab::ui {

namespace {

// "[12.345 s] ": as wide as the run's latest time needs, not wider, so a phone keeps its
// columns for the text.
int stamp_digits(const TimelineModel& model) {
  double span = model.now - model.start;
  int digits = 1;
  while (span >= 10 && digits < 7) {
    span /= 10;
    ++digits;
  }
  return digits;
}
std::size_t stamp_columns_of(const TimelineModel& model) { return static_cast<std::size_t>(stamp_digits(model)) + 9; }

}  // namespace

void draw_console_panel(const TimelineModel& model, Cursor playhead, const ConsoleOptions& options, ImFont* mono) {
  const std::size_t printed = printed_until(model.console, playhead);
  const std::size_t shown = options.hide_future ? printed : model.console.size();
  ImGui::BeginChild("console", {0, options.height}, true);
  if (mono) ImGui::PushFont(mono);
  // Long lines wrap under their text (not under the timestamp); every row has the same
  // height, so only the visible rows of a console of thousands of lines are drawn.
  const float char_w = ImGui::CalcTextSize("0").x;
  const float row = ImGui::GetTextLineHeightWithSpacing();
  const auto columns = static_cast<std::size_t>(std::max(16.0f, ImGui::GetContentRegionAvail().x / char_w));
  WrappedRows local;
  WrappedRows& rows = options.rows ? *options.rows : local;
  const std::size_t stamp_columns = stamp_columns_of(model);
  const int digits = stamp_digits(model) + 4;
  rows.update(model.console, columns, stamp_columns);
  const std::size_t text_columns = columns > stamp_columns + 8 ? columns - stamp_columns : 8;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float scroll = ImGui::GetScrollY();
  const float view_h = ImGui::GetWindowHeight();
  const std::size_t total = rows.total_rows(shown);
  const auto first_row = static_cast<std::size_t>(std::max(0.0f, scroll / row - 1));
  const auto last_row = std::min(total, static_cast<std::size_t>((scroll + view_h) / row + 2));
  for (std::size_t i = first_row < total ? rows.line_at_row(first_row) : shown; i < shown && rows.rows_before(i) < last_row; ++i) {
    const ConsoleLine& line = model.console[i];
    const bool later = i >= printed;
    const float y = origin.y + row * static_cast<float>(rows.rows_before(i));
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "[%*.3f s] ", digits, line.time - model.start);
    ImGui::SetCursorScreenPos({origin.x, y});
    ImGui::PushStyleColor(ImGuiCol_Text, later ? IM_COL32(150, 150, 150, 110) : IM_COL32(140, 200, 255, 255));
    ImGui::TextUnformatted(stamp);
    ImGui::PopStyleColor();
    if (later) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(150, 150, 150, 110));
    const std::vector<Segment> segments = wrap_line(line.text, text_columns);
    for (std::size_t r = 0; r < segments.size(); ++r) {
      ImGui::SetCursorScreenPos({origin.x + char_w * stamp_columns, y + row * static_cast<float>(r)});
      ImGui::TextUnformatted(line.text.data() + segments[r].begin, line.text.data() + segments[r].end);
    }
    if (later) ImGui::PopStyleColor();
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy({1, row * static_cast<float>(total)});
  if (shown == 0) {
    ImGui::SetCursorScreenPos(origin);
    ImGui::TextDisabled("(nothing printed yet)");
  }
  // Bring the line at the playhead into view when the run or the playhead moves on, and
  // only then, so the learner can still scroll back by hand.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID seen_id = ImGui::GetID("printed");
  if (options.follow && storage->GetInt(seen_id, -1) != static_cast<int>(printed)) {
    storage->SetInt(seen_id, static_cast<int>(printed));
    const float bottom = row * static_cast<float>(rows.total_rows(printed));
    if (bottom > scroll + view_h - row || bottom < scroll + row) ImGui::SetScrollY(std::max(0.0f, bottom - view_h + row * 2));
  }
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
}

float console_panel_height(const TimelineModel& model, float width, ImFont* mono, WrappedRows* cache) {
  if (mono) ImGui::PushFont(mono);
  const float char_w = ImGui::CalcTextSize("0").x;
  const float row = ImGui::GetTextLineHeightWithSpacing();
  if (mono) ImGui::PopFont();
  WrappedRows local;
  WrappedRows& rows = cache ? *cache : local;
  rows.update(model.console, static_cast<std::size_t>(std::max(16.0f, width / char_w)), stamp_columns_of(model));
  return row * static_cast<float>(std::max<std::size_t>(1, rows.total_rows(model.console.size())));
}

}  // namespace looplab::ui
