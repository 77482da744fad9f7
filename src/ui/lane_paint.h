#pragma once
// How one stretch of a lane looks: the state's colour and pattern over a bar. Shared by
// the timeline's lanes and its legend's swatches, so the two can never disagree.

#include <imgui.h>

#include "ui/timeline_model.h"

namespace looplab::ui {

// A bar from `a` to `b` in the state's colour and pattern; `folded` and `many` mark a
// bar that stands for several tasks or for many steps too small to draw one by one.
void draw_bar(ImDrawList* dl, ImVec2 a, ImVec2 b, LaneState state, bool folded, bool many);

}  // namespace looplab::ui
