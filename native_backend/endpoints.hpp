#pragma once
// The one place endpoints (and the options they need) are registered.
#include "server/config.hpp"
#include "http/router.hpp"
#include "server/server_context.hpp"

namespace looplab::backend {

// Options of optional components (e.g. the database pool), added before parsing.
void add_component_options(ConfigParser& parser);

// Every route the server answers; throws std::runtime_error with a readable sentence
// if a component cannot start (e.g. --site is not a folder).
void register_endpoints(Router& router, ServerContext& context);

}  // namespace looplab::backend
