#pragma once
// GET /blocking-delay?seconds=N: /delay-me's parameter rules and reply, but the wait
// blocks one of the worker pool's OS threads, as a WSGI worker's time.sleep(N) blocks
// its worker: with P threads, N requests at once take ceil(N / P) waits, while the
// event loop (and /delay-me) keeps answering.
#include <memory>

#include "http/endpoint.hpp"
#include "workers/worker_pool.hpp"

namespace looplab::backend {

class BlockingDelayEndpoint final : public Endpoint {
 public:
  explicit BlockingDelayEndpoint(std::shared_ptr<WorkerPool> pool) : pool_(std::move(pool)) {}
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;

 private:
  std::shared_ptr<WorkerPool> pool_;
};

}  // namespace looplab::backend
