#pragma once
// The server's worker pool as a component: its options (--offload-threads,
// --offload-queue-limit), its /healthz entry, and stopping it at shutdown.
#include <memory>

#include "server/config.hpp"
#include "server/server_context.hpp"
#include "workers/worker_pool.hpp"

namespace looplab::backend {

void add_worker_options(ConfigParser& parser);

// Validates the options (std::runtime_error with a sentence), starts the pool and
// registers its /healthz entry and shutdown hook.
std::shared_ptr<WorkerPool> add_worker_component(ServerContext& context);

// What --offload-threads is when not given: the number of cores, at least 2.
std::size_t default_offload_threads();

}  // namespace looplab::backend
