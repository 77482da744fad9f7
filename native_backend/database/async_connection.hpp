#pragma once
// One PostgreSQL connection driven without blocking: libpq's asynchronous API, its
// socket watched by Asio. The socket stays libpq's: Asio only waits on it.
#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "database/asio_for_db.hpp"
#include "database/cancel_request.hpp"
#include "database/connection_settings.hpp"

namespace looplab::db {

// What a streamed query took, split where the first row arrived: before it,
// PostgreSQL was executing (R1 sorts everything first); after it, rows were shipping.
struct StreamedRows {
  std::int64_t rows = 0;
  std::chrono::system_clock::time_point started_at, finished_at;
  std::chrono::steady_clock::time_point sent, first_row, finished;
  bool any_row = false;
};

class AsyncConnection {
 public:
  // Throws DatabaseUnavailable with libpq's reason when the connection fails or
  // takes longer than `timeout`; QueryCancelled as soon as `cancel` (if given) fires,
  // while the host name is looked up or the connection is being made.
  static asio::awaitable<std::unique_ptr<AsyncConnection>> open(const ConnectionSettings& settings,
                                                                std::chrono::milliseconds timeout,
                                                                CancelRequest* cancel = nullptr);
  ~AsyncConnection();
  AsyncConnection(const AsyncConnection&) = delete;
  AsyncConnection& operator=(const AsyncConnection&) = delete;

  // Streams `COPY (<select_sql>) TO STDOUT` and counts the rows as they arrive, keeping
  // none: memory stays flat however many rows there are. `run_blocking` runs the
  // (blocking, short) PQcancel call away from the event loop.
  asio::awaitable<StreamedRows> count_rows(std::string_view select_sql, CancelRequest cancel,
                                           std::function<void(std::function<void()>)> run_blocking);

  // The first column of the first row, or nothing when there is no row; stopped in
  // PostgreSQL (QueryCancelled) when `cancel` fires, as count_rows is.
  asio::awaitable<std::optional<std::string>> single_value(std::string_view sql, CancelRequest cancel,
                                                           std::function<void(std::function<void()>)> run_blocking);

  // False when the server closed the connection while it sat idle in the pool.
  bool still_usable();

 private:
  AsyncConnection(PGconn* conn, asio::posix::stream_descriptor socket) : conn_(conn), socket_(std::move(socket)) {}
  asio::awaitable<void> send(std::string_view sql);
  asio::awaitable<void> wait_readable();
  asio::awaitable<void> wait_writable();
  // Reads what arrived; throws DatabaseUnavailable when the connection broke.
  void consume_input();
  [[noreturn]] void fail_with_result(PGresult* result);
  // While a query runs, `cancel` asks PostgreSQL to stop it (PQcancel, through
  // run_blocking); the returned guard takes that back.
  struct Disarm {
    CancelRequest& request;
    ~Disarm() { request.disarm(); }
  };
  [[nodiscard]] Disarm arm_cancel(CancelRequest& cancel, const std::function<void(std::function<void()>)>& run_blocking);
  [[noreturn]] void fail_connection(const std::string& what);

  PGconn* conn_;
  asio::posix::stream_descriptor socket_;
  bool broken_ = false;
};

}  // namespace looplab::db
