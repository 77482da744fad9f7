#pragma once
// HTTP dates (RFC 9110 IMF-fixdate): Date, Last-Modified and If-Modified-Since.
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace looplab::backend {

// "Sun, 06 Nov 1994 08:49:37 GMT"
std::string format_http_date(std::time_t when);

// Accepts IMF-fixdate only (what every current browser sends); nullopt for anything else.
std::optional<std::time_t> parse_http_date(std::string_view text);

// The Date header for "now", recomputed at most once per second.
std::string_view current_http_date();

}  // namespace looplab::backend
