// The lines the scenario printed, timestamped. Lines printed after the playhead are
// dimmed (or hidden), so scrubbing shows the console as it stood at that moment.
#pragma once

#include "ui/text_wrap.h"
#include "ui/timeline_model.h"

struct ImFont;

namespace looplab::ui {

struct ConsoleOptions {
  bool hide_future = false;  // false: show later lines dimmed
  bool follow = true;        // keep the newest visible line in view
  float height = 160;
  WrappedRows* rows = nullptr;  // kept by the caller between frames; null: recomputed each frame
};

// Long lines wrap under their text; nothing is cut at the panel's edge.
void draw_console_panel(const TimelineModel& model, Cursor playhead, const ConsoleOptions& options = {},
                        ImFont* mono = nullptr);
// The height every line takes at `width` (content width, wrapped): to fit the panel to it.
// `cache`: kept between frames (not the one the panel draws with: the widths differ).
float console_panel_height(const TimelineModel& model, float width, ImFont* mono = nullptr, WrappedRows* cache = nullptr);

}  // namespace looplab::ui
