#pragma once
// The one way an endpoint answers with JSON, so every JSON reply has the same type,
// trailing newline and caching rule. Its own header: nlohmann/json is heavy to compile.
#include <nlohmann/json.hpp>

#include "http/http_message.hpp"

namespace looplab::backend {

// `body` as compact JSON plus a newline, `application/json`, never cached (every JSON
// reply here describes a moment: a health check, a query's timings).
StringResponse json_response(const Request& request, http::status status, const nlohmann::json& body);

}  // namespace looplab::backend
