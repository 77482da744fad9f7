#include "endpoints.hpp"

#include "concurrency/concurrency_endpoint.hpp"
#include "database/database_component.hpp"
#include "endpoints/delay_endpoint.hpp"
#include "endpoints/health_endpoint.hpp"
#include "endpoints/probe_endpoints.hpp"
#include "site/static_files.hpp"
#include "streams/stream_component.hpp"
#include "streams/ticks_endpoint.hpp"
#include "workers/blocking_delay_endpoint.hpp"
#include "workers/worker_component.hpp"

namespace looplab::backend {

void add_component_options(ConfigParser& parser) {
  add_concurrency_options(parser);
  add_database_options(parser);
  add_stream_options(parser);
  add_worker_options(parser);
}

void register_endpoints(Router& router, ServerContext& context) {
  using http::verb;
  auto streams = add_stream_component(context);
  auto workers = add_worker_component(context);
  router.add("/delay-me", {verb::get}, std::make_unique<DelayEndpoint>());
  router.add("/blocking-delay", {verb::get}, std::make_unique<BlockingDelayEndpoint>(workers));
  router.add("/ticks", {verb::get}, std::make_unique<TicksEndpoint>(streams));
  router.add("/runs/concurrency", {verb::get},
             std::make_unique<ConcurrencyEndpoint>(streams, read_concurrency_settings(context), context.stats,
                                                   own_loopback_host(context.config)));
  router.add("/healthz", {verb::get}, std::make_unique<HealthEndpoint>());
  router.add("/livez", {verb::get}, std::make_unique<LivenessEndpoint>());
  router.add("/readyz", {verb::get}, std::make_unique<ReadinessEndpoint>());
  register_database_endpoints(router, context);
  if (context.config.site) router.set_fallback({verb::get}, std::make_unique<StaticFiles>(*context.config.site));
}

}  // namespace looplab::backend
