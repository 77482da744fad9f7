#include "http/cancel_signal.hpp"

#include <algorithm>

namespace looplab::backend {

CancelSignal::Subscription& CancelSignal::Subscription::operator=(Subscription&& other) noexcept {
  if (this != &other) {
    reset();
    signal_ = other.signal_;
    id_ = other.id_;
    other.signal_ = nullptr;
  }
  return *this;
}

void CancelSignal::Subscription::reset() {
  if (signal_) signal_->unsubscribe(id_);
  signal_ = nullptr;
}

CancelSignal::Subscription CancelSignal::subscribe(Handler handler) {
  if (cancelled()) {
    handler();
    return {};
  }
  std::uint64_t id = next_id_++;
  handlers_.push_back({id, std::move(handler)});
  if (!hook_ran_ && first_subscriber_hook_) {
    hook_ran_ = true;
    first_subscriber_hook_();  // may cancel at once if the client is already gone
  }
  return Subscription{this, id};
}

void CancelSignal::cancel(CancelCause cause, std::string reason) {
  if (cancelled() || cause == CancelCause::none) return;
  cause_ = cause;
  reason_ = std::move(reason);
  // Handlers may unsubscribe others while running: work on a detached copy.
  auto handlers = std::move(handlers_);
  handlers_.clear();
  for (auto& entry : handlers) entry.handler();
}

void CancelSignal::unsubscribe(std::uint64_t id) {
  handlers_.erase(std::remove_if(handlers_.begin(), handlers_.end(), [id](const Entry& e) { return e.id == id; }),
                  handlers_.end());
}

void CancelSignal::reset() {
  handlers_.clear();
  cause_ = CancelCause::none;
  hook_ran_ = false;
  reason_.clear();
}

}  // namespace looplab::backend
