#include "endpoints/delay_seconds.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <system_error>

#include <boost/beast/core/string.hpp>

#include "http/query_string.hpp"
#include "http/responses.hpp"

namespace looplab::backend {
namespace {

DelayParseResult failure(std::string sentence, double max_seconds, std::string_view name = "seconds") {
  DelayParseResult result;
  std::string n{name};
  result.error = std::move(sentence);
  result.error += " Give " + n + " as a number from 0 to ";
  result.error += format_seconds(max_seconds);
  result.error += " (fractions allowed), for example " + n + "=2 or " + n + "=0.25.";
  return result;
}

}  // namespace

std::string format_seconds(double seconds) {
  char digits[400];  // the largest finite double in fixed notation is 309 digits long
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, seconds, std::chars_format::fixed);
  if (ec != std::errc{}) return "?";
  return std::string(digits, end);
}

DelayParseResult parse_delay_value(std::string_view text, double max_seconds) {
  return parse_seconds_value("seconds", text, max_seconds);
}

DelayParseResult parse_seconds_value(std::string_view name, std::string_view text, double max_seconds) {
  auto fail = [name](std::string sentence, double max) { return failure(std::move(sentence), max, name); };
  std::string shown = std::string(name) + "=" + quoted_for_message(text);
  if (text.empty()) return fail("The " + std::string(name) + " parameter is empty.", max_seconds);
  std::string_view digits = text;
  if (digits.front() == '+') digits.remove_prefix(1);  // Python's float() accepts it too
  double value = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  bool whole = end == digits.data() + digits.size();
  if (ec == std::errc::result_out_of_range && whole) {
    // Too large, or closer to 0 than any double: Python's float() makes the second 0.0,
    // and so does this (a wait no clock could measure anyway).
    if (std::isinf(std::strtod(std::string(digits).c_str(), nullptr)))
      return fail(shown + " is out of range.", max_seconds);
    value = 0;
    ec = std::errc{};
  }
  if (ec != std::errc{} || !whole || digits.empty() || digits.front() == '+')
    return fail(shown + " is not a number.", max_seconds);
  if (std::isnan(value)) return fail(shown + " is not a number.", max_seconds);
  if (std::isinf(value)) return fail(shown + " is infinite.", max_seconds);
  if (value < 0) return fail(shown + " is negative.", max_seconds);
  if (value > max_seconds)
    return fail(shown + " is more than the maximum delay of " + format_seconds(max_seconds) + " seconds.",
                max_seconds);
  DelayParseResult result;
  result.ok = true;
  result.delay.value = value == 0 ? 0.0 : value;  // "-0" is zero, printed without its sign
  result.delay.text = format_seconds(result.delay.value);
  return result;
}

std::string find_single_parameter(const std::vector<QueryParameter>& parameters, std::string_view name,
                                  const QueryParameter*& found) {
  found = nullptr;
  std::string n{name};
  for (const auto& parameter : parameters) {
    if (parameter.name != name) {
      // Seconds=5 would otherwise be ignored like any unknown parameter, and mean 0.
      if (boost::beast::iequals(parameter.name, name))
        return "The parameter is named '" + n + "', all in lower case; " + quoted_for_message(parameter.name) +
               " would be ignored" + (name == "seconds" ? " and mean no wait at all." : ".");
      continue;
    }
    if (found) return "The " + n + " parameter was given more than once; give it exactly once.";
    found = &parameter;
  }
  return {};
}

DelayParseResult parse_seconds_parameter(const std::vector<QueryParameter>& parameters, std::string_view name,
                                         double max_seconds, double if_missing) {
  const QueryParameter* given = nullptr;
  std::string problem = find_single_parameter(parameters, name, given);
  if (!problem.empty()) return failure(std::move(problem), max_seconds, name);
  if (!given) {
    DelayParseResult result;
    result.ok = true;
    result.delay.value = if_missing;
    result.delay.text = format_seconds(if_missing);
    return result;
  }
  return parse_seconds_value(name, given->value, max_seconds);
}

DelayParseResult parse_delay_query(std::string_view raw_query, double max_seconds) {
  auto parameters = parse_query(raw_query);
  if (!parameters)
    return failure("The query string has a malformed %-escape.", max_seconds);
  return parse_seconds_parameter(*parameters, "seconds", max_seconds, 0);
}

}  // namespace looplab::backend
