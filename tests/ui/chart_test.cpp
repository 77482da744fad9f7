// The chart's data model: what ranges, ticks, hover text and CSV a lesson's chart gets.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "ui/chart_csv.h"
#include "ui/chart_model.h"
#include "ui/chart_style.h"
#include "ui/chart_ticks.h"

using namespace looplab::ui;

namespace {

Chart requests_chart() {
  Chart c;
  c.title = "Requests";
  c.x = {"time", "s"};
  c.y = {"request", ""};
  Series queued{"queued in the browser", SeriesKind::spans, 1, {}};
  Series flying{"in flight", SeriesKind::spans, 0, {}};
  queued.points.push_back({0.0, 1, 0.0, "R1"});
  flying.points.push_back({0.0, 1, 1.0, "R1"});
  queued.points.push_back({0.0, 2, 1.0, "R2"});
  flying.points.push_back({1.0, 2, 2.0, "R2"});
  c.series = {queued, flying};
  return c;
}

}  // namespace

TEST_CASE("ranges fit the data: bars stand on 0, spans get half a row either side, fixed ends are kept") {
  Chart bars;
  bars.series.push_back({"total", SeriesKind::bars, 0, {{1, 4.95}, {2, 1.18}}});
  const ChartRanges r = fit_ranges(bars);
  CHECK(r.y.min == 0);
  CHECK(r.y.max > 4.95);             // headroom above the tallest bar
  CHECK(r.x.min < 1 - 0.3);          // the first bar's half width is inside
  CHECK(r.x.max > 2 + 0.3);

  const ChartRanges spans = fit_ranges(requests_chart());
  CHECK(spans.x.min == 0);
  CHECK(spans.x.max == 2);
  CHECK(spans.y.min == doctest::Approx(0.5));

  Chart fixed = requests_chart();
  fixed.x.min = -1;
  fixed.y.max = 10;
  CHECK(fit_ranges(fixed).x.min == -1);
  CHECK(fit_ranges(fixed).y.max == 10);
}

TEST_CASE("an empty or flat chart still gets a range that can be drawn") {
  CHECK(fit_ranges(Chart{}).x.span() > 0);
  Chart flat;
  flat.series.push_back({"one", SeriesKind::points, 0, {{3, 5}}});
  const ChartRanges r = fit_ranges(flat);
  CHECK(r.x.span() > 0);
  CHECK(r.y.span() > 0);
  CHECK(r.x.min <= 3);
  CHECK(r.x.max >= 3);
}

TEST_CASE("value ticks: nice steps, far enough apart, labelled with the unit and the decimals the step needs") {
  const auto ticks = value_ticks({0, 3}, 300, 40, "s", false);
  REQUIRE(ticks.size() >= 4);
  CHECK(ticks.front().value == 0);
  CHECK(ticks[1].value == doctest::Approx(0.5));
  CHECK(ticks[1].label == "0.5 s");
  CHECK(ticks.back().label == "3.0 s");
  CHECK(ticks.size() <= 300 / 40 + 1);

  const auto counts = value_ticks({0, 3}, 600, 20, "", true);
  for (const ValueTick& t : counts) CHECK(t.value == std::round(t.value));  // a count has no half requests
  CHECK(counts.back().label == "3");
  CHECK(decimals_for_step(0.25) == 2);
  CHECK(decimals_for_step(5) == 0);
  CHECK(value_ticks({0, 1}, 0, 40, "", false).empty());
}

TEST_CASE("the pointer over a span names the request and its stretch of time") {
  const Chart c = requests_chart();
  const ChartMapping map{fit_ranges(c), {0, 0, 200, 100}};
  // R2 in flight: from 1.0 to 2.0 s at row 2 (the top half of the plot).
  const auto hit = hit_test(c, map, float(map.px_of_x(1.5)), float(map.px_of_y(2)));
  REQUIRE(hit);
  CHECK(hit->series == 1);
  CHECK(describe_hit(c, *hit) == "in flight, R2: 1.00 s to 2.00 s (1.00 s)");
  CHECK_FALSE(hit_test(c, map, 500, 500));
}

TEST_CASE("the nearest marker within reach is the one described") {
  Chart c;
  c.x = {"requests", ""};
  c.y = {"total", "s"};
  c.series.push_back({"gathered", SeriesKind::line, 0, {{5, 1.0}, {100, 17.2}}});
  const ChartMapping map{fit_ranges(c), {10, 10, 400, 200}};
  const auto hit = hit_test(c, map, float(map.px_of_x(100)) - 3, float(map.px_of_y(17.2)) + 2);
  REQUIRE(hit);
  CHECK(hit->point == 1);
  CHECK(describe_hit(c, *hit) == "gathered: 17.2 s at 100");
  CHECK_FALSE(hit_test(c, map, float(map.px_of_x(50)), float(map.px_of_y(9))));
}

TEST_CASE("CSV: a header with units, one row per point, quoted where a field needs it") {
  Chart c = requests_chart();
  c.series[0].name = "queued, in \"the\" browser";
  const std::string csv = chart_csv(c);
  CHECK(csv.rfind("series,point,time start (s),request,time end (s)\r\n", 0) == 0);
  CHECK(csv.find("\"queued, in \"\"the\"\" browser\",R2,0,2,1\r\n") != std::string::npos);
  CHECK(csv.find("in flight,R2,1,2,2\r\n") != std::string::npos);

  Chart totals;
  totals.x = {"requests", ""};
  totals.y = {"total", "s"};
  totals.series.push_back({"sequential", SeriesKind::points, 0, {{5, 4.95}, {7, NAN}}});
  CHECK(chart_csv(totals) == "series,point,requests,total (s)\r\nsequential,,5,4.95\r\nsequential,,7,\r\n");
}

TEST_CASE("the first eight styles differ in colour and in a cue that needs no colour") {
  std::set<std::uint32_t> colours;
  for (std::size_t i = 0; i < kSeriesStyles; ++i) {
    colours.insert(series_style(i).rgba);
    if (i > 0) {
      const SeriesStyle &a = series_style(i - 1), &b = series_style(i);
      CHECK((a.marker != b.marker && a.dash != b.dash && a.fill != b.fill));
    }
  }
  CHECK(colours.size() == kSeriesStyles);
  CHECK(series_style(kSeriesStyles).rgba == series_style(0).rgba);
  CHECK(dash_pattern(Dash::dashed).off > 0);
}
