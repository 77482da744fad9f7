#pragma once
// Where and as whom to reach PostgreSQL. Shared by the backend's pool and the
// database builder so both read the same flags and LOOPLAB_DB_* variables.
#include <string>
#include <vector>

namespace looplab::db {

struct ConnectionSettings {
  std::string host = "127.0.0.1";  // a path (starting with '/') means a unix-socket folder
  int port = 5432;
  std::string name = "postgres";
  // The read-only role scripts/postgres.sh sets up; its password there is the seed's
  // (that server listens on 127.0.0.1 only). compose.yaml and Kubernetes set their own.
  std::string user = "looplab_reader";
  std::string password = "pythonasync";
  int connect_timeout_s = 5;
  // How long a statement may wait for a table lock before PostgreSQL gives up on it
  // (lock_timeout, 55P03); 0 = PostgreSQL's default, no limit. The backend sets it: a
  // rebuild holds the lesson's tables for minutes, and requests should hear so at once
  // instead of waiting it out. The builder must not (its DROP waits for running queries).
  int lock_timeout_ms = 0;

  // Keyword/value pairs for PQconnectStartParams/PQconnectdbParams; no quoting pitfalls.
  struct Params {
    std::vector<std::string> storage;
    std::vector<const char*> keywords;
    std::vector<const char*> values;
  };
  // host_addresses: the host name already resolved (hostaddr), so libpq does not look
  // it up itself, which it would do with a blocking call.
  Params libpq_params(const std::vector<std::string>& host_addresses = {}) const;

  // host:port/name for messages; never includes the password.
  std::string describe() const;
};

}  // namespace looplab::db
