#include "concurrency/worker_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace looplab::backend {
namespace {

// Closes what it holds unless released: the spawn's error paths leak nothing.
struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
  int release() { return std::exchange(fd, -1); }
};

struct SpawnSetup {
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attributes;
  SpawnSetup() {
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
  }
  ~SpawnSetup() {
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
  }
};

}  // namespace

WorkerProcess::WorkerProcess(const asio::any_io_executor& executor, const std::string& program,
                             const std::vector<std::string>& arguments)
    : output_(executor) {
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("The worker script's pipe could not be made: ") + std::strerror(errno) + ".");
  FileDescriptor read_end{ends[0]}, write_end{ends[1]};

  SpawnSetup setup;
  // dup2 clears close-on-exec on the copy: the script's stdout is the pipe, nothing else leaks in.
  posix_spawn_file_actions_addopen(&setup.actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&setup.actions, write_end.fd, STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&setup.actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawnattr_setpgroup(&setup.attributes, 0);  // a group of its own, led by the script
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGPIPE);  // the backend ignores SIGPIPE; the script should not inherit that
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&setup.attributes, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&setup.attributes, &none);
  posix_spawnattr_setflags(&setup.attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
  argv.push_back(nullptr);
  char path[] = "PATH=/usr/bin:/bin";
  char lang[] = "LANG=C.UTF-8";
  char* environment[] = {path, lang, nullptr};

  int error = ::posix_spawn(&pid_, program.c_str(), &setup.actions, &setup.attributes, argv.data(), environment);
  if (error != 0)
    throw std::runtime_error("The worker script could not be started with " + program + ": " + std::strerror(error) +
                             ".");
  output_.assign(read_end.release());
}

void WorkerProcess::kill_group() {
  if (pid_ > 0 && !reaped_) ::kill(-pid_, SIGKILL);
}

bool WorkerProcess::try_reap() {
  if (reaped_) return true;
  pid_t done = ::waitpid(pid_, &status_, WNOHANG);
  if (done == pid_ || (done < 0 && errno == ECHILD)) reaped_ = true;
  return reaped_;
}

WorkerProcess::~WorkerProcess() {
  if (pid_ <= 0 || reaped_) return;
  // Pool processes left over after the script exited still hold the group's id.
  kill_group();
  // After SIGKILL this wait is a matter of milliseconds; waiting is what keeps
  // zombies from piling up.
  while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace looplab::backend
