#pragma once
// The worker script as a child process: started in a process group of its own (so one
// signal reaches the multiprocessing children too), its stdout a pipe read through
// Asio without blocking the event loop, stdin and stderr /dev/null.
#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include <boost/asio/posix/stream_descriptor.hpp>

#include "http/asio_beast.hpp"

namespace looplab::backend {

class WorkerProcess {
 public:
  // Runs `program` with `arguments` (no shell) and a minimal environment; throws
  // std::runtime_error with a sentence when it cannot start.
  WorkerProcess(const asio::any_io_executor& executor, const std::string& program,
                const std::vector<std::string>& arguments);
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;
  // Kills the group and reaps the script: no process of a run outlives it.
  ~WorkerProcess();

  asio::posix::stream_descriptor& output() { return output_; }
  pid_t pid() const { return pid_; }
  // SIGKILL to the whole group (the script and its pool processes). Idempotent.
  void kill_group();
  // Reaps the script if it has exited; true once it has. `status` as from waitpid.
  bool try_reap();
  int exit_status() const { return status_; }

 private:
  asio::posix::stream_descriptor output_;
  pid_t pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;
};

}  // namespace looplab::backend
