#include "totals_chart.h"

#include <cmath>
#include <string>

#include "published.h"

namespace looplab::tpc {

ui::Chart totals_chart(const Settings& s, const std::array<double, all_variants.size()>& model, double measured,
                       bool measured_is_real) {
  ui::Chart c;
  c.title = "Each variant's total for " + std::string(word_of(s.workload)) + " x " + std::to_string(s.workers) +
            ": the model's and seed 002's";
  c.x = {"total", "s"};
  c.y = {"", ""};
  ui::Series modelled{"model", ui::SeriesKind::spans, 0, {}};
  ui::Series seed{"seed 002", ui::SeriesKind::spans, 1, {}};
  ui::Series real{"this run (real)", ui::SeriesKind::spans, 2, {}};
  // Bottom to top, so that threads, the seed's first variant, reads first.
  for (std::size_t k = all_variants.size(); k-- > 0;) {
    const Variant v = all_variants[k];
    const std::string name(word_of(v));
    const auto published = published_for(v, s.workload);
    if (published && std::isfinite(published->seconds)) {
      c.y_names.push_back("  seed");
      seed.points.push_back({0, double(c.y_names.size()), published->seconds, name + ", seed 002"});
    }
    if (measured_is_real && v == s.variant && std::isfinite(measured)) {
      c.y_names.push_back("  run");
      real.points.push_back({0, double(c.y_names.size()), measured, name + ", this run"});
    }
    c.y_names.push_back(v == Variant::native ? "native (C++)" : name);
    if (std::isfinite(model[k])) modelled.points.push_back({0, double(c.y_names.size()), model[k], name + ", model"});
  }
  c.series = {std::move(modelled), std::move(seed)};
  if (!real.points.empty()) c.series.push_back(std::move(real));
  return c;
}

}  // namespace looplab::tpc
