// The lesson's Python snippet with line numbers; the lines tasks are on at the playhead
// are highlighted, with those tasks' names (in their current state's colour) beside them,
// and so are the lines generator frames are paused at, with the generators' names.
#pragma once

#include <string_view>

#include "ui/timeline_model.h"

struct ImFont;

namespace looplab::ui {

// Long lines wrap under their own indentation (continuation rows have no line number).
void draw_code_panel(std::string_view python_source, const TimelineModel& model, Cursor playhead, ImFont* mono = nullptr);
// The height the panel's text takes at `width` (content width, wrapped): to fit a child to it.
float code_panel_height(std::string_view python_source, const TimelineModel& model, float width, ImFont* mono = nullptr);

}  // namespace looplab::ui
