#pragma once
// GET /healthz: JSON with status, version, uptime, open connections and whatever the
// components registered in the HealthRegistry.
#include "http/endpoint.hpp"

namespace looplab::backend {

class HealthEndpoint final : public Endpoint {
 public:
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;
};

}  // namespace looplab::backend
