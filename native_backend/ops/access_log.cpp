#include "ops/access_log.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "ops/wall_clock.hpp"

namespace looplab::backend {
namespace {

constexpr std::size_t longest_logged_target = 2048;

std::string format_rate(double rate) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", rate);
  return text;
}

void append_number(std::string& out, std::uint64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

// Targets come from the network: control bytes and quotes are escaped so a request
// cannot forge or break a log line.
void append_escaped(std::string& out, std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  bool truncated = text.size() > longest_logged_target;
  if (truncated) text = text.substr(0, longest_logged_target);
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (truncated) out += "...";
}

}  // namespace

void append_access_fields(std::string& out, const AccessRecord& entry) {
  out += entry.remote;
  out += " \"";
  append_escaped(out, entry.method);
  out += ' ';
  append_escaped(out, entry.target);
  out += "\" ";
  append_number(out, entry.status);
  out += ' ';
  append_number(out, entry.body_bytes);
  out += "B ";
  auto micros = std::chrono::duration_cast<std::chrono::microseconds>(entry.duration).count();
  append_number(out, static_cast<std::uint64_t>(micros / 1000));
  out += '.';
  auto fraction = static_cast<std::uint64_t>(micros % 1000);
  if (fraction < 100) out += '0';
  if (fraction < 10) out += '0';
  append_number(out, fraction);
  out += "ms";
  if (!entry.outcome.empty()) {
    out += ' ';
    out += entry.outcome;
  }
}

AccessLog::AccessLog(int fd, bool enabled, double lines_per_second)
    : sink_(fd, 1024 * 1024, "access-log"),
      enabled_(enabled),
      rate_(lines_per_second),
      tokens_(lines_per_second),
      refilled_at_(std::chrono::steady_clock::now()) {}

bool AccessLog::take_token(std::chrono::steady_clock::time_point now) {
  if (rate_ <= 0) return true;
  double elapsed = std::chrono::duration<double>(now - refilled_at_).count();
  refilled_at_ = now;
  tokens_ = std::min(rate_, tokens_ + elapsed * rate_);  // a burst of one second's worth at most
  if (tokens_ < 1) return false;
  tokens_ -= 1;
  return true;
}

void AccessLog::record(const AccessRecord& entry) {
  if (!enabled_) return;
  std::string line;
  line.reserve(128 + std::min<std::size_t>(entry.target.size(), longest_logged_target));
  {
    std::lock_guard lock(mutex_);
    if (!take_token(std::chrono::steady_clock::now())) {
      ++over_rate_;
      ++over_rate_unreported_;
      return;
    }
    if (over_rate_unreported_ > 0) {
      append_iso_timestamp(line);
      line += " - access-log lines dropped: " + std::to_string(over_rate_unreported_) + " (over --access-log-rate " +
              format_rate(rate_) + " lines a second)\n";
      over_rate_unreported_ = 0;
    }
  }
  append_iso_timestamp(line);
  line += ' ';
  append_access_fields(line, entry);
  line += '\n';
  sink_.append(line);
}

void AccessLog::flush() { sink_.flush(std::chrono::milliseconds(1000)); }

std::uint64_t AccessLog::dropped_lines() const {
  std::lock_guard lock(mutex_);
  return over_rate_ + sink_.dropped_lines();
}

}  // namespace looplab::backend
