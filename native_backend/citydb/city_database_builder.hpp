#pragma once
// Builds the slow-query lesson's database: `states`, and `cities` holding the city
// list repeated `copies` times, exactly the seed's schema and no other index.
//
// Completeness is recorded in `looplab_build(copies, rows, completed_at)`, written
// only after the load, VACUUM ANALYZE and the row-count check all succeeded. The
// first step of a build drops that table, so an interrupted build is never taken
// for a finished one.
#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <optional>

#include "citydb/city_data.hpp"

namespace looplab::citydb {

// Copy count of the finished database, or nothing when there is none (never built,
// or a build that did not finish).
std::optional<int> completed_copies(PGconn* conn);

struct BuildProgress {
  enum class Step { load, vacuum_analyze, verify, done };
  Step step;
  int copies_loaded;
  int copies_total;
};

struct BuildReport {
  bool rebuilt = false;
  int copies = 0;
  std::int64_t city_rows = 0;
  double load_s = 0;  // DROP/CREATE + COPY + commit
  double vacuum_analyze_s = 0;
  double verify_s = 0;
  double total_s = 0;
};

struct BuildOptions {
  int copies = 1400;
  bool force = false;  // rebuild even when a finished build with this copy count exists
  // The backend's read-only role: granted SELECT on the new tables in the transactions
  // that create them, so it never sees them without access (when the role exists).
  std::string reader_role = "looplab_reader";
  std::function<void(const BuildProgress&)> on_progress;
};

// Leaves a finished database with `options.copies` copies, building it only when
// needed. Throws std::runtime_error with PostgreSQL's message on failure.
BuildReport ensure_city_database(PGconn* conn, const CityData& data, const BuildOptions& options);

// Counts R1, R2 and R3 would return, taken in one scan (no rows shipped, no sort).
struct QueryRowCounts {
  std::int64_t r1 = 0, r2 = 0, r3 = 0;
};
QueryRowCounts count_query_rows(PGconn* conn);

}  // namespace looplab::citydb
