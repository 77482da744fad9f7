#include "citydb/city_database_builder.hpp"

#include <arpa/inet.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "citydb/reader_role.hpp"
#include "citydb/slow_queries.hpp"

namespace looplab::citydb {
namespace {

using Clock = std::chrono::steady_clock;
using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

ResultPtr exec(PGconn* conn, const std::string& sql, ExecStatusType expected = PGRES_COMMAND_OK) {
  ResultPtr result(PQexec(conn, sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != expected) {
    throw std::runtime_error("PostgreSQL refused `" + sql.substr(0, 60) + "`: " + PQerrorMessage(conn));
  }
  return result;
}

void put_copy(PGconn* conn, const char* data, std::size_t size) {
  if (PQputCopyData(conn, data, static_cast<int>(size)) != 1) {
    throw std::runtime_error(std::string("sending rows failed: ") + PQerrorMessage(conn));
  }
}

void end_copy(PGconn* conn) {
  if (PQputCopyEnd(conn, nullptr) != 1) {
    throw std::runtime_error(std::string("ending COPY failed: ") + PQerrorMessage(conn));
  }
  ResultPtr result(PQgetResult(conn), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error(std::string("COPY failed: ") + PQerrorMessage(conn));
  }
  while (PGresult* extra = PQgetResult(conn)) {
    PQclear(extra);
  }
}

// PostgreSQL's binary COPY format: the table is loaded without parsing any text.
class BinaryCopyWriter {
 public:
  void header() {
    static const char signature[] = "PGCOPY\n\377\r\n";
    buffer_.append(signature, 11);
    int32(0);  // flags
    int32(0);  // header extension length
  }
  void tuple(int16_t fields) { int16(fields); }
  std::size_t int4_field(int32_t value) {
    int32(4);
    const std::size_t at = buffer_.size();
    int32(value);
    return at;
  }
  void text_field(const std::string& text) {
    int32(static_cast<int32_t>(text.size()));
    buffer_.append(text);
  }
  void trailer() { int16(-1); }
  void patch_int32(std::size_t at, int32_t value) {
    const uint32_t be = htonl(static_cast<uint32_t>(value));
    std::memcpy(buffer_.data() + at, &be, 4);
  }
  std::string& bytes() { return buffer_; }

 private:
  void int16(int16_t v) {
    const uint16_t be = htons(static_cast<uint16_t>(v));
    buffer_.append(reinterpret_cast<const char*>(&be), 2);
  }
  void int32(int32_t v) {
    const uint32_t be = htonl(static_cast<uint32_t>(v));
    buffer_.append(reinterpret_cast<const char*>(&be), 4);
  }
  std::string buffer_;
};

void report(const BuildOptions& options, BuildProgress::Step step, int loaded) {
  if (options.on_progress) {
    options.on_progress({step, loaded, options.copies});
  }
}

void load_states(PGconn* conn, const CityData& data) {
  exec(conn, "COPY states (id, long_name, state) FROM STDIN (FORMAT binary, FREEZE)", PGRES_COPY_IN);
  BinaryCopyWriter w;
  w.header();
  for (const auto& s : data.states) {
    w.tuple(3);
    w.int4_field(s.id);
    w.text_field(s.long_name);
    w.text_field(s.code);
  }
  w.trailer();
  put_copy(conn, w.bytes().data(), w.bytes().size());
  end_copy(conn);
}

// The city list is encoded once; each copy only rewrites the ids in place, so the
// client's work stays far below the server's.
void load_cities(PGconn* conn, const CityData& data, const BuildOptions& options) {
  exec(conn, "COPY cities (id, name, state_id) FROM STDIN (FORMAT binary, FREEZE)", PGRES_COPY_IN);
  BinaryCopyWriter header;
  header.header();
  put_copy(conn, header.bytes().data(), header.bytes().size());

  BinaryCopyWriter one_copy;
  std::vector<std::size_t> id_offsets;
  id_offsets.reserve(data.cities.size());
  for (const auto& c : data.cities) {
    one_copy.tuple(3);
    id_offsets.push_back(one_copy.int4_field(0));
    one_copy.text_field(c.name);
    one_copy.int4_field(c.state_id);
  }
  const auto per_copy = static_cast<int32_t>(data.cities.size());
  int reported_percent = -1;
  for (int copy = 0; copy < options.copies; ++copy) {
    for (int32_t i = 0; i < per_copy; ++i) {
      one_copy.patch_int32(id_offsets[i], copy * per_copy + i + 1);
    }
    put_copy(conn, one_copy.bytes().data(), one_copy.bytes().size());
    const int percent = (copy + 1) * 100 / options.copies;
    if (percent != reported_percent) {
      reported_percent = percent;
      report(options, BuildProgress::Step::load, copy + 1);
    }
  }
  BinaryCopyWriter trailer;
  trailer.trailer();
  put_copy(conn, trailer.bytes().data(), trailer.bytes().size());
  end_copy(conn);
}

std::int64_t as_int64(const PGresult* result, int column) { return std::stoll(PQgetvalue(result, 0, column)); }

}  // namespace

std::optional<int> completed_copies(PGconn* conn) {
  ResultPtr exists(PQexec(conn, "SELECT to_regclass('public.looplab_build') IS NOT NULL"), &PQclear);
  if (PQresultStatus(exists.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(std::string("cannot inspect the database: ") + PQerrorMessage(conn));
  }
  if (std::strcmp(PQgetvalue(exists.get(), 0, 0), "t") != 0) {
    return std::nullopt;
  }
  auto result = exec(conn, "SELECT copies FROM looplab_build LIMIT 1", PGRES_TUPLES_OK);
  if (PQntuples(result.get()) != 1) {
    return std::nullopt;
  }
  return std::stoi(PQgetvalue(result.get(), 0, 0));
}

QueryRowCounts count_query_rows(PGconn* conn) {
  // The WHERE clauses of R1, R2 and R3, counted side by side in one pass.
  auto result = exec(conn,
                     "SELECT count(*) FILTER (WHERE s.state IN (SELECT state FROM states)),"
                     "       count(*) FILTER (WHERE c.name like 'A%'),"
                     "       count(*) FILTER (WHERE s.state like 'M%' OR s.state like '%P')"
                     "  FROM cities c JOIN states s ON c.state_id = s.id",
                     PGRES_TUPLES_OK);
  return {as_int64(result.get(), 0), as_int64(result.get(), 1), as_int64(result.get(), 2)};
}

BuildReport ensure_city_database(PGconn* conn, const CityData& data, const BuildOptions& options) {
  if (options.copies < 1 || options.copies > 100000) {
    throw std::runtime_error("the copy count must be between 1 and 100000, not " + std::to_string(options.copies));
  }
  BuildReport rep;
  rep.copies = options.copies;
  if (!options.force && completed_copies(conn) == options.copies) {
    grant_reader_access(conn, options.reader_role);
    return rep;
  }
  rep.rebuilt = true;
  const auto start = Clock::now();
  report(options, BuildProgress::Step::load, 0);

  // One transaction from DROP to the end of COPY: with wal_level=minimal PostgreSQL
  // writes the new tables without WAL, and FREEZE stores the rows already frozen, so
  // VACUUM afterwards has little to do. An interruption rolls all of it back.
  exec(conn, "SET client_min_messages = warning");
  exec(conn, "BEGIN");
  exec(conn, "DROP TABLE IF EXISTS looplab_build, cities, states");
  exec(conn, "CREATE TABLE states (id int PRIMARY KEY, long_name text, state text)");
  exec(conn, "CREATE TABLE cities (id serial, name text, state_id int)");
  load_states(conn, data);
  load_cities(conn, data, options);
  rep.city_rows = static_cast<std::int64_t>(data.cities.size()) * options.copies;
  exec(conn, "SELECT setval('cities_id_seq', " + std::to_string(rep.city_rows) + ")", PGRES_TUPLES_OK);
  grant_reader_access(conn, options.reader_role);
  exec(conn, "COMMIT");
  rep.load_s = seconds_since(start);

  report(options, BuildProgress::Step::vacuum_analyze, options.copies);
  auto step = Clock::now();
  exec(conn, "VACUUM ANALYZE states, cities");
  rep.vacuum_analyze_s = seconds_since(step);

  report(options, BuildProgress::Step::verify, options.copies);
  step = Clock::now();
  const auto counts = count_query_rows(conn);
  const std::int64_t n = options.copies;
  const auto& q = slow_queries();
  const std::int64_t expected[] = {q[0].rows_per_copy * n, q[1].rows_per_copy * n, q[2].rows_per_copy * n};
  if (counts.r1 != expected[0] || counts.r2 != expected[1] || counts.r3 != expected[2]) {
    throw std::runtime_error("row counts after the build are wrong: R1 " + std::to_string(counts.r1) + ", R2 " +
                             std::to_string(counts.r2) + ", R3 " + std::to_string(counts.r3) + " (expected " +
                             std::to_string(expected[0]) + ", " + std::to_string(expected[1]) + ", " +
                             std::to_string(expected[2]) + ")");
  }
  rep.verify_s = seconds_since(step);

  exec(conn, "BEGIN");
  exec(conn,
       "CREATE TABLE looplab_build (copies int NOT NULL, rows bigint NOT NULL, "
       "completed_at timestamptz NOT NULL DEFAULT now())");
  exec(conn, "INSERT INTO looplab_build (copies, rows) VALUES (" + std::to_string(options.copies) + ", " +
                 std::to_string(rep.city_rows) + ")");
  grant_reader_access(conn, options.reader_role);
  exec(conn, "COMMIT");
  rep.total_s = seconds_since(start);
  report(options, BuildProgress::Step::done, options.copies);
  return rep;
}

}  // namespace looplab::citydb
