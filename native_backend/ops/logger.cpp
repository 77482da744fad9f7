#include "ops/logger.hpp"

#include <unistd.h>

#include <string>

#include "ops/wall_clock.hpp"

namespace looplab::backend {

// Errors come in bursts (the database gone, every request failing): 256 KiB holds
// thousands of lines until the reader catches up.
Logger::Logger() : sink_(STDERR_FILENO, 256 * 1024, "event-log") {}

void Logger::info(std::string_view message) { write_line("info", message); }
void Logger::warn(std::string_view message) { write_line("warning", message); }
void Logger::error(std::string_view message) { write_line("error", message); }

void Logger::fail(const boost::system::error_code& ec, std::string_view what) {
  std::string message{what};
  message += ": ";
  message += ec.message();
  write_line("error", message);
}

void Logger::flush() { sink_.flush(std::chrono::milliseconds(1000)); }

void Logger::write_line(std::string_view level, std::string_view message) {
  std::string line;
  line.reserve(message.size() + 64);
  append_iso_timestamp(line);
  line += " looplab-backend ";
  line += level;
  line += ": ";
  line += message;
  line += '\n';
  sink_.append(line);  // whole lines, so lines stay whole when processes share a terminal
}

}  // namespace looplab::backend
