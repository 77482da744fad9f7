#pragma once
// What every endpoint may use, for the life of the server.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

#include "asio_beast.hpp"
#include "config.hpp"
#include "health_registry.hpp"
#include "logger.hpp"

namespace looplab::backend {

struct ServerStats {
  std::size_t open_connections = 0;
  std::uint64_t requests_served = 0;
  std::uint64_t connections_refused = 0;  // answered 503 because of --max-connections
};

struct ServerContext {
  asio::io_context& io;
  const ServerConfig& config;
  const po::variables_map& options;  // includes options that components added
  Logger& log;
  HealthRegistry& health;
  const ServerStats& stats;
  std::chrono::steady_clock::time_point started_at;
  // Run once when shutdown begins (e.g. a pool stops reconnecting). In-flight
  // requests still finish during the grace period.
  std::vector<std::function<void()>> shutdown_hooks;
};

}  // namespace looplab::backend
