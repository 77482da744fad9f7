#include "ui/code_panel.h"

#include <imgui.h>

#include <string>

#include "ui/playhead_queries.h"
#include "ui/state_style.h"
#include "ui/timeline_culling.h"

namespace looplab::ui {

namespace {

constexpr std::size_t names_per_line = 4;

LaneState state_at(const Lane& lane, Cursor c) {
  const auto i = interval_at(lane.intervals, c);
  return i < 0 ? LaneState::ready : lane.intervals[static_cast<std::size_t>(i)].state;
}

}  // namespace

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
  int number = 1;
  std::size_t pos = 0;
  while (pos <= python_source.size()) {
    std::size_t end = python_source.find('\n', pos);
    if (end == std::string_view::npos) end = python_source.size();
    if (end == python_source.size() && pos == end) break;  // no empty line after a final newline
    const std::string_view text = python_source.substr(pos, end - pos);
    const auto tasks = on_line.find(number);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (tasks != on_line.end()) {
      if (scroll_to_busy && number == first_busy) ImGui::SetScrollHereY(0.35f);
      dl->AddRectFilled(p, {p.x + ImGui::GetContentRegionAvail().x, p.y + ImGui::GetTextLineHeightWithSpacing()},
                        IM_COL32(255, 255, 255, 28));
      dl->AddRectFilled(p, {p.x + 3, p.y + ImGui::GetTextLineHeightWithSpacing()}, IM_COL32(255, 230, 160, 255));
    }
    ImGui::TextDisabled("%3d", number);
    ImGui::SameLine();
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
    if (tasks != on_line.end()) {
      ImGui::SameLine();
      ImGui::TextUnformatted("  <-");
      for (std::size_t i = 0; i < tasks->second.size() && i < names_per_line; ++i) {
        const Lane& lane = model.lanes[tasks->second[i]];
        ImGui::SameLine();
        const StateStyle& s = style_of(state_at(lane, playhead));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(to_imgui_color(s.rgba)));
        ImGui::Text("%s (%.*s)", lane.name.c_str(), static_cast<int>(s.short_label.size()), s.short_label.data());
        ImGui::PopStyleColor();
      }
      if (tasks->second.size() > names_per_line) {
        ImGui::SameLine();
        ImGui::TextDisabled("+%zu more", tasks->second.size() - names_per_line);
      }
    }
    ++number;
    pos = end + 1;
  }
  if (mono) ImGui::PopFont();
}

}  // namespace looplab::ui
