#include "endpoints/health_endpoint.hpp"

#include <chrono>
#include <cmath>

#include "http/json_response.hpp"

namespace looplab::backend {

Awaitable<Response> HealthEndpoint::handle(const Request& request, RequestContext& context) {
  const ServerContext& server = context.server;
  bool all_healthy = true;
  nlohmann::json components = server.health.report(all_healthy);
  double uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - server.started_at).count();
  nlohmann::json body = {
      // Degraded still answers 200: the pages and the delay API keep working when,
      // say, the database is away, so a container must not be restarted for it.
      {"status", all_healthy ? "ok" : "degraded"},
      {"version", LOOPLAB_VERSION},
      {"uptime_seconds", std::round(uptime * 1000) / 1000},
      {"threads", server.loops.size()},
      {"open_connections", server.slots.open()},
      {"max_connections", server.slots.limit()},
      {"requests_served", server.stats.requests_served.load()},
      {"connections_refused", server.stats.connections_refused.load()},
      {"log_lines_dropped", server.log.dropped_lines() + server.access_log.dropped_lines()},
      {"components", std::move(components)},
  };
  co_return json_response(request, http::status::ok, body);
}

}  // namespace looplab::backend
