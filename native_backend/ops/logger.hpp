#pragma once
// The single path for events and errors (stderr). The access log is separate (stdout).
// Lines go through a LogSink: writing them never blocks the caller, from any thread.
#include <cstdint>
#include <string_view>

#include <boost/system/error_code.hpp>

#include "ops/log_sink.hpp"

namespace looplab::backend {

class Logger {
 public:
  Logger();
  void info(std::string_view message);
  void warn(std::string_view message);
  void error(std::string_view message);
  // Every failed operation is reported here: what we were doing, and why it failed.
  void fail(const boost::system::error_code& ec, std::string_view what);
  void flush();
  std::uint64_t dropped_lines() const { return sink_.dropped_lines(); }

 private:
  void write_line(std::string_view level, std::string_view message);
  LogSink sink_;
};

}  // namespace looplab::backend
