#include "access_log.hpp"

#include <unistd.h>

#include <charconv>

#include "wall_clock.hpp"

namespace looplab::backend {
namespace {

constexpr std::size_t flush_threshold = 32 * 1024;
constexpr std::size_t longest_logged_target = 2048;

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
}

AccessLog::AccessLog(asio::any_io_executor executor, int fd, bool enabled)
    : flush_timer_(std::move(executor)), fd_(fd), enabled_(enabled) {}

void AccessLog::record(const AccessRecord& entry) {
  if (!enabled_) return;
  append_iso_timestamp(pending_);
  pending_ += ' ';
  append_access_fields(pending_, entry);
  pending_ += '\n';
  if (pending_.size() >= flush_threshold)
    flush();
  else
    schedule_flush();
}

void AccessLog::schedule_flush() {
  if (flush_scheduled_) return;
  flush_scheduled_ = true;
  flush_timer_.expires_after(std::chrono::milliseconds(100));
  flush_timer_.async_wait([this](const error_code&) {
    flush_scheduled_ = false;
    flush();
  });
}

void AccessLog::flush() {
  std::string_view rest = pending_;
  while (!rest.empty()) {
    ssize_t n = ::write(fd_, rest.data(), rest.size());
    if (n <= 0) break;  // stdout gone: dropping log lines beats stopping the server
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  pending_.clear();
}

}  // namespace looplab::backend
