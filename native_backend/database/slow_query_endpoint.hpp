#pragma once
// GET /slow-query?name=R1|R2|R3: runs one of the slow-query lesson's three queries in
// PostgreSQL, counts the rows as they stream in, and answers with JSON saying how the
// time split between PostgreSQL executing and the rows coming over.
#include <chrono>
#include <memory>

#include "database/pool.hpp"
#include "http/endpoint.hpp"

namespace looplab::backend {

class SlowQueryEndpoint final : public Endpoint {
 public:
  // pool is null when no database was configured: every request then gets a 503
  // that says how to start one.
  SlowQueryEndpoint(std::shared_ptr<db::Pool> pool, std::chrono::milliseconds query_timeout)
      : pool_(std::move(pool)), query_timeout_(query_timeout) {}
  Awaitable<Response> handle(const Request& request, RequestContext& context) override;

 private:
  std::shared_ptr<db::Pool> pool_;
  std::chrono::milliseconds query_timeout_;
};

}  // namespace looplab::backend
