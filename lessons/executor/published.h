// What the seeds showed. Seed 004 ran compute_pi(800) under its force_async decorator with
// two greetings gathered beside it: both greetings printed first, then pi. Seed 002 moved
// the five cats' unchanged synchronous _have_free_time (a 2 s time.sleep) to the default
// executor: the cats sleep together instead of one after another (5 x 2 s).
#pragma once

#include <string_view>

namespace looplab::executor {

inline constexpr int seed_decimals = 800;
inline constexpr int seed_cats = 5;
inline constexpr double seed_cat_sleep = 2;
inline constexpr std::string_view seed_pi_order = "seed 004: both greetings, then pi's 800 digits";
inline constexpr std::string_view seed_cats_note = "seed 002: five cats sleep their 2 s together on the executor";

}  // namespace looplab::executor
