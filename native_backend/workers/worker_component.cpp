#include "workers/worker_component.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <thread>

namespace looplab::backend {
namespace {

constexpr int most_threads = 256;
constexpr int longest_queue = 100000;

}  // namespace

std::size_t default_offload_threads() { return std::max(2u, std::thread::hardware_concurrency()); }

void add_worker_options(ConfigParser& parser) {
  po::options_description group("Worker pool for blocking work (e.g. /blocking-delay)");
  group.add_options()("offload-threads", po::value<int>(),
                      ("OS threads that run blocking work, each one job at a time (default: the number of "
                       "cores, at least 2; here " +
                       std::to_string(default_offload_threads()) + "; 1 to " + std::to_string(most_threads) + ")")
                          .c_str())(
      "offload-queue-limit", po::value<int>()->default_value(64),
      "jobs that may wait for a free worker thread at once; past it requests get 503 and Retry-After");
  parser.add_options(group);
}

std::shared_ptr<WorkerPool> add_worker_component(ServerContext& context) {
  const auto& options = context.options;
  WorkerPoolSettings settings;
  settings.threads = default_offload_threads();
  if (options.count("offload-threads")) {
    int threads = options["offload-threads"].as<int>();
    if (threads < 1 || threads > most_threads)
      throw std::runtime_error("--offload-threads must be a whole number of threads from 1 to " +
                               std::to_string(most_threads) + " (got " + std::to_string(threads) + ")");
    settings.threads = static_cast<std::size_t>(threads);
  }
  int queue_limit = options["offload-queue-limit"].as<int>();
  if (queue_limit < 0 || queue_limit > longest_queue)
    throw std::runtime_error("--offload-queue-limit must be a whole number of jobs from 0 to " +
                             std::to_string(longest_queue) + " (got " + std::to_string(queue_limit) + ")");
  settings.queue_limit = static_cast<std::size_t>(queue_limit);

  auto pool = std::make_shared<WorkerPool>(settings);
  context.shutdown_hooks.push_back([pool] { pool->begin_shutdown(); });
  context.grace_over_hooks.push_back([pool] { pool->end_grace(); });
  context.health.add("workers", [pool] {
    WorkerPoolStatus s = pool->status();
    nlohmann::json details = {
        {"threads", s.threads},
        {"busy", s.busy},
        {"queued", s.queued},
        {"queue_limit", s.queue_limit},
        {"jobs_completed", s.finished},
        {"jobs_failed", s.failed},
        {"jobs_refused", s.refused},
        {"jobs_cancelled_queued", s.cancelled_queued},
        {"jobs_cancelled_running", s.cancelled_running},
    };
    // A full pool is busy, not broken: the pages and every other endpoint still answer.
    return HealthReport{true, std::move(details)};
  });
  return pool;
}

}  // namespace looplab::backend
