#pragma once
// How many connections may be open at once, counted without locks so any number of
// threads can take and give back slots. A few slots past the limit are held back for
// probes: at the limit, the liveness probe must still get an answer ("alive"), or an
// orchestrator would restart a busy server and cut every request in flight.
#include <atomic>
#include <cstddef>
#include <optional>

namespace looplab::backend {

class ConnectionSlots {
 public:
  // A taken slot; given back when destroyed.
  class Slot {
   public:
    Slot() = default;
    Slot(Slot&& other) noexcept : owner_(other.owner_), reserved_(other.reserved_) { other.owner_ = nullptr; }
    Slot& operator=(Slot&& other) noexcept;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    ~Slot() { release(); }
    bool reserved() const { return reserved_; }
    void release();

   private:
    friend class ConnectionSlots;
    Slot(ConnectionSlots* owner, bool reserved) : owner_(owner), reserved_(reserved) {}
    ConnectionSlots* owner_ = nullptr;
    bool reserved_ = false;
  };

  ConnectionSlots(std::size_t limit, std::size_t reserve) : limit_(limit), reserve_(reserve) {}

  // A slot within the limit, or nothing at the limit.
  std::optional<Slot> acquire();
  // One of the few slots past the limit, for answering probes; nothing when those are taken too.
  std::optional<Slot> acquire_reserved();

  std::size_t open() const { return open_.load(std::memory_order_relaxed); }
  std::size_t limit() const { return limit_; }
  bool at_limit() const { return open() >= limit_; }

 private:
  static bool take(std::atomic<std::size_t>& counter, std::size_t limit);

  const std::size_t limit_;
  const std::size_t reserve_;
  std::atomic<std::size_t> open_{0};
  std::atomic<std::size_t> reserved_open_{0};
};

}  // namespace looplab::backend
