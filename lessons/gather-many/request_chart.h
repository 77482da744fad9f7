// The requests of a run as a chart on the shared widget: one row per request, split into
// its wait in the browser for a connection and its time on the wire (ui::SeriesKind::spans).
#pragma once

#include "outcome.h"
#include "ui/chart_model.h"

namespace looplab::gather_many {

// Series 0: the waits (only requests that waited); series 1: the time on the wire.
// Request Rn sits on row n.
ui::Chart request_chart(const RunFacts& f, bool virtual_clock);

}  // namespace looplab::gather_many
