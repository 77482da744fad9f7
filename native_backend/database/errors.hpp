#pragma once
// How a database operation can fail, each with a sentence fit for a person.
#include <stdexcept>
#include <string>

namespace looplab::db {

// PostgreSQL cannot be reached, or the connection broke: worth retrying later.
struct DatabaseUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// PostgreSQL answered with an error (e.g. a table is missing).
struct QueryFailed : std::runtime_error {
  QueryFailed(const std::string& message, std::string sqlstate)
      : std::runtime_error(message), sqlstate(std::move(sqlstate)) {}
  std::string sqlstate;  // e.g. "42P01" undefined table
};

// Too many requests are already waiting for a pool connection.
struct PoolBusy : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The server is shutting down: no new query starts, waiting ones are let go.
struct ShuttingDown : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The query was stopped in PostgreSQL (PQcancel) before it finished, or the request
// was cancelled (the client left) while it waited for a connection.
struct QueryCancelled : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace looplab::db
