#pragma once
// URL query strings and percent-decoding, the way Django's QueryDict reads them:
// pairs split on '&', '+' is a space, a name without '=' has an empty value.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace looplab::backend {

struct QueryParameter {
  std::string name;
  std::string value;
};

// nullopt when an escape is malformed (e.g. "%zz" or a lone "%").
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// nullopt when any name or value is malformed.
std::optional<std::vector<QueryParameter>> parse_query(std::string_view query);

// Splits a request target into its path and query (the query without its '?').
std::pair<std::string_view, std::string_view> split_target(std::string_view target);

}  // namespace looplab::backend
