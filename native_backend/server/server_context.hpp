#pragma once
// What every endpoint may use, for the life of the server.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "ops/access_log.hpp"
#include "http/asio_beast.hpp"
#include "server/config.hpp"
#include "server/connection_slots.hpp"
#include "server/event_loops.hpp"
#include "ops/health_registry.hpp"
#include "ops/logger.hpp"

namespace looplab::backend {

// Counters any thread may bump or read.
struct ServerStats {
  std::atomic<std::uint64_t> requests_served{0};
  std::atomic<std::uint64_t> connections_refused{0};  // answered 503 because of --max-connections
  std::atomic<bool> stopping{false};                   // shutdown has begun
  std::atomic<std::uint16_t> listening_port{0};        // set once bound (endpoints that call this server)
};

struct ServerContext {
  EventLoops& loops;  // --threads event loops; an endpoint runs on its connection's
  const ServerConfig& config;
  const po::variables_map& options;  // includes options that components added
  Logger& log;
  AccessLog& access_log;
  HealthRegistry& health;
  ServerStats& stats;
  const ConnectionSlots& slots;  // open connections against --max-connections
  std::chrono::steady_clock::time_point started_at;
  // Run once when shutdown begins (e.g. a pool stops reconnecting and answers its
  // waiters). In-flight requests still finish during the grace period.
  std::vector<std::function<void()>> shutdown_hooks;
  // Run once when the grace period ends, before the connections on every loop are cut
  // (e.g. the worker pool starts no more queued jobs on threads the cuts free).
  std::vector<std::function<void()>> grace_over_hooks;
};

}  // namespace looplab::backend
