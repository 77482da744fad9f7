#pragma once
// Finds the endpoint for a request path and checks the method; answers 404, 405 and
// OPTIONS itself so every endpoint gets them the same way.
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "http/endpoint.hpp"

namespace looplab::backend {

class Router {
 public:
  using Methods = std::vector<http::verb>;

  // An exact path, e.g. "/delay-me". Listing GET allows HEAD too.
  void add(std::string path, Methods methods, std::unique_ptr<Endpoint> endpoint);
  // Every path starting with prefix (e.g. "/api/db/"); the longest prefix wins.
  void add_prefix(std::string prefix, Methods methods, std::unique_ptr<Endpoint> endpoint);
  // Paths nobody else claims (the static pages).
  void set_fallback(Methods methods, std::unique_ptr<Endpoint> endpoint);

  Awaitable<Response> dispatch(const Request& request, RequestContext& context) const;

  // "GET, HEAD, OPTIONS" for the path, empty if no route matches (tests use this too).
  std::string allowed_methods(std::string_view path) const;

 private:
  struct Route {
    std::string path;
    bool prefix = false;
    Methods methods;
    std::unique_ptr<Endpoint> endpoint;
  };
  const Route* find(std::string_view path) const;
  static bool allows(const Route& route, http::verb method);
  static std::string allow_header(const Route& route);

  std::vector<Route> routes_;
  std::unique_ptr<Route> fallback_;
};

}  // namespace looplab::backend
