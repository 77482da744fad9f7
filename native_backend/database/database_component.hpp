#pragma once
// The database part of the backend: its --db-* options, the connection pool, the
// /slow-query route and the pool's entry in /healthz.
#include "server/config.hpp"
#include "http/router.hpp"
#include "server/server_context.hpp"

namespace looplab::backend {

void add_database_options(ConfigParser& parser);

// The database counts as configured when --db-host or --db-port is given (or their
// LOOPLAB_DB_* variables); /slow-query exists either way and says what is missing.
void register_database_endpoints(Router& router, ServerContext& context);

}  // namespace looplab::backend
