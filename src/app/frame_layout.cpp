// The lesson frame's standard layout, drawn every frame from the frame's state:
//   controls | verdict
//   [the lesson's panels above the timeline]
//   timeline (arrows, follow, help, legend)
//   code | the loop at the playhead | console   (two over one, or one column on a phone)
//   [the lesson's panels below]
#include "app/lesson_frame.h"

#include "app/app_style.h"
#include "app/browser_download.h"
#include "app/platform.h"
#include "app/touch_input.h"
#include "ui/code_panel.h"
#include "ui/console_panel.h"
#include "ui/parameter_panel.h"
#include "ui/verdict_panel.h"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <algorithm>

namespace looplab::app {
namespace {

constexpr float kOneColumnBelow = 620;   // canvas CSS px: a phone, or a narrow window
constexpr float kThreePanelsFrom = 1250;
constexpr float kControlsWidth = 350;

void heading(const char* text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.9f, 0.6f, 1));
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

}  // namespace

void LessonFrame::draw() {
  touch_layout_ = TouchInput::instance().touch_device();
  apply_touch();
  follow_run();
  const float width = ImGui::GetContentRegionAvail().x;
  layout_columns_ = width < kOneColumnBelow ? 1 : width >= kThreePanelsFrom ? 3 : 2;
  // Fingers need bigger targets than a mouse: about 44 CSS px per control.
  if (touch_layout_) {
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(14, 14));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(10, 10));
  }
  if (layout_columns_ == 1) {
    draw_controls();
    ImGui::Separator();
    heading("Verdict");
    ui::draw_verdict_panel(verdict_);
  } else if (ImGui::BeginTable("top", 2, ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableSetupColumn("controls", ImGuiTableColumnFlags_WidthFixed, kControlsWidth);
    ImGui::TableSetupColumn("verdict", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableNextColumn();
    draw_controls();
    ImGui::TableNextColumn();
    heading("Verdict");
    ui::draw_verdict_panel(verdict_);
    ImGui::EndTable();
  }
  ImGui::Separator();
  draw_above_timeline();
  draw_timeline_row();
  ImGui::Separator();
  if (layout_columns_ > 1 &&
      ImGui::BeginTable("panels", layout_columns_, ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV)) {
    ImGui::TableNextColumn();
    draw_code();
    ImGui::TableNextColumn();
    draw_loop();
    if (layout_columns_ == 3) {
      ImGui::TableNextColumn();
      draw_console();
    }
    ImGui::EndTable();
    if (layout_columns_ == 2) draw_console();
  } else if (layout_columns_ == 1) {
    draw_code();
    ImGui::Separator();
    draw_loop();
    ImGui::Separator();
    draw_console();
  }
  draw_below_panels();
  if (touch_layout_) ImGui::PopStyleVar(2);
  report_content_height();
}

void LessonFrame::draw_controls() {
  const auto& specs = params_.specs();
  // A group's heading goes before the first of its parameters that is shown.
  const std::string* group = nullptr;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].kind == ParameterKind::clock || !parameter_applies(specs[i], params_)) continue;
    draw_parameter(i, !specs[i].group.empty() && (group == nullptr || *group != specs[i].group));
    group = &specs[i].group;
  }
  draw_controls_note(params_);
  for (std::size_t i = 0; i < specs.size(); ++i)
    if (specs[i].kind == ParameterKind::clock) draw_parameter(i, !specs[i].group.empty());
  ImGui::Spacing();
  draw_run_buttons();
}

void LessonFrame::draw_parameter(std::size_t i, bool group_heading) {
  const ParameterSpec& s = params_.specs()[i];
  if (group_heading) {
    ImGui::Spacing();
    ImGui::TextUnformatted(s.group.c_str());
  }
  ImGui::PushID(static_cast<int>(i));
  if (s.kind == ParameterKind::number) {
    const float label_w = ImGui::CalcTextSize(s.label.c_str()).x + ImGui::GetStyle().ItemInnerSpacing.x;
    ImGui::SetNextItemWidth(std::clamp(ImGui::GetContentRegionAvail().x - label_w, 120.0f, 230.0f));
    ui::checked_slider(s.label.c_str(), params_.rule(i), params_.number_slot(i), s.format.c_str(), s.logarithmic);
  } else if (s.kind == ParameterKind::text) {
    // The field shows what was last typed; the text in force changes only when it passes.
    char typed[256];
    const std::string& shown = params_.text_typed(i);
    const std::size_t n = std::min(shown.size(), sizeof typed - 1);
    shown.copy(typed, n);
    typed[n] = '\0';
    const float label_w = ImGui::CalcTextSize(s.label.c_str()).x + ImGui::GetStyle().ItemInnerSpacing.x;
    ImGui::SetNextItemWidth(std::clamp(ImGui::GetContentRegionAvail().x - label_w, 120.0f, 230.0f));
    if (ImGui::InputText(s.label.c_str(), typed, sizeof typed)) params_.propose_text(i, typed);
    if (const std::string& problem = params_.text_problem(i); !problem.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.9f, 0.35f, 0.3f, 1));
      ImGui::PushTextWrapPos(0);
      ImGui::TextUnformatted(problem.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopStyleColor();
    }
  } else {
    std::vector<std::string_view> labels;
    for (const ChoiceSpec& c : s.choices) labels.emplace_back(c.label);
    std::size_t chosen = params_.chosen(i);
    if (ui::choice_buttons(s.label.c_str(), labels, chosen)) params_.choose(i, chosen);
    const std::string& hint = s.choices[params_.chosen(i)].hint;
    if (!hint.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextDisabled("%s", hint.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::PopID();
}

void LessonFrame::draw_run_buttons() {
  const bool running = run_.running();
  if (running) ImGui::BeginDisabled();
  // The keys in the labels only where there is a keyboard.
  if (ImGui::Button(running ? "Running..." : touch_layout_ ? "Run" : "Run (Space)", {140, 0})) run();
  run_button_[0] = ImGui::GetItemRectMin().x;
  run_button_[1] = ImGui::GetItemRectMin().y;
  run_button_[2] = ImGui::GetItemRectMax().x;
  run_button_[3] = ImGui::GetItemRectMax().y;
  if (running) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button(touch_layout_ ? "Reset" : "Reset (R)", {110, 0})) reset();
  if (run_.draw_status() == LessonRun::Offer::rerun_on_virtual_clock) {
    params_.use_virtual_clock();
    run();
  }
  if (!trace()) return;
  // The run as a file: Chrome's trace format opens in Perfetto, LoopLab's reads back losslessly.
  ImGui::TextDisabled("Download this run's trace:");
  const auto offer = [this](TraceFormat format) {
    offer_download(trace_file(*trace(), std::string(host_.info.id), run_.run_number(), format));
  };
  if (ImGui::Button("Perfetto")) offer(TraceFormat::chrome);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Chrome Trace Event JSON: open it in ui.perfetto.dev or chrome://tracing");
  ImGui::SameLine();
  if (ImGui::Button("LoopLab JSON")) offer(TraceFormat::looplab);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("LoopLab's own trace: every event, task and I/O result, lossless");
}

void LessonFrame::draw_timeline_row() {
  const ui::TimelineModel& m = view_.model();
  heading("Timeline");
  ImGui::SameLine();
  ImGui::Checkbox("arrows", &timeline_.show_arrows);
  if (m.live && !timeline_.follow_live) {
    ImGui::SameLine();
    if (ImGui::SmallButton("follow the run")) timeline_.follow_live = true;
  }
  ImGui::SameLine();
  // A toggle rather than a tooltip: there is no hovering on a touch screen.
  if (ImGui::SmallButton(help_open_ ? "hide help" : "how to move around")) help_open_ = !help_open_;
  if (help_open_) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Mouse: wheel zooms around the pointer, drag pans, click moves the playhead, double-click fits the "
                        "whole run, Shift+wheel scrolls the lanes; hover a bar for its times. Touch: drag sideways pans, "
                        "pinch zooms, tap steps, drag along the time ruler moves the playhead. Keys: Left/Right step, "
                        "Home/End jump to the start and the end, Space runs, R resets.");
    ImGui::PopTextWrapPos();
  }
  if (m.lanes.empty()) {
    ImGui::TextDisabled("Run the scenario to see its timeline: one lane per task, and one for the event loop.");
    TouchInput::instance().set_timeline_areas({}, {});
  } else {
    ui::TimelineOptions options;
    options.height = std::clamp(34.0f + 22.0f * static_cast<float>(ui::row_count(m)), 140.0f, 360.0f);
    if (layout_columns_ == 1) options.names_width = 72;  // a phone: the run needs the width
    ui::draw_timeline("timeline", m, timeline_, options);
    const auto& d = timeline_.drawn;
    TouchInput::instance().set_timeline_areas({d.left, d.lanes_top, d.right, d.bottom}, {d.left, d.ruler_top, d.right, d.lanes_top});
  }
  // Open where there is room for it; on a phone one tap away.
  ImGui::SetNextItemOpen(legend_open_ && layout_columns_ > 1, ImGuiCond_Once);
  legend_open_ = ImGui::TreeNode("Legend: colour, pattern and word per state");
  if (legend_open_) {
    ui::draw_timeline_legend();
    ImGui::TreePop();
  }
}

void LessonFrame::draw_code() {
  const Snippet shown = snippet(shown_values());
  heading(shown.file.c_str());
  ImGui::SameLine();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", shown.note.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 3));  // code reads as code, not a list
  // Sized to what the text took when last drawn (the estimate only for the first frame).
  const float text_h = code_text_height_ > 0
                           ? code_text_height_
                           : ui::code_panel_height(shown.source, view_.model(), panel_text_width(), app_fonts().mono);
  ImGui::BeginChild("code", {0, panel_height(text_h, 160, 460)}, true);
  ui::draw_code_panel(shown.source, view_.model(), timeline_.playhead, app_fonts().mono);
  code_text_height_ = ImGui::GetCursorPosY() + ImGui::GetScrollY() - ImGui::GetStyle().WindowPadding.y;
  ImGui::EndChild();
  ImGui::PopStyleVar();
}

void LessonFrame::draw_loop() {
  heading("The loop at the playhead");
  ui::draw_step_panel(view_.model(), steps_, timeline_.playhead, step_state_);
}

void LessonFrame::draw_console() {
  heading("Console");
  ImGui::SameLine();
  ImGui::Checkbox("hide lines after the playhead", &console_hide_future_);
  ui::ConsoleOptions console;
  console.hide_future = console_hide_future_;
  console.rows = &console_rows_;
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(8, 3));
  console.height = panel_height(ui::console_panel_height(view_.model(), panel_text_width(), app_fonts().mono, &console_fit_rows_),
                                120, 320);
  ui::draw_console_panel(view_.model(), timeline_.playhead, console, app_fonts().mono);
  ImGui::PopStyleVar();
}

// The width a child panel's text gets: inside its padding, beside a scrollbar.
float LessonFrame::panel_text_width() const {
  const ImGuiStyle& style = ImGui::GetStyle();
  return ImGui::GetContentRegionAvail().x - 2 * style.WindowPadding.x - style.ScrollbarSize;
}

// On a phone the page scrolls, not the panel: it is as tall as its text. Elsewhere it fits
// its text between the limits, and scrolls beyond them.
float LessonFrame::panel_height(float text_height, float min, float max) const {
  const float h = text_height + ImGui::GetStyle().WindowPadding.y * 2 + 2;
  return layout_columns_ == 1 ? h : std::clamp(h, min, max);
}

void LessonFrame::report_content_height() {
  const float h = ImGui::GetCursorPosY() + ImGui::GetScrollY() + ImGui::GetStyle().WindowPadding.y;
  if (std::abs(h - content_height_) < 1 && layout_columns_ == reported_columns_) return;
  content_height_ = h;
  reported_columns_ = layout_columns_;
  // The page sizes a one-column canvas to this, so the page scrolls instead of the canvas.
  EM_ASM({ if (window.looplab && window.looplab._contentHeight) window.looplab._contentHeight($0, $1); }, h, layout_columns_);
}

void LessonFrame::apply_touch() {
  const ui::Gestures& g = TouchInput::instance().gestures();
  const ui::TimelineModel& m = view_.model();
  const auto& d = timeline_.drawn;
  if (m.lanes.empty() || d.right <= d.left) return;
  const ui::TimeToPixels map{timeline_.window, d.left, d.right - d.left};
  if (g.zoom != 1.0f) {
    const ui::ZoomLimits limits{1e-6, std::max(10.0, (m.now - m.start) * 4)};
    timeline_.window = ui::zoom_around(timeline_.window, map.time_at(g.zoom_x), g.zoom, limits);
    timeline_.follow_live = false;
  }
  if (g.pan_dx != 0.0f) {
    timeline_.window = ui::pan_by_pixels(timeline_.window, g.pan_dx, d.right - d.left);
    timeline_.follow_live = false;
  }
  for (int i = 0; i < g.taps; ++i) timeline_.playhead = steps_.next(timeline_.playhead);
  if (!std::isnan(g.scrub_x)) timeline_.playhead = ui::cursor_at_time(std::max(m.start, map.time_at(g.scrub_x)));
}

}  // namespace looplab::app
