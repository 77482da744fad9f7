#include "http/json_response.hpp"

#include "http/responses.hpp"

namespace looplab::backend {

StringResponse json_response(const Request& request, http::status status, const nlohmann::json& body) {
  auto response = text_response(request, status, body.dump() + "\n", "application/json");
  response.set(http::field::cache_control, "no-store");
  return response;
}

}  // namespace looplab::backend
