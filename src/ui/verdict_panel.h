// The verdict: measured total beside the model's prediction and the seed's published
// figure, the finish order, and one sentence on what it means.
#pragma once

#include "ui/verdict.h"

namespace looplab::ui {

void draw_verdict_panel(const Verdict& verdict);

}  // namespace looplab::ui
