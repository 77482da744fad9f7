#include "server/open_file_limit.hpp"

#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace looplab::backend {

OpenFileLimit raise_open_file_limit() {
  OpenFileLimit result;
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
    result.problem = std::string("getrlimit: ") + std::strerror(errno);
    return result;
  }
  if (limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
      limit = raised;
    else
      result.problem = std::string("setrlimit: ") + std::strerror(errno);
  }
  result.soft = limit.rlim_cur;
  result.hard = limit.rlim_max;
  return result;
}

}  // namespace looplab::backend
