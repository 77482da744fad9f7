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
  std::string user = "postgres";
  std::string password = "pythonasync";
  int connect_timeout_s = 5;

  // Keyword/value pairs for PQconnectStartParams/PQconnectdbParams; no quoting pitfalls.
  struct Params {
    std::vector<std::string> storage;
    std::vector<const char*> keywords;
    std::vector<const char*> values;
  };
  Params libpq_params() const;

  // host:port/name for messages; never includes the password.
  std::string describe() const;
};

}  // namespace looplab::db
