#include "scenario.h"

#include <cmath>
#include <algorithm>
#include <vector>
#include <nlohmann/json.hpp>

#include "app/scenario_kit.h"
#include "app/trace_facts.h"
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

std::string model_reply(std::size_t i, const VirtualPlan& plan) {
  nlohmann::json body = {{"query", std::string(query_names[i])}, {"sql", std::string(query_sql[i])},
                         {"rows", plan.rows[i]},          {"expected_rows", plan.rows[i]},
                         {"copies", plan.copies},         {"total_s", plan.seconds[i]},
                         {"answered_by", "the virtual clock's model of the backend"}};
  if (std::isfinite(plan.first_row_after_s[i]) && std::isfinite(plan.transfer_s[i])) {
    body["first_row_after_s"] = plan.first_row_after_s[i];
    body["transfer_s"] = plan.transfer_s[i];
  }
  return body.dump();
}

namespace {

double seconds_or_unknown(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it == j.end() || !it->is_number() ? unknown : it->get<double>();
}

}  // namespace

std::string read_reply(std::string_view body, QueryOutcome& out) {
  const nlohmann::json j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return "the backend's answer is not JSON: " + std::string(body.substr(0, 200));
  try {
    out.sql = j.at("sql").get<std::string>();
    out.rows = j.at("rows").get<std::int64_t>();
    out.expected_rows = j.at("expected_rows").get<std::int64_t>();
    out.copies = j.at("copies").get<std::int64_t>();
    out.total_s = j.at("total_s").get<double>();
  } catch (const nlohmann::json::exception& e) {
    return std::string("the backend's answer lacks a field: ") + e.what();
  }
  // The split comes from the real backend (and from a model replaying a real run).
  out.first_row_after_s = seconds_or_unknown(j, "first_row_after_s");
  out.transfer_s = seconds_or_unknown(j, "transfer_s");
  return {};
}

void read_query_result(IoResult& result) {
  if (result.status != 200) return;  // an error's sentence: the scenario reports it
  QueryOutcome q;
  if (std::string problem = read_reply(result.body, q); !problem.empty()) {
    result.ok = false;
    result.error = problem;
    return;
  }
  result.rows = static_cast<std::uint32_t>(std::max<std::int64_t>(q.rows, 0));
  result.split.until_first = q.first_row_after_s;
  result.split.transfer = q.transfer_s;
}

QueryRun read_run(const Trace& trace, Mode mode, bool real_clock) {
  QueryRun run;
  run.mode = mode;
  run.real_clock = real_clock;
  const std::vector<app::IoFact> ops = app::io_facts(trace);
  for (std::size_t i = 0; i < 3; ++i) {
    QueryOutcome& q = run.queries[i];
    q.name = std::string(query_names[i]);
    if (i >= ops.size()) continue;
    q.sent = ops[i].sent;
    if (!ops[i].ok || ops[i].status != 200 || std::isnan(ops[i].answered)) continue;
    q.answered = ops[i].answered;
    read_reply(ops[i].reply, q);
  }
  const app::MainFacts main = app::main_facts(trace);
  run.finished = main.finished && !main.failed;
  if (run.finished) run.total = main.total();
  return run;
}

VirtualPlan plan_from(const QueryRun& real_run) {
  VirtualPlan plan;
  plan.from_real_run = true;
  for (std::size_t i = 0; i < 3; ++i) {
    const QueryOutcome& q = real_run.queries[i];
    plan.seconds[i] = std::max(q.total_s, 1e-4);
    plan.rows[i] = q.rows;
    plan.copies = q.copies;
    plan.first_row_after_s[i] = q.first_row_after_s;
    plan.transfer_s[i] = q.transfer_s;
  }
  return plan;
}

namespace {

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

Coro<void> run_query(std::size_t i, VirtualPlan plan, SnippetLines lines, bool blocking) {
  const std::string name(query_names[i]);
  mark_line(lines.querying);
  print(name + ": Querying '" + one_line(query_sql[i]) + "'");
  mark_line(lines.waiting);
  IoRequest ask = http_request(query_path(name), plan.seconds[i]);
  ask.simulated_body = model_reply(i, plan);
  ask.read_reply = &read_query_result;
  // psycopg2's execute holds the thread; asyncpg's fetch gives the loop a turn.
  // (No ?: with a co_await in each branch: g++ 12 destroys the wrong temporary there.)
  IoResult reply;
  if (blocking) {
    reply = co_await blocking_io(ask);
  } else {
    reply = co_await io(ask);
  }
  if (reply.status != 200) throw IoError(name + ": the backend answered " + std::to_string(reply.status) + ": " + reply.body);
  mark_line(lines.done);
  print(name + ": Query made! Db replied '" + std::to_string(reply.rows) + "' rows");
}

}  // namespace

Coro<void> scenario_main(Mode mode, VirtualPlan plan, SnippetLines lines) {
  std::vector<app::Work> queries;
  for (std::size_t i = 0; i < 3; ++i) {
    queries.push_back([=] { return run_query(i, plan, lines, mode == Mode::sync); });
  }
  const app::Arrangement how = mode == Mode::sync ? app::Arrangement::one_after_another : app::Arrangement::gathered;
  return app::timed_run(app::run_all(how, std::move(queries), {"R1", "R2", "R3"}, lines.gather), lines.elapsed);
}

}  // namespace looplab::slow_query
