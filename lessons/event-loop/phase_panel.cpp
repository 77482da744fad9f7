#include "phase_panel.h"

#include <imgui.h>

#include <cstdio>
#include <string>

#include "app/python_format.h"
#include "phase_words.h"

namespace looplab::event_loop {
namespace {

constexpr float kStackBelow = 620;  // CSS px: a phone stacks the three columns
constexpr std::size_t kHeapRows = 8;

void title(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.9f, 0.6f, 1));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

void wrapped(const std::string& text) {
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

// A toggle in a row of them: the one in force filled and marked, as the frame's choices are.
bool pill(const char* label, bool on) {
  const std::string text = std::string(on ? "\u25CF " : "\u25CB ") + label;
  const float w = ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
  if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyle().Colors[ImGuiCol_ButtonHovered]);
  const bool pressed = ImGui::Button(text.c_str());
  if (on) ImGui::PopStyleColor();
  return pressed;
}

bool button_in_row(const char* label, bool first = false) {
  const float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2;
  if (!first) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < w) ImGui::NewLine();
  }
  return ImGui::Button(label);
}

void draw_transport(const std::vector<LoopPhase>& phases, PhasePlayer& player, PanelRequest& request) {
  if (button_in_row("|\u25C0 first", true)) player.go_to(0), request.moved = true;
  if (button_in_row("\u25C0 back")) player.step(-1), request.moved = true;
  if (button_in_row(player.playing() ? "|| pause" : "\u25B6 play")) {
    if (player.playing()) {
      player.pause();
    } else {
      player.play();
      request.moved = true;
    }
  }
  if (button_in_row("step \u25B6")) player.step(1), request.moved = true;
  if (button_in_row("last \u25B6|")) player.go_to(phases.empty() ? 0 : phases.size() - 1), request.moved = true;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("speed");
  for (double x : PhasePlayer::kSpeeds) {
    char label[16];
    std::snprintf(label, sizeof label, "%gx", x);
    if (pill(label, player.speed() == x)) player.set_speed(x);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("next");
  for (std::size_t k = 0; k < phase_kind_names.size(); ++k) {
    ImGui::PushID(static_cast<int>(k));
    const std::string label = std::string(phase_kind_names[k]) + " \u2192";
    if (button_in_row(label.c_str())) request.next_kind = static_cast<PhaseKind>(k);
    ImGui::PopID();
  }
}

void draw_heap(const Trace& trace, const LoopAtPhase& at) {
  title("Timer heap (soonest first)");
  if (at.heap.empty()) ImGui::TextDisabled("empty: no timer is set");
  for (std::size_t i = 0; i < at.heap.size() && i < kHeapRows; ++i) {
    const HeapEntry& t = at.heap[i];
    const std::string text = (t.falling_due ? "\u2192 " : "   ") + timer_text(trace, t) + (t.falling_due ? "  (due now)" : "");
    if (t.falling_due)
      ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1), "%s", text.c_str());
    else
      ImGui::TextUnformatted(text.c_str());
  }
  if (at.heap.size() > kHeapRows) ImGui::TextDisabled("... and %zu more", at.heap.size() - kHeapRows);
}

void draw_ready(const Trace& trace, const LoopPhase& p, const LoopAtPhase& at) {
  char head[96];
  if (at.iteration_started)
    std::snprintf(head, sizeof head, "Ready queue: iteration %u runs %u callback%s", p.iteration, at.callbacks,
                  at.callbacks == 1 ? "" : "s");
  else
    std::snprintf(head, sizeof head, "Ready queue: filling for iteration %u", p.iteration);
  title(head);
  if (at.ready.empty() && at.unnamed == 0) ImGui::TextDisabled("empty");
  for (const QueueEntry& q : at.ready) {
    const std::string text = std::string(q.current ? "\u25B6 " : q.ran ? "\u25A0 " : "\u25A1 ") + entry_text(trace, q);
    if (q.current)
      ImGui::TextColored(ImVec4(0.55f, 0.95f, 0.55f, 1), "%s", text.c_str());
    else if (q.ran)
      ImGui::TextDisabled("%s", text.c_str());
    else
      ImGui::TextUnformatted(text.c_str());
  }
  if (at.unnamed > 0) ImGui::TextDisabled("+ %u of asyncio's own (done callbacks)", at.unnamed);
  if (at.iteration_started) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    wrapped("\u25A0 ran  \u25B6 running  \u25A1 next. What they queue waits for the next iteration.");
    ImGui::PopStyleColor();
  }
}

void draw_selector(const Trace& trace, const LoopPhase& p) {
  title("Selector and who runs");
  if (p.kind == PhaseKind::wait) {
    ImGui::Text("timeout: %s", seconds_text(p.timeout).c_str());
    ImGui::Text("waited: %s \u2192 %s s", app::python_float(p.began).c_str(), app::python_float(p.time).c_str());
    ImGui::Text("completions: %u", p.completions);
  } else {
    ImGui::TextDisabled("not waiting (t = %s s)", app::python_float(p.time).c_str());
  }
  if (p.kind == PhaseKind::step)
    ImGui::TextColored(ImVec4(0.55f, 0.95f, 0.55f, 1), "running: %s", trace.task_name(p.task).c_str());
  else if (p.kind == PhaseKind::callback)
    ImGui::Text("running: a loop callback (wakes %s)", trace.task_name(p.task).c_str());
  else
    ImGui::Text("running: the loop itself");
}

}  // namespace

PanelRequest draw_phase_panel(const Trace* trace, const std::vector<LoopPhase>& phases, const LoopAtPhase& at,
                              PhasePlayer& player) {
  PanelRequest request;
  title("The loop, one phase at a time");
  if (trace == nullptr || phases.empty()) {
    ImGui::TextDisabled("Press Run: then play the loop's phases, or step through them one by one.");
    return request;
  }
  draw_transport(phases, player, request);
  const LoopPhase& p = phases[player.phase()];
  ImGui::Text("phase %zu of %zu  \u00B7  iteration %u  \u00B7  %s  \u00B7  t = %s s", player.phase() + 1, phases.size(),
              p.iteration, std::string(to_string(p.kind)).c_str(), app::python_float(p.time).c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.85f, 0.92f, 1.0f, 1));
  wrapped(headline(*trace, p));
  ImGui::PopStyleColor();
  if (ImGui::GetContentRegionAvail().x < kStackBelow) {
    draw_heap(*trace, at);
    ImGui::Separator();
    draw_ready(*trace, p, at);
    ImGui::Separator();
    draw_selector(*trace, p);
  } else if (ImGui::BeginTable("phase", 3, ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchSame)) {
    ImGui::TableNextColumn();
    draw_heap(*trace, at);
    ImGui::TableNextColumn();
    draw_ready(*trace, p, at);
    ImGui::TableNextColumn();
    draw_selector(*trace, p);
    ImGui::EndTable();
  }
  ImGui::Separator();
  return request;
}

}  // namespace looplab::event_loop
