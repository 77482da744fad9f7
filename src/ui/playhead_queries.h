// What the code and console panels show at the playhead.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

#include "ui/timeline_model.h"

namespace looplab::ui {

// The snippet line each task is on at the cursor: line -> lanes on it (in lane order).
// Lanes that finished or never marked a line are left out.
std::map<int, std::vector<std::uint32_t>> lines_at(const TimelineModel& model, Cursor cursor);

// How many console lines were printed at or before the cursor.
std::size_t printed_until(const std::vector<ConsoleLine>& console, Cursor cursor);

}  // namespace looplab::ui
