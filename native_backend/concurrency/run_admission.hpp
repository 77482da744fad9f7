#pragma once
// Who may start a concurrency run: one run per client at a time (429), and at most
// max_runs at once for everybody (503), because each run fills the machine's cores
// and may hold thousands of threads.
#include <cstddef>
#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace looplab::backend {

class RunAdmission : public std::enable_shared_from_this<RunAdmission> {
 public:
  explicit RunAdmission(std::size_t max_runs) : max_runs_(max_runs) {}

  enum class Refusal { none, client_busy, at_cap };
  struct Outcome {
    Refusal refusal = Refusal::none;
    std::shared_ptr<void> ticket;  // the run's place: released when the last copy goes
  };
  // Any thread. `client` is the client's address.
  Outcome admit(const std::string& client);

  std::size_t max_runs() const { return max_runs_; }
  std::size_t running() const;

 private:
  void release(const std::string& client);

  const std::size_t max_runs_;
  mutable std::mutex mutex_;
  std::set<std::string> clients_;
};

}  // namespace looplab::backend
