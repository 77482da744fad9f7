#include "citydb/reader_role.hpp"

#include <memory>
#include <stdexcept>

namespace looplab::citydb {
namespace {

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

std::string quoted_identifier(PGconn* conn, const std::string& name) {
  std::unique_ptr<char, decltype(&PQfreemem)> quoted(PQescapeIdentifier(conn, name.c_str(), name.size()), &PQfreemem);
  if (!quoted) throw std::runtime_error(std::string("cannot quote the role name: ") + PQerrorMessage(conn));
  return quoted.get();
}

std::string quoted_literal(PGconn* conn, const std::string& text) {
  std::unique_ptr<char, decltype(&PQfreemem)> quoted(PQescapeLiteral(conn, text.c_str(), text.size()), &PQfreemem);
  if (!quoted) throw std::runtime_error(std::string("cannot quote a value: ") + PQerrorMessage(conn));
  return quoted.get();
}

ResultPtr run(PGconn* conn, const std::string& sql, ExecStatusType expected = PGRES_COMMAND_OK) {
  ResultPtr result(PQexec(conn, sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != expected)
    throw std::runtime_error("setting up the reader role failed: " + std::string(PQerrorMessage(conn)));
  return result;
}

bool role_exists(PGconn* conn, const std::string& role) {
  auto result = run(conn, "SELECT 1 FROM pg_roles WHERE rolname = " + quoted_literal(conn, role), PGRES_TUPLES_OK);
  return PQntuples(result.get()) == 1;
}

}  // namespace

void ensure_reader_role(PGconn* conn, const std::string& role, const std::string& password) {
  if (password.empty()) throw std::runtime_error("the reader role needs a password (--reader-password)");
  const std::string name = quoted_identifier(conn, role);
  if (!role_exists(conn, role)) run(conn, "CREATE ROLE " + name + " LOGIN");
  std::unique_ptr<char, decltype(&PQfreemem)> hashed(
      PQencryptPasswordConn(conn, password.c_str(), role.c_str(), "scram-sha-256"), &PQfreemem);
  if (!hashed) throw std::runtime_error(std::string("cannot hash the reader's password: ") + PQerrorMessage(conn));
  run(conn, "ALTER ROLE " + name +
                " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS CONNECTION LIMIT 64 PASSWORD " +
                quoted_literal(conn, hashed.get()));
  // Even a bug that let SQL through could then only read.
  run(conn, "ALTER ROLE " + name + " SET default_transaction_read_only = on");
  // PUBLIC may create temporary tables in every database by default; this role may not.
  auto db = run(conn, "SELECT current_database()", PGRES_TUPLES_OK);
  const std::string database = quoted_identifier(conn, PQgetvalue(db.get(), 0, 0));
  run(conn, "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
  run(conn, "GRANT CONNECT ON DATABASE " + database + " TO " + name);
  run(conn, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
  grant_reader_access(conn, role);
}

void grant_reader_access(PGconn* conn, const std::string& role) {
  if (!role_exists(conn, role)) return;
  const std::string name = quoted_identifier(conn, role);
  for (const char* table : reader_tables) {
    auto exists = run(conn, std::string("SELECT to_regclass('public.") + table + "') IS NOT NULL", PGRES_TUPLES_OK);
    if (std::string(PQgetvalue(exists.get(), 0, 0)) == "t")
      run(conn, std::string("GRANT SELECT ON public.") + table + " TO " + name);
  }
}

}  // namespace looplab::citydb
