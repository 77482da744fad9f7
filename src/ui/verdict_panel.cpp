#include "ui/verdict_panel.h"

#include <imgui.h>

#include <cmath>

#include "ui/time_axis.h"

namespace looplab::ui {

void draw_verdict_panel(const Verdict& verdict) {
  if (verdict.rows.empty() && verdict.meaning.empty() && verdict.notes.empty()) {
    ImGui::TextDisabled("Run the scenario to see the verdict.");
    return;
  }
  const VerdictRow* measured = nullptr;
  for (const VerdictRow& r : verdict.rows) {
    if (r.measured) measured = &r;
  }
  if (!verdict.rows.empty() && ImGui::BeginTable("verdict", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("total");
    ImGui::TableSetupColumn("measured is");
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const VerdictRow& r : verdict.rows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (r.measured) {
        ImGui::TextColored({1.0f, 0.9f, 0.6f, 1}, "%s", r.what.c_str());
      } else {
        ImGui::TextUnformatted(r.what.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(format_duration(r.seconds).c_str());
      ImGui::TableNextColumn();
      if (measured && !r.measured && r.seconds > 0) {
        const double diff = measured->seconds - r.seconds;
        if (std::abs(diff) < 5e-7) {
          ImGui::TextUnformatted("the same");
        } else {
          ImGui::Text("%+.0f%% (%s%s)", 100.0 * diff / r.seconds, diff > 0 ? "+" : "", format_duration(diff).c_str());
        }
      }
      ImGui::TableNextColumn();
      ImGui::TextDisabled("%s", r.note.c_str());
    }
    ImGui::EndTable();
  }
  if (!verdict.finish_order.empty()) {
    std::string order;
    for (const std::string& name : verdict.finish_order) order += (order.empty() ? "" : ", ") + name;
    ImGui::Text("Finish order: %s", order.c_str());
    if (!verdict.expected_order_note.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("(%s)", verdict.expected_order_note.c_str());
    }
  }
  if (!verdict.meaning.empty()) {
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(verdict.matches_model ? ImVec4{0.6f, 0.9f, 0.6f, 1} : ImVec4{1, 0.75f, 0.4f, 1}, "%s",
                       verdict.meaning.c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::PushTextWrapPos(0);
  for (const std::string& note : verdict.notes) ImGui::TextWrapped("%s", note.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace looplab::ui
