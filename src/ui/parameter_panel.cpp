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
  // The choice in force is filled, ringed and marked with a dot; the others are outlined
  // with an empty ring: the difference does not rest on colour alone.
  bool changed = false;
  ImGui::PushID(label);
  const bool show_label = !(label[0] == '#' && label[1] == '#');
  if (show_label) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
  }
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec4 accent = style.Colors[ImGuiCol_ButtonHovered];
  for (std::size_t i = 0; i < choices.size(); ++i) {
    const bool on = i == chosen;
    const std::string text = std::string(on ? "\u25CF " : "\u25CB ") + std::string(choices[i]);
    const float w = ImGui::CalcTextSize(text.c_str()).x + style.FramePadding.x * 2;
    if (show_label || i > 0) {
      ImGui::SameLine();
      // Wrap to the next row rather than run off a narrow canvas.
      if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
    }
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, on ? 2.0f : 1.0f);
    if (on) {
      ImGui::PushStyleColor(ImGuiCol_Button, accent);
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, accent);
      ImGui::PushStyleColor(ImGuiCol_ButtonActive, accent);
      ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(1, 1, 1, 0.9f));
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    } else {
      ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(accent.x, accent.y, accent.z, 0.25f));
      ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(accent.x, accent.y, accent.z, 0.45f));
      ImGui::PushStyleColor(ImGuiCol_Border, ImVec4(accent.x, accent.y, accent.z, 0.8f));
      ImGui::PushStyleColor(ImGuiCol_Text, style.Colors[ImGuiCol_Text]);
    }
    if (ImGui::Button(text.c_str()) && !on) {
      chosen = i;
      changed = true;
    }
    ImGui::PopStyleColor(5);
    ImGui::PopStyleVar();
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
