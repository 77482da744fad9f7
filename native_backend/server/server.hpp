#pragma once
// Owns the listening sockets and every open connection: enforces the connection limit,
// sweeps timeouts, and drives graceful shutdown.
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
  bool stopping() const { return stopping_; }
  // Runs once the last connection closed after begin_shutdown.
  void on_drained(std::function<void()> callback) { on_drained_ = std::move(callback); }

  // For sessions.
  ServerContext& context() { return context_; }
  const ServerConfig& config() const { return context_.config; }
  const Router& router() const { return router_; }
  AccessLog& access_log() { return context_.access_log; }
  void count_request() { context_.stats.requests_served.fetch_add(1, std::memory_order_relaxed); }
  void add_session(Session& session);
  void remove_session(Session& session);

 private:
  void on_accepted(tcp::socket socket);
  // Past the cap: answers the liveness probe, and 503 to anything else.
  Awaitable<void> answer_at_capacity(tcp::socket socket, ConnectionSlots::Slot slot);
  Awaitable<void> sweep_timeouts();
  void check_drained();

  ServerContext& context_;
  ConnectionSlots& slots_;
  Router& router_;
  Listener listener_;
  asio::steady_timer sweep_timer_;
  // Touched on the event-loop thread only. (Several loop threads will each need a
  // list of their own, swept on their own thread.)
  std::list<Session*> sessions_;
  bool stopping_ = false;
  std::function<void()> on_drained_;
};

}  // namespace looplab::backend
