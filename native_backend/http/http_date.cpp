#include "http/http_date.hpp"

#include <array>
#include <charconv>
#include <chrono>

namespace looplab::backend {
namespace {

constexpr std::array<std::string_view, 7> day_names{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool parse_int(std::string_view text, int& value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::string format_http_date(std::time_t when) {
  std::tm parts{};
  gmtime_r(&when, &parts);
  char text[40];
  int n = std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                        day_names[static_cast<std::size_t>(parts.tm_wday)].data(), parts.tm_mday,
                        month_names[static_cast<std::size_t>(parts.tm_mon)].data(), parts.tm_year + 1900,
                        parts.tm_hour, parts.tm_min, parts.tm_sec);
  return std::string(text, static_cast<std::size_t>(n));
}

std::optional<std::time_t> parse_http_date(std::string_view text) {
  // "Sun, 06 Nov 1994 08:49:37 GMT" is exactly 29 characters.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT")
    return std::nullopt;
  std::tm parts{};
  int month = -1;
  for (std::size_t i = 0; i < month_names.size(); ++i)
    if (text.substr(8, 3) == month_names[i]) month = static_cast<int>(i);
  if (month < 0) return std::nullopt;
  int year = 0;
  if (!parse_int(text.substr(5, 2), parts.tm_mday) || !parse_int(text.substr(12, 4), year) ||
      !parse_int(text.substr(17, 2), parts.tm_hour) || !parse_int(text.substr(20, 2), parts.tm_min) ||
      !parse_int(text.substr(23, 2), parts.tm_sec))
    return std::nullopt;
  if (parts.tm_mday < 1 || parts.tm_mday > 31 || parts.tm_hour > 23 || parts.tm_min > 59 || parts.tm_sec > 60)
    return std::nullopt;
  parts.tm_mon = month;
  parts.tm_year = year - 1900;
  return timegm(&parts);
}

std::string_view current_http_date() {
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != cached_second) {
    cached = format_http_date(now);
    cached_second = now;
  }
  return cached;
}

}  // namespace looplab::backend
