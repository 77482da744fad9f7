#pragma once
// Tells a waiting endpoint to give up: the client went away, or the server is shutting
// down. (Boost 1.74 predates Asio's per-operation cancellation, hence this small type.)
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace looplab::backend {

// Why a request was cancelled: a vanished client is routine (the access log shows 499),
// a shutdown cut is worth a log line.
enum class CancelCause { none, client_gone, server_shutdown };

class CancelSignal {
 public:
  using Handler = std::function<void()>;

  // Unsubscribes when destroyed, so a handler never outlives what it cancels.
  class Subscription {
   public:
    Subscription() = default;
    Subscription(CancelSignal* signal, std::uint64_t id) : signal_(signal), id_(id) {}
    Subscription(Subscription&& other) noexcept : signal_(other.signal_), id_(other.id_) { other.signal_ = nullptr; }
    Subscription& operator=(Subscription&& other) noexcept;
    Subscription(const Subscription&) = delete;
    Subscription& operator=(const Subscription&) = delete;
    ~Subscription() { reset(); }
    void reset();

   private:
    CancelSignal* signal_ = nullptr;
    std::uint64_t id_ = 0;
  };

  // The handler runs once, on cancel(); immediately if already cancelled.
  [[nodiscard]] Subscription subscribe(Handler handler);
  void cancel(CancelCause cause, std::string reason);
  bool cancelled() const { return cause_ != CancelCause::none; }
  CancelCause cause() const { return cause_; }
  const std::string& reason() const { return reason_; }

  // Runs when the first handler subscribes: the session watches for a vanished client
  // only while an endpoint is actually waiting, which keeps instant replies cheap.
  void on_first_subscriber(std::function<void()> hook) { first_subscriber_hook_ = std::move(hook); }

  // Makes the signal fresh for the next request on the same connection.
  void reset();

 private:
  struct Entry {
    std::uint64_t id;
    Handler handler;
  };
  void unsubscribe(std::uint64_t id);

  std::vector<Entry> handlers_;
  std::function<void()> first_subscriber_hook_;
  std::uint64_t next_id_ = 1;
  CancelCause cause_ = CancelCause::none;
  bool hook_ran_ = false;
  std::string reason_;
};

}  // namespace looplab::backend
