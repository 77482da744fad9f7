#include "ui/code_panel.h"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/generator_frames.h"
#include "ui/playhead_queries.h"
#include "ui/state_style.h"
#include "ui/text_wrap.h"
#include "ui/timeline_culling.h"

namespace looplab::ui {

namespace {

// How the panel is laid out at a width: the gutter for the names of the tasks on a line,
// the line numbers, and how many characters of code fit in a row. The gutter fits the run's
// longest task name (so "second" or "Task-12" shows as itself, not as "+1"): three names
// on a wide panel, one (or "R1 +2") on a narrow one (a phone), where the code needs the width.
// It depends on the run, not the playhead, so stepping never reflows the code.
struct CodeLayout {
  float gutter = 0, number_w = 0, text_left = 0, char_w = 0;
  int digits = 2;
  std::size_t columns = 8;
};

CodeLayout code_layout(std::string_view source, const TimelineModel& model, float width) {
  CodeLayout l;
  l.char_w = ImGui::CalcTextSize("0").x;
  std::size_t longest = 0;
  for (const Lane& lane : model.lanes)
    if (!lane.is_loop) longest = std::max(longest, lane.name.size());
  for (const GeneratorFrame& g : model.generators) longest = std::max(longest, g.name.size());
  const bool narrow = width < 480;
  const std::size_t gutter_chars = narrow ? std::clamp<std::size_t>(longest + 1, 6, 9)     // "R1 +2 ", "second "
                                          : std::clamp<std::size_t>(3 * (longest + 1), 9, 18);  // "R1 R2 R3 "
  l.gutter = l.char_w * static_cast<float>(gutter_chars);
  const auto lines = static_cast<std::size_t>(std::count(source.begin(), source.end(), '\n')) + 1;
  l.digits = lines >= 1000 ? 4 : lines >= 100 ? 3 : 2;
  l.number_w = l.char_w * static_cast<float>(l.digits) + ImGui::GetStyle().ItemSpacing.x;
  l.text_left = l.gutter + 6 + l.number_w;
  l.columns = static_cast<std::size_t>(std::max(8.0f, (width - l.text_left) / l.char_w));
  return l;
}

LaneState state_at(const Lane& lane, Cursor c) {
  const auto i = interval_at(lane.intervals, c);
  return i < 0 ? LaneState::ready : lane.intervals[static_cast<std::size_t>(i)].state;
}

}  // namespace

float code_panel_height(std::string_view python_source, const TimelineModel& model, float width, ImFont* mono) {
  if (mono) ImGui::PushFont(mono);
  const CodeLayout l = code_layout(python_source, model, width);
  std::size_t rows = 0, pos = 0;
  while (pos < python_source.size()) {
    std::size_t end = python_source.find('\n', pos);
    if (end == std::string_view::npos) end = python_source.size();
    const std::string_view text = python_source.substr(pos, end - pos);
    rows += wrap_line(text, l.columns, code_continuation_indent(text)).size();
    pos = end + 1;
  }
  const float h = static_cast<float>(rows) * ImGui::GetTextLineHeightWithSpacing();
  if (mono) ImGui::PopFont();
  return h;
}

void draw_code_panel(std::string_view python_source, const TimelineModel& model, Cursor playhead, ImFont* mono) {
  const auto on_line = lines_at(model, playhead);
  // Generator frames are lit on the line they are paused at, beside the tasks' lines.
  const auto frames_on = frame_lines_at(model, playhead);
  // When the first highlighted line changes (the playhead moved), bring it into view once.
  int first_busy = on_line.empty() ? 0 : on_line.begin()->first;
  if (!frames_on.empty() && (first_busy == 0 || frames_on.begin()->first < first_busy)) first_busy = frames_on.begin()->first;
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID shown_id = ImGui::GetID("first busy line");
  const bool scroll_to_busy = storage->GetInt(shown_id, -1) != first_busy;
  storage->SetInt(shown_id, first_busy);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (mono) ImGui::PushFont(mono);
  // Long lines wrap (continuing under their own indentation, without a number): a line cut
  // at the panel's edge would hide part of what the lesson shows.
  const CodeLayout l = code_layout(python_source, model, ImGui::GetContentRegionAvail().x);
  const float gutter = l.gutter, char_w = l.char_w, text_left = l.text_left;
  const std::size_t columns = l.columns;
  int number = 1;
  std::size_t pos = 0;
  while (pos <= python_source.size()) {
    std::size_t end = python_source.find('\n', pos);
    if (end == std::string_view::npos) end = python_source.size();
    if (end == python_source.size() && pos == end) break;  // no empty line after a final newline
    const std::string_view text = python_source.substr(pos, end - pos);
    const std::vector<Segment> rows = wrap_line(text, columns, code_continuation_indent(text));
    // Who is on this line: the tasks, in their current state's colour, then the generator
    // frames paused here, in the generators' own amber.
    std::vector<std::pair<const std::string*, std::uint32_t>> names;
    if (const auto tasks = on_line.find(number); tasks != on_line.end())
      for (std::uint32_t l : tasks->second)
        names.emplace_back(&model.lanes[l].name, to_imgui_color(style_of(state_at(model.lanes[l], playhead)).rgba));
    if (const auto frames = frames_on.find(number); frames != frames_on.end())
      for (std::uint32_t g : frames->second) names.emplace_back(&model.generators[g].name, IM_COL32(240, 190, 90, 255));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float row_h = ImGui::GetTextLineHeightWithSpacing();
    const float line_h = row_h * static_cast<float>(rows.size());
    if (!names.empty()) {
      if (scroll_to_busy && number == first_busy) ImGui::SetScrollHereY(0.35f);
      dl->AddRectFilled(p, {p.x + ImGui::GetContentRegionAvail().x, p.y + line_h}, IM_COL32(255, 255, 255, 28));
      dl->AddRectFilled({p.x + gutter, p.y}, {p.x + gutter + 3, p.y + line_h}, IM_COL32(255, 230, 160, 255));
      // The names in the gutter left of the code.
      float x = p.x;
      const float space = ImGui::CalcTextSize(" ").x;
      const std::size_t count = names.size();
      for (std::size_t i = 0; i < count; ++i) {
        std::string name = *names[i].first;
        // A first name longer than the whole gutter ("running_sum" on a narrow panel) is
        // cut to fit, ending in '.', rather than shown as a bare "+1".
        const float room = gutter - 4 - (i + 1 < count ? ImGui::CalcTextSize("+9").x + space : 0);
        if (i == 0 && name.size() > 2 && ImGui::CalcTextSize(name.c_str()).x > room) {
          while (name.size() > 2 && ImGui::CalcTextSize((name + ".").c_str()).x > room) name.pop_back();
          name += ".";
        }
        const float w = ImGui::CalcTextSize(name.c_str()).x;
        // Keep room for "+n" when more names follow than fit.
        const std::string more = "+" + std::to_string(count - i);
        const float reserve = i + 1 < count ? ImGui::CalcTextSize(more.c_str()).x + space : 0;
        if (x + w + reserve > p.x + gutter - 4) {
          dl->AddText({x, p.y}, IM_COL32(180, 180, 180, 255), more.c_str());
          break;
        }
        dl->AddText({x, p.y}, names[i].second, name.c_str());
        x += w + space;
      }
    }
    ImGui::SetCursorScreenPos({p.x + gutter + 6, p.y});
    ImGui::TextDisabled("%*d", l.digits, number);
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
