#pragma once
// A few PostgreSQL connections shared by all requests. Connections open on demand, so
// when the database was down and comes back, the next request simply gets a new one.
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "database/async_connection.hpp"

namespace looplab::db {

struct PoolSettings {
  ConnectionSettings connection;
  std::size_t max_connections = 4;
  // Requests that may wait for a connection at once; past it they get PoolBusy.
  std::size_t max_waiting = 64;
  std::chrono::milliseconds connect_timeout{5000};
  // Where the details of failures go (the server's log): libpq's messages name users
  // and hosts, so they are for the operator, not the public.
  std::function<void(const std::string&)> report_problem;
};

struct PoolStatus {
  std::size_t max_connections = 0;
  std::size_t open = 0;  // connected or connecting
  std::size_t idle = 0;
  std::size_t waiting = 0;  // requests waiting for a free connection
  bool reachable = false;   // the last attempt to use the database worked
  bool ever_connected = false;
  std::string last_error;
  std::uint64_t queries_finished = 0, queries_failed = 0, queries_cancelled = 0;
};

class Pool {
 public:
  explicit Pool(PoolSettings settings);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // AsyncConnection::count_rows on a pooled connection. A pooled connection that
  // turns out dead (the database restarted) is replaced once before giving up.
  // Waiting for a connection ends early, with QueryCancelled, when `cancel` fires;
  // PoolBusy when too many wait already; ShuttingDown once shut_down() ran.
  asio::awaitable<StreamedRows> count_rows(std::string_view select_sql, CancelRequest cancel);
  asio::awaitable<std::optional<std::string>> single_value(std::string_view sql, CancelRequest cancel);

  PoolStatus status() const;
  const PoolSettings& settings() const;
  // Closes idle connections, stops opening new ones and lets every waiting request go
  // with ShuttingDown (server shutdown). Queries already running finish.
  void shut_down();

 private:
  struct Shared;
  class Lease;
  asio::awaitable<Lease> acquire(bool fresh, CancelRequest& cancel);
  // Runs PQcancel's blocking call on the pool's own thread, never on the loop.
  std::function<void(std::function<void()>)> blocking_runner() const;
  // Runs `operation` on a pooled connection, retrying once on a fresh one.
  template <class Result, class Operation>
  asio::awaitable<Result> with_connection(Operation operation, CancelRequest& cancel);

  std::shared_ptr<Shared> shared_;
};

}  // namespace looplab::db
