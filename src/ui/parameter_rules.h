// Range checks for lesson parameters. A value out of range is refused with a reason the
// learner can read, and the last good value stays in force: nothing half-applied.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace looplab::ui {

struct RangeRule {
  std::string_view name;  // "R1 delay"
  double min;
  double max;
  std::string_view unit;  // "s", "" for none
};

// Empty when `value` is allowed; otherwise why not ("R1 delay must be between 0 and 60 s; 75 is too large").
std::string range_problem(const RangeRule& rule, double value);

// A number typed or taken from a URL: the value, or (in `problem`) why it was refused.
std::optional<double> parse_in_range(const RangeRule& rule, std::string_view text, std::string& problem);

// One of a fixed set of words (a mode, a backend): its index, or (in `problem`) the accepted words.
std::optional<std::size_t> parse_choice(std::string_view name, std::span<const std::string_view> choices,
                                        std::string_view text, std::string& problem);

// A parameter as a panel holds it: the value in force, and the last refused attempt.
struct CheckedValue {
  double value;
  std::string problem;  // shown beside the input until a good value is entered

  // Applies `candidate` if the rule allows it (and clears the problem); otherwise keeps
  // the old value and records why. Returns whether the value changed.
  bool propose(const RangeRule& rule, double candidate);
};

// "0.5", "10", "0.01": shortest text that reads back as the same double, for URLs and labels.
std::string short_number(double value);

}  // namespace looplab::ui
