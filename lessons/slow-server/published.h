// The figures the seed published for this scenario, as data (published.json), and the
// same figures scaled to the learner's delays: the seed's overhead over its model
// (17.04 s for a 17 s sum) applied to the chosen model total.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "scenario.h"

namespace looplab::slow_server {

struct PublishedRun {
  double total = 0;
  bool model_is_sum = true;  // false: the model is the longest delay
  std::vector<std::string> finish_order;
};

struct Published {
  std::string source;
  std::array<double, 3> delays{};
  std::array<PublishedRun, 3> runs;  // indexed by Mode
  const PublishedRun& run(Mode m) const { return runs[static_cast<std::size_t>(m)]; }
};

// Parses published.json; throws std::invalid_argument saying what is wrong with it.
Published parse_published(std::string_view json_text);
// The embedded file, parsed once.
const Published& published();

// What the model predicts for the mode: the sum of the delays (sync, fake async) or the
// longest one (async).
double model_total(Mode mode, const std::array<double, 3>& seconds);
// The seed's total for the mode, scaled by (model for these delays) / (model for the seed's).
double published_scaled(const Published& p, Mode mode, const std::array<double, 3>& seconds);

}  // namespace looplab::slow_server
