#pragma once
// GET /delay-me?seconds=N: waits N seconds, then answers exactly like the classic
// Django teaching view ("Done, I waited for N secs", text/html; charset=utf-8).
#include "http/endpoint.hpp"

namespace looplab::backend {

class DelayEndpoint final : public Endpoint {
 public:
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;
};

}  // namespace looplab::backend
