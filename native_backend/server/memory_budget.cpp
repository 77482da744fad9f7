#include "server/memory_budget.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>

namespace looplab::backend {

std::uint64_t worst_case_connection_bytes(std::uint32_t header_limit) {
  return 2ull * header_limit + per_connection_overhead_bytes;
}

namespace {

std::uint64_t streams_share(std::uint64_t memory) {
  return memory <= memory_reserve_bytes ? 0 : (memory - memory_reserve_bytes) / stream_share_divisor;
}

}  // namespace

std::size_t connections_fitting(std::uint64_t memory, std::uint32_t header_limit) {
  if (memory <= memory_reserve_bytes) return 1;
  std::uint64_t for_connections = memory - memory_reserve_bytes - streams_share(memory);
  return static_cast<std::size_t>(std::max<std::uint64_t>(1, for_connections / worst_case_connection_bytes(header_limit)));
}

std::size_t streams_fitting(std::uint64_t memory, std::uint64_t stream_bytes) {
  return static_cast<std::size_t>(std::max<std::uint64_t>(1, streams_share(memory) / std::max<std::uint64_t>(1, stream_bytes)));
}

namespace {

std::optional<std::uint64_t> read_limit(const std::string& file) {
  std::ifstream in(file);
  std::string text;
  if (!(in >> text) || text == "max") return std::nullopt;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  // cgroup v1 says "no limit" with a huge number (LONG_MAX rounded to pages).
  if (ec != std::errc{} || value == 0 || value >= (1ull << 60)) return std::nullopt;
  return value;
}

}  // namespace

std::optional<std::uint64_t> container_memory_limit(const std::string& cgroup_root) {
  if (auto v2 = read_limit(cgroup_root + "/memory.max")) return v2;
  return read_limit(cgroup_root + "/memory/memory.limit_in_bytes");
}

std::optional<std::uint64_t> parse_byte_size(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && (std::isdigit(static_cast<unsigned char>(text[digits])) || text[digits] == '.'))
    ++digits;
  if (digits == 0) return std::nullopt;
  double number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + digits, number);
  if (ec != std::errc{} || end != text.data() + digits || !std::isfinite(number)) return std::nullopt;
  std::string unit;
  for (char c : text.substr(digits))
    if (c != ' ') unit += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  double scale;
  if (unit.empty() || unit == "b") scale = 1;
  else if (unit == "k" || unit == "kb" || unit == "kib") scale = 1024.0;
  else if (unit == "m" || unit == "mb" || unit == "mib") scale = 1024.0 * 1024;
  else if (unit == "g" || unit == "gb" || unit == "gib") scale = 1024.0 * 1024 * 1024;
  else return std::nullopt;
  double bytes = number * scale;
  if (bytes < 1 || bytes > 1e18) return std::nullopt;
  return static_cast<std::uint64_t>(bytes);
}

std::string describe_bytes(std::uint64_t bytes) {
  char text[32];
  if (bytes >= (1ull << 30))
    std::snprintf(text, sizeof text, "%.3g GiB", static_cast<double>(bytes) / (1ull << 30));
  else if (bytes < (1ull << 20))
    std::snprintf(text, sizeof text, "%.4g KiB", static_cast<double>(bytes) / (1ull << 10));
  else
    std::snprintf(text, sizeof text, "%.4g MiB", static_cast<double>(bytes) / (1ull << 20));
  return text;
}

}  // namespace looplab::backend
