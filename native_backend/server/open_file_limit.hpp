#pragma once
// Each connection is a file descriptor; the default soft limit (1024) would cap the
// server far below --max-connections.
#include <cstdint>
#include <string>

namespace looplab::backend {

struct OpenFileLimit {
  std::uint64_t soft = 0;
  std::uint64_t hard = 0;
  std::string problem;  // empty when raising worked
};

// Raises the soft RLIMIT_NOFILE to the hard limit.
OpenFileLimit raise_open_file_limit();

}  // namespace looplab::backend
