#include "ui/chart_style.h"

#include <array>

namespace looplab::ui {
namespace {

// Okabe-Ito, ordered so that neighbours contrast; every cue differs from its neighbours'.
constexpr std::array<SeriesStyle, kSeriesStyles> styles{{
    {0x0072B2FFu, MarkerShape::circle, Dash::solid, Fill::solid},        // blue
    {0xE69F00FFu, MarkerShape::square, Dash::dashed, Fill::hatched},     // orange
    {0x009E73FFu, MarkerShape::triangle, Dash::dotted, Fill::dotted},    // bluish green
    {0xD55E00FFu, MarkerShape::diamond, Dash::dash_dot, Fill::outlined}, // vermillion
    {0xCC79A7FFu, MarkerShape::cross, Dash::solid, Fill::hatched},       // reddish purple
    {0x56B4E9FFu, MarkerShape::plus, Dash::dashed, Fill::solid},         // sky blue
    {0xF0E442FFu, MarkerShape::circle, Dash::dotted, Fill::outlined},    // yellow
    {0x000000FFu, MarkerShape::square, Dash::dash_dot, Fill::dotted},    // black
}};

}  // namespace

const SeriesStyle& series_style(std::size_t index) { return styles[index % kSeriesStyles]; }

DashPattern dash_pattern(Dash dash) {
  switch (dash) {
    case Dash::solid: return {};
    case Dash::dashed: return {8, 5, 0, 0};
    case Dash::dotted: return {2, 4, 0, 0};
    case Dash::dash_dot: return {8, 4, 2, 4};
  }
  return {};
}

}  // namespace looplab::ui
