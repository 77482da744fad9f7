#pragma once
// The orchestrator's probes. /livez: the process answers, so it must not be
// restarted (it answers at the connection cap too, on a slot held back for probes).
// /readyz: whether to send it more work: 503 "busy" at the cap or while shutting down.
#include "http/endpoint.hpp"

namespace looplab::backend {

class LivenessEndpoint final : public Endpoint {
 public:
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;
};

class ReadinessEndpoint final : public Endpoint {
 public:
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;
};

// The replies, also written by the server's at-capacity path (which has no router).
inline constexpr std::string_view alive_sentence = "alive";
inline constexpr std::string_view busy_sentence =
    "The server is busy: it is at its connection limit (--max-connections); try again in a moment, please.";

}  // namespace looplab::backend
