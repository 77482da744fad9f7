#include "server/connection_slots.hpp"

namespace looplab::backend {

ConnectionSlots::Slot& ConnectionSlots::Slot::operator=(Slot&& other) noexcept {
  if (this != &other) {
    release();
    owner_ = other.owner_;
    reserved_ = other.reserved_;
    other.owner_ = nullptr;
  }
  return *this;
}

void ConnectionSlots::Slot::release() {
  if (!owner_) return;
  (reserved_ ? owner_->reserved_open_ : owner_->open_).fetch_sub(1, std::memory_order_relaxed);
  owner_ = nullptr;
}

bool ConnectionSlots::take(std::atomic<std::size_t>& counter, std::size_t limit) {
  std::size_t now = counter.load(std::memory_order_relaxed);
  do {
    if (now >= limit) return false;
  } while (!counter.compare_exchange_weak(now, now + 1, std::memory_order_relaxed));
  return true;
}

std::optional<ConnectionSlots::Slot> ConnectionSlots::acquire() {
  if (!take(open_, limit_)) return std::nullopt;
  return Slot(this, false);
}

std::optional<ConnectionSlots::Slot> ConnectionSlots::acquire_reserved() {
  if (!take(reserved_open_, reserve_)) return std::nullopt;
  return Slot(this, true);
}

}  // namespace looplab::backend
