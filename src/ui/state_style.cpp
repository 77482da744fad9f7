#include "ui/state_style.h"

#include <array>

namespace looplab::ui {

namespace {

// Okabe & Ito (2008), "Color Universal Design": eight colours chosen to stay distinct
// under protanopia, deuteranopia and tritanopia.
constexpr std::uint32_t okabe_orange = 0xE69F00FFu;
constexpr std::uint32_t okabe_sky_blue = 0x56B4E9FFu;
constexpr std::uint32_t okabe_bluish_green = 0x009E73FFu;
constexpr std::uint32_t okabe_yellow = 0xF0E442FFu;
constexpr std::uint32_t okabe_blue = 0x0072B2FFu;
constexpr std::uint32_t okabe_vermillion = 0xD55E00FFu;
constexpr std::uint32_t okabe_reddish_purple = 0xCC79A7FFu;
constexpr std::uint32_t okabe_black = 0x000000FFu;

constexpr std::array<StateStyle, lane_state_count> styles{{
    {okabe_bluish_green, Pattern::solid, true, "run", "running on the loop"},
    {okabe_yellow, Pattern::dots, false, "ready", "ready, waiting for the loop"},
    {okabe_sky_blue, Pattern::horizontal, false, "I/O", "waiting on I/O"},
    // A pale tint of the I/O colour (the palette's eight are taken): much lighter than it,
    // and its pattern and outline tell it apart without any colour.
    {0xCCE8F8FFu, Pattern::queue, false, "queued", "I/O queued in the client (no free connection)",
     okabe_blue},
    {okabe_blue, Pattern::ticks, true, "timer", "waiting on a timer"},
    {okabe_vermillion, Pattern::hatched, true, "BLOCKS", "blocked: holding the loop"},
    {okabe_reddish_purple, Pattern::cross_hatched, false, "wait", "waiting on a queue, lock, event or task"},
    {okabe_orange, Pattern::back_hatched, false, "exec", "in an executor worker"},
    {0xBBBBBBFFu, Pattern::thin, false, "done", "done"},
    {okabe_black, Pattern::thin, true, "failed", "failed (raised)"},
    {0x777777FFu, Pattern::thin, true, "cancelled", "cancelled"},
}};

}  // namespace

const StateStyle& style_of(LaneState state) { return styles.at(static_cast<std::size_t>(state)); }

}  // namespace looplab::ui
