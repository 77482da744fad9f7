#include "concurrency/run_admission.hpp"

namespace looplab::backend {

RunAdmission::Outcome RunAdmission::admit(const std::string& client) {
  std::lock_guard lock(mutex_);
  if (clients_.count(client)) return {Refusal::client_busy, nullptr};
  if (clients_.size() >= max_runs_) return {Refusal::at_cap, nullptr};
  clients_.insert(client);
  auto self = shared_from_this();
  return {Refusal::none, std::shared_ptr<void>(nullptr, [self, client](void*) { self->release(client); })};
}

std::size_t RunAdmission::running() const {
  std::lock_guard lock(mutex_);
  return clients_.size();
}

void RunAdmission::release(const std::string& client) {
  std::lock_guard lock(mutex_);
  clients_.erase(client);
}

}  // namespace looplab::backend
