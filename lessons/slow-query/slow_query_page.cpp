// The slow-query lesson page on the lesson frame: mode and clock, the scenario, the
// snippet, the verdict across this page's runs, and its own panels (query lanes, the SQL).
#include <imgui.h>

#include <optional>

#include "app/lesson_frame.h"
#include "app/trace_facts.h"
#include "query_lanes.h"
#include "scenario.h"
#include "snippets.h"
#include "verdict.h"

namespace looplab::slow_query {
namespace {

using app::number_or_null;

app::ParameterSet declare_parameters() {
  using namespace app;
  return ParameterSet({
      choice("mode", "mode", {{"sync", "sync (psycopg2)", "one query after another"},
                              {"async", "async (asyncpg + gather)", "all three sent at once, awaited together"}},
             "sync"),
      clock("real database"),
  });
}

Mode mode_of(const app::ParameterSet& p) { return static_cast<Mode>(p.choice("mode")); }

class SlowQueryPage final : public app::LessonFrame {
 public:
  explicit SlowQueryPage(app::LessonHost& host) : LessonFrame(host, declare_parameters()) {}

 private:
  Coro<void> scenario(const app::ParameterSet& values) override {
    const Mode mode = mode_of(values);
    return scenario_main(mode, plan_, snippet_lines(mode));
  }

  app::Snippet snippet(const app::ParameterSet& values) const override {
    const Mode mode = mode_of(values);
    return {std::string(snippet_file(mode)), std::string(snippet_source(mode))};
  }

  // Keeps each mode's last finished run (real ones apart), so the verdict compares the two;
  // a real run's durations become what the virtual clock replays.
  ui::Verdict verdict(const app::EndedRun& run) override {
    const QueryRun ended = read_run(run.trace, mode_of(run.values), !run.virtual_clock);
    if (ended.finished) {
      (ended.real_clock ? real_runs_ : virtual_runs_)[static_cast<std::size_t>(ended.mode)] = ended;
      if (ended.real_clock) plan_ = plan_from(ended);
    }
    const auto& pair = compared();
    return make_verdict(pair[0], pair[1], ended.mode);
  }

  const std::array<std::optional<QueryRun>, 2>& compared() const {
    return real_runs_[0] || real_runs_[1] ? real_runs_ : virtual_runs_;
  }

  QueryRun shown_run() const {
    if (trace()) return read_run(*trace(), mode_of(shown_values()), lesson_run().clock() == app::RunClock::real_clock);
    QueryRun none;
    for (std::size_t i = 0; i < 3; ++i) none.queries[i].name = std::string(query_names[i]);
    return none;
  }

  std::int64_t shown_copies(const QueryRun& run) const {
    for (const QueryOutcome& q : run.queries)
      if (q.copies >= 0) return q.copies;
    return plan_.copies;
  }

  void draw_controls_note(const app::ParameterSet&) override {
    ImGui::TextDisabled(plan_.from_real_run ? "the virtual clock replays this page's last real run"
                                            : "the virtual clock shares the seed's total by rows");
    ImGui::Text("Database: %s copies of the city list", grouped(shown_copies(shown_run())).c_str());
  }

  void draw_above_timeline() override {
    draw_query_lanes(shown_run(), lesson_run().elapsed_seconds());
    ImGui::Separator();
  }

  void draw_below_panels() override {
    ImGui::Separator();
    draw_sql(shown_run());
  }

  nlohmann::json lesson_state() const override {
    const QueryRun run = shown_run();
    nlohmann::json queries = nlohmann::json::array();
    if (trace()) {
      for (const QueryOutcome& q : run.queries) {
        queries.push_back({{"name", q.name}, {"rows", q.rows}, {"expected_rows", q.expected_rows}, {"copies", q.copies},
                           {"sent", number_or_null(q.sent)}, {"answered", number_or_null(q.answered)},
                           {"first_row_after_s", number_or_null(q.first_row_after_s)},
                           {"transfer_s", number_or_null(q.transfer_s)}, {"total_s", number_or_null(q.total_s)},
                           {"sql", q.sql}, {"lane_label", lane_label(q)}});
      }
    }
    const VerdictFigures f = verdict_figures(compared()[0], compared()[1]);
    return {{"mode", std::string(to_string(mode_of(shown_values())))},
            {"total", number_or_null(run.total)},
            {"finished", run.finished},
            {"filed_run", verdict_run()},  // the run the verdict and the virtual plan have taken in
            {"copies", shown_copies(run)},
            {"queries", queries},
            {"console", trace() ? app::printed_lines(*trace()) : std::vector<std::string>{}},
            {"virtual_plan", {{"seconds", plan_.seconds}, {"rows", plan_.rows}, {"copies", plan_.copies},
                              {"from_real_run", plan_.from_real_run}}},
            {"verdict", {{"sync_total", number_or_null(f.sync_total)}, {"async_total", number_or_null(f.async_total)},
                         {"ratio", number_or_null(f.ratio)}, {"executing_share", number_or_null(f.executing_share)},
                         {"seed_ratio", seed_ratio},
                         {"sentences", sentences(make_verdict(compared()[0], compared()[1]))}}}};
  }

  VirtualPlan plan_ = seed_plan();
  std::array<std::optional<QueryRun>, 2> real_runs_, virtual_runs_;  // by mode
};

}  // namespace
}  // namespace looplab::slow_query

std::unique_ptr<looplab::app::LessonPage> looplab_make_lesson_slow_query(looplab::app::LessonHost& host) {
  return std::make_unique<looplab::slow_query::SlowQueryPage>(host);
}
