// A chart's data as CSV text (RFC 4180: quoted where a field needs it), one row per point,
// headed by the axes' labels and units: what "Copy as CSV" puts on the clipboard.
#pragma once

#include <string>

#include "ui/chart_model.h"

namespace looplab::ui {

// series,point,<x label> (<x unit>),<y label> (<y unit>)[,<x label> end (<x unit>)]
// The last column only when a series is made of spans; numbers at full precision.
std::string chart_csv(const Chart& chart);
// One field as CSV writes it: as is, or in double quotes with inner quotes doubled.
std::string csv_field(const std::string& text);

}  // namespace looplab::ui
