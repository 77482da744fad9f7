#include "scenario.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "looplab/looplab.hpp"

namespace looplab::slow_query {

const std::array<std::string_view, 3> query_sql{
    "SELECT c.name, s.state FROM cities c\n"
    "JOIN states s ON  c.state_id = s.id\n"
    "WHERE s.state IN (\n"
    "    SELECT state FROM states\n"
    ")\n"
    "ORDER BY s.long_name, c.name",
    "SELECT c.name, s.state FROM cities c\n"
    "JOIN states s ON  c.state_id = s.id\n"
    "WHERE c.name like 'A%'",
    "SELECT c.name, s.state FROM cities c\n"
    "JOIN states s ON  c.state_id = s.id\n"
    "WHERE s.state like 'M%' OR s.state like '%P'",
};

VirtualPlan seed_plan() {
  VirtualPlan plan;
  std::int64_t all_rows = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    plan.rows[i] = rows_per_copy[i] * seed_copies;
    all_rows += plan.rows[i];
  }
  // The seed published only totals; its queries' cost grows with the rows they return.
  for (std::size_t i = 0; i < 3; ++i) {
    plan.seconds[i] = std::round(seed_sync_total * static_cast<double>(plan.rows[i]) / static_cast<double>(all_rows) * 1e3) / 1e3;
  }
  return plan;
}

std::string query_path(std::string_view name) { return "/slow-query?name=" + std::string(name); }

std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string python_float(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", value);
  std::string s = text;
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
  return s;
}

std::string read_reply(std::string_view body, QueryOutcome& out) {
  const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "the backend's answer is not JSON: " + std::string(body.substr(0, 200));
  try {
    out.sql = j.at("sql").get<std::string>();
    out.rows = j.at("rows").get<std::int64_t>();
    out.expected_rows = j.at("expected_rows").get<std::int64_t>();
    out.copies = j.at("copies").get<std::int64_t>();
    out.first_row_after_s = j.at("first_row_after_s").get<double>();
    out.transfer_s = j.at("transfer_s").get<double>();
    out.total_s = j.at("total_s").get<double>();
  } catch (const nlohmann::json::exception& e) {
    return std::string("the backend's answer lacks a field: ") + e.what();
  }
  return {};
}

namespace {

const std::string rule_line(10, '=');
const std::string half_line(10, '-');

std::string one_line(std::string_view sql) {
  std::string out;
  bool space = false;
  for (char c : sql) {
    if (c == '\n' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

Coro<void> run_query(std::size_t i, VirtualPlan plan, SnippetLines lines, bool blocking, std::shared_ptr<RunRecord> record) {
  QueryOutcome& q = record->queries[i];
  const std::string name(query_names[i]);
  mark_line(lines.querying);
  q.sent = loop_time();
  print(name + ": Querying '" + one_line(query_sql[i]) + "'");
  mark_line(lines.waiting);
  const bool real = !running_loop().clock().is_virtual();
  IoResult reply;
  // psycopg2's execute holds the thread; asyncpg's fetch gives the loop a turn.
  // (No ?: with a co_await in each branch: g++ 12 destroys the wrong temporary there.)
  if (real) {
    if (blocking) {
      reply = co_await blocking_request(query_path(name), plan.seconds[i]);
    } else {
      reply = co_await request(query_path(name), plan.seconds[i]);
    }
  } else {
    const auto rows = static_cast<std::uint32_t>(plan.rows[i]);
    if (blocking) {
      reply = co_await blocking_query(std::string(query_sql[i]), plan.seconds[i], rows);
    } else {
      reply = co_await query(std::string(query_sql[i]), plan.seconds[i], rows);
    }
  }
  if (!reply.ok) throw IoError(name + ": " + reply.error);
  q.answered = loop_time();
  if (real) {
    if (reply.status != 200) throw IoError(name + ": the backend answered " + std::to_string(reply.status) + ": " + reply.body);
    if (std::string problem = read_reply(reply.body, q); !problem.empty()) throw IoError(name + ": " + problem);
  } else {
    q.sql = std::string(query_sql[i]);
    q.rows = reply.rows;
    q.expected_rows = plan.rows[i];
    q.copies = plan.copies;
    q.total_s = plan.seconds[i];
  }
  mark_line(lines.done);
  print(name + ": Query made! Db replied '" + std::to_string(q.rows) + "' rows");
}

}  // namespace

Coro<void> scenario_main(Mode mode, VirtualPlan plan, SnippetLines lines, std::shared_ptr<RunRecord> record) {
  record->mode = mode;
  record->real_clock = !running_loop().clock().is_virtual();
  for (std::size_t i = 0; i < 3; ++i) record->queries[i].name = std::string(query_names[i]);
  const double started = loop_time();
  print(rule_line);
  if (mode == Mode::sync) {
    for (std::size_t i = 0; i < 3; ++i) co_await run_query(i, plan, lines, true, record);
  } else {
    mark_line(lines.gather);
    co_await gather(create_task(run_query(0, plan, lines, false, record), "R1"),
                    create_task(run_query(1, plan, lines, false, record), "R2"),
                    create_task(run_query(2, plan, lines, false, record), "R3"));
  }
  mark_line(lines.elapsed);
  record->total = loop_time() - started;
  record->finished = true;
  print(half_line);
  print("Time elapsed: " + python_float(record->total));
  print(rule_line);
}

}  // namespace looplab::slow_query
