#include "endpoints/probe_endpoints.hpp"

#include "http/responses.hpp"

namespace looplab::backend {
namespace {

StringResponse uncached(StringResponse response) {
  response.set(http::field::cache_control, "no-store");
  return response;
}

}  // namespace

Awaitable<Response> LivenessEndpoint::handle(const Request& request, RequestContext&) {
  co_return uncached(error_response(request, http::status::ok, alive_sentence));
}

Awaitable<Response> ReadinessEndpoint::handle(const Request& request, RequestContext& context) {
  const ServerContext& server = context.server;
  std::string_view problem;
  if (server.stats.stopping.load()) {
    problem = "The server is shutting down; it takes no new work.";
  } else if (server.slots.at_limit()) {  // this request holds the last slot
    problem = busy_sentence;
  }
  if (problem.empty()) co_return uncached(error_response(request, http::status::ok, "ready"));
  auto response = uncached(error_response(request, http::status::service_unavailable, problem));
  response.set(http::field::retry_after, "1");
  co_return response;
}

}  // namespace looplab::backend
