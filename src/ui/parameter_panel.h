// Inputs for lesson parameters that refuse out-of-range values with a visible reason
// (see parameter_rules.h) instead of silently clamping them.
#pragma once

#include <span>
#include <string_view>

#include "ui/parameter_rules.h"

namespace looplab::ui {

// A slider (drag, or Ctrl+click to type) for `value` under `rule`. Returns true when the
// value in force changed. `format` is printf-style for the number ("%.1f s").
bool checked_slider(const char* label, const RangeRule& rule, CheckedValue& value, const char* format = "%.2f",
                    bool logarithmic = false);

// One button per choice: the chosen one filled, ringed and marked "●", the others outlined
// and marked "○" (not colour alone). Wraps onto more rows on a narrow canvas. Returns true
// when `chosen` changed.
bool choice_buttons(const char* label, std::span<const std::string_view> choices, std::size_t& chosen);

// The reasons recorded by refused values, in red, if any; call after the inputs.
void show_problem(const CheckedValue& value);

}  // namespace looplab::ui
