#include "logger.hpp"

#include <unistd.h>

#include <string>

#include "wall_clock.hpp"

namespace looplab::backend {

void Logger::info(std::string_view message) { write_line("info", message); }
void Logger::warn(std::string_view message) { write_line("warning", message); }
void Logger::error(std::string_view message) { write_line("error", message); }

void Logger::fail(const boost::system::error_code& ec, std::string_view what) {
  std::string message{what};
  message += ": ";
  message += ec.message();
  write_line("error", message);
}

void Logger::write_line(std::string_view level, std::string_view message) {
  std::string line;
  line.reserve(message.size() + 64);
  append_iso_timestamp(line);
  line += " looplab-backend ";
  line += level;
  line += ": ";
  line += message;
  line += '\n';
  // One write per line keeps lines whole when several processes share the terminal.
  std::string_view rest = line;
  while (!rest.empty()) {
    ssize_t n = ::write(STDERR_FILENO, rest.data(), rest.size());
    if (n <= 0) return;
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace looplab::backend
