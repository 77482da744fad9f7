// How a chart's series look: an Okabe-Ito colour (told apart with the common colour-vision
// deficiencies) AND a second cue that needs no colour at all: a marker shape, a dash
// pattern for lines, a fill pattern for bars and spans. Series i takes style i.
#pragma once

#include <cstddef>
#include <cstdint>

namespace looplab::ui {

enum class MarkerShape : std::uint8_t { circle, square, triangle, diamond, cross, plus };
enum class Dash : std::uint8_t { solid, dashed, dotted, dash_dot };
enum class Fill : std::uint8_t { solid, hatched, dotted, outlined };

struct SeriesStyle {
  std::uint32_t rgba;  // 0xRRGGBBAA
  MarkerShape marker;
  Dash dash;
  Fill fill;
};

inline constexpr std::size_t kSeriesStyles = 8;
// Style `index` (wraps after kSeriesStyles: no two of the first eight share colour or cue).
const SeriesStyle& series_style(std::size_t index);

// A dash pattern as on/off lengths in pixels (solid: on forever).
struct DashPattern {
  float on = 1e9f, off = 0, second_on = 0, second_off = 0;
};
DashPattern dash_pattern(Dash dash);

}  // namespace looplab::ui
