// How each state looks: a colour from the Okabe-Ito palette (distinguishable with the
// common colour-vision deficiencies) AND a pattern and a word, so colour is never the
// only channel that carries the state.
#pragma once

#include <cstdint>
#include <string_view>

#include "ui/timeline_model.h"

namespace looplab::ui {

enum class Pattern : std::uint8_t {
  solid,          // running
  dots,           // ready: waiting its turn
  horizontal,     // waiting on I/O: a line on the wire
  queue,          // I/O queued in the client: a row of short bars, outlined
  ticks,          // waiting on a timer: clock ticks
  hatched,        // blocked: the loop is held
  cross_hatched,  // waiting on a queue / lock / event / task
  back_hatched,   // in an executor worker
  thin,           // terminal states: a thin bar, not a block
};

struct StateStyle {
  std::uint32_t rgba;   // 0xRRGGBBAA
  Pattern pattern;
  bool light_ink;       // draw the pattern and text in white (dark fill) or black (light fill)
  std::string_view short_label;  // drawn inside a bar that is wide enough
  std::string_view legend;       // the legend's wording
  std::uint32_t outline_rgba = 0;  // a frame around the bar (0: none), one more cue for a pale fill
};

const StateStyle& style_of(LaneState state);

// Colour of folded marks (many sub-pixel intervals drawn as one): neutral, not a state.
inline constexpr std::uint32_t folded_rgba = 0x8C8C8CFFu;

// ImGui wants 0xAABBGGRR; kept here so the palette stays readable as web colours.
constexpr std::uint32_t to_imgui_color(std::uint32_t rgba) {
  return ((rgba & 0xFFu) << 24) | (((rgba >> 8) & 0xFFu) << 16) | (((rgba >> 16) & 0xFFu) << 8) | (rgba >> 24);
}

}  // namespace looplab::ui
