#pragma once
// The look of LoopLab's canvases: one calm dark theme, set once at start.
#include <imgui.h>

namespace looplab::app {

struct AppPalette {
  ImVec4 canvas_background;
  ImVec4 text_muted;
  ImVec4 good;     // a reply arrived
  ImVec4 bad;      // the backend is gone or refused
  ImVec4 pending;  // a request is in flight
};

const AppPalette& app_palette();
void apply_app_style();

}  // namespace looplab::app
