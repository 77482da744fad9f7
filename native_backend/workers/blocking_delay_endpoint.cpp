#include "workers/blocking_delay_endpoint.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>

#include "endpoints/delay_replies.hpp"
#include "endpoints/delay_seconds.hpp"
#include "http/query_string.hpp"
#include "http/responses.hpp"
#include "workers/offload.hpp"

namespace looplab::backend {
namespace {

// Blocks the calling thread for `wait`, as a blocking sleep would, except that a stop
// request (the client left, the grace period ended) wakes it at once: a WSGI worker
// would sleep on, but then a vanished client would hold a thread for up to --max-delay.
// True when the whole wait passed.
bool block_unless_stopped(std::chrono::nanoseconds wait, const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::unique_lock lock(mutex);
  wake.wait_for(lock, stop, wait, [] { return false; });
  return !stop.stop_requested();
}

StringResponse retry_later(const Request& request, std::string_view sentence) {
  auto reply = error_response(request, http::status::service_unavailable, sentence);
  reply.set(http::field::retry_after, "1");
  return reply;
}

}  // namespace

Awaitable<Response> BlockingDelayEndpoint::handle(const Request& request, RequestContext& context) {
  auto query = split_target(request.target()).second;
  DelayParseResult parsed = parse_delay_query(query, context.server.config.max_delay_seconds);
  if (!parsed.ok) co_return error_response(request, http::status::bad_request, parsed.error);

  auto started = std::chrono::steady_clock::now();
  auto wait = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(parsed.delay.value));
  // Even 0 seconds goes through the pool: a WSGI server needs a free worker for any request.
  auto blocking_wait = [wait](std::stop_token stop) { return block_unless_stopped(wait, stop); };
  auto outcome = co_await offload(*pool_, blocking_wait, context.cancel);
  auto waited = std::chrono::steady_clock::now() - started;

  const WorkerPoolSettings& pool = pool_->settings();
  switch (outcome.status) {
    case OffloadStatus::finished:
      if (*outcome.value) co_return delay_done_response(request, parsed.delay);
      break;  // stopped, yet not by this request: the pool is being destroyed
    case OffloadStatus::queue_full:
      co_return retry_later(request, "All " + std::to_string(pool.threads) + " worker threads are busy and " +
                                         std::to_string(pool.queue_limit) +
                                         " requests already wait for one (--offload-threads, "
                                         "--offload-queue-limit); try again in a moment.");
    case OffloadStatus::shutting_down:
      co_return retry_later(request, "The server is shutting down and starts no new blocking work; "
                                     "try again in a moment.");
    case OffloadStatus::failed:
      break;  // the wait cannot throw; an error here would be a bug, told below
    case OffloadStatus::cancelled:
      co_return delay_cut_short_response(request, context, "The blocking delay", parsed.delay, waited,
                                         outcome.started ? "" : ", before a worker thread was free");
  }
  context.server.log.error(std::string(context.remote) + " /blocking-delay ended without its wait");
  co_return error_response(request, http::status::internal_server_error,
                           "The blocking delay ended unexpectedly; the server's log says so.");
}

}  // namespace looplab::backend
