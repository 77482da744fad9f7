// The lines the scenario printed, timestamped. Lines printed after the playhead are
// dimmed (or hidden), so scrubbing shows the console as it stood at that moment.
#pragma once

#include "ui/timeline_model.h"

struct ImFont;

namespace looplab::ui {

struct ConsoleOptions {
  bool hide_future = false;  // false: show later lines dimmed
  bool follow = true;        // keep the newest visible line in view
  float height = 160;
};

void draw_console_panel(const TimelineModel& model, Cursor playhead, const ConsoleOptions& options = {},
                        ImFont* mono = nullptr);

}  // namespace looplab::ui
