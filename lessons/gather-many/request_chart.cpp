#include "request_chart.h"

#include <cmath>

namespace looplab::gather_many {

ui::Chart request_chart(const RunFacts& f, bool virtual_clock) {
  ui::Chart c;
  c.title = virtual_clock ? "Each request: its wait for a connection (modelled), then on the wire"
                          : "Each request, as this browser timed it: its wait for a connection, then on the wire";
  c.x = {"time", "s"};
  c.y = {"request (R1 at the bottom)", ""};
  c.y_integer = true;
  ui::Series waiting{"waiting for a connection", ui::SeriesKind::spans, 0, {}};
  ui::Series on_wire{"on the wire", ui::SeriesKind::spans, 1, {}};
  for (std::size_t i = 0; i < f.requests.size(); ++i) {
    const RequestFacts& r = f.requests[i];
    const double row = static_cast<double>(i + 1);
    if (r.queued > 0 && std::isfinite(r.sent)) waiting.points.push_back({r.sent, row, r.sent + r.queued, r.task});
    if (std::isfinite(r.on_wire_from) && std::isfinite(r.on_wire_to))
      on_wire.points.push_back({r.on_wire_from, row, r.on_wire_to, r.task});
  }
  c.series = {std::move(waiting), std::move(on_wire)};
  return c;
}

}  // namespace looplab::gather_many
