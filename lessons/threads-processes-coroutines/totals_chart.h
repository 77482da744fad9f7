// Every variant's total for the same work, the model's beside the seed's (and the run's
// own, once there is one), as rows on the shared chart widget.
#pragma once

#include <array>

#include "scenario.h"
#include "ui/chart_model.h"

namespace looplab::tpc {

// `model`: model_totals(); `measured`: the run's total (NaN: none) for `s.variant`.
ui::Chart totals_chart(const Settings& s, const std::array<double, all_variants.size()>& model, double measured,
                       bool measured_is_real);

}  // namespace looplab::tpc
