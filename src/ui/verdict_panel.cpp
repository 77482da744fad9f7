#include "ui/verdict_panel.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "ui/time_axis.h"

namespace looplab::ui {

namespace {

const ImVec4 measured_ink{1.0f, 0.9f, 0.6f, 1};

// "the same", "70% more time (7.000 s)", "59% less time (24.79 s)": how the measured total
// compares with a row's, in words (a bare "-59%" reads like a score, as if the run failed).
std::string compared(const VerdictRow* measured, const VerdictRow& r) {
  if (!measured || r.measured || !(r.seconds > 0)) return {};
  const double diff = measured->seconds - r.seconds;
  if (std::abs(diff) < 5e-7) return "the same";
  // Small differences keep a decimal: a 0.05 s gap on 10 s reads "0.5%", not "0%".
  const double percent = 100.0 * std::abs(diff) / r.seconds;
  char text[64];
  std::snprintf(text, sizeof text, percent < 9.95 ? "%.1f%% %s (%s)" : "%.0f%% %s (%s)", percent,
                diff > 0 ? "more time" : "less time", format_duration(std::abs(diff)).c_str());
  return text;
}

void muted_wrapped(const std::string& text) {
  ImGui::PushTextWrapPos(0);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
  ImGui::PopTextWrapPos();
}

// A table while there is room for the notes beside the figures; on a narrow canvas (a
// phone) each row is a line of figures with its note wrapped under it.
void draw_rows(const Verdict& verdict) {
  const VerdictRow* measured = nullptr;
  for (const VerdictRow& r : verdict.rows)
    if (r.measured) measured = &r;
  if (ImGui::GetContentRegionAvail().x < 560) {
    for (const VerdictRow& r : verdict.rows) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(r.measured ? measured_ink : ImGui::GetStyleColorVec4(ImGuiCol_Text), "%s: %s", r.what.c_str(),
                         format_duration(r.seconds).c_str());
      ImGui::PopTextWrapPos();
      ImGui::Indent();
      // On a line of its own: wrapped beside the figure it broke inside a number ("1.\n96 s").
      if (const std::string versus = compared(measured, r); !versus.empty()) ImGui::Text("measured took %s", versus.c_str());
      muted_wrapped(r.note);
      ImGui::Unindent();
    }
    return;
  }
  if (!ImGui::BeginTable("verdict", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) return;
  // Fixed-fit columns for the figures; the note takes what is left and wraps there.
  ImGui::TableSetupColumn("");
  ImGui::TableSetupColumn("total");
  ImGui::TableSetupColumn("measured took");
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (const VerdictRow& r : verdict.rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (r.measured) {
      ImGui::TextColored(measured_ink, "%s", r.what.c_str());
    } else {
      ImGui::TextUnformatted(r.what.c_str());
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(format_duration(r.seconds).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(compared(measured, r).c_str());
    ImGui::TableNextColumn();
    muted_wrapped(r.note);  // a cut sentence would hide what the figure is
  }
  ImGui::EndTable();
}

}  // namespace

void draw_verdict_panel(const Verdict& verdict) {
  if (verdict.rows.empty() && verdict.meaning.empty() && verdict.notes.empty()) {
    ImGui::TextDisabled("Run the scenario to see the verdict.");
    return;
  }
  if (!verdict.rows.empty()) draw_rows(verdict);
  if (!verdict.finish_order.empty()) {
    std::string order;
    for (const std::string& name : verdict.finish_order) order += (order.empty() ? "" : ", ") + name;
    ImGui::PushTextWrapPos(0);
    ImGui::TextWrapped("Finish order: %s", order.c_str());
    if (!verdict.expected_order_note.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      ImGui::TextWrapped("(%s)", verdict.expected_order_note.c_str());
      ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
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
