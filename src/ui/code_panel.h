// The lesson's Python snippet with line numbers; the lines tasks are on at the playhead
// are highlighted, with those tasks' names (in their current state's colour) beside them.
#pragma once

#include <string_view>

#include "ui/timeline_model.h"

struct ImFont;

namespace looplab::ui {

void draw_code_panel(std::string_view python_source, const TimelineModel& model, Cursor playhead, ImFont* mono = nullptr);

}  // namespace looplab::ui
