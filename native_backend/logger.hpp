#pragma once
// The single path for events and errors (stderr). The access log is separate (stdout).
#include <string_view>

#include <boost/system/error_code.hpp>

namespace looplab::backend {

class Logger {
 public:
  void info(std::string_view message);
  void warn(std::string_view message);
  void error(std::string_view message);
  // Every failed operation is reported here: what we were doing, and why it failed.
  void fail(const boost::system::error_code& ec, std::string_view what);

 private:
  void write_line(std::string_view level, std::string_view message);
};

}  // namespace looplab::backend
