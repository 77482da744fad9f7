#pragma once
// The "seconds" parameter of /delay-me: what counts as valid, and how it is echoed back.
#include <string>
#include <string_view>
#include <vector>

#include "http/query_string.hpp"

namespace looplab::backend {

struct DelaySeconds {
  double value = 0;   // what the server sleeps
  std::string text;   // what the reply prints: "10", "0.25"
};

struct DelayParseResult {
  bool ok = false;
  DelaySeconds delay;
  std::string error;  // a sentence saying what was wrong and what is allowed
};

// Reads "seconds" from a raw query string. Missing means 0, like the Django original.
DelayParseResult parse_delay_query(std::string_view raw_query, double max_seconds);

// Checks one already-decoded value.
DelayParseResult parse_delay_value(std::string_view text, double max_seconds);

// The same rules and sentences for any parameter that holds seconds (e.g. /ticks'
// "every"); `if_missing` is the value when the parameter is absent.
DelayParseResult parse_seconds_value(std::string_view name, std::string_view text, double max_seconds);
DelayParseResult parse_seconds_parameter(const std::vector<QueryParameter>& parameters, std::string_view name,
                                         double max_seconds, double if_missing);

// The rules every named parameter follows: at most once, and named in lower case (a
// "Seconds=5" would otherwise be ignored). Sets `found` (nullptr when absent) and
// returns "" when the rules hold, else the sentence saying which one broke.
std::string find_single_parameter(const std::vector<QueryParameter>& parameters, std::string_view name,
                                  const QueryParameter*& found);

// The shortest plain decimal that reads back as exactly this value: 10 -> "10",
// 0.25 -> "0.25", 1e-7 -> "0.0000001" (never exponent notation, which the original never printed).
std::string format_seconds(double seconds);

}  // namespace looplab::backend
