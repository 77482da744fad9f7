#include "http/router.hpp"

#include <algorithm>

#include "http/query_string.hpp"
#include "http/responses.hpp"

namespace looplab::backend {

void Router::add(std::string path, Methods methods, std::unique_ptr<Endpoint> endpoint) {
  routes_.push_back({std::move(path), false, std::move(methods), std::move(endpoint)});
}

void Router::add_prefix(std::string prefix, Methods methods, std::unique_ptr<Endpoint> endpoint) {
  routes_.push_back({std::move(prefix), true, std::move(methods), std::move(endpoint)});
}

void Router::set_fallback(Methods methods, std::unique_ptr<Endpoint> endpoint) {
  fallback_ = std::make_unique<Route>(Route{"", true, std::move(methods), std::move(endpoint)});
}

const Router::Route* Router::find(std::string_view path) const {
  const Route* best_prefix = nullptr;
  for (const auto& route : routes_) {
    if (!route.prefix) {
      if (route.path == path) return &route;
    } else if (path.substr(0, route.path.size()) == route.path &&
               (!best_prefix || route.path.size() > best_prefix->path.size())) {
      best_prefix = &route;
    }
  }
  if (best_prefix) return best_prefix;
  return fallback_.get();
}

bool Router::allows(const Route& route, http::verb method) {
  auto listed = [&](http::verb verb) { return std::find(route.methods.begin(), route.methods.end(), verb) != route.methods.end(); };
  return listed(method) || (method == http::verb::head && listed(http::verb::get));
}

std::string Router::allow_header(const Route& route) {
  std::string allow;
  auto append = [&allow](std::string_view name) {
    if (!allow.empty()) allow += ", ";
    allow += name;
  };
  for (auto method : route.methods) {
    append(http::to_string(method));
    if (method == http::verb::get &&
        std::find(route.methods.begin(), route.methods.end(), http::verb::head) == route.methods.end())
      append("HEAD");
  }
  append("OPTIONS");
  return allow;
}

std::string Router::allowed_methods(std::string_view path) const {
  const Route* route = find(path);
  return route ? allow_header(*route) : std::string{};
}

Awaitable<Response> Router::dispatch(const Request& request, RequestContext& context) const {
  auto [path, query] = split_target(request.target());
  const Route* route = find(path);
  if (!route) {
    std::string sentence = "Nothing here: ";
    sentence += path.substr(0, 200);
    sentence += " is not a LoopLab endpoint (try /delay-me?seconds=1 or /healthz).";
    co_return error_response(request, http::status::not_found, sentence);
  }
  if (request.method() == http::verb::options) {
    // Also the CORS preflight; the session adds the Access-Control-* headers.
    StringResponse response{http::status::no_content, request.version()};
    response.set(http::field::allow, allow_header(*route));
    response.keep_alive(request.keep_alive());
    co_return response;
  }
  if (!allows(*route, request.method())) {
    std::string allow = allow_header(*route);
    std::string sentence = "The method ";
    sentence += request.method_string();
    sentence += " is not allowed here; use one of: ";
    sentence += allow;
    sentence += '.';
    auto response = error_response(request, http::status::method_not_allowed, sentence);
    response.set(http::field::allow, allow);
    co_return response;
  }
  try {
    co_return co_await route->endpoint->handle(request, context);
  } catch (const std::exception& e) {
    context.server.log.error(std::string("endpoint failed on ") + std::string(path.substr(0, 200)) + ": " + e.what());
  }
  co_return error_response(request, http::status::internal_server_error,
                           "The server failed while answering this request; the error is in its log.");
}

}  // namespace looplab::backend
