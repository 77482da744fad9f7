#pragma once
// Owns the listening sockets and every open connection: enforces the connection limit,
// sweeps timeouts, and drives graceful shutdown, on every event loop (event_loops.hpp).
// The listening sockets are on loop 0, which hands accepted connections to the loops
// in turn; each loop keeps the list of its own connections and sweeps it itself.
#include <atomic>
#include <chrono>
#include <functional>
#include <list>
#include <memory>
#include <vector>

#include "ops/access_log.hpp"
#include "http/asio_beast.hpp"
#include "server/listener.hpp"
#include "http/router.hpp"
#include "server/server_context.hpp"

namespace looplab::backend {

class Session;

class Server {
 public:
  Server(ServerContext& context, ConnectionSlots& slots, Router& router);

  // Binds every listen address; throws std::runtime_error with a readable sentence.
  void listen();
  std::uint16_t port() const { return listener_.port(); }
  void start();

  void begin_shutdown(const std::string& reason);
  void end_grace(const std::string& reason);
  bool stopping() const { return stopping_.load(std::memory_order_acquire); }
  // Runs on loop 0 once the last connection of every loop closed after begin_shutdown.
  void on_drained(std::function<void()> callback) { on_drained_ = std::move(callback); }

  // For sessions.
  ServerContext& context() { return context_; }
  const ServerConfig& config() const { return context_.config; }
  const Router& router() const { return router_; }
  AccessLog& access_log() { return context_.access_log; }
  void count_request() { context_.stats.requests_served.fetch_add(1, std::memory_order_relaxed); }
  // On the session's own loop (Session::loop_index).
  void add_session(Session& session);
  void remove_session(Session& session);

 private:
  // One event loop's connections, touched on that loop's thread only.
  struct LoopSessions {
    explicit LoopSessions(asio::io_context& io) : io(io), sweep_timer(io) {}
    asio::io_context& io;
    asio::steady_timer sweep_timer;
    std::list<Session*> sessions;
    bool drained = false;
  };

  void on_accepted(tcp::socket socket, std::size_t loop_index);
  // Past the cap: answers the liveness probe, and 503 to anything else.
  Awaitable<void> answer_at_capacity(tcp::socket socket, ConnectionSlots::Slot slot);
  Awaitable<void> sweep_timeouts(LoopSessions& loop);
  void check_drained(LoopSessions& loop);

  ServerContext& context_;
  ConnectionSlots& slots_;
  Router& router_;
  Listener listener_;
  std::vector<std::unique_ptr<LoopSessions>> loops_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> drained_loops_{0};
  std::function<void()> on_drained_;
};

}  // namespace looplab::backend
