#pragma once
// The role the backend connects as: it may log in and SELECT the lesson's tables
// (states, cities, and the build mark looplab_build), and nothing else: no writes, no
// new objects, no server files or programs (COPY ... TO PROGRAM needs a superuser).
// The builder keeps it that way: its tables are dropped and recreated by a rebuild,
// so every build grants SELECT again, in the transaction that creates them.
#include <libpq-fe.h>

#include <string>

namespace looplab::citydb {

inline constexpr const char* default_reader_role = "looplab_reader";

// Creates the role when missing, sets its password (hashed here with SCRAM, so the
// password itself never reaches the server's logs) and strips every privilege but
// those above. Throws std::runtime_error with PostgreSQL's message.
void ensure_reader_role(PGconn* conn, const std::string& role, const std::string& password);

// GRANT SELECT on the lesson's tables that exist, when the role exists; quiet otherwise.
void grant_reader_access(PGconn* conn, const std::string& role);

// The tables the role may read, for the grants and the checks.
inline constexpr const char* reader_tables[] = {"states", "cities", "looplab_build"};

}  // namespace looplab::citydb
