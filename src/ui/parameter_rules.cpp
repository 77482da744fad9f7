#include "ui/parameter_rules.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace looplab::ui {

std::string short_number(double value) {
  char text[32];
  // Whole numbers in plain digits ("60", not "6e+01"), which %g would not promise.
  if (std::abs(value) < 1e15 && value == std::trunc(value)) {
    std::snprintf(text, sizeof text, "%.0f", value);
    return text;
  }
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(text, sizeof text, "%.*g", precision, value);
    if (std::strtod(text, nullptr) == value) break;
  }
  return text;
}

namespace {

std::string with_unit(double value, std::string_view unit) {
  std::string text = short_number(value);
  if (!unit.empty()) text.append(" ").append(unit);
  return text;
}

}  // namespace

std::string range_problem(const RangeRule& rule, double value) {
  const std::string range = std::string(rule.name) + " must be between " + short_number(rule.min) + " and " +
                            with_unit(rule.max, rule.unit);
  if (std::isnan(value)) return range + "; that is not a number";
  if (value < rule.min) return range + "; " + with_unit(value, rule.unit) + " is too small";
  if (value > rule.max) return range + "; " + with_unit(value, rule.unit) + " is too large";
  return {};
}

std::optional<double> parse_in_range(const RangeRule& rule, std::string_view text, std::string& problem) {
  // strtod accepts what a person types ("1.5", ".5", "2e1"); it must consume every character.
  const std::string copy(text);
  char* end = nullptr;
  const double value = copy.empty() ? std::nan("") : std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size() || !std::isfinite(value)) {
    problem = std::string(rule.name) + ": '" + copy + "' is not a number";
    return std::nullopt;
  }
  problem = range_problem(rule, value);
  if (!problem.empty()) return std::nullopt;
  return value;
}

std::optional<std::size_t> parse_choice(std::string_view name, std::span<const std::string_view> choices,
                                        std::string_view text, std::string& problem) {
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i] == text) {
      problem.clear();
      return i;
    }
  }
  problem = std::string(name) + " must be one of";
  for (std::size_t i = 0; i < choices.size(); ++i) problem.append(i == 0 ? " " : ", ").append(choices[i]);
  problem.append("; '").append(text).append("' is not");
  return std::nullopt;
}

bool CheckedValue::propose(const RangeRule& rule, double candidate) {
  problem = range_problem(rule, candidate);
  if (!problem.empty() || candidate == value) return false;
  value = candidate;
  return true;
}

}  // namespace looplab::ui
