#include "database/slow_query_endpoint.hpp"

#include <cmath>

#include "citydb/slow_queries.hpp"
#include "database/errors.hpp"
#include "http/query_string.hpp"
#include "http/json_response.hpp"
#include "http/responses.hpp"

namespace looplab::backend {
namespace {

constexpr std::string_view how_to_start =
    "Start LoopLab with ./looplab start (it runs scripts/postgres.sh), or start the database "
    "with scripts/postgres.sh start and pass the --db-* flags it prints to looplab-backend.";

// What the public is told when the database fails; the details (user, host, libpq's
// own words) go to the server's log through the pool's report_problem.
constexpr std::string_view database_busy_sentence =
    "The lesson database is busy: as many requests as it queues are already waiting for it. "
    "Try again in a moment.";
constexpr std::string_view shutting_down_sentence =
    "The server is shutting down and starts no new database query; try again in a moment.";
constexpr std::string_view rebuilding_sentence =
    "The cities database is being rebuilt right now (looplab-citydb holds its tables); "
    "try again when the rebuild is done.";
constexpr std::string_view unreachable_sentence =
    "The lesson database is not reachable right now; the server's log says why. "
    "The next request reconnects by itself.";

double epoch_seconds(std::chrono::system_clock::time_point t) {
  const double ms = std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return ms / 1000.0;
}

double rounded_seconds(std::chrono::steady_clock::duration d) {
  return std::round(std::chrono::duration<double>(d).count() * 1000.0) / 1000.0;
}

StringResponse retry_later(const Request& request, std::string_view sentence) {
  auto response = error_response(request, http::status::service_unavailable, sentence);
  response.set(http::field::retry_after, "2");
  return response;
}

}  // namespace

Awaitable<Response> SlowQueryEndpoint::handle(const Request& request, RequestContext& context) {
  auto parameters = parse_query(split_target(request.target()).second);
  if (!parameters) co_return error_response(request, http::status::bad_request, "The query string is malformed.");
  std::string name;
  bool named = false;
  for (const auto& p : *parameters) {
    if (p.name == "name") {
      name = p.value;  // the last one wins, as in Django
      named = true;
    }
  }
  if (!named) {
    co_return error_response(request, http::status::bad_request,
                             "Say which query to run: /slow-query?name=R1 (or R2, or R3).");
  }
  const citydb::SlowQuery* query = citydb::find_slow_query(name);
  if (!query) {
    co_return error_response(request, http::status::bad_request,
                             "There is no query named '" + quoted_for_message(name) +
                                 "': the slow-query lesson runs only R1, R2 and R3, and never SQL from the request.");
  }
  if (!pool_) {
    co_return error_response(request, http::status::service_unavailable,
                             "The slow-query database is not configured. " + std::string(how_to_start));
  }

  // From here on everything may wait: a client that leaves is let go at once, whether
  // it waits for a pool connection, for the connection to be made, or for PostgreSQL;
  // the query timeout covers all of it.
  db::CancelRequest cancel;
  auto on_client_gone = context.cancel.subscribe(
      [cancel, &context]() mutable { cancel.cancel("the request was cancelled: " + context.cancel.reason()); });
  if (context.cancel.cancelled()) co_return retry_later(request, "The request was cancelled before it started.");

  asio::steady_timer deadline(co_await asio::this_coro::executor, query_timeout_);
  const double timeout_s = query_timeout_.count() / 1000.0;
  deadline.async_wait([weak = cancel.weak(), timeout_s](error_code ec) {
    if (ec) return;
    db::CancelRequest::cancel_if_alive(weak, "it ran longer than the query timeout of " +
                                                 nlohmann::json(timeout_s).dump() + " s (--db-query-timeout)");
  });

  // What every failure of either query below is told; the details go to the log.
  auto failed = [&](std::exception_ptr error) -> StringResponse {
    try {
      std::rethrow_exception(error);
    } catch (const db::PoolBusy&) {
      return retry_later(request, database_busy_sentence);
    } catch (const db::ShuttingDown&) {
      return retry_later(request, shutting_down_sentence);
    } catch (const db::DatabaseUnavailable&) {
      return retry_later(request, unreachable_sentence);
    } catch (const db::QueryCancelled& e) {
      const std::string sentence = "Query " + name + " was cancelled in PostgreSQL: " +
                                   (cancel.requested() ? cancel.reason() : std::string("PostgreSQL stopped it")) + ".";
      // PostgreSQL's own words (a statement_timeout, an operator's pg_cancel_backend) go
      // to the log only.
      context.server.log.warn(std::string(context.remote) + " " + sentence +
                              (cancel.requested() ? std::string() : " (" + std::string(e.what()) + ")"));
      const bool timed_out = !context.cancel.cancelled();
      return error_response(request, timed_out ? http::status::gateway_timeout : http::status::service_unavailable,
                            sentence);
    } catch (const db::QueryFailed& e) {
      if (e.sqlstate == "55P03") return retry_later(request, rebuilding_sentence);  // lock_timeout
      if (e.sqlstate == "42P01") {
        return error_response(request, http::status::service_unavailable,
                              "The cities database is missing a table; run scripts/postgres.sh start to rebuild it.");
      }
      context.server.log.error("PostgreSQL refused query " + name + ": " + e.what());
      return error_response(request, http::status::internal_server_error,
                            "The lesson database refused query " + name + "; the server's log says why.");
    }
  };

  // A half-built database has no looplab_build row (the builder writes it last):
  // it is never served.
  std::optional<std::string> copies;
  try {
    copies = co_await pool_->single_value("SELECT copies FROM looplab_build", cancel);
  } catch (const db::QueryFailed& e) {
    if (e.sqlstate != "42P01") co_return failed(std::current_exception());
  } catch (const std::runtime_error&) {
    co_return failed(std::current_exception());
  }
  if (!copies) {
    co_return error_response(request, http::status::service_unavailable,
                             "The cities database is not built, or its last build was interrupted: run "
                             "scripts/postgres.sh start (it rebuilds it), then try again.");
  }

  db::StreamedRows result;
  try {
    result = co_await pool_->count_rows(query->sql, cancel);
  } catch (const std::runtime_error&) {
    co_return failed(std::current_exception());
  }
  deadline.cancel();

  const std::int64_t copy_count = std::stoll(*copies);
  nlohmann::json body = {
      {"query", name},
      {"sql", query->sql},
      {"rows", result.rows},
      {"expected_rows", query->rows_per_copy * copy_count},
      {"copies", copy_count},
      {"started_at", epoch_seconds(result.started_at)},
      {"finished_at", epoch_seconds(result.finished_at)},
      // Before the first row PostgreSQL was executing (R1 sorts everything first);
      // after it, the rows were coming over and being counted.
      {"first_row_after_s", rounded_seconds(result.first_row - result.sent)},
      {"transfer_s", rounded_seconds(result.finished - result.first_row)},
      {"total_s", rounded_seconds(result.finished - result.sent)},
      {"fetched_with", "COPY (query) TO STDOUT, rows counted as they stream"},
  };
  co_return json_response(request, http::status::ok, body);
}

}  // namespace looplab::backend
