#include "ui/code_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/playhead_queries.h"
#include "ui/state_style.h"
#include "ui/text_wrap.h"
#include "ui/timeline_culling.h"

namespace looplab::ui {

namespace {

// Room left of the line numbers for the names of the tasks on a line: three short names on
// a wide panel, one and "+n" on a narrow one (a phone), where the code needs the width.
float gutter_width(float panel_width) {
  return ImGui::CalcTextSize(panel_width < 480 ? "R1 +2 " : "R1 R2 R3 ").x;
}

LaneState state_at(const Lane& lane, Cursor c) {
  const auto i = interval_at(lane.intervals, c);
  return i < 0 ? LaneState::ready : lane.intervals[static_cast<std::size_t>(i)].state;
}

}  // namespace

float code_panel_height(std::string_view python_source, float width, ImFont* mono) {
  if (mono) ImGui::PushFont(mono);
  const float char_w = ImGui::CalcTextSize("0").x;
  const float text_left = gutter_width(width) + 6 + ImGui::CalcTextSize("000").x + ImGui::GetStyle().ItemSpacing.x;
  const auto columns = static_cast<std::size_t>(std::max(8.0f, (width - text_left) / char_w));
  std::size_t rows = 0, pos = 0;
  while (pos < python_source.size()) {
    std::size_t end = python_source.find('\n', pos);
    if (end == std::string_view::npos) end = python_source.size();
    const std::string_view text = python_source.substr(pos, end - pos);
    rows += wrap_line(text, columns, code_continuation_indent(text)).size();
    pos = end + 1;
  }
  const float h = static_cast<float>(rows) * ImGui::GetTextLineHeightWithSpacing();
  if (mono) ImGui::PopFont();
  return h;
}

void draw_code_panel(std::string_view python_source, const TimelineModel& model, Cursor playhead, ImFont* mono) {
  const auto on_line = lines_at(model, playhead);
  // When the first highlighted line changes (the playhead moved), bring it into view once.
  const int first_busy = on_line.empty() ? 0 : on_line.begin()->first;
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID shown_id = ImGui::GetID("first busy line");
  const bool scroll_to_busy = storage->GetInt(shown_id, -1) != first_busy;
  storage->SetInt(shown_id, first_busy);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (mono) ImGui::PushFont(mono);
  // Room for three short task names (or two and "+n") left of the line numbers.
  const float gutter = gutter_width(ImGui::GetContentRegionAvail().x);
  // Long lines wrap (continuing under their own indentation, without a number): a line cut
  // at the panel's edge would hide part of what the lesson shows.
  const float char_w = ImGui::CalcTextSize("0").x;
  const float number_w = ImGui::CalcTextSize("000").x + ImGui::GetStyle().ItemSpacing.x;
  const float text_left = gutter + 6 + number_w;
  const auto columns = static_cast<std::size_t>(std::max(8.0f, (ImGui::GetContentRegionAvail().x - text_left) / char_w));
  int number = 1;
  std::size_t pos = 0;
  while (pos <= python_source.size()) {
    std::size_t end = python_source.find('\n', pos);
    if (end == std::string_view::npos) end = python_source.size();
    if (end == python_source.size() && pos == end) break;  // no empty line after a final newline
    const std::string_view text = python_source.substr(pos, end - pos);
    const std::vector<Segment> rows = wrap_line(text, columns, code_continuation_indent(text));
    const auto tasks = on_line.find(number);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float row_h = ImGui::GetTextLineHeightWithSpacing();
    const float line_h = row_h * static_cast<float>(rows.size());
    if (tasks != on_line.end()) {
      if (scroll_to_busy && number == first_busy) ImGui::SetScrollHereY(0.35f);
      dl->AddRectFilled(p, {p.x + ImGui::GetContentRegionAvail().x, p.y + line_h}, IM_COL32(255, 255, 255, 28));
      dl->AddRectFilled({p.x + gutter, p.y}, {p.x + gutter + 3, p.y + line_h}, IM_COL32(255, 230, 160, 255));
      // The tasks on this line, in their current state's colour, in the gutter left of the code.
      float x = p.x;
      const float space = ImGui::CalcTextSize(" ").x;
      const std::size_t count = tasks->second.size();
      for (std::size_t i = 0; i < count; ++i) {
        const Lane& lane = model.lanes[tasks->second[i]];
        const float w = ImGui::CalcTextSize(lane.name.c_str()).x;
        // Keep room for "+n" when more names follow than fit.
        const std::string more = "+" + std::to_string(count - i);
        const float reserve = i + 1 < count ? ImGui::CalcTextSize(more.c_str()).x + space : 0;
        if (x + w + reserve > p.x + gutter - 4) {
          dl->AddText({x, p.y}, IM_COL32(180, 180, 180, 255), more.c_str());
          break;
        }
        const std::uint32_t ink = to_imgui_color(style_of(state_at(lane, playhead)).rgba);
        dl->AddText({x, p.y}, ink, lane.name.c_str());
        x += w + space;
      }
    }
    ImGui::SetCursorScreenPos({p.x + gutter + 6, p.y});
    ImGui::TextDisabled("%3d", number);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      const Segment& seg = rows[r];
      ImGui::SetCursorScreenPos({p.x + text_left + char_w * static_cast<float>(seg.indent), p.y + row_h * static_cast<float>(r)});
      ImGui::TextUnformatted(text.data() + seg.begin, text.data() + seg.end);
    }
    ++number;
    pos = end + 1;
  }
  if (mono) ImGui::PopFont();
}

}  // namespace looplab::ui
