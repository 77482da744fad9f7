#include "ui/parameter_panel.h"

#include <imgui.h>

#include <cmath>
#include <string>

namespace looplab::ui {

bool checked_slider(const char* label, const RangeRule& rule, CheckedValue& value, const char* format, bool logarithmic) {
  float candidate = static_cast<float>(value.value);
  // No AlwaysClamp: a typed value out of range must reach propose() and be refused aloud.
  const ImGuiSliderFlags flags = logarithmic ? ImGuiSliderFlags_Logarithmic : ImGuiSliderFlags_None;
  bool changed = false;
  if (ImGui::SliderFloat(label, &candidate, static_cast<float>(rule.min), static_cast<float>(rule.max), format, flags)) {
    // Round away float noise (to 1e-4) so that 0.1 in the slider is 0.1 in the model and the URL.
    const double rounded = std::round(static_cast<double>(candidate) * 1e4) / 1e4;
    changed = value.propose(rule, rounded);
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s: %s to %s%s%s (Ctrl+click to type a value)", std::string(rule.name).c_str(),
                      short_number(rule.min).c_str(), short_number(rule.max).c_str(), rule.unit.empty() ? "" : " ",
                      std::string(rule.unit).c_str());
  }
  show_problem(value);
  return changed;
}

bool choice_buttons(const char* label, std::span<const std::string_view> choices, std::size_t& chosen) {
  bool changed = false;
  ImGui::PushID(label);
  const bool show_label = !(label[0] == '#' && label[1] == '#');
  if (show_label) ImGui::TextUnformatted(label);
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (show_label || i > 0) ImGui::SameLine();
    const bool on = i == chosen;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const std::string text(choices[i]);
    if (ImGui::Button(text.c_str()) && !on) {
      chosen = i;
      changed = true;
    }
    if (on) ImGui::PopStyleColor();
  }
  ImGui::PopID();
  return changed;
}

void show_problem(const CheckedValue& value) {
  if (value.problem.empty()) return;
  ImGui::PushTextWrapPos(0);
  ImGui::TextColored({1.0f, 0.45f, 0.4f, 1}, "Refused: %s", value.problem.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace looplab::ui
