#include "ui/console_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/playhead_queries.h"

namespace looplab::ui {

void draw_console_panel(const TimelineModel& model, Cursor playhead, const ConsoleOptions& options, ImFont* mono) {
  const std::size_t printed = printed_until(model.console, playhead);
  const std::size_t shown = options.hide_future ? printed : model.console.size();
  ImGui::BeginChild("console", {0, options.height}, true, ImGuiWindowFlags_HorizontalScrollbar);
  if (mono) ImGui::PushFont(mono);
  ImGuiListClipper clipper;  // a console of 4,000 tasks' lines draws only the visible rows
  clipper.Begin(static_cast<int>(shown));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const ConsoleLine& line = model.console[static_cast<std::size_t>(i)];
      const bool later = static_cast<std::size_t>(i) >= printed;
      char stamp[32];
      std::snprintf(stamp, sizeof stamp, "[%8.3f s] ", line.time - model.start);
      ImGui::PushStyleColor(ImGuiCol_Text, later ? IM_COL32(150, 150, 150, 110) : IM_COL32(140, 200, 255, 255));
      ImGui::TextUnformatted(stamp);
      ImGui::PopStyleColor();
      ImGui::SameLine(0, 0);
      if (later) ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(150, 150, 150, 110));
      ImGui::TextUnformatted(line.text.c_str());
      if (later) ImGui::PopStyleColor();
    }
  }
  if (shown == 0) ImGui::TextDisabled("(nothing printed yet)");
  // Bring the line at the playhead into view when the run or the playhead moves on, and
  // only then, so the learner can still scroll back by hand.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID seen_id = ImGui::GetID("printed");
  if (options.follow && storage->GetInt(seen_id, -1) != static_cast<int>(printed)) {
    storage->SetInt(seen_id, static_cast<int>(printed));
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const float bottom = row * static_cast<float>(printed);
    if (bottom > ImGui::GetScrollY() + ImGui::GetWindowHeight() - row || bottom < ImGui::GetScrollY() + row)
      ImGui::SetScrollY(std::max(0.0f, bottom - ImGui::GetWindowHeight() + row * 2));
  }
  if (mono) ImGui::PopFont();
  ImGui::EndChild();
}

}  // namespace looplab::ui
