#include "database/cancel_request.hpp"

#include <utility>

namespace looplab::db {

void CancelRequest::cancel(std::string reason) {
  if (state_->requested) return;
  state_->requested = true;
  state_->reason = std::move(reason);
  if (auto action = std::exchange(state_->action, nullptr)) action();
}

void CancelRequest::arm(std::function<void()> action) {
  if (state_->requested) {
    action();
    return;
  }
  state_->action = std::move(action);
}

void CancelRequest::cancel_if_alive(const std::weak_ptr<void>& weak, std::string reason) {
  if (auto state = std::static_pointer_cast<State>(weak.lock())) {
    CancelRequest request;
    request.state_ = std::move(state);
    request.cancel(std::move(reason));
  }
}

}  // namespace looplab::db
