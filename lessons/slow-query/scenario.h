// The slow-query scenario on looplab_core: three heavy joins (R1, R2, R3) run one after
// another (sync) or together with gather (async). On the real clock each one is a real
// GET /slow-query?name=Rn to the backend, which runs it in PostgreSQL and answers with the
// row count and how its time split; on the virtual clock the same request is answered by
// a model of the backend with the durations and rows the page chooses (the last real
// run's, or the seed's). Either way the answer is read into the trace the same way.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>

#include "app/python_format.h"
#include "looplab/io.hpp"
#include "looplab/task.hpp"
#include "looplab/trace.hpp"

namespace looplab::slow_query {

enum class Mode : std::uint8_t { sync, async };
inline constexpr std::array<std::string_view, 2> mode_names{"sync", "async"};
inline constexpr std::array<std::string_view, 3> query_names{"R1", "R2", "R3"};
constexpr std::string_view to_string(Mode m) { return mode_names[static_cast<std::size_t>(m)]; }

// The SQL the backend runs (native_backend/citydb/slow_queries.cpp), shown before any run.
extern const std::array<std::string_view, 3> query_sql;
// Rows each query returns per copy of the city list; the seed's data is 1,400 copies.
inline constexpr std::array<std::int64_t, 3> rows_per_copy{5564, 411, 1950};
inline constexpr std::int64_t seed_copies = 1400;
// The seed's measured totals with its Python clients.
inline constexpr double seed_sync_total = 22.87;
inline constexpr double seed_async_total = 18.44;

inline constexpr double unknown = std::numeric_limits<double>::quiet_NaN();

// What the virtual clock's model of the backend answers for each query: the durations, row
// counts and (after a real run) time split of this page's last real run, or the seed's.
struct VirtualPlan {
  std::array<double, 3> seconds{};
  std::array<std::int64_t, 3> rows{};
  std::int64_t copies = seed_copies;
  std::array<double, 3> first_row_after_s{unknown, unknown, unknown};
  std::array<double, 3> transfer_s{unknown, unknown, unknown};
  bool from_real_run = false;  // false: the seed's proportions
};
// The seed's sync total shared out in proportion to each query's rows, at 1,400 copies.
VirtualPlan seed_plan();

// One query as the run's trace tells it: loop times from its I/O operation, everything
// else from the backend's answer (or the model's, which says the same things).
struct QueryOutcome {
  std::string name;
  std::string sql;
  double sent = unknown;
  double answered = unknown;
  std::int64_t rows = -1;
  std::int64_t expected_rows = -1;
  std::int64_t copies = -1;
  double first_row_after_s = unknown;  // PostgreSQL executing, before the first row
  double transfer_s = unknown;         // the rows coming over
  double total_s = unknown;            // as the backend measured it
};

// A run of the lesson, read from its trace (read_run).
struct QueryRun {
  Mode mode = Mode::sync;
  bool real_clock = false;
  std::array<QueryOutcome, 3> queries;
  double total = unknown;  // main's start to its end
  bool finished = false;   // main finished without an error
};

// Lines of the mode's Python snippet that tasks are on (snippets.h finds them).
struct SnippetLines {
  std::uint32_t querying = 0;
  std::uint32_t waiting = 0;
  std::uint32_t done = 0;
  std::uint32_t gather = 0;  // 0 in sync
  std::uint32_t elapsed = 0;
};

// "/slow-query?name=R1"
std::string query_path(std::string_view name);
// The backend's JSON answer for query i, as the virtual clock's model gives it.
std::string model_reply(std::size_t i, const VirtualPlan& plan);
// Reads a backend answer into `out`. Returns "" or what was wrong with it.
std::string read_reply(std::string_view body, QueryOutcome& out);
// The requests' reply reader: the rows and the time split into the I/O result (and so
// into the trace), or a failure saying why the answer cannot be read.
void read_query_result(IoResult& result);
// Everything a run did, from its trace alone. The n-th request is Rn's in either mode.
QueryRun read_run(const Trace& trace, Mode mode, bool real_clock);
// A real run's durations, rows and split, for the virtual clock to replay.
VirtualPlan plan_from(const QueryRun& real_run);

using app::grouped;
using app::python_float;

Coro<void> scenario_main(Mode mode, VirtualPlan plan, SnippetLines lines);

}  // namespace looplab::slow_query
